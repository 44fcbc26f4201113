package algorithms

import "github.com/go-hazmat/hazmat/backends"

var _ backends.BlockCipherAlgorithm = (*SEED)(nil)

// SEED is the Korean block cipher of [RFC 4269], with a 128-bit block and a
// 128-bit key. FIPS 140 does not approve it, and OpenSSL 3 offers it only
// from its legacy provider.
//
// [RFC 4269]: https://www.rfc-editor.org/rfc/rfc4269
type SEED struct {
	key []byte
}

// NewSEED returns a SEED descriptor for key, which must be 16 bytes long.
// Any other length gives an error wrapping [backends.ErrInvalidKeySize].
//
// The key is copied.
func NewSEED(key []byte) (*SEED, error) {
	if err := checkKeyLen("SEED", len(key), "16 bytes (128 bits)", 16); err != nil {
		return nil, err
	}
	return &SEED{key: clone(key)}, nil
}

// Name returns "SEED".
func (*SEED) Name() string { return "SEED" }

// KeySize returns 128, the key length in bits.
func (s *SEED) KeySize() int { return len(s.Key()) * 8 }

// BlockSize returns 128, the block size in bits.
func (*SEED) BlockSize() int { return 128 }

// Key returns the key. The slice is the descriptor's own: it must not be
// modified.
func (s *SEED) Key() []byte {
	if s == nil {
		return nil
	}
	return s.key
}
