package gocrypto

import (
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"fmt"

	"golang.org/x/crypto/poly1305" //lint:ignore SA1019 the only Poly1305 with a public API in Go; hazmat exposes it as the one-time authenticator it is (RFC 8439)

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

// MACs other than HMAC. Go has Poly1305 (golang.org/x/crypto/poly1305) and
// GMAC (GCM over no plaintext, crypto/cipher); CMAC and KMAC are not in
// Go's crypto. Go's GCM is one-shot, so a GMAC context keeps the message
// and computes the MAC over it at Sum and Finalize: a GMAC of many
// megabytes holds them in memory. A Poly1305 context streams, and keeps
// only the first MiB to replay on Sum and Copy (Go's Poly1305 cannot copy
// its state), which it refuses past that until Reset. Both MACs are
// one-time (a key, or GMAC's key and IV, must authenticate a single
// message), which package primitives/mac enforces; the contexts here can
// Reset, as the OpenSSL backend's can.

var errNilMAC = fmt.Errorf("gocrypto: nil MAC algorithm: %w", backends.ErrInvalidArgument)

// macTagSize is the length of a Poly1305 and a GMAC tag.
const macTagSize = 16

// polyKeySize is the length of a Poly1305 key (RFC 8439 2.5).
const polyKeySize = 32

// checkMAC returns the parameters of alg with key, after the descriptor's
// own checks, or the error saying why the backend does not compute it.
func checkMAC(alg backends.MACAlgorithm, key []byte) (backends.MACParams, error) {
	if guard.IsNil(alg) {
		return backends.MACParams{}, errNilMAC
	}
	p, err := alg.Params(key)
	if err != nil {
		return backends.MACParams{}, err
	}
	switch p.MAC {
	case "POLY1305":
		if FIPS() {
			return p, fipsRefused(alg.Name(), "")
		}
	case "GMAC":
		// Go's module refuses GCM with a caller's IV under fips140=only.
		if Enforced() {
			return p, fipsOnlyRefused(alg.Name(), "")
		}
	default:
		return p, notInGo(alg.Name(), "", backends.ReasonUnsupportedMAC)
	}
	if n := alg.Size(); n != macTagSize {
		return p, fmt.Errorf("gocrypto: %s reports a MAC length of %d bytes; %s gives %d: %w",
			alg.Name(), n, p.MAC, macTagSize, backends.ErrInvalidDigestSize)
	}
	return p, checkMACKey(alg, p, key)
}

// checkMACKey checks that Go computes the MAC the parameters name with
// key, as they name it: a descriptor's Params may let through what its
// MAC does not take, and Go's constructors take more than that (a key is
// not padded to Poly1305's 32 bytes; AES-GMAC runs with any AES key and
// must not stand in for the GMAC of another cipher or key size).
func checkMACKey(alg backends.MACAlgorithm, p backends.MACParams, key []byte) error {
	if p.MAC == "POLY1305" {
		if len(key) != polyKeySize {
			return fmt.Errorf("gocrypto: %s key of %d bytes; Poly1305 takes %d: %w", alg.Name(), len(key), polyKeySize, backends.ErrInvalidKeySize)
		}
		return nil
	}
	g := goCiphers[canonicalName(p.Cipher)]
	if g == nil || g.kind != kindGCM {
		return &backends.UnsupportedAlgorithmError{Algorithm: alg.Name(), Mode: p.Cipher, Reason: backends.ReasonUnsupportedMAC,
			Err: fmt.Errorf("gocrypto: GMAC over %q: %w", p.Cipher, errNotInGo)}
	}
	if len(key) != g.keyLen {
		return fmt.Errorf("gocrypto: %s over %s takes a %d-byte key, got %d: %w", alg.Name(), g.name, g.keyLen, len(key), backends.ErrInvalidKeySize)
	}
	return nil
}

// macFunc computes one MAC over a whole message.
type macFunc func(dst, msg []byte) []byte

// newMACFunc keys the MAC of p. The key was checked by the descriptor.
func newMACFunc(p backends.MACParams, key []byte) (macFunc, error) {
	if p.MAC == "POLY1305" {
		var k [32]byte
		copy(k[:], key)
		return func(dst, msg []byte) []byte {
			var tag [macTagSize]byte
			poly1305.Sum(&tag, msg, &k)
			return append(dst, tag[:]...)
		}, nil
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("gocrypto: GMAC: %w: %w", err, backends.ErrInvalidKeySize)
	}
	gcm, err := cipher.NewGCMWithNonceSize(block, len(p.IV))
	if err != nil {
		return nil, fmt.Errorf("gocrypto: GMAC with a %d-byte IV: %w: %w", len(p.IV), err, backends.ErrInvalidIVSize)
	}
	iv := append([]byte{}, p.IV...)
	return func(dst, msg []byte) []byte {
		// GMAC is GCM's tag over the message as additional data and no
		// plaintext (NIST SP 800-38D). The tag goes to a buffer of its
		// own first: dst's spare capacity may hold msg, and Go's GCM
		// panics when its output overlaps the additional data.
		var tag [macTagSize]byte
		gcm.Seal(tag[:0], iv, nil, msg)
		return append(dst, tag[:]...)
	}, nil
}

// MACSupported reports whether alg can be computed with each of its
// KeySizes: Poly1305 outside FIPS mode, GMAC except under
// GODEBUG=fips140=only. It is safe for concurrent use.
func (b *Backend) MACSupported(alg backends.MACAlgorithm) bool {
	if guard.IsNil(alg) || len(alg.KeySizes()) == 0 {
		return false
	}
	for _, n := range alg.KeySizes() {
		if n < 0 || n > 1<<12 {
			return false
		}
		if _, err := checkMAC(alg, make([]byte, n)); err != nil {
			return false
		}
	}
	return true
}

// CreateMACCtx returns a context for alg keyed with key (copied). Errors:
// an error wrapping [backends.ErrInvalidArgument] for a nil alg; the
// descriptor's error for a key or parameter it refuses (wrapping
// [backends.ErrInvalidKeySize], ...); one wrapping
// [backends.ErrInvalidKeySize] for a key the MAC that the parameters name
// does not take (a Poly1305 key of other than 32 bytes, a GMAC key whose
// length is not the named AES's); an [*backends.UnsupportedAlgorithmError]
// for a GMAC over a cipher other than AES-GCM; an
// [*backends.UnsupportedAlgorithmError] for CMAC and KMAC (not in Go's
// crypto), Poly1305 in FIPS mode and GMAC under GODEBUG=fips140=only (Reason
// [backends.ReasonFIPSRefused]); one wrapping
// [backends.ErrInvalidDigestSize] for a descriptor whose Size is not 16.
//
// The context implements [backends.Summer] and [backends.Resetter]. A GMAC
// context keeps the message; a Poly1305 context keeps its first MiB, and
// past it Sum and Copy return an [*backends.UnsupportedAlgorithmError]
// until Reset (see the package's MAC notes). It is not safe for concurrent
// use.
func (b *Backend) CreateMACCtx(alg backends.MACAlgorithm, key []byte) (backends.MACContext, error) {
	p, err := checkMAC(alg, key)
	if err != nil {
		return nil, err
	}
	f, err := newMACFunc(p, key)
	if err != nil {
		return nil, err
	}
	c := &macCtx{alg: alg, f: f}
	if p.MAC == "POLY1305" {
		c.polyKey = new([polyKeySize]byte)
		copy(c.polyKey[:], key)
		c.poly = poly1305.New(c.polyKey)
	}
	return c, nil
}

// ComputeMAC appends the MAC of data under key to dst. Errors are those of
// [Backend.CreateMACCtx]; dst is returned unchanged then. It is safe for
// concurrent use.
func (b *Backend) ComputeMAC(alg backends.MACAlgorithm, key, data, dst []byte) ([]byte, error) {
	p, err := checkMAC(alg, key)
	if err != nil {
		return dst, err
	}
	f, err := newMACFunc(p, key)
	if err != nil {
		return dst, err
	}
	return f(dst, data), nil
}

// macCtx is a Poly1305 or GMAC context. It implements
// [backends.MACContext], [backends.Summer] and [backends.Resetter]. It is
// not safe for concurrent use.
type macCtx struct {
	alg  backends.MACAlgorithm
	f    macFunc
	msg  []byte
	done bool
	// A Poly1305 context streams: poly runs over every byte written, and
	// msg keeps only the first macReplayLimit bytes, to replay on Sum and
	// Copy (golang.org/x/crypto's Poly1305 can neither copy its state nor
	// write after Sum); past them msg is dropped and lost is set.
	polyKey *[polyKeySize]byte
	poly    *poly1305.MAC
	lost    bool
}

// macReplayLimit bounds what a Poly1305 context keeps to replay on Sum
// and Copy.
const macReplayLimit = 1 << 20

// errLost is the error of Sum and Copy on a Poly1305 context past
// macReplayLimit bytes.
func (c *macCtx) errLost(op string) error {
	return &backends.UnsupportedAlgorithmError{Algorithm: c.alg.Name(), Reason: backends.ReasonUnsupportedMAC,
		Err: fmt.Errorf("gocrypto: %s: Go's Poly1305 cannot copy its state, and the context keeps only the first %d bytes written since Reset to replay: %w",
			op, macReplayLimit, errors.ErrUnsupported)}
}

var (
	_ backends.MACContext   = (*macCtx)(nil)
	_ backends.Summer       = (*macCtx)(nil)
	_ backends.Resetter     = (*macCtx)(nil)
	_ backends.OneShotMACer = (*Backend)(nil)
)

var errNoMACCtx = fmt.Errorf("gocrypto: MAC context used without Backend.CreateMACCtx: %w", backends.ErrInvalidArgument)

func (c *macCtx) ready() error {
	switch {
	case c.f == nil:
		return errNoMACCtx
	case c.done:
		return backends.ErrAlreadyFinalized
	}
	return nil
}

// Algorithm returns the MAC algorithm.
func (c *macCtx) Algorithm() backends.MACAlgorithm { return c.alg }

// Update adds data to the message.
func (c *macCtx) Update(data []byte) error {
	if err := c.ready(); err != nil {
		return err
	}
	if c.poly == nil {
		c.msg = append(c.msg, data...)
		return nil
	}
	c.poly.Write(data)
	switch {
	case c.lost:
	case len(c.msg)+len(data) > macReplayLimit:
		clear(c.msg)
		c.msg, c.lost = nil, true
	default:
		c.msg = append(c.msg, data...)
	}
	return nil
}

// Sum appends the MAC of the data written so far to dst, leaving the state
// unchanged.
func (c *macCtx) Sum(dst []byte) ([]byte, error) {
	if err := c.ready(); err != nil {
		return dst, err
	}
	if c.lost {
		return dst, c.errLost("Sum")
	}
	return c.f(dst, c.msg), nil
}

// Finalize returns the MAC and forgets the message; later calls return
// [backends.ErrAlreadyFinalized] until Reset.
func (c *macCtx) Finalize() ([]byte, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	var out []byte
	if c.poly != nil {
		out = c.poly.Sum(make([]byte, 0, macTagSize))
	} else {
		out = c.f(make([]byte, 0, macTagSize), c.msg)
	}
	c.done = true
	clear(c.msg)
	c.msg = c.msg[:0]
	return out, nil
}

// Reset starts a new message under the same key, also after Finalize.
func (c *macCtx) Reset() error {
	if c.f == nil {
		return errNoMACCtx
	}
	clear(c.msg)
	c.msg = c.msg[:0]
	c.done, c.lost = false, false
	if c.polyKey != nil {
		c.poly = poly1305.New(c.polyKey)
	}
	return nil
}

// Copy returns an independent context in the same state.
func (c *macCtx) Copy() (backends.MACContext, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	if c.lost {
		return nil, c.errLost("Copy")
	}
	cp := &macCtx{alg: c.alg, f: c.f, msg: append([]byte{}, c.msg...), polyKey: c.polyKey}
	if c.polyKey != nil {
		cp.poly = poly1305.New(c.polyKey)
		cp.poly.Write(cp.msg)
	}
	return cp, nil
}
