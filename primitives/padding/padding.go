package padding

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"slices"
)

var (
	// ErrInvalidBlockSize is returned (wrapped) by [NewPKCS7] and
	// [NewANSIX923] for a block size that is not a multiple of 8 from 8 to
	// 2040 bits.
	ErrInvalidBlockSize = errors.New("padding: invalid block size")

	// ErrInvalidPadding is returned by [PKCS7.Unpad], [ANSIX923.Unpad] and
	// [Unpadder.Finalize] when the data does not end in valid padding or its
	// length is not a positive multiple of the block size. It carries no
	// detail on what was wrong; see the package documentation on padding
	// oracles before letting it reach anyone.
	ErrInvalidPadding = errors.New("padding: invalid padding bytes")
)

const (
	minBlockBits = 8
	maxBlockBits = 2040

	// defaultBlockLen is the block size, in bytes, of a zero scheme value:
	// 128 bits, the block size of AES.
	defaultBlockLen = 16
)

// kind names a padding scheme.
type kind uint8

const (
	kindPKCS7 kind = iota
	kindANSIX923
)

// scheme is what the schemes and their contexts share: the kind and the
// block size in bytes (0 for the default).
type scheme struct {
	size uint8
	kind kind
}

// blockLen returns the block size in bytes.
func (s scheme) blockLen() int {
	if s.size == 0 {
		return defaultBlockLen
	}
	return int(s.size)
}

// blockLenFromBits checks a block size given in bits and returns it in bytes.
func blockLenFromBits(bits int) (uint8, error) {
	if bits < minBlockBits || bits > maxBlockBits || bits%8 != 0 {
		return 0, fmt.Errorf("%w: %d bits (want a multiple of 8 from %d to %d)",
			ErrInvalidBlockSize, bits, minBlockBits, maxBlockBits)
	}
	return uint8(bits / 8), nil
}

// pad appends data and its padding to dst.
func (s scheme) pad(dst, data []byte) []byte {
	bs := s.blockLen()
	n := bs - len(data)%bs // 1 to bs
	total := len(data) + n
	dst = slices.Grow(dst, total)
	out := dst[len(dst) : len(dst)+total]
	copy(out, data) // copy is a memmove: data may overlap dst's spare room
	s.fill(out[len(data):])
	return dst[:len(dst)+total]
}

// fill writes padding over all of p, 1 <= len(p) <= 255.
func (s scheme) fill(p []byte) {
	n := byte(len(p))
	switch s.kind {
	case kindANSIX923:
		clear(p[:len(p)-1])
		p[len(p)-1] = n
	default:
		for i := range p {
			p[i] = n
		}
	}
}

// check reads the padding of block, the last block of a message, in time
// that depends only on len(block), never on its content. It returns the
// number of padding bytes and whether the padding is valid; n is meaningless
// when ok is false.
func (s scheme) check(block []byte) (n int, ok bool) {
	bs := len(block)
	n = int(block[bs-1])
	// The length byte must be 1 to bs.
	good := subtle.ConstantTimeLessOrEq(1, n) & subtle.ConstantTimeLessOrEq(n, bs)
	// Every other byte of the block is read; those within the last n must be
	// n (PKCS #7) or zero (ANSI X9.23).
	want := byte(n)
	if s.kind == kindANSIX923 { // the scheme is public, not the data
		want = 0
	}
	for i := 1; i < bs; i++ {
		inPad := subtle.ConstantTimeLessOrEq(i+1, n)
		match := subtle.ConstantTimeByteEq(block[bs-1-i], want)
		good &= 1 ^ (inPad & (1 ^ match))
	}
	return n, good == 1
}

// unpad returns data without its padding, a prefix of data.
func (s scheme) unpad(data []byte) ([]byte, error) {
	bs := s.blockLen()
	if len(data) == 0 || len(data)%bs != 0 {
		return nil, ErrInvalidPadding
	}
	n, ok := s.check(data[len(data)-bs:])
	if !ok {
		return nil, ErrInvalidPadding
	}
	return data[:len(data)-n], nil
}

// PKCS7 is the padding scheme of PKCS #7 ([RFC 5652, section 6.3]): a message
// is extended with n bytes, each of value n, where n (1 to the block size in
// bytes) makes its length a multiple of the block size. A message whose length
// is already a multiple gets one whole block of padding.
//
// Create a PKCS7 with [NewPKCS7]. The zero value, and a nil *PKCS7, pad to
// 128-bit blocks. A PKCS7 never changes after it is made and is safe for
// concurrent use; the [Padder] and [Unpadder] it makes are not.
//
// See the package documentation on padding oracles before unpadding data
// that is not authenticated.
//
// [RFC 5652, section 6.3]: https://www.rfc-editor.org/rfc/rfc5652#section-6.3
type PKCS7 struct {
	size uint8 // block size in bytes; 0 means 16
}

// NewPKCS7 returns the PKCS #7 padding scheme for blocks of blockSizeBits
// bits: a multiple of 8 from 8 to 2040 (128 for AES, 64 for Triple DES). It
// returns an error wrapping [ErrInvalidBlockSize] for any other value.
func NewPKCS7(blockSizeBits int) (*PKCS7, error) {
	size, err := blockLenFromBits(blockSizeBits)
	if err != nil {
		return nil, err
	}
	return &PKCS7{size: size}, nil
}

func (p *PKCS7) scheme() scheme {
	if p == nil {
		return scheme{kind: kindPKCS7}
	}
	return scheme{size: p.size, kind: kindPKCS7}
}

// BlockSize returns the block size in bits.
func (p *PKCS7) BlockSize() int { return p.scheme().blockLen() * 8 }

// Pad appends data followed by its padding to dst and returns the extended
// slice, like append: it allocates only when dst lacks the capacity for
// len(data) plus up to one block. The result is always 1 to BlockSize()/8
// bytes longer than data and a multiple of the block size. data may overlap
// dst's spare capacity.
func (p *PKCS7) Pad(dst, data []byte) []byte { return p.scheme().pad(dst, data) }

// Unpad checks the padding at the end of data and returns data without it,
// as a prefix of data that shares its storage; nothing is copied or
// allocated. It returns [ErrInvalidPadding] if the length of data is not a
// positive multiple of the block size or the last block does not end in valid
// PKCS #7 padding. The check reads the whole last block in time that does not
// depend on its content.
//
// A valid result says nothing about the data's integrity: never reveal an
// unpadding error of unauthenticated, decrypted data (see the package
// documentation on padding oracles).
func (p *PKCS7) Unpad(data []byte) ([]byte, error) { return p.scheme().unpad(data) }

// Padder returns a new streaming context that pads the data written to it.
func (p *PKCS7) Padder() *Padder { return newPadder(p.scheme()) }

// Unpadder returns a new streaming context that removes the padding of the
// data written to it.
func (p *PKCS7) Unpadder() *Unpadder { return newUnpadder(p.scheme()) }

// ANSIX923 is the padding scheme of ANSI X9.23: a message is extended with
// n-1 zero bytes and then one byte of value n, where n (1 to the block size in
// bytes) makes its length a multiple of the block size. A message whose length
// is already a multiple gets one whole block of padding. Unpadding checks
// that the filler bytes are zero.
//
// Create an ANSIX923 with [NewANSIX923]. The zero value, and a nil
// *ANSIX923, pad to 128-bit blocks. An ANSIX923 never changes after it is
// made and is safe for concurrent use; the [Padder] and [Unpadder] it makes
// are not.
//
// See the package documentation on padding oracles before unpadding data
// that is not authenticated.
type ANSIX923 struct {
	size uint8 // block size in bytes; 0 means 16
}

// NewANSIX923 returns the ANSI X9.23 padding scheme for blocks of
// blockSizeBits bits: a multiple of 8 from 8 to 2040 (128 for AES, 64 for
// Triple DES). It returns an error wrapping [ErrInvalidBlockSize] for any
// other value.
func NewANSIX923(blockSizeBits int) (*ANSIX923, error) {
	size, err := blockLenFromBits(blockSizeBits)
	if err != nil {
		return nil, err
	}
	return &ANSIX923{size: size}, nil
}

func (a *ANSIX923) scheme() scheme {
	if a == nil {
		return scheme{kind: kindANSIX923}
	}
	return scheme{size: a.size, kind: kindANSIX923}
}

// BlockSize returns the block size in bits.
func (a *ANSIX923) BlockSize() int { return a.scheme().blockLen() * 8 }

// Pad appends data followed by its padding to dst and returns the extended
// slice, like append: it allocates only when dst lacks the capacity for
// len(data) plus up to one block. The result is always 1 to BlockSize()/8
// bytes longer than data and a multiple of the block size. data may overlap
// dst's spare capacity.
func (a *ANSIX923) Pad(dst, data []byte) []byte { return a.scheme().pad(dst, data) }

// Unpad checks the padding at the end of data and returns data without it,
// as a prefix of data that shares its storage; nothing is copied or
// allocated. It returns [ErrInvalidPadding] if the length of data is not a
// positive multiple of the block size, or the last block does not end in a
// length byte of 1 to the block size in bytes preceded by that many zero
// bytes less one. The check reads the whole last block in time that does not
// depend on its content.
//
// A valid result says nothing about the data's integrity: never reveal an
// unpadding error of unauthenticated, decrypted data (see the package
// documentation on padding oracles).
func (a *ANSIX923) Unpad(data []byte) ([]byte, error) { return a.scheme().unpad(data) }

// Padder returns a new streaming context that pads the data written to it.
func (a *ANSIX923) Padder() *Padder { return newPadder(a.scheme()) }

// Unpadder returns a new streaming context that removes the padding of the
// data written to it.
func (a *ANSIX923) Unpadder() *Unpadder { return newUnpadder(a.scheme()) }
