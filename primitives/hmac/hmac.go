package hmac

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"hash"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/guard"
	"github.com/go-hazmat/hazmat/primitives/internal/hashcore"
)

// HMAC computes an HMAC. It is not safe for concurrent use.
//
// The zero value (and a nil *HMAC) is not usable; use [New]. Its methods
// with an error result return one wrapping [backends.ErrInvalidArgument],
// Sum and Reset panic saying so, and Algorithm, Size and BlockSize return
// nil and 0.
type HMAC struct {
	core hashcore.Core // holds the algorithm
	b    backends.HMACBackend
	// key is a copy of the key, kept only when the backend's context
	// cannot reset itself, for Reset to key a fresh one.
	key []byte
}

var (
	_ hash.Hash   = (*HMAC)(nil)
	_ hash.Cloner = (*HMAC)(nil)
)

// New returns an HMAC keyed with key (copied) over alg, with the default
// backend. An unsupported hash, or SHAKE, returns an error wrapping
// [backends.ErrUnsupportedAlgorithm].
func New(key []byte, alg backends.HashAlgorithm) (*HMAC, error) {
	return NewWithBackend(key, alg, defaultbackend.Get())
}

// NewWithBackend is [New] with a chosen backend. A backend that returns a
// nil context gives an error wrapping [backends.ErrInvalidArgument]; so
// do its MACs of the wrong length, in every later method (Sum panics).
func NewWithBackend(key []byte, alg backends.HashAlgorithm, b backends.HMACBackend) (*HMAC, error) {
	if err := check(alg, b); err != nil {
		return nil, err
	}
	// With either of hazmat's backends, the HMAC and its context share one
	// allocation.
	if h, ctx, ok, err := defaultbackend.NewHMACCtxBeside[HMAC](b, key, alg); ok {
		if err != nil {
			return nil, guard.Wrap("hmac", err)
		}
		h.b = b
		h.core.Init(hashcore.HMAC, alg, ctx)
		return h, nil
	}
	ctx, err := b.CreateHMACCtx(key, alg)
	if err == nil {
		err = hashcore.Check("hmac", alg, ctx)
	}
	if err != nil {
		return nil, guard.Wrap("hmac", err)
	}
	h := &HMAC{b: b}
	if _, ok := ctx.(backends.Resetter); !ok {
		h.key = append([]byte{}, key...)
	}
	h.core.Init(hashcore.HMAC, alg, ctx)
	return h, nil
}

// check refuses what no backend can serve: a nil algorithm or backend, and
// an extendable-output function, for which HMAC is not defined.
func check(alg backends.HashAlgorithm, b backends.HMACBackend) error {
	if guard.IsNil(alg) || guard.IsNil(b) {
		return fmt.Errorf("hmac: nil algorithm or backend: %w", backends.ErrInvalidArgument)
	}
	if _, ok := alg.(backends.ExtendableOutputAlgorithm); ok {
		return fmt.Errorf("hmac: %w", &backends.UnsupportedAlgorithmError{
			Algorithm: alg.Name(),
			Reason:    backends.ReasonUnsupportedMAC,
			Err:       errors.New("HMAC is not defined for extendable-output functions"),
		})
	}
	return nil
}

// Supported reports whether the default backend can compute HMAC with alg.
func Supported(alg backends.HashAlgorithm) bool {
	return defaultbackend.Get().HMACSupported(alg)
}

// Sum returns HMAC(key, data) with alg, computed with the default backend
// in one step (one call into OpenSSL after the key is set up).
func Sum(key []byte, alg backends.HashAlgorithm, data []byte) ([]byte, error) {
	return SumWithBackend(key, alg, data, defaultbackend.Get())
}

// SumWithBackend is [Sum] with a chosen backend: in one step when the
// backend implements [backends.MACer], else through a context.
func SumWithBackend(key []byte, alg backends.HashAlgorithm, data []byte, b backends.HMACBackend) ([]byte, error) {
	if err := check(alg, b); err != nil {
		return nil, err
	}
	if m, ok := b.(backends.MACer); ok {
		out, err := m.MAC(key, alg, data, nil)
		if err == nil {
			err = hashcore.CheckLen("hmac", alg, out)
		}
		if err != nil {
			return nil, guard.Wrap("hmac", err)
		}
		return out, nil
	}
	ctx, err := b.CreateHMACCtx(key, alg)
	if err == nil {
		err = hashcore.Check("hmac", alg, ctx)
	}
	if err == nil {
		if err = ctx.Update(data); err == nil {
			var m []byte
			if m, err = ctx.Finalize(); err == nil {
				if err = hashcore.CheckLen("hmac", alg, m); err == nil {
					return m, nil
				}
			}
		}
	}
	return nil, guard.Wrap("hmac", err)
}

// errNoNew is the error of an HMAC that New did not make.
var errNoNew = fmt.Errorf("hmac: HMAC used without hmac.New: %w", backends.ErrInvalidArgument)

// noNewPanic is the panic of a method with no error result on such an HMAC.
const noNewPanic = "hmac: HMAC used without hmac.New"

// made reports whether h was made by New (or Copy).
func (h *HMAC) made() bool { return h != nil && h.core.Made() }

// Algorithm returns the hash h uses.
func (h *HMAC) Algorithm() backends.HashAlgorithm {
	if h == nil {
		return nil
	}
	return h.core.Alg()
}

// Update adds data. After Finalize or Verify it returns an error wrapping
// [backends.ErrAlreadyFinalized].
func (h *HMAC) Update(data []byte) error {
	if !h.made() {
		return errNoNew
	}
	return h.core.Update(data)
}

// Write adds p, like Update. It implements [io.Writer].
func (h *HMAC) Write(p []byte) (int, error) {
	if err := h.Update(p); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Finalize returns the MAC. Later calls of Update, Finalize, Verify and
// Copy return an error wrapping [backends.ErrAlreadyFinalized] until Reset.
// Unlike Sum it may spend the state: an HMAC done with a message of more
// than a few KiB costs less ended by Finalize than by Sum, which copies the
// state first, and the OpenSSL backend frees the C context of an HMAC never
// Reset at once rather than when the collector finds the HMAC.
func (h *HMAC) Finalize() ([]byte, error) {
	if !h.made() {
		return nil, errNoNew
	}
	return h.core.Finalize()
}

// Verify finalizes h and compares the MAC with signature in constant time.
// A mismatch, including a signature of another length, returns an error
// wrapping [backends.ErrInvalidSignature].
func (h *HMAC) Verify(signature []byte) error {
	m, err := h.Finalize()
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare(m, signature) != 1 {
		return fmt.Errorf("hmac: %w", backends.ErrInvalidSignature)
	}
	return nil
}

// Copy returns an independent HMAC in the same state, with the same key.
func (h *HMAC) Copy() (*HMAC, error) {
	if !h.made() {
		return nil, errNoNew
	}
	c, err := h.core.Copy()
	if err != nil {
		return nil, err
	}
	cp := &HMAC{b: h.b, key: h.key}
	cp.core.Init(hashcore.HMAC, h.core.Alg(), c)
	return cp, nil
}

// Clone is Copy; it implements [hash.Cloner].
func (h *HMAC) Clone() (hash.Cloner, error) {
	c, err := h.Copy()
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Sum appends the MAC of the data written so far to b, without changing
// the state. After Finalize it appends the finalized MAC. It has no error
// result: it panics if the backend fails, with a message saying why, or
// when h was not made by New.
func (h *HMAC) Sum(b []byte) []byte {
	if !h.made() {
		panic(noNewPanic)
	}
	return h.core.Sum(b)
}

// Reset returns h to its state just after keying, also after Finalize:
// through the context's own reset, or with a fresh context keyed again.
// It panics only when h was not made by New. When the context's own reset
// fails (a key FIPS mode now refuses), or the backend cannot give h a
// fresh context, Reset keeps the error, and every later method returns it
// (Sum panics with it) until a Reset succeeds; h never goes on with a
// context keyed otherwise.
func (h *HMAC) Reset() {
	if !h.made() {
		panic(noNewPanic)
	}
	h.core.Reset(h.renew)
}

// renew returns a freshly keyed context for Reset. An HMAC whose context
// resets itself keeps no key: when that Reset fails, renew returns its
// error (kept until a Reset succeeds), as a context keyed with anything
// but the key would compute wrong MACs.
func (h *HMAC) renew(resetErr error) (hashcore.Ctx, error) {
	if h.key == nil {
		return nil, resetErr
	}
	ctx, err := h.b.CreateHMACCtx(h.key, h.core.Alg())
	if err != nil {
		return nil, err
	}
	return ctx, nil
}

// Size returns the MAC length in bytes.
func (h *HMAC) Size() int {
	if !h.made() {
		return 0
	}
	return h.core.Alg().DigestSize()
}

// BlockSize returns the hash's block size in bytes.
func (h *HMAC) BlockSize() int {
	if !h.made() {
		return 0
	}
	return h.core.Alg().BlockSize()
}
