package aead

import (
	"crypto/cipher"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
)

// core is what the three types share: the pooled OpenSSL AEAD and the
// nonce and length rules of the algorithm.
type core struct {
	name               string
	ctor               string // the constructor, for the errors of a zero value
	a                  *openssl.AEAD
	nonceSize          int // the cipher.AEAD nonce size
	minNonce, maxNonce int
	ccm                bool // the nonce length bounds the data length
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

func newCore(name, ctor, evp string, key []byte, tagLen, nonceSize, minNonce, maxNonce int) (*core, error) {
	a, err := openssl.DefaultBackend().NewAEAD(name, evp, key, tagLen)
	if err != nil {
		return nil, fmt.Errorf("aead: %w", err)
	}
	return &core{name: name, ctor: ctor, a: a, nonceSize: nonceSize, minNonce: minNonce, maxNonce: maxNonce}, nil
}

func (c *core) checkNonce(nonce []byte) error {
	if len(nonce) < c.minNonce || len(nonce) > c.maxNonce {
		if c.minNonce == c.maxNonce {
			return fmt.Errorf("aead: %s nonce of %d bytes, want %d: %w", c.name, len(nonce), c.minNonce, backends.ErrInvalidIVSize)
		}
		return fmt.Errorf("aead: %s nonce of %d bytes, want %d to %d: %w",
			c.name, len(nonce), c.minNonce, c.maxNonce, backends.ErrInvalidIVSize)
	}
	return nil
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
	out, err := c.a.Seal(make([]byte, 0, len(data)+c.a.Overhead()), nonce, data, aad)
	if err != nil {
		return nil, fmt.Errorf("aead: %w", err)
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
	if len(data) < c.a.Overhead() {
		return nil, backends.ErrInvalidTag
	}
	if err := c.checkText(len(data)-c.a.Overhead(), nonce); err != nil {
		return nil, err
	}
	out, err := c.a.Open(make([]byte, 0, len(data)-c.a.Overhead()), nonce, data, aad)
	if err != nil {
		if err == backends.ErrInvalidTag {
			return nil, err
		}
		return nil, fmt.Errorf("aead: %w", err)
	}
	return out, nil
}

// NonceSize returns the nonce length Seal and Open take.
func (c *core) NonceSize() int { return c.nonceSize }

// Overhead returns the tag length.
func (c *core) Overhead() int {
	if c.a == nil {
		return 0
	}
	return c.a.Overhead()
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
	if err != nil {
		panic(err.Error())
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
	if err != nil {
		if err == backends.ErrInvalidTag {
			return nil, err
		}
		return nil, fmt.Errorf("aead: %w", err)
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

// NewAESGCM returns AES-GCM with key (16, 24 or 32 bytes; copied).
// Encrypt and Decrypt take nonces of 8 to 128 bytes (12 is recommended);
// Seal and Open take 12.
func NewAESGCM(key []byte) (*AESGCM, error) {
	if l := len(key); l != 16 && l != 24 && l != 32 {
		return nil, fmt.Errorf("aead: AES-GCM key of %d bytes, want 16, 24 or 32: %w", l, backends.ErrInvalidKeySize)
	}
	c, err := newCore("AESGCM", "NewAESGCM", fmt.Sprintf("aes-%d-gcm", len(key)*8), key, 16, 12, 8, 128)
	if err != nil {
		return nil, err
	}
	return &AESGCM{c: c}, nil
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

// NewChaCha20Poly1305 returns ChaCha20-Poly1305 with a 32-byte key (copied).
func NewChaCha20Poly1305(key []byte) (*ChaCha20Poly1305, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("aead: ChaCha20-Poly1305 key of %d bytes, want 32: %w", len(key), backends.ErrInvalidKeySize)
	}
	c, err := newCore("ChaCha20Poly1305", "NewChaCha20Poly1305", "chacha20-poly1305", key, 16, 12, 12, 12)
	if err != nil {
		return nil, err
	}
	return &ChaCha20Poly1305{c: c}, nil
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
// of tagLen bytes (4, 6, 8, 10, 12, 14 or 16). Encrypt and Decrypt take
// nonces of 7 to 13 bytes; a nonce of n bytes limits the data to
// 2^(8·(15−n))−1 bytes. Seal and Open take 13-byte nonces.
func NewAESCCM(key []byte, tagLen int) (*AESCCM, error) {
	if l := len(key); l != 16 && l != 24 && l != 32 {
		return nil, fmt.Errorf("aead: AES-CCM key of %d bytes, want 16, 24 or 32: %w", l, backends.ErrInvalidKeySize)
	}
	if tagLen < 4 || tagLen > 16 || tagLen%2 != 0 {
		return nil, fmt.Errorf("aead: AES-CCM tag of %d bytes, want 4, 6, ..., 16: %w", tagLen, backends.ErrInvalidTagSize)
	}
	c, err := newCore("AESCCM", "NewAESCCM", fmt.Sprintf("aes-%d-ccm", len(key)*8), key, tagLen, 13, 7, 13)
	if err != nil {
		return nil, err
	}
	c.ccm = true
	return &AESCCM{c: c}, nil
}
