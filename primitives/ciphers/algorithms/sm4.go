package algorithms

import "github.com/go-hazmat/hazmat/backends"

var _ backends.BlockCipherAlgorithm = (*SM4)(nil)

// SM4 is the Chinese national block cipher (GB/T 32907-2016; ISO/IEC
// 18033-3:2010/Amd 1), with a 128-bit block and a 128-bit key. [RFC 8998]
// uses it in TLS 1.3. FIPS 140 does not approve it.
//
// [RFC 8998]: https://www.rfc-editor.org/rfc/rfc8998
type SM4 struct {
	key []byte
}

// NewSM4 returns an SM4 descriptor for key, which must be 16 bytes long.
// Any other length gives an error wrapping [backends.ErrInvalidKeySize].
//
// The key is copied.
func NewSM4(key []byte) (*SM4, error) {
	if err := checkKeyLen("SM4", len(key), "16 bytes (128 bits)", 16); err != nil {
		return nil, err
	}
	return &SM4{key: clone(key)}, nil
}

// Name returns "SM4".
func (*SM4) Name() string { return "SM4" }

// KeySize returns 128, the key length in bits.
func (s *SM4) KeySize() int { return len(s.Key()) * 8 }

// BlockSize returns 128, the block size in bits.
func (*SM4) BlockSize() int { return 128 }

// Key returns the key. The slice is the descriptor's own: it must not be
// modified.
func (s *SM4) Key() []byte {
	if s == nil {
		return nil
	}
	return s.key
}
