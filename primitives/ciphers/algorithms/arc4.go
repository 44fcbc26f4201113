package algorithms

import "github.com/go-hazmat/hazmat/backends"

var _ backends.CipherAlgorithm = (*ARC4)(nil)

// ARC4 is the stream cipher known as RC4, with a key of 40 to 2048 bits. It
// takes no mode and no IV.
//
// ARC4 is broken: its keystream is biased, and [RFC 7465] prohibits it in
// TLS. It is here only to read data that was written with it. FIPS 140 does
// not approve it, and OpenSSL 3 offers it only from its legacy provider.
//
// [RFC 7465]: https://www.rfc-editor.org/rfc/rfc7465
type ARC4 struct {
	key []byte
}

// NewARC4 returns an ARC4 descriptor for key, which must be 5 to 256 bytes
// long (40 to 2048 bits). Any other length gives an error wrapping
// [backends.ErrInvalidKeySize].
//
// The key is copied.
func NewARC4(key []byte) (*ARC4, error) {
	if err := checkKeyRange("ARC4", len(key), 5, 256); err != nil {
		return nil, err
	}
	return &ARC4{key: clone(key)}, nil
}

// Name returns "ARC4".
func (*ARC4) Name() string { return "ARC4" }

// KeySize returns the key length in bits, 40 to 2048.
func (a *ARC4) KeySize() int { return len(a.Key()) * 8 }

// Key returns the key. The slice is the descriptor's own: it must not be
// modified.
func (a *ARC4) Key() []byte {
	if a == nil {
		return nil
	}
	return a.key
}
