//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/cipherreg"
	"github.com/go-hazmat/hazmat/internal/guard"
)

// Backend is the OpenSSL backend. It implements [backends.HashBackend],
// [backends.HMACBackend], [backends.CipherBackend], [backends.MACBackend],
// [backends.KeyWrapBackend] and [backends.RandBackend]. It is safe for
// concurrent use. The zero value is not usable: use [NewBackend] or
// [DefaultBackend].
type Backend struct {
	ciphers cipherreg.Registry
}

var (
	_ backends.HashBackend = (*Backend)(nil)
	_ backends.HMACBackend = (*Backend)(nil)
	_ backends.Digester    = (*Backend)(nil)
	_ backends.MACer       = (*Backend)(nil)
	_ backends.AEADBackend = (*Backend)(nil)
)

var defaultBackend = sync.OnceValue(NewBackend)

// errNoBackend is the error of the cipher methods of a zero Backend or a
// nil *Backend, which have no adapters.
var errNoBackend = fmt.Errorf("openssl: Backend used without NewBackend or DefaultBackend: %w", backends.ErrInvalidArgument)

// DefaultBackend returns the process-wide backend that the primitives
// packages use when they are not given one.
func DefaultBackend() *Backend { return defaultBackend() }

// NewBackend returns a backend with the default cipher adapters
// registered. Backends share OpenSSL's providers, FIPS mode and fetched
// algorithms; each has its own adapter registry.
func NewBackend() *Backend {
	b := &Backend{}
	b.ciphers.Init()
	return b
}

// HashSupported reports whether alg can be computed right now: a provider
// under the current default properties serves it and a context initialises
// with it.
func (b *Backend) HashSupported(alg backends.HashAlgorithm) bool {
	if guard.IsNil(alg) {
		return false
	}
	e := fetchMD(alg.Name())
	if e.err != nil {
		return false
	}
	_, err := digestOutLen(alg, e)
	return err == nil
}

// CreateHashCtx returns a new digest context for alg, or an
// [*backends.UnsupportedAlgorithmError].
func (b *Backend) CreateHashCtx(alg backends.HashAlgorithm) (backends.HashContext, error) {
	d, err := newDigestCtx(alg)
	if err != nil {
		return nil, err
	}
	return d, nil
}

// NewHashCtxBeside is [Backend.CreateHashCtx] for a caller that wraps the
// context in a value of its own, of type T: it returns a new zero T and the
// context in one allocation, which lives as long as either is reachable.
// hashes.New keeps its Hash there through the default backend. Every
// Backend computes digests alike, so none is named. Errors are those of
// CreateHashCtx, and nothing is allocated then.
func NewHashCtxBeside[T any](alg backends.HashAlgorithm) (*T, backends.HashContext, error) {
	e, n, err := digestEntry(alg)
	if err != nil {
		return nil, nil, err
	}
	p := new(struct {
		owner T
		d     digestCtx
	})
	p.d.alg, p.d.e, p.d.outLen = alg, e, int32(n)
	return &p.owner, &p.d, nil
}

// NewHMACCtxBeside is [Backend.CreateHMACCtx] for a caller that wraps the
// context in a value of its own, of type T: it returns a new zero T and the
// context in one allocation, which lives as long as either is reachable.
// hmac.New keeps its HMAC there through the default backend. Every Backend
// computes HMACs alike, so none is named. Errors are those of
// CreateHMACCtx, and the T is not returned then.
func NewHMACCtxBeside[T any](key []byte, alg backends.HashAlgorithm) (*T, backends.HMACContext, error) {
	if guard.IsNil(alg) {
		return nil, nil, errNilAlg
	}
	e, err := hmacEntry(current(), alg)
	if err != nil {
		return nil, nil, err
	}
	p := new(struct {
		owner T
		m     macCtx
	})
	if err := p.m.init(e, key, alg); err != nil {
		return nil, nil, err
	}
	return &p.owner, &p.m, nil
}

// HMACSupported reports whether an HMAC with alg works right now.
func (b *Backend) HMACSupported(alg backends.HashAlgorithm) bool {
	if guard.IsNil(alg) {
		return false
	}
	_, err := hmacEntry(current(), alg)
	return err == nil
}

// CreateHMACCtx returns a new HMAC context keyed with key (copied by
// OpenSSL; nil and empty keys are valid), or an
// [*backends.UnsupportedAlgorithmError].
func (b *Backend) CreateHMACCtx(key []byte, alg backends.HashAlgorithm) (backends.HMACContext, error) {
	if guard.IsNil(alg) {
		return nil, errNilAlg
	}
	m, err := newMACCtx(key, alg)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// scratch is a C digest state (one EVP_MD_CTX) that
// streaming contexts borrow for their lifetime, so that they neither
// allocate in C nor register a cleanup per use. (One-shot digests use the
// C thread's own context: go_digest_oneshot_tls.) Scratches
// are made in slabs: one Go allocation and one cleanup for scratchSlabSize
// states. A context returns its scratch to the pool at Finalize; one
// dropped without Finalize (a hash.Hash most often is) keeps it, and the
// slab's cleanup runs once no scratch of the slab is reachable: it puts
// the slab's C states (a stateSet) in spareStates for the next slab. A
// program that makes hashers and drops them so reuses C states whose
// provider contexts are made and in warm memory, rather than make 32 new
// ones (EVP_MD_CTX_new, the provider's context at the first
// EVP_DigestInit_ex2) and free as many for every 32 hashers. Spare sets
// are kept as long as a sync.Pool keeps its values, about two garbage
// collections; a set that the pool drops is freed by its own cleanup.
type scratch struct{ st *C.go_md_state }

const scratchSlabSize = 32

// stateSet is a slab's worth of C states.
type stateSet [scratchSlabSize]*C.go_md_state

var (
	scratchPool sync.Pool // of *scratch
	spareStates sync.Pool // of *stateSet, of slabs no longer reachable
	slabMu      sync.Mutex
	slabFree    []*scratch   // the unused scratches of the newest slab
	setsMade    atomic.Int64 // stateSets made, for the tests
)

// getScratch borrows a scratch: from the pool, or from a new slab.
func getScratch() (*scratch, error) {
	if s, ok := scratchPool.Get().(*scratch); ok {
		return s, nil
	}
	slabMu.Lock()
	defer slabMu.Unlock()
	if len(slabFree) == 0 {
		states, err := getStateSet()
		if err != nil {
			return nil, err
		}
		slab := new([scratchSlabSize]scratch)
		for i := range slab {
			slab[i].st = states[i]
		}
		runtime.AddCleanup(&slab[0], putStateSet, states)
		for i := range slab {
			slabFree = append(slabFree, &slab[i])
		}
	}
	s := slabFree[len(slabFree)-1]
	slabFree = slabFree[:len(slabFree)-1]
	return s, nil
}

// getStateSet returns a spare set of C states, or makes one. Every user of
// a state initialises it (EVP_DigestInit_ex2 or EVP_MD_CTX_copy_ex) before
// reading it, so what a spare state held before does not matter.
func getStateSet() (*stateSet, error) {
	if s, ok := spareStates.Get().(*stateSet); ok {
		return s, nil
	}
	s := new(stateSet)
	// C makes the states, and later frees them, in one crossing each (it
	// writes only C pointers into the set).
	var q *C.go_errq
	if C.go_md_states_new(&s[0], scratchSlabSize, &q) != 1 {
		return nil, newError("EVP_MD_CTX_new", q)
	}
	runtime.AddCleanup(s, freeStates, *s)
	setsMade.Add(1)
	return s, nil
}

// putStateSet is the cleanup of a slab: its states go to spareStates.
func putStateSet(s *stateSet) { spareStates.Put(s) }

// freeStates is the cleanup of a stateSet: it frees the states.
func freeStates(states stateSet) {
	C.go_md_states_free(&states[0], scratchSlabSize)
}

// digestOneShot writes the digest of data, len(out) bytes, into out, on
// the C thread's own context.
func digestOneShot(e *mdEntry, data, out []byte) error {
	r := C.go_digest_oneshot_tls(e.md, base(data), C.size_t(len(data)), base(out), C.size_t(len(out)), boolInt(e.xof))
	return check("EVP_Digest", r)
}

// Digest appends the digest of data to dst in one C call.
func (b *Backend) Digest(alg backends.HashAlgorithm, data, dst []byte) ([]byte, error) {
	if guard.IsNil(alg) {
		return dst, errNilAlg
	}
	e := fetchMD(alg.Name())
	if e.err != nil {
		return dst, e.err
	}
	n, err := digestOutLen(alg, e)
	if err != nil {
		return dst, err
	}
	ret, out := grow(dst, n)
	if err := digestOneShot(e, data, out); err != nil {
		return dst, err
	}
	return ret, nil
}

// MAC appends HMAC(key, data) with alg to dst.
func (b *Backend) MAC(key []byte, alg backends.HashAlgorithm, data, dst []byte) ([]byte, error) {
	if guard.IsNil(alg) {
		return dst, errNilAlg
	}
	e, err := hmacEntry(current(), alg)
	if err != nil {
		return dst, err
	}
	ret, out := grow(dst, e.size)
	if err := oneShotTLS(e, key, data, out); err != nil {
		return dst, macKeyError(alg, key, err)
	}
	return ret, nil
}

var errNilAlg = fmt.Errorf("openssl: nil hash algorithm: %w", backends.ErrInvalidArgument)
