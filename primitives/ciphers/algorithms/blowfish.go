package algorithms

import "github.com/go-hazmat/hazmat/backends"

var _ backends.BlockCipherAlgorithm = (*Blowfish)(nil)

// Blowfish is Bruce Schneier's 1993 block cipher, with a 64-bit block and a
// key of 32 to 448 bits.
//
// Use it only to read data that was written with it. Its 64-bit block
// limits how much one key may safely encrypt (the Sweet32 attacks), FIPS 140
// does not approve it, and OpenSSL 3 offers it only from its legacy
// provider.
type Blowfish struct {
	key []byte
}

// NewBlowfish returns a Blowfish descriptor for key, which must be 4 to 56
// bytes long (32 to 448 bits). Any other length gives an error wrapping
// [backends.ErrInvalidKeySize].
//
// The key is copied.
func NewBlowfish(key []byte) (*Blowfish, error) {
	if err := checkKeyRange("Blowfish", len(key), 4, 56); err != nil {
		return nil, err
	}
	return &Blowfish{key: clone(key)}, nil
}

// Name returns "Blowfish".
func (*Blowfish) Name() string { return "Blowfish" }

// KeySize returns the key length in bits, 32 to 448.
func (b *Blowfish) KeySize() int { return len(b.Key()) * 8 }

// BlockSize returns 64, the block size in bits.
func (*Blowfish) BlockSize() int { return 64 }

// Key returns the key. The slice is the descriptor's own: it must not be
// modified.
func (b *Blowfish) Key() []byte {
	if b == nil {
		return nil
	}
	return b.key
}
