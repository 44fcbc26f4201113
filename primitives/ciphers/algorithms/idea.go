package algorithms

import "github.com/go-hazmat/hazmat/backends"

var _ backends.BlockCipherAlgorithm = (*IDEA)(nil)

// IDEA is the International Data Encryption Algorithm of Lai and Massey,
// with a 64-bit block and a 128-bit key.
//
// Use it only to read data that was written with it, such as old OpenPGP
// messages. Its 64-bit block limits how much one key may safely encrypt (the
// Sweet32 attacks), it has classes of weak keys, FIPS 140 does not approve
// it, and OpenSSL 3 offers it only from its legacy provider.
type IDEA struct {
	key []byte
}

// NewIDEA returns an IDEA descriptor for key, which must be 16 bytes long.
// Any other length gives an error wrapping [backends.ErrInvalidKeySize].
//
// The key is copied.
func NewIDEA(key []byte) (*IDEA, error) {
	if err := checkKeyLen("IDEA", len(key), "16 bytes (128 bits)", 16); err != nil {
		return nil, err
	}
	return &IDEA{key: clone(key)}, nil
}

// Name returns "IDEA".
func (*IDEA) Name() string { return "IDEA" }

// KeySize returns 128, the key length in bits.
func (i *IDEA) KeySize() int { return len(i.Key()) * 8 }

// BlockSize returns 64, the block size in bits.
func (*IDEA) BlockSize() int { return 64 }

// Key returns the key. The slice is the descriptor's own: it must not be
// modified.
func (i *IDEA) Key() []byte {
	if i == nil {
		return nil
	}
	return i.key
}
