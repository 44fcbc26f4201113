package algorithms

import "github.com/go-hazmat/hazmat/backends"

var _ backends.BlockCipherAlgorithm = (*AES)(nil)

// AES is the Advanced Encryption Standard, the block cipher of [FIPS 197],
// with a 128-bit block and a key of 128, 192 or 256 bits.
//
// A 512-bit key is also accepted, for AES-256-XTS only: XTS takes two AES
// keys of the same size, one for the data and one for the tweak, so a
// 256-bit key serves AES-128-XTS and a 512-bit key AES-256-XTS. The modes
// other than XTS refuse a 512-bit key when they validate the pair.
//
// [FIPS 197]: https://doi.org/10.6028/NIST.FIPS.197-upd1
type AES struct {
	key []byte
}

// NewAES returns an AES descriptor for key, which must be 16, 24 or 32
// bytes long (AES-128, AES-192, AES-256), or 64 bytes for AES-256-XTS. A
// 32-byte key is also what AES-128-XTS takes. Any other length gives an error
// wrapping [backends.ErrInvalidKeySize].
//
// The key is copied.
func NewAES(key []byte) (*AES, error) {
	if err := checkKeyLen("AES", len(key), "16, 24 or 32 bytes (128, 192 or 256 bits), or 64 bytes for AES-256-XTS",
		16, 24, 32, 64); err != nil {
		return nil, err
	}
	return &AES{key: clone(key)}, nil
}

// Name returns "AES".
func (*AES) Name() string { return "AES" }

// KeySize returns the key length in bits: 128, 192, 256 or 512.
func (a *AES) KeySize() int { return len(a.Key()) * 8 }

// BlockSize returns 128, the block size in bits.
func (*AES) BlockSize() int { return 128 }

// Key returns the key. The slice is the descriptor's own: it must not be
// modified.
func (a *AES) Key() []byte {
	if a == nil {
		return nil
	}
	return a.key
}
