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
	a                  *openssl.AEAD
	nonceSize          int // the cipher.AEAD nonce size
	minNonce, maxNonce int
	ccm                bool // the nonce length bounds the data length
}

func newCore(name, evp string, key []byte, tagLen, nonceSize, minNonce, maxNonce int) (*core, error) {
	a, err := openssl.DefaultBackend().NewAEAD(name, evp, key, tagLen)
	if err != nil {
		return nil, fmt.Errorf("aead: %w", err)
	}
	return &core{name: name, a: a, nonceSize: nonceSize, minNonce: minNonce, maxNonce: maxNonce}, nil
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
func (c *core) Overhead() int { return c.a.Overhead() }

// Seal implements [cipher.AEAD]: it appends ciphertext‖tag to dst. Like
// Go's AEADs it panics if the nonce is not NonceSize bytes long, or if dst
// overlaps plaintext other than exactly.
func (c *core) Seal(dst, nonce, plaintext, additionalData []byte) []byte {
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
type AESGCM struct{ *core }

var _ cipher.AEAD = (*AESGCM)(nil)

// NewAESGCM returns AES-GCM with key (16, 24 or 32 bytes; copied).
// Encrypt and Decrypt take nonces of 8 to 128 bytes (12 is recommended);
// Seal and Open take 12.
func NewAESGCM(key []byte) (*AESGCM, error) {
	if l := len(key); l != 16 && l != 24 && l != 32 {
		return nil, fmt.Errorf("aead: AES-GCM key of %d bytes, want 16, 24 or 32: %w", l, backends.ErrInvalidKeySize)
	}
	c, err := newCore("AESGCM", fmt.Sprintf("aes-%d-gcm", len(key)*8), key, 16, 12, 8, 128)
	if err != nil {
		return nil, err
	}
	return &AESGCM{c}, nil
}

// ChaCha20Poly1305 is the ChaCha20-Poly1305 AEAD of RFC 8439, with 12-byte
// nonces and 16-byte tags. FIPS mode refuses it.
type ChaCha20Poly1305 struct{ *core }

var _ cipher.AEAD = (*ChaCha20Poly1305)(nil)

// NewChaCha20Poly1305 returns ChaCha20-Poly1305 with a 32-byte key (copied).
func NewChaCha20Poly1305(key []byte) (*ChaCha20Poly1305, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("aead: ChaCha20-Poly1305 key of %d bytes, want 32: %w", len(key), backends.ErrInvalidKeySize)
	}
	c, err := newCore("ChaCha20Poly1305", "chacha20-poly1305", key, 16, 12, 12, 12)
	if err != nil {
		return nil, err
	}
	return &ChaCha20Poly1305{c}, nil
}

// AESCCM is AES in Counter with CBC-MAC mode (NIST SP 800-38C, RFC 3610).
type AESCCM struct{ *core }

var _ cipher.AEAD = (*AESCCM)(nil)

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
	c, err := newCore("AESCCM", fmt.Sprintf("aes-%d-ccm", len(key)*8), key, tagLen, 13, 7, 13)
	if err != nil {
		return nil, err
	}
	c.ccm = true
	return &AESCCM{c}, nil
}
