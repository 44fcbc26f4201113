package mac

import (
	"crypto/subtle"
	"fmt"
	"hash"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

// MAC computes a MAC of a [backends.MACAlgorithm]. It is not safe for
// concurrent use; make one per goroutine (keying costs one C call).
//
// The zero value (and a nil *MAC) is not usable; use [New]. Its methods
// with an error result return one wrapping [backends.ErrInvalidArgument],
// Sum and Reset panic saying so, and Algorithm, Size and BlockSize return
// nil and 0.
type MAC struct {
	alg   backends.MACAlgorithm
	ctx   backends.MACContext
	once  bool // a one-time key: Reset and Copy are refused, Sum ends the message
	final []byte
	// sealed: Sum ended the message of a one-time key; Finalize or Verify
	// may still take its tag, once.
	sealed bool
}

var (
	_ hash.Hash   = (*MAC)(nil)
	_ hash.Cloner = (*MAC)(nil)
)

// New returns a MAC of alg keyed with key (copied), with the default
// OpenSSL backend. A key alg refuses returns an error wrapping
// [backends.ErrInvalidKeySize]; an algorithm the backend does not serve
// right now (Poly1305 in FIPS mode), one wrapping
// [backends.ErrUnsupportedAlgorithm].
func New(alg backends.MACAlgorithm, key []byte) (*MAC, error) {
	return NewWithBackend(alg, key, defaultBackend())
}

// NewWithBackend is [New] with a chosen backend. A backend that returns a
// nil context gives an error wrapping [backends.ErrInvalidArgument]; so do
// its tags of other than alg.Size() bytes, in every later method (Sum
// panics). A backend's error without a package prefix gets "mac: ".
func NewWithBackend(alg backends.MACAlgorithm, key []byte, b backends.MACBackend) (*MAC, error) {
	if guard.IsNil(alg) || guard.IsNil(b) {
		return nil, fmt.Errorf("mac: nil algorithm or backend: %w", backends.ErrInvalidArgument)
	}
	p, err := alg.Params(key)
	if err != nil {
		return nil, err
	}
	ctx, err := b.CreateMACCtx(alg, key)
	if err != nil {
		return nil, guard.Wrap("mac", err)
	}
	if guard.IsNil(ctx) {
		return nil, fmt.Errorf("mac: backend returned a nil %s context: %w", alg.Name(), backends.ErrInvalidArgument)
	}
	return &MAC{alg: alg, ctx: ctx, once: p.OneTime}, nil
}

// Supported reports whether the default backend can compute alg right now.
func Supported(alg backends.MACAlgorithm) bool {
	return defaultBackend().MACSupported(alg)
}

// Sum returns the MAC of data under key with alg, computed in one call into
// the backend where it offers that ([backends.OneShotMACer]; OpenSSL does),
// else with a context. It is safe for concurrent use.
func Sum(alg backends.MACAlgorithm, key, data []byte) ([]byte, error) {
	return SumWithBackend(alg, key, data, defaultBackend())
}

// SumWithBackend is [Sum] with a chosen backend.
func SumWithBackend(alg backends.MACAlgorithm, key, data []byte, b backends.MACBackend) ([]byte, error) {
	if guard.IsNil(alg) || guard.IsNil(b) {
		return nil, fmt.Errorf("mac: nil algorithm or backend: %w", backends.ErrInvalidArgument)
	}
	if _, err := alg.Params(key); err != nil {
		return nil, err
	}
	if o, ok := b.(backends.OneShotMACer); ok {
		out, err := o.ComputeMAC(alg, key, data, nil)
		if err == nil {
			err = checkLen(alg, out)
		}
		if err != nil {
			return nil, guard.Wrap("mac", err)
		}
		return out, nil
	}
	m, err := NewWithBackend(alg, key, b)
	if err != nil {
		return nil, err
	}
	if err := m.Update(data); err != nil {
		return nil, err
	}
	return m.Finalize()
}

// Verify computes the MAC of data under key with alg and compares it with
// signature in constant time; a mismatch returns an error wrapping
// [backends.ErrInvalidSignature].
func Verify(alg backends.MACAlgorithm, key, data, signature []byte) error {
	m, err := Sum(alg, key, data)
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare(m, signature) != 1 {
		return fmt.Errorf("mac: %w", backends.ErrInvalidSignature)
	}
	return nil
}

var errNoNew = fmt.Errorf("mac: MAC used without mac.New: %w", backends.ErrInvalidArgument)

const noNewPanic = "mac: MAC used without mac.New"

func (m *MAC) made() bool { return m != nil && m.ctx != nil }

// Algorithm returns the MAC's algorithm.
func (m *MAC) Algorithm() backends.MACAlgorithm {
	if m == nil {
		return nil
	}
	return m.alg
}

// Size returns the length of the MAC in bytes.
func (m *MAC) Size() int {
	if m == nil || m.alg == nil {
		return 0
	}
	return m.alg.Size()
}

// BlockSize returns the block size of the underlying function, for
// [hash.Hash]: 16 for AES-based MACs and Poly1305, 8 for TripleDES CMAC,
// 168 for KMAC128 and 136 for KMAC256 (their Keccak rates).
func (m *MAC) BlockSize() int {
	if m == nil || m.alg == nil {
		return 0
	}
	switch m.alg.Name() {
	case "CMAC-TDES":
		return 8
	case "KMAC128":
		return 168
	case "KMAC256":
		return 136
	}
	return 16
}

// Update adds data. After Finalize or Verify it returns an error wrapping
// [backends.ErrAlreadyFinalized].
func (m *MAC) Update(data []byte) error {
	if !m.made() {
		return errNoNew
	}
	if m.final != nil {
		if m.sealed {
			return fmt.Errorf("mac: update after Sum of a %s MAC, whose key authenticates one message: %w", m.alg.Name(), backends.ErrAlreadyFinalized)
		}
		return fmt.Errorf("mac: update after Finalize: %w", backends.ErrAlreadyFinalized)
	}
	if err := m.ctx.Update(data); err != nil {
		return guard.Wrap("mac", err)
	}
	return nil
}

// checkLen returns an error wrapping [backends.ErrInvalidArgument] when
// out, a tag a backend computed for alg, is not alg.Size() bytes long: a
// wrong-length tag never reaches the caller, nor an empty one Verify.
func checkLen(alg backends.MACAlgorithm, out []byte) error {
	if len(out) != alg.Size() {
		return fmt.Errorf("mac: backend returned a %s tag of %d bytes, not %d: %w",
			alg.Name(), len(out), alg.Size(), backends.ErrInvalidArgument)
	}
	return nil
}

// Write adds p, like Update. It implements [io.Writer].
func (m *MAC) Write(p []byte) (int, error) {
	if err := m.Update(p); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Finalize returns the MAC. Later calls of Update, Finalize, Verify and
// Copy return an error wrapping [backends.ErrAlreadyFinalized].
func (m *MAC) Finalize() ([]byte, error) {
	if !m.made() {
		return nil, errNoNew
	}
	if m.final != nil {
		if m.sealed {
			m.sealed = false
			return append([]byte(nil), m.final...), nil
		}
		return nil, fmt.Errorf("mac: Finalize called twice: %w", backends.ErrAlreadyFinalized)
	}
	out, err := m.ctx.Finalize()
	if err == nil {
		err = checkLen(m.alg, out)
	}
	if err != nil {
		return nil, guard.Wrap("mac", err)
	}
	m.final = out
	return append([]byte(nil), out...), nil
}

// Verify finalizes m and compares the MAC with signature in constant time.
// A mismatch, including a signature of another length, returns an error
// wrapping [backends.ErrInvalidSignature].
func (m *MAC) Verify(signature []byte) error {
	out, err := m.Finalize()
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare(out, signature) != 1 {
		return fmt.Errorf("mac: %w", backends.ErrInvalidSignature)
	}
	return nil
}

// Copy returns an independent MAC in the same state, with the same key.
// For GMAC and Poly1305, whose keys authenticate one message only, it
// returns an error wrapping [backends.ErrInvalidArgument]: a copy would
// give a second message a tag under the same key.
func (m *MAC) Copy() (*MAC, error) {
	if !m.made() {
		return nil, errNoNew
	}
	if m.once {
		return nil, fmt.Errorf("mac: %s keys authenticate one message only, so a %s MAC cannot be copied: %w", m.alg.Name(), m.alg.Name(), backends.ErrInvalidArgument)
	}
	if m.final != nil {
		return nil, fmt.Errorf("mac: Copy after Finalize: %w", backends.ErrAlreadyFinalized)
	}
	c, err := m.ctx.Copy()
	if err == nil && guard.IsNil(c) {
		err = fmt.Errorf("mac: backend returned a nil %s context: %w", m.alg.Name(), backends.ErrInvalidArgument)
	}
	if err != nil {
		return nil, guard.Wrap("mac", err)
	}
	return &MAC{alg: m.alg, ctx: c, once: m.once}, nil
}

// Clone is Copy; it implements [hash.Cloner].
func (m *MAC) Clone() (hash.Cloner, error) {
	c, err := m.Copy()
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Sum appends the MAC of the data written so far to b, without changing
// the state; after Finalize it appends the finalized MAC. For GMAC and
// Poly1305, whose keys authenticate one message only, Sum ends the
// message: later writes return an error wrapping
// [backends.ErrAlreadyFinalized], and Sum, Finalize and Verify give or
// check the same tag. It panics only if
// the backend fails (it has no error result: use Finalize to get errors),
// or when m was not made by New.
func (m *MAC) Sum(b []byte) []byte {
	if !m.made() {
		panic(noNewPanic)
	}
	if m.final != nil {
		return append(b, m.final...)
	}
	if m.once {
		out, err := m.ctx.Finalize()
		if err != nil {
			panic("mac: " + err.Error() + " (use Finalize to get this as an error)")
		}
		m.final, m.sealed = out, true
		return append(b, out...)
	}
	var (
		out []byte
		err error
	)
	if s, ok := m.ctx.(backends.Summer); ok {
		if out, err = s.Sum(b); err == nil {
			err = checkLen(m.alg, out[min(len(b), len(out)):])
		}
	} else {
		var c backends.MACContext
		if c, err = m.ctx.Copy(); err == nil && guard.IsNil(c) {
			err = fmt.Errorf("mac: backend returned a nil %s context: %w", m.alg.Name(), backends.ErrInvalidArgument)
		}
		if err == nil {
			var t []byte
			if t, err = c.Finalize(); err == nil {
				err = checkLen(m.alg, t)
			}
			out = append(b, t...)
		}
	}
	if err != nil {
		panic(guard.Wrap("mac", err).Error() + " (use Finalize to get this as an error)")
	}
	return out
}

// Reset returns m to its state just after keying, also after Finalize. It
// panics for Poly1305 and GMAC, whose keys authenticate one message only
// (make a new MAC with a new key, or for GMAC a new IV), when the backend's
// context cannot be reset (OpenSSL's can), or when m was not made by New.
func (m *MAC) Reset() {
	if !m.made() {
		panic(noNewPanic)
	}
	if m.once {
		panic("mac: " + m.alg.Name() + " keys authenticate one message only: make a new MAC with a new key instead of Reset")
	}
	r, ok := m.ctx.(backends.Resetter)
	if !ok {
		panic("mac: the backend's MAC context cannot be reset: make a new MAC")
	}
	if err := r.Reset(); err != nil {
		panic(guard.Wrap("mac", err).Error())
	}
	m.final, m.sealed = nil, false
}
