package aead

import (
	"crypto/cipher"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/guard"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// core is what the three types share: the backend's one-shot AEAD and the
// nonce and length rules of the algorithm.
type core struct {
	name      string
	ctor      string // the constructor, for the errors of a zero value
	a         backends.AEADContext
	tagSize   int               // the tag length asked for, which a.Overhead reports
	nonceSize int               // the cipher.AEAD nonce size
	nonceOK   func(n int) error // the nonce rule of Encrypt and Decrypt
	ccm       bool              // the nonce length bounds the data length
}

// errNoNew is the error of a method with an error result on a value that
// its constructor did not make; such a value's core has no AEAD.
func (c *core) errNoNew() error {
	return fmt.Errorf("aead: %s used without aead.%s: %w", c.name, c.ctor, backends.ErrInvalidArgument)
}

// panicNoNew is the panic of Seal on such a value.
func (c *core) panicNoNew() {
	panic("aead: " + c.name + " used without aead." + c.ctor)
}

// newCore asks b for the one-shot AEAD of the pair (cipher, mode).
func newCore(c *core, b backends.AEADBackend, cipher backends.CipherAlgorithm, mode backends.Mode, tagLen int) (*core, error) {
	if guard.IsNil(b) {
		return nil, fmt.Errorf("aead: nil backend: %w", backends.ErrInvalidArgument)
	}
	a, err := b.CreateAEADCtx(cipher, mode, tagLen)
	if err != nil {
		return nil, guard.Wrap("aead", err)
	}
	// A backend that breaks the contract gets an error here, not a value
	// that panics at its first use or checks tags of another length.
	if guard.IsNil(a) {
		return nil, fmt.Errorf("aead: backend returned a nil %s context: %w", c.name, backends.ErrInvalidArgument)
	}
	if n := a.Overhead(); n != tagLen {
		return nil, fmt.Errorf("aead: backend's %s context has %d-byte tags, want %d: %w", c.name, n, tagLen, backends.ErrInvalidArgument)
	}
	c.a, c.tagSize = a, tagLen
	return c, nil
}

// checkOut returns an error wrapping [backends.ErrInvalidArgument] when
// out, what the backend appended to dst, is not len(dst)+n bytes long.
func (c *core) checkOut(op string, dst, out []byte, n int) error {
	if len(out) != len(dst)+n {
		return fmt.Errorf("aead: backend's %s %s returned %d bytes, want %d: %w",
			c.name, op, len(out)-len(dst), n, backends.ErrInvalidArgument)
	}
	return nil
}

// scrub zeroes the n bytes of dst's spare capacity that a failed Open may
// have used (fewer if there is less capacity), so that no plaintext is
// left there whatever the backend did.
func scrub(dst []byte, n int) {
	spare := dst[len(dst):cap(dst)]
	clear(spare[:min(max(n, 0), len(spare))])
}

func (c *core) checkNonce(nonce []byte) error {
	// The rule's owner (package modes, for GCM and CCM) names itself.
	return c.nonceOK(len(nonce))
}

func (c *core) checkText(n int, nonce []byte) error {
	if !c.ccm {
		return nil
	}
	// CCM encodes the length in 15-len(nonce) bytes.
	if l := 15 - len(nonce); l < 8 && uint64(n) >= 1<<(8*l) {
		return fmt.Errorf("aead: %s data of %d bytes is longer than a %d-byte nonce allows: %w",
			c.name, n, len(nonce), backends.ErrInvalidDataLength)
	}
	return nil
}

// Encrypt encrypts and authenticates data, and authenticates aad (which
// may be nil), returning ciphertext‖tag in a new slice.
func (c *core) Encrypt(nonce, data, aad []byte) ([]byte, error) {
	if c.a == nil {
		return nil, c.errNoNew()
	}
	if err := c.checkNonce(nonce); err != nil {
		return nil, err
	}
	if err := c.checkText(len(data), nonce); err != nil {
		return nil, err
	}
	out, err := c.a.Seal(make([]byte, 0, len(data)+c.tagSize), nonce, data, aad)
	if err == nil {
		err = c.checkOut("Seal", nil, out, len(data)+c.tagSize)
	}
	if err != nil {
		return nil, guard.Wrap("aead", err)
	}
	return out, nil
}

// Decrypt authenticates ciphertext‖tag and aad and returns the plaintext.
// A mismatch returns [backends.ErrInvalidTag] and no plaintext.
func (c *core) Decrypt(nonce, data, aad []byte) ([]byte, error) {
	if c.a == nil {
		return nil, c.errNoNew()
	}
	if err := c.checkNonce(nonce); err != nil {
		return nil, err
	}
	if len(data) < c.tagSize {
		return nil, backends.ErrInvalidTag
	}
	if err := c.checkText(len(data)-c.tagSize, nonce); err != nil {
		return nil, err
	}
	out, err := c.a.Open(make([]byte, 0, len(data)-c.tagSize), nonce, data, aad)
	if err == nil {
		if err = c.checkOut("Open", nil, out, len(data)-c.tagSize); err != nil {
			clear(out)
		}
	}
	if err != nil {
		if err == backends.ErrInvalidTag {
			return nil, err
		}
		return nil, guard.Wrap("aead", err)
	}
	return out, nil
}

// NonceSize returns the nonce length Seal and Open take.
func (c *core) NonceSize() int { return c.nonceSize }

// Overhead returns the tag length.
func (c *core) Overhead() int {
	return c.tagSize
}

// Seal implements [cipher.AEAD]: it appends ciphertext‖tag to dst. Like
// Go's AEADs it panics if the nonce is not NonceSize bytes long, or if dst
// overlaps plaintext other than exactly.
func (c *core) Seal(dst, nonce, plaintext, additionalData []byte) []byte {
	if c.a == nil {
		c.panicNoNew()
	}
	if len(nonce) != c.nonceSize {
		panic("aead: incorrect nonce length given to " + c.name)
	}
	if err := c.checkText(len(plaintext), nonce); err != nil {
		panic(err.Error())
	}
	out, err := c.a.Seal(dst, nonce, plaintext, additionalData)
	if err == nil {
		err = c.checkOut("Seal", dst, out, len(plaintext)+c.tagSize)
	}
	if err != nil {
		panic(guard.Wrap("aead", err).Error())
	}
	return out
}

// Open implements [cipher.AEAD]: it authenticates and appends the
// plaintext to dst. On failure it returns an error wrapping
// [backends.ErrInvalidTag] and writes nothing to dst (what it may have
// used of dst's spare capacity is zeroed).
func (c *core) Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error) {
	if c.a == nil {
		return nil, c.errNoNew()
	}
	if len(nonce) != c.nonceSize {
		return nil, fmt.Errorf("aead: %s nonce of %d bytes, want %d: %w", c.name, len(nonce), c.nonceSize, backends.ErrInvalidIVSize)
	}
	out, err := c.a.Open(dst, nonce, ciphertext, additionalData)
	if err == nil {
		err = c.checkOut("Open", dst, out, len(ciphertext)-c.tagSize)
		if err != nil {
			scrub(dst, len(ciphertext)-c.tagSize)
		}
	}
	if err != nil {
		if err == backends.ErrInvalidTag {
			// Only a tag failure: other refusals (an inexact overlap of
			// dst and ciphertext) come before anything is written, and
			// dst's spare capacity may be the caller's ciphertext.
			scrub(dst, len(ciphertext)-c.tagSize)
			return nil, err
		}
		return nil, guard.Wrap("aead", err)
	}
	return out, nil
}

// AESGCM is AES in Galois/Counter Mode (NIST SP 800-38D) with 16-byte tags.
//
// The zero value (and a nil *AESGCM) is not usable; use [NewAESGCM]. Its
// methods with an error result return one wrapping
// [backends.ErrInvalidArgument], Seal panics saying so, and NonceSize and
// Overhead return 0.
type AESGCM struct{ c *core }

var _ cipher.AEAD = (*AESGCM)(nil)

// zeroAESGCM is the core that a AESGCM value has when NewAESGCM did not make it.
var zeroAESGCM = &core{name: "AESGCM", ctor: "NewAESGCM"}

func (x *AESGCM) core() *core {
	if x == nil || x.c == nil {
		return zeroAESGCM
	}
	return x.c
}

// Encrypt encrypts and authenticates data, and authenticates aad (which
// may be nil), returning ciphertext‖tag in a new slice.
func (x *AESGCM) Encrypt(nonce, data, aad []byte) ([]byte, error) {
	return x.core().Encrypt(nonce, data, aad)
}

// Decrypt authenticates ciphertext‖tag and aad and returns the plaintext.
// A mismatch returns [backends.ErrInvalidTag] and no plaintext.
func (x *AESGCM) Decrypt(nonce, data, aad []byte) ([]byte, error) {
	return x.core().Decrypt(nonce, data, aad)
}

// NonceSize returns the nonce length Seal and Open take.
func (x *AESGCM) NonceSize() int { return x.core().NonceSize() }

// Overhead returns the tag length.
func (x *AESGCM) Overhead() int { return x.core().Overhead() }

// Seal implements [cipher.AEAD]: it appends ciphertext‖tag to dst. Like
// Go's AEADs it panics if the nonce is not NonceSize bytes long, or if dst
// overlaps plaintext other than exactly.
func (x *AESGCM) Seal(dst, nonce, plaintext, additionalData []byte) []byte {
	return x.core().Seal(dst, nonce, plaintext, additionalData)
}

// Open implements [cipher.AEAD]: it authenticates and appends the
// plaintext to dst. On failure it returns an error wrapping
// [backends.ErrInvalidTag] and writes nothing to dst (what it may have
// used of dst's spare capacity is zeroed).
func (x *AESGCM) Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error) {
	return x.core().Open(dst, nonce, ciphertext, additionalData)
}

// NewAESGCM returns AES-GCM with key (16, 24 or 32 bytes; copied) on the
// default backend. Encrypt and Decrypt take nonces of the lengths
// [modes.CheckGCMIVSize] allows, 1 to 128 bytes (12 recommended), as
// [modes.NewGCM] does; Seal and Open take 12.
func NewAESGCM(key []byte) (*AESGCM, error) {
	return NewAESGCMWithBackend(key, defaultbackend.Get())
}

// NewAESGCMWithBackend is [NewAESGCM] with a chosen backend. A backend
// that returns a nil context, or one whose Overhead is not the tag length
// asked for, gives an error wrapping [backends.ErrInvalidArgument]; so do
// (Seal: panics with) its outputs of the wrong length.
func NewAESGCMWithBackend(key []byte, b backends.AEADBackend) (*AESGCM, error) {
	alg, err := aesKey("AES-GCM", key)
	if err != nil {
		return nil, err
	}
	c, err := newCore(&core{name: "AESGCM", ctor: "NewAESGCM", nonceSize: 12, nonceOK: modes.CheckGCMIVSize},
		b, alg, (*modes.GCM)(nil), 16)
	if err != nil {
		return nil, err
	}
	return &AESGCM{c: c}, nil
}

// aesKey is the AES descriptor of an AEAD's key: 16, 24 or 32 bytes (the
// 64-byte keys AES takes for XTS are not AEAD keys).
func aesKey(name string, key []byte) (*algorithms.AES, error) {
	if l := len(key); l != 16 && l != 24 && l != 32 {
		return nil, fmt.Errorf("aead: %s key of %d bytes, want 16, 24 or 32: %w", name, l, backends.ErrInvalidKeySize)
	}
	return algorithms.NewAES(key)
}

// ChaCha20Poly1305 is the ChaCha20-Poly1305 AEAD of RFC 8439, with 12-byte
// nonces and 16-byte tags. FIPS mode refuses it.
//
// The zero value (and a nil *ChaCha20Poly1305) is not usable; use [NewChaCha20Poly1305]. Its
// methods with an error result return one wrapping
// [backends.ErrInvalidArgument], Seal panics saying so, and NonceSize and
// Overhead return 0.
type ChaCha20Poly1305 struct{ c *core }

var _ cipher.AEAD = (*ChaCha20Poly1305)(nil)

// zeroChaCha20Poly1305 is the core that a ChaCha20Poly1305 value has when NewChaCha20Poly1305 did not make it.
var zeroChaCha20Poly1305 = &core{name: "ChaCha20Poly1305", ctor: "NewChaCha20Poly1305"}

func (x *ChaCha20Poly1305) core() *core {
	if x == nil || x.c == nil {
		return zeroChaCha20Poly1305
	}
	return x.c
}

// Encrypt encrypts and authenticates data, and authenticates aad (which
// may be nil), returning ciphertext‖tag in a new slice.
func (x *ChaCha20Poly1305) Encrypt(nonce, data, aad []byte) ([]byte, error) {
	return x.core().Encrypt(nonce, data, aad)
}

// Decrypt authenticates ciphertext‖tag and aad and returns the plaintext.
// A mismatch returns [backends.ErrInvalidTag] and no plaintext.
func (x *ChaCha20Poly1305) Decrypt(nonce, data, aad []byte) ([]byte, error) {
	return x.core().Decrypt(nonce, data, aad)
}

// NonceSize returns the nonce length Seal and Open take.
func (x *ChaCha20Poly1305) NonceSize() int { return x.core().NonceSize() }

// Overhead returns the tag length.
func (x *ChaCha20Poly1305) Overhead() int { return x.core().Overhead() }

// Seal implements [cipher.AEAD]: it appends ciphertext‖tag to dst. Like
// Go's AEADs it panics if the nonce is not NonceSize bytes long, or if dst
// overlaps plaintext other than exactly.
func (x *ChaCha20Poly1305) Seal(dst, nonce, plaintext, additionalData []byte) []byte {
	return x.core().Seal(dst, nonce, plaintext, additionalData)
}

// Open implements [cipher.AEAD]: it authenticates and appends the
// plaintext to dst. On failure it returns an error wrapping
// [backends.ErrInvalidTag] and writes nothing to dst (what it may have
// used of dst's spare capacity is zeroed).
func (x *ChaCha20Poly1305) Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error) {
	return x.core().Open(dst, nonce, ciphertext, additionalData)
}

// NewChaCha20Poly1305 returns ChaCha20-Poly1305 with a 32-byte key
// (copied) on the default backend. Every method takes 12-byte nonces.
func NewChaCha20Poly1305(key []byte) (*ChaCha20Poly1305, error) {
	return NewChaCha20Poly1305WithBackend(key, defaultbackend.Get())
}

// NewChaCha20Poly1305WithBackend is [NewChaCha20Poly1305] with a chosen
// backend, checked as [NewAESGCMWithBackend] checks it.
func NewChaCha20Poly1305WithBackend(key []byte, b backends.AEADBackend) (*ChaCha20Poly1305, error) {
	alg, err := algorithms.NewChaCha20Poly1305(key)
	if err != nil {
		return nil, err
	}
	c, err := newCore(&core{name: "ChaCha20Poly1305", ctor: "NewChaCha20Poly1305", nonceSize: 12, nonceOK: chachaNonce},
		b, alg, nil, 16)
	if err != nil {
		return nil, err
	}
	return &ChaCha20Poly1305{c: c}, nil
}

// chachaNonce is RFC 8439's nonce rule: 12 bytes.
func chachaNonce(n int) error {
	if n != 12 {
		return fmt.Errorf("aead: ChaCha20Poly1305 nonce of %d bytes, want 12: %w", n, backends.ErrInvalidIVSize)
	}
	return nil
}

// AESCCM is AES in Counter with CBC-MAC mode (NIST SP 800-38C, RFC 3610).
//
// The zero value (and a nil *AESCCM) is not usable; use [NewAESCCM]. Its
// methods with an error result return one wrapping
// [backends.ErrInvalidArgument], Seal panics saying so, and NonceSize and
// Overhead return 0.
type AESCCM struct{ c *core }

var _ cipher.AEAD = (*AESCCM)(nil)

// zeroAESCCM is the core that a AESCCM value has when NewAESCCM did not make it.
var zeroAESCCM = &core{name: "AESCCM", ctor: "NewAESCCM"}

func (x *AESCCM) core() *core {
	if x == nil || x.c == nil {
		return zeroAESCCM
	}
	return x.c
}

// Encrypt encrypts and authenticates data, and authenticates aad (which
// may be nil), returning ciphertext‖tag in a new slice.
func (x *AESCCM) Encrypt(nonce, data, aad []byte) ([]byte, error) {
	return x.core().Encrypt(nonce, data, aad)
}

// Decrypt authenticates ciphertext‖tag and aad and returns the plaintext.
// A mismatch returns [backends.ErrInvalidTag] and no plaintext.
func (x *AESCCM) Decrypt(nonce, data, aad []byte) ([]byte, error) {
	return x.core().Decrypt(nonce, data, aad)
}

// NonceSize returns the nonce length Seal and Open take.
func (x *AESCCM) NonceSize() int { return x.core().NonceSize() }

// Overhead returns the tag length.
func (x *AESCCM) Overhead() int { return x.core().Overhead() }

// Seal implements [cipher.AEAD]: it appends ciphertext‖tag to dst. Like
// Go's AEADs it panics if the nonce is not NonceSize bytes long, or if dst
// overlaps plaintext other than exactly.
func (x *AESCCM) Seal(dst, nonce, plaintext, additionalData []byte) []byte {
	return x.core().Seal(dst, nonce, plaintext, additionalData)
}

// Open implements [cipher.AEAD]: it authenticates and appends the
// plaintext to dst. On failure it returns an error wrapping
// [backends.ErrInvalidTag] and writes nothing to dst (what it may have
// used of dst's spare capacity is zeroed).
func (x *AESCCM) Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error) {
	return x.core().Open(dst, nonce, ciphertext, additionalData)
}

// NewAESCCM returns AES-CCM with key (16, 24 or 32 bytes; copied) and tags
// of tagLen bytes (4, 6, 8, 10, 12, 14 or 16) on the default backend.
// Encrypt and Decrypt take nonces of 7 to 13 bytes; a nonce of n bytes
// limits the data to 2^(8·(15−n))−1 bytes. Seal and Open take 13-byte
// nonces.
func NewAESCCM(key []byte, tagLen int) (*AESCCM, error) {
	return NewAESCCMWithBackend(key, tagLen, defaultbackend.Get())
}

// NewAESCCMWithBackend is [NewAESCCM] with a chosen backend, checked as
// [NewAESGCMWithBackend] checks it.
func NewAESCCMWithBackend(key []byte, tagLen int, b backends.AEADBackend) (*AESCCM, error) {
	alg, err := aesKey("AES-CCM", key)
	if err != nil {
		return nil, err
	}
	if err := modes.CheckCCMTagSize(tagLen); err != nil {
		return nil, err
	}
	c, err := newCore(&core{name: "AESCCM", ctor: "NewAESCCM", nonceSize: 13, nonceOK: modes.CheckCCMNonceSize, ccm: true},
		b, alg, (*modes.CCM)(nil), tagLen)
	if err != nil {
		return nil, err
	}
	return &AESCCM{c: c}, nil
}
