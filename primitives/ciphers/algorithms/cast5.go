package algorithms

import "github.com/go-hazmat/hazmat/backends"

var _ backends.BlockCipherAlgorithm = (*CAST5)(nil)

// CAST5 (CAST-128) is the block cipher of [RFC 2144], with a 64-bit block and
// a key of 40 to 128 bits.
//
// Use it only to read data that was written with it, such as old OpenPGP
// messages. Its 64-bit block limits how much one key may safely encrypt (the
// Sweet32 attacks), FIPS 140 does not approve it, and OpenSSL 3 offers it
// only from its legacy provider.
//
// [RFC 2144]: https://www.rfc-editor.org/rfc/rfc2144
type CAST5 struct {
	key []byte
}

// NewCAST5 returns a CAST5 descriptor for key, which must be 5 to 16 bytes
// long (40 to 128 bits). Any other length gives an error wrapping
// [backends.ErrInvalidKeySize].
//
// The key is copied.
func NewCAST5(key []byte) (*CAST5, error) {
	if err := checkKeyRange("CAST5", len(key), 5, 16); err != nil {
		return nil, err
	}
	return &CAST5{key: clone(key)}, nil
}

// Name returns "CAST5".
func (*CAST5) Name() string { return "CAST5" }

// KeySize returns the key length in bits, 40 to 128.
func (c *CAST5) KeySize() int { return len(c.Key()) * 8 }

// BlockSize returns 64, the block size in bits.
func (*CAST5) BlockSize() int { return 64 }

// Key returns the key. The slice is the descriptor's own: it must not be
// modified.
func (c *CAST5) Key() []byte {
	if c == nil {
		return nil
	}
	return c.key
}
