package gocrypto

import (
	stdhmac "crypto/hmac"
	"errors"
	"fmt"
	"hash"
	"sync"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

// minFIPSKeySize is the shortest HMAC, HKDF and PBKDF2-output key Go's
// module takes under GODEBUG=fips140=only: 112 bits (NIST SP 800-131A).
const minFIPSKeySize = 112 / 8

// errXOFHMAC is why no HMAC is offered over SHAKE.
var errXOFHMAC = errors.New("HMAC is not defined for extendable-output functions")

// hmacHash returns the digest of an HMAC with alg, or the error saying why
// the backend offers no such HMAC: those of the digest itself (Go lacks
// it, FIPS mode refuses it), an extendable-output function, sizes that
// are not Go's.
func hmacHash(alg backends.HashAlgorithm) (*hashInfo, error) {
	h, err := lookupHash(alg)
	if err != nil {
		return nil, err
	}
	if h.xof() {
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: alg.Name(), Reason: backends.ReasonUnsupportedMAC, Err: errXOFHMAC}
	}
	if _, err := hashOutLen(alg, h); err != nil {
		return nil, err
	}
	return h, nil
}

// hmacHashForKey is hmacHash, then checkHMACKey: what every HMAC with a
// key checks before crypto/hmac sees it.
func hmacHashForKey(alg backends.HashAlgorithm, key []byte) (*hashInfo, error) {
	h, err := hmacHash(alg)
	if err != nil {
		return nil, err
	}
	if err := checkHMACKey(alg, key); err != nil {
		return nil, err
	}
	return h, nil
}

// checkHMACKey applies the key rule of Go's module under
// GODEBUG=fips140=only, where crypto/hmac panics on a key shorter than
// 112 bits: the error names FIPS and wraps [backends.ErrInvalidKeySize],
// as the OpenSSL backend's does when a FIPS provider's hmac-key-check
// refuses a key.
func checkHMACKey(alg backends.HashAlgorithm, key []byte) error {
	if len(key) >= minFIPSKeySize || !Enforced() {
		return nil
	}
	return fmt.Errorf("gocrypto: HMAC-%s key of %d bytes refused in FIPS mode (GODEBUG=fips140=only): Go's FIPS 140-3 module requires at least 112 bits, %d bytes (NIST SP 800-131A): %w",
		alg.Name(), len(key), minFIPSKeySize, backends.ErrInvalidKeySize)
}

// hmacClones reports whether Go's HMAC over h can copy its state
// ([hash.Cloner]); it cannot over SHA-3 (Go's module's SHA-3 has no
// hash.Cloner Clone) nor BLAKE2. Tried once per digest.
func hmacClones(h *hashInfo) bool {
	h.hmacOnce.Do(func() {
		m := stdhmac.New(h.newHash, make([]byte, 32))
		if c, ok := m.(hash.Cloner); ok {
			cp, err := c.Clone()
			_, isHash := cp.(hash.Hash)
			h.hmacClones = err == nil && isHash
		}
	})
	return h.hmacClones
}

// HMACSupported reports whether an HMAC with alg can be computed: the
// digest is served (see [Backend.HashSupported]) and is not an
// extendable-output function. Under GODEBUG=fips140=only keys shorter than
// 14 bytes are still refused, by CreateHMACCtx. It is safe for concurrent
// use.
func (b *Backend) HMACSupported(alg backends.HashAlgorithm) bool {
	_, err := hmacHash(alg)
	return err == nil
}

// CreateHMACCtx returns a new HMAC context keyed with key (copied; nil and
// empty keys are valid except under GODEBUG=fips140=only). Errors: those
// of [Backend.CreateHashCtx]; an [*backends.UnsupportedAlgorithmError]
// with Reason [backends.ReasonUnsupportedMAC] for SHAKE; under
// fips140=only, an error wrapping [backends.ErrInvalidKeySize] for a key
// shorter than 112 bits.
//
// The context implements [backends.Summer] and [backends.Resetter]. Go's
// HMAC over SHA-3 or BLAKE2 cannot copy its state: such a context keeps the
// data written since its last Reset, up to 1 MiB, so that Copy can replay
// it; past 1 MiB it keeps nothing and Copy returns an
// [*backends.UnsupportedAlgorithmError] until the next Reset. It is not
// safe for concurrent use.
func (b *Backend) CreateHMACCtx(key []byte, alg backends.HashAlgorithm) (backends.HMACContext, error) {
	h, err := hmacHashForKey(alg, key)
	if err != nil {
		return nil, err
	}
	c := &hmacCtx{}
	c.init(alg, h, key)
	return c, nil
}

// NewHMACCtxBeside is [Backend.CreateHMACCtx] for a caller that wraps the
// context in a value of its own, of type T: it returns a new zero T and the
// context in one allocation, which lives as long as either is reachable
// (Go's HMAC and its digest states are the others, which crypto/hmac
// makes). hmac.New keeps its HMAC there through this backend. Every
// Backend computes HMACs alike, so none is named. Errors are those of
// CreateHMACCtx, and nothing is allocated then.
func NewHMACCtxBeside[T any](key []byte, alg backends.HashAlgorithm) (*T, backends.HMACContext, error) {
	h, err := hmacHashForKey(alg, key)
	if err != nil {
		return nil, nil, err
	}
	p := new(struct {
		owner T
		c     hmacCtx
	})
	p.c.init(alg, h, key)
	return &p.owner, &p.c, nil
}

// init sets up a zero c for alg, which hmacHash resolved to h, keyed with
// key.
func (c *hmacCtx) init(alg backends.HashAlgorithm, h *hashInfo, key []byte) {
	c.alg, c.info, c.h = alg, h, stdhmac.New(h.newHash, key)
	if !hmacClones(h) {
		c.replay = true
		c.key = append([]byte{}, key...)
	}
}

// MAC appends HMAC(key, data) with alg to dst. Errors are those of
// [Backend.CreateHMACCtx]; dst is returned unchanged then.
func (b *Backend) MAC(key []byte, alg backends.HashAlgorithm, data, dst []byte) ([]byte, error) {
	if guard.IsNil(alg) {
		return dst, errNilHash
	}
	h, err := hmacHashForKey(alg, key)
	if err != nil {
		return dst, err
	}
	m := stdhmac.New(h.newHash, key)
	m.Write(data)
	return m.Sum(dst), nil
}

// hmacCtx is an HMAC context over crypto/hmac. It implements
// [backends.HMACContext], [backends.Summer] and [backends.Resetter]. It is
// not safe for concurrent use.
type hmacCtx struct {
	alg  backends.HashAlgorithm
	info *hashInfo
	h    hash.Hash
	// With replay set (Go's HMAC over this digest has no Clone), key is a
	// copy of the key and hist the data written since the last reset, up
	// to hmacReplayLimit bytes; past it, hist is dropped and lost is set.
	replay bool
	key    []byte
	hist   []byte
	lost   bool
	done   bool
}

// hmacReplayLimit bounds what an HMAC context that cannot clone Go's state
// keeps to replay on Copy: past it, the context keeps nothing (an HMAC of
// a large stream must not hold the stream in memory) and Copy is refused.
const hmacReplayLimit = 1 << 20

var (
	_ backends.HMACContext = (*hmacCtx)(nil)
	_ backends.Summer      = (*hmacCtx)(nil)
	_ backends.Resetter    = (*hmacCtx)(nil)
	_ backends.MACer       = (*Backend)(nil)
)

var errNoHMACCtx = fmt.Errorf("gocrypto: HMAC context used without Backend.CreateHMACCtx: %w", backends.ErrInvalidArgument)

func (c *hmacCtx) ready() error {
	switch {
	case c.info == nil:
		return errNoHMACCtx
	case c.done:
		return backends.ErrAlreadyFinalized
	}
	return nil
}

// Algorithm returns the hash the HMAC uses.
func (c *hmacCtx) Algorithm() backends.HashAlgorithm { return c.alg }

// Update adds data to the MAC.
func (c *hmacCtx) Update(data []byte) error {
	if err := c.ready(); err != nil {
		return err
	}
	c.h.Write(data)
	switch {
	case !c.replay || c.lost:
	case len(c.hist)+len(data) > hmacReplayLimit:
		c.forget()
		c.lost = true
	default:
		c.hist = append(c.hist, data...)
	}
	return nil
}

// forget clears and drops what the context kept to replay.
func (c *hmacCtx) forget() {
	clear(c.hist)
	c.hist = nil
}

// Sum appends the MAC of the data written so far to dst, leaving the state
// unchanged.
func (c *hmacCtx) Sum(dst []byte) ([]byte, error) {
	if err := c.ready(); err != nil {
		return dst, err
	}
	return c.h.Sum(dst), nil
}

// Finalize returns the MAC. Later calls of any method but Reset return
// [backends.ErrAlreadyFinalized].
func (c *hmacCtx) Finalize() ([]byte, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	out := c.h.Sum(make([]byte, 0, c.info.size))
	c.done = true
	c.forget()
	return out, nil
}

// Reset returns the context to its keyed initial state, also after
// Finalize.
func (c *hmacCtx) Reset() error {
	if c.info == nil {
		return errNoHMACCtx
	}
	c.h.Reset()
	c.forget()
	c.lost, c.done = false, false
	return nil
}

// Copy returns an independent context in the same state.
func (c *hmacCtx) Copy() (backends.HMACContext, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	cp := &hmacCtx{alg: c.alg, info: c.info, replay: c.replay}
	if c.lost {
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: "HMAC-" + c.info.name, Reason: backends.ReasonUnsupportedMAC,
			Err: fmt.Errorf("gocrypto: Go's HMAC over %s cannot copy its state, and the context keeps only the first %d bytes written since Reset to replay: %w",
				c.info.name, hmacReplayLimit, errors.ErrUnsupported)}
	}
	if c.replay {
		cp.key = c.key
		cp.hist = append([]byte{}, c.hist...)
		cp.h = stdhmac.New(c.info.newHash, c.key)
		cp.h.Write(cp.hist)
		return cp, nil
	}
	cl, err := c.h.(hash.Cloner).Clone()
	if err != nil {
		return nil, fmt.Errorf("gocrypto: copying the HMAC-%s state: %w", c.info.name, err)
	}
	cp.h = cl.(hash.Hash)
	return cp, nil
}

// hmacState is what hashInfo caches about Go's HMAC over the digest.
type hmacState struct {
	hmacOnce   sync.Once
	hmacClones bool
}
