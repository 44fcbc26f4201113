package algorithms

import "github.com/go-hazmat/hazmat/backends"

var _ backends.CipherAlgorithm = (*ChaCha20Poly1305)(nil)

// ChaCha20Poly1305 is the AEAD of [RFC 8439]: ChaCha20 with a Poly1305
// authenticator, a 256-bit key and 96-bit nonces. It takes no mode, and is
// run as a one-shot AEAD only (package aead, [backends.AEADBackend]).
// FIPS mode refuses it.
//
// [RFC 8439]: https://www.rfc-editor.org/rfc/rfc8439
type ChaCha20Poly1305 struct {
	key []byte
}

// NewChaCha20Poly1305 returns a ChaCha20-Poly1305 descriptor for key,
// which must be 32 bytes long, else the error wraps
// [backends.ErrInvalidKeySize]. The key is copied.
func NewChaCha20Poly1305(key []byte) (*ChaCha20Poly1305, error) {
	if err := checkKeyLen("ChaCha20-Poly1305", len(key), "32 bytes (256 bits)", 32); err != nil {
		return nil, err
	}
	return &ChaCha20Poly1305{key: clone(key)}, nil
}

// Name returns "ChaCha20Poly1305".
func (*ChaCha20Poly1305) Name() string { return "ChaCha20Poly1305" }

// KeySize returns the key length in bits: 256, or 0 for a zero value.
func (c *ChaCha20Poly1305) KeySize() int { return len(c.Key()) * 8 }

// Key returns the key. The slice is the descriptor's own: it must not be
// modified.
func (c *ChaCha20Poly1305) Key() []byte {
	if c == nil {
		return nil
	}
	return c.key
}
