package hmac

import (
	"crypto/subtle"
	"fmt"
	"hash"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
)

// HMAC computes an HMAC. It is not safe for concurrent use.
//
// The zero value (and a nil *HMAC) is not usable; use [New]. Its methods
// with an error result return one wrapping [backends.ErrInvalidArgument],
// Sum and Reset panic saying so, and Algorithm, Size and BlockSize return
// nil and 0.
type HMAC struct {
	alg   backends.HashAlgorithm
	ctx   backends.HMACContext
	final []byte
}

var (
	_ hash.Hash   = (*HMAC)(nil)
	_ hash.Cloner = (*HMAC)(nil)
)

// New returns an HMAC keyed with key (copied) over alg, with the default
// OpenSSL backend. An unsupported hash, or SHAKE, returns an error wrapping
// [backends.ErrUnsupportedAlgorithm].
func New(key []byte, alg backends.HashAlgorithm) (*HMAC, error) {
	return NewWithBackend(key, alg, openssl.DefaultBackend())
}

// NewWithBackend is [New] with a chosen backend.
func NewWithBackend(key []byte, alg backends.HashAlgorithm, b backends.HMACBackend) (*HMAC, error) {
	if alg == nil || b == nil {
		return nil, fmt.Errorf("hmac: nil algorithm or backend: %w", backends.ErrInvalidArgument)
	}
	if _, ok := alg.(backends.ExtendableOutputAlgorithm); ok {
		return nil, &backends.UnsupportedAlgorithmError{
			Algorithm: alg.Name(),
			Reason:    backends.ReasonUnsupportedMAC,
			Err:       fmt.Errorf("HMAC is not defined for extendable-output functions"),
		}
	}
	ctx, err := b.CreateHMACCtx(key, alg)
	if err != nil {
		return nil, fmt.Errorf("hmac: %w", err)
	}
	return &HMAC{alg: alg, ctx: ctx}, nil
}

// Supported reports whether the default backend can compute HMAC with alg.
func Supported(alg backends.HashAlgorithm) bool {
	return openssl.DefaultBackend().HMACSupported(alg)
}

// Sum returns HMAC(key, data) with alg, computed in one call into OpenSSL
// after the key is set up.
func Sum(key []byte, alg backends.HashAlgorithm, data []byte) ([]byte, error) {
	if alg == nil {
		return nil, fmt.Errorf("hmac: nil algorithm: %w", backends.ErrInvalidArgument)
	}
	out, err := openssl.DefaultBackend().MAC(key, alg, data, nil)
	if err != nil {
		return nil, fmt.Errorf("hmac: %w", err)
	}
	return out, nil
}

// errNoNew is the error of an HMAC that New did not make.
var errNoNew = fmt.Errorf("hmac: HMAC used without hmac.New: %w", backends.ErrInvalidArgument)

// noNewPanic is the panic of a method with no error result on such an HMAC.
const noNewPanic = "hmac: HMAC used without hmac.New"

// made reports whether h was made by New (or Copy).
func (h *HMAC) made() bool { return h != nil && h.ctx != nil }

// Algorithm returns the hash h uses.
func (h *HMAC) Algorithm() backends.HashAlgorithm {
	if h == nil {
		return nil
	}
	return h.alg
}

// Update adds data. After Finalize or Verify it returns an error wrapping
// [backends.ErrAlreadyFinalized].
func (h *HMAC) Update(data []byte) error {
	if !h.made() {
		return errNoNew
	}
	if h.final != nil {
		return fmt.Errorf("hmac: update after Finalize: %w", backends.ErrAlreadyFinalized)
	}
	if err := h.ctx.Update(data); err != nil {
		return fmt.Errorf("hmac: %w", err)
	}
	return nil
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
func (h *HMAC) Finalize() ([]byte, error) {
	if !h.made() {
		return nil, errNoNew
	}
	if h.final != nil {
		return nil, fmt.Errorf("hmac: Finalize called twice: %w", backends.ErrAlreadyFinalized)
	}
	m, err := h.ctx.Finalize()
	if err != nil {
		return nil, fmt.Errorf("hmac: %w", err)
	}
	h.final = m
	return append([]byte(nil), m...), nil
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
	if h.final != nil {
		return nil, fmt.Errorf("hmac: Copy after Finalize: %w", backends.ErrAlreadyFinalized)
	}
	c, err := h.ctx.Copy()
	if err != nil {
		return nil, fmt.Errorf("hmac: %w", err)
	}
	return &HMAC{alg: h.alg, ctx: c}, nil
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
// the state. After Finalize it appends the finalized MAC. It panics only if
// OpenSSL itself fails, as it has no error result, or when h was not made
// by New.
func (h *HMAC) Sum(b []byte) []byte {
	if !h.made() {
		panic(noNewPanic)
	}
	if h.final != nil {
		return append(b, h.final...)
	}
	var (
		out []byte
		err error
	)
	if s, ok := h.ctx.(backends.Summer); ok {
		out, err = s.Sum(b)
	} else {
		var c backends.HMACContext
		if c, err = h.ctx.Copy(); err == nil {
			var m []byte
			m, err = c.Finalize()
			out = append(b, m...)
		}
	}
	if err != nil {
		panic("hmac: " + err.Error())
	}
	return out
}

// Reset returns h to its state just after keying, also after Finalize. It
// panics only if the backend's context cannot be reset (OpenSSL's can), or
// when h was not made by New.
func (h *HMAC) Reset() {
	if !h.made() {
		panic(noNewPanic)
	}
	r, ok := h.ctx.(backends.Resetter)
	if !ok {
		panic("hmac: backend context cannot be reset")
	}
	if err := r.Reset(); err != nil {
		panic("hmac: " + err.Error())
	}
	h.final = nil
}

// Size returns the MAC length in bytes.
func (h *HMAC) Size() int {
	if !h.made() {
		return 0
	}
	return h.alg.DigestSize()
}

// BlockSize returns the hash's block size in bytes.
func (h *HMAC) BlockSize() int {
	if !h.made() {
		return 0
	}
	return h.alg.BlockSize()
}
