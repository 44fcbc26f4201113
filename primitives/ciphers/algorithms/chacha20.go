package algorithms

import (
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
)

var _ backends.CipherAlgorithmWithNonce = (*ChaCha20)(nil)

// ChaCha20 is the stream cipher of [RFC 8439], with a 256-bit key. It takes
// its nonce itself and no mode.
//
// Its 16-byte nonce is laid out as OpenSSL's "chacha20" cipher takes it: the
// initial block counter as a 4-byte little-endian number, then the 12-byte
// nonce of RFC 8439. To start at block 1 with RFC 8439 nonce N, pass
// 01 00 00 00 ‖ N.
//
// ChaCha20 alone authenticates nothing: an attacker can flip bits of the
// plaintext by flipping bits of the ciphertext. Prefer ChaCha20-Poly1305
// unless a protocol adds its own authentication. A (key, nonce) pair must
// never encrypt two messages. FIPS 140 does not approve ChaCha20.
//
// [RFC 8439]: https://www.rfc-editor.org/rfc/rfc8439
type ChaCha20 struct {
	key   []byte
	nonce []byte
}

// NewChaCha20 returns a ChaCha20 descriptor for key, which must be 32 bytes
// long, and nonce, which must be 16 bytes long (counter ‖ nonce, see
// [ChaCha20]). A wrong key length gives an error wrapping
// [backends.ErrInvalidKeySize], a wrong nonce length one wrapping
// [backends.ErrInvalidIVSize].
//
// The key and the nonce are copied.
func NewChaCha20(key, nonce []byte) (*ChaCha20, error) {
	if err := checkKeyLen("ChaCha20", len(key), "32 bytes (256 bits)", 32); err != nil {
		return nil, err
	}
	if len(nonce) != 16 {
		return nil, fmt.Errorf("algorithms: ChaCha20 nonce of %d bytes, want 16 bytes (a 4-byte counter and a 12-byte nonce): %w",
			len(nonce), backends.ErrInvalidIVSize)
	}
	return &ChaCha20{key: clone(key), nonce: clone(nonce)}, nil
}

// Name returns "ChaCha20".
func (*ChaCha20) Name() string { return "ChaCha20" }

// KeySize returns 256, the key length in bits.
func (c *ChaCha20) KeySize() int { return len(c.Key()) * 8 }

// Key returns the key. The slice is the descriptor's own: it must not be
// modified.
func (c *ChaCha20) Key() []byte {
	if c == nil {
		return nil
	}
	return c.key
}

// Nonce returns the 16-byte counter ‖ nonce. The slice is the descriptor's
// own: it must not be modified.
func (c *ChaCha20) Nonce() []byte {
	if c == nil {
		return nil
	}
	return c.nonce
}
