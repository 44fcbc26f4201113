package algorithms

import "github.com/go-hazmat/hazmat/backends"

var _ backends.BlockCipherAlgorithm = (*Camellia)(nil)

// Camellia is the block cipher of [RFC 3713], with a 128-bit block and a key
// of 128, 192 or 256 bits. It is standardised by ISO/IEC 18033-3 and used
// where Japanese or European profiles ask for it; FIPS 140 does not approve
// it.
//
// [RFC 3713]: https://www.rfc-editor.org/rfc/rfc3713
type Camellia struct {
	key []byte
}

// NewCamellia returns a Camellia descriptor for key, which must be 16, 24 or
// 32 bytes long. Any other length gives an error wrapping
// [backends.ErrInvalidKeySize].
//
// The key is copied.
func NewCamellia(key []byte) (*Camellia, error) {
	if err := checkKeyLen("Camellia", len(key), "16, 24 or 32 bytes (128, 192 or 256 bits)",
		16, 24, 32); err != nil {
		return nil, err
	}
	return &Camellia{key: clone(key)}, nil
}

// Name returns "Camellia".
func (*Camellia) Name() string { return "Camellia" }

// KeySize returns the key length in bits: 128, 192 or 256.
func (c *Camellia) KeySize() int { return len(c.Key()) * 8 }

// BlockSize returns 128, the block size in bits.
func (*Camellia) BlockSize() int { return 128 }

// Key returns the key. The slice is the descriptor's own: it must not be
// modified.
func (c *Camellia) Key() []byte {
	if c == nil {
		return nil
	}
	return c.key
}
