//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

// aead seals and opens whole messages with an authenticated cipher (GCM,
// CCM, ChaCha20-Poly1305), each in one C call. It implements
// [backends.AEADContext] and is safe for concurrent use: it keeps a pool
// of contexts that already hold the key schedule and takes one per
// operation, so no context is ever shared between goroutines.
type aead struct {
	n      aeadName
	key    []byte // a copy, to key new pooled contexts (and every CCM operation)
	tagLen int
	st     atomic.Pointer[aeadState]
}

var _ backends.AEADContext = (*aead)(nil)

// aeadName names a one-shot AEAD: the EVP cipher, and the algorithm and
// mode as errors name them.
type aeadName struct {
	evp       string // e.g. "aes-128-gcm"
	alg, mode string // e.g. "AES", "GCM"
}

// aeadState is what an aead holds for one FIPS mode: the cipher fetched in
// it and the pools of contexts keyed with that cipher. A switch of mode
// replaces the whole state, so that no pooled context of the old mode is
// ever used again.
type aeadState struct {
	e    *cipherEntry
	ccm  bool
	key  []byte
	seal sync.Pool // *aeadCtx keyed for encryption
	open sync.Pool // *aeadCtx keyed for decryption
}

type aeadCtx struct {
	ctx   *C.EVP_CIPHER_CTX
	ivLen int // the IV length the context is set up for
}

// AEADSupported reports whether the pair runs as a one-shot AEAD right
// now: an adapter names an EVP cipher for it, a provider under the current
// default properties serves it, and it is GCM, CCM or ChaCha20-Poly1305.
func (b *Backend) AEADSupported(cipher backends.CipherAlgorithm, mode backends.Mode) bool {
	if guard.IsNil(cipher) {
		return false
	}
	n, err := b.aeadName(current(), cipher, mode)
	if err != nil {
		return false
	}
	_, err = oneShotEntry(current(), n)
	return err == nil
}

// CreateAEADCtx returns a one-shot AEAD for the pair (AES with GCM or CCM,
// ChaCha20-Poly1305 with a nil mode), keyed with cipher's key (copied),
// with tags of tagSize bytes. An unavailable pair, or an AEAD other than
// GCM, CCM and ChaCha20-Poly1305, returns an
// [*backends.UnsupportedAlgorithmError]. The result is safe for concurrent
// use.
//
// tagSize must be one the cipher allows, else the error wraps
// [backends.ErrInvalidTagSize]: 16 for ChaCha20-Poly1305 (RFC 8439); 4, 6,
// ..., 16 for CCM (NIST SP 800-38C); 4 to 16 for GCM, where a length below
// 16 is the caller's explicit choice of a truncated tag, easier to forge
// (NIST SP 800-38D, Appendix C).
func (b *Backend) CreateAEADCtx(cipher backends.CipherAlgorithm, mode backends.Mode, tagSize int) (backends.AEADContext, error) {
	if guard.IsNil(cipher) {
		return nil, fmt.Errorf("openssl: nil cipher: %w", backends.ErrInvalidArgument)
	}
	n, err := b.aeadName(current(), cipher, mode)
	if err != nil {
		return nil, err
	}
	return newAEAD(n, cipher.Key(), tagSize)
}

// aeadName resolves the pair's EVP name with the adapter registry.
func (b *Backend) aeadName(m *fipsMode, cipher backends.CipherAlgorithm, mode backends.Mode) (aeadName, error) {
	e, err := b.fetchPair(m, cipher, mode)
	if err != nil {
		return aeadName{}, err
	}
	n := aeadName{evp: e.name, alg: cipher.Name()}
	if !guard.IsNil(mode) {
		n.mode = mode.Name()
	}
	return n, nil
}

// newAEAD returns the one-shot AEAD n with key (copied) and tags of tagLen
// bytes.
func newAEAD(n aeadName, key []byte, tagLen int) (*aead, error) {
	a := &aead{n: n, tagLen: tagLen, key: append([]byte(nil), key...)}
	st, err := a.newState(current())
	if err != nil {
		return nil, err
	}
	a.st.Store(st)
	return a, nil
}

// unsupported is the error of an AEAD that mode m cannot run.
func (n aeadName) unsupported(reason backends.Reason, err error) error {
	return &backends.UnsupportedAlgorithmError{Algorithm: n.alg, Mode: n.mode, Reason: reason, Err: err}
}

// oneShotEntry fetches n's cipher in mode m and checks that the one-shot
// helpers can run it.
func oneShotEntry(m *fipsMode, n aeadName) (*cipherEntry, error) {
	e := fetchCipher(m, n.evp)
	if e.err != nil {
		reason := backends.ReasonUnsupportedCipher
		if m.fips && e.legacyKnown {
			reason = backends.ReasonFIPSRefused
		}
		return nil, n.unsupported(reason, e.err)
	}
	// The one-shot helpers expect all output from the data update and none
	// from the final call: true of GCM, CCM and ChaCha20-Poly1305, not of
	// OCB (whose final call writes the last partial block) or SIV, nor of
	// the TLS composites.
	if !e.aead || (e.mode != C.EVP_CIPH_GCM_MODE && e.mode != C.EVP_CIPH_CCM_MODE &&
		(e.mode != C.EVP_CIPH_STREAM_CIPHER || e.shape != shapeStream)) {
		return nil, n.unsupported(backends.ReasonUnsupportedCipher,
			fmt.Errorf("openssl: %s: one-shot AEADs run GCM, CCM and ChaCha20-Poly1305 only", n.evp))
	}
	return e, nil
}

// newState fetches the cipher in mode m, checks it and the key, and keys
// one context, so that a refused key (FIPS rules, say) shows at once.
func (a *aead) newState(m *fipsMode) (*aeadState, error) {
	e, err := oneShotEntry(m, a.n)
	if err != nil {
		return nil, err
	}
	if err := tagRuleOf(e).check(e.name, a.tagLen, 0); err != nil {
		return nil, err
	}
	// Re-checked here because EVP reads keyLen bytes of the key; the
	// descriptors have refused a wrong length before.
	if !e.variableKey && len(a.key) != e.keyLen {
		return nil, fmt.Errorf("openssl: %s takes a %d-byte key, got %d: %w", a.n.evp, e.keyLen, len(a.key), backends.ErrInvalidKeySize)
	}
	st := &aeadState{e: e, ccm: e.mode == C.EVP_CIPH_CCM_MODE, key: a.key}
	st.seal.New = func() any { return st.newCtx(true) }
	st.open.New = func() any { return st.newCtx(false) }
	c, err := st.get(&st.seal)
	if err != nil {
		return nil, keyRefused(e, a.key, err)
	}
	st.seal.Put(c)
	return st, nil
}

// state returns the state of the FIPS mode in force: the current one after
// one atomic load, or a new one after a switch of mode. A cipher the new
// mode does not serve returns the *backends.UnsupportedAlgorithmError.
func (a *aead) state() (*aeadState, error) {
	st := a.st.Load()
	if st == nil {
		return nil, fmt.Errorf("openssl: AEAD used without Backend.CreateAEADCtx: %w", backends.ErrInvalidArgument)
	}
	if st.e.fm == current() {
		return st, nil
	}
	next, err := a.newState(current())
	if err != nil {
		return nil, err
	}
	if !a.st.CompareAndSwap(st, next) {
		// Another goroutine moved it first; its state is as good.
		return a.st.Load(), nil
	}
	return next, nil
}

// newCtx returns a keyed context, or an error value for get to report.
func (st *aeadState) newCtx(enc bool) any {
	var q *C.go_errq
	ctx := C.go_cipher_ctx_new(&q)
	if ctx == nil {
		return newError("EVP_CIPHER_CTX_new", q)
	}
	c := &aeadCtx{ctx: ctx, ivLen: st.e.ivLen}
	runtime.AddCleanup(c, func(ctx *C.EVP_CIPHER_CTX) { C.go_cipher_ctx_free(ctx) }, ctx)
	if st.ccm {
		return c // keyed per operation
	}
	r := C.go_aead_key(ctx, st.e.cipher, base(st.key), C.int(len(st.key)), boolInt(enc))
	runtime.KeepAlive(c)
	if err := check("EVP_CipherInit_ex2", r); err != nil {
		if st.e.fm.fips {
			return fmt.Errorf("openssl: %s key refused in FIPS mode: %w", st.e.name, err)
		}
		return err
	}
	return c
}

func (st *aeadState) get(p *sync.Pool) (*aeadCtx, error) {
	switch v := p.Get().(type) {
	case *aeadCtx:
		return v, nil
	case error:
		return nil, v
	}
	return nil, fmt.Errorf("openssl: no cipher context")
}

// Overhead returns the tag length.
func (a *aead) Overhead() int { return a.tagLen }

// Seal encrypts and authenticates plaintext and aad, appending
// ciphertext‖tag to dst. dst's spare capacity may hold the output; it must
// not overlap plaintext except exactly (in place, dst[len(dst):] starting
// at plaintext[0]).
func (a *aead) Seal(dst, nonce, plaintext, aad []byte) ([]byte, error) {
	if len(plaintext) > math.MaxInt32-a.tagLen || len(aad) > math.MaxInt32 {
		return dst, fmt.Errorf("openssl: message too long for one call: %w", backends.ErrInvalidDataLength)
	}
	ret, out := grow(dst, len(plaintext)+a.tagLen)
	if guard.InexactOverlap(out, plaintext) {
		return dst, fmt.Errorf("openssl: %w", backends.ErrInvalidBufferOverlap)
	}
	st, err := a.state()
	if err != nil {
		return dst, err
	}
	if st.ccm {
		if err := ccmLength(a.n.evp, len(nonce), len(plaintext)); err != nil {
			return dst, err
		}
	}
	c, err := st.get(&st.seal)
	if err != nil {
		return dst, err
	}
	var r C.go_result
	if st.ccm {
		r = C.go_ccm_seal(c.ctx, st.e.cipher, base(a.key), C.int(len(a.key)), base(nonce), C.int(len(nonce)),
			base(aad), C.int(len(aad)), base(plaintext), C.int(len(plaintext)), base(out), C.int(a.tagLen))
	} else {
		r = C.go_aead_seal(c.ctx, base(nonce), C.int(len(nonce)), boolInt(len(nonce) != c.ivLen), base(aad), C.int(len(aad)),
			base(plaintext), C.int(len(plaintext)), base(out), C.int(a.tagLen))
	}
	if r.ok == 1 {
		c.ivLen = len(nonce)
		st.seal.Put(c)
	}
	if err := check("EVP_EncryptFinal_ex", r); err != nil {
		return dst, nonceRefused(a.n.evp, len(nonce), err)
	}
	return ret, nil
}

// ccmLength checks a CCM message length against the nonce: a nonce of n
// bytes leaves L = 15-n bytes to encode the length, so messages are
// shorter than 2^(8L) bytes (NIST SP 800-38C, A.1; RFC 3610, 2). Nonce
// lengths outside 7..13 are OpenSSL's to refuse.
func ccmLength(name string, nonceLen, n int) error {
	l := 15 - nonceLen
	if l < 2 || l >= 8 || n < 1<<(8*l) {
		return nil
	}
	return fmt.Errorf("openssl: %s with a %d-byte nonce takes messages shorter than 2^%d bytes, got %d: %w",
		name, nonceLen, 8*l, n, backends.ErrInvalidDataLength)
}

// Open authenticates and decrypts ciphertext‖tag with aad, appending the
// plaintext to dst. On a mismatch it returns [backends.ErrInvalidTag], and
// whatever of dst's spare capacity it used is zeroed: no unauthenticated
// plaintext is released.
func (a *aead) Open(dst, nonce, ciphertext, aad []byte) ([]byte, error) {
	// package aead refuses this first, with the same error; the re-check
	// keeps the plaintext length below from going negative.
	if len(ciphertext) < a.tagLen {
		return dst, backends.ErrInvalidTag
	}
	if len(ciphertext) > math.MaxInt32 || len(aad) > math.MaxInt32 {
		return dst, fmt.Errorf("openssl: message too long for one call: %w", backends.ErrInvalidDataLength)
	}
	ptLen := len(ciphertext) - a.tagLen
	ret, out := grow(dst, ptLen)
	if guard.InexactOverlap(out, ciphertext) {
		return dst, fmt.Errorf("openssl: %w", backends.ErrInvalidBufferOverlap)
	}
	st, err := a.state()
	if err != nil {
		return dst, err
	}
	c, err := st.get(&st.open)
	if err != nil {
		return dst, err
	}
	var r C.go_result
	if st.ccm {
		r = C.go_ccm_open(c.ctx, st.e.cipher, base(a.key), C.int(len(a.key)), base(nonce), C.int(len(nonce)),
			base(aad), C.int(len(aad)), base(ciphertext), C.int(len(ciphertext)), base(out), C.int(a.tagLen))
	} else {
		r = C.go_aead_open(c.ctx, base(nonce), C.int(len(nonce)), boolInt(len(nonce) != c.ivLen), base(aad), C.int(len(aad)),
			base(ciphertext), C.int(len(ciphertext)), base(out), C.int(a.tagLen))
	}
	if r.ok == 1 || r.errq == nil {
		// Success, or a tag mismatch after a complete setup.
		c.ivLen = len(nonce)
		st.open.Put(c)
	}
	if r.ok != 1 {
		if r.errq == nil {
			clear(out)
			return dst, backends.ErrInvalidTag
		}
		err := check("EVP_DecryptFinal_ex", r)
		if nerr := nonceRefused(a.n.evp, len(nonce), err); nerr != err {
			return dst, nerr // refused while setting up: nothing was written
		}
		clear(out)
		return dst, err
	}
	return ret, nil
}
