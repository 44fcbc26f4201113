package algorithms

import "github.com/go-hazmat/hazmat/backends"

var _ backends.BlockCipherAlgorithm = (*TripleDES)(nil)

// TripleDES is the Triple Data Encryption Algorithm (TDEA) of
// [NIST SP 800-67], three DES passes (encrypt, decrypt, encrypt) with a
// 64-bit block, keyed with three 8-byte DES keys K1‖K2‖K3.
//
// Use it only to read or write data for systems that require it. Its 64-bit
// block limits how much one key may safely encrypt (the Sweet32 attacks), and
// [NIST SP 800-131A] Rev. 2 disallows TDEA encryption after 2023; FIPS
// providers may refuse to encrypt with it.
//
// [NIST SP 800-67]: https://doi.org/10.6028/NIST.SP.800-67r2
// [NIST SP 800-131A]: https://doi.org/10.6028/NIST.SP.800-131Ar2
type TripleDES struct {
	key []byte // always 24 bytes once built
}

// NewTripleDES returns a TripleDES descriptor for key, which must be 8, 16 or
// 24 bytes long. Shorter keys are expanded to three DES keys, as OpenSSL's
// "des-ede3" cipher needs them:
//
//   - 24 bytes K1‖K2‖K3 are used as given (keying option 1);
//   - 16 bytes K1‖K2 become K1‖K2‖K1 (keying option 2, two-key TDEA);
//   - 8 bytes K become K‖K‖K, which is single DES with three times the work.
//
// Key then returns the 24-byte expanded key and KeySize reports 192. Any
// other length gives an error wrapping [backends.ErrInvalidKeySize].
//
// The key is copied. Never use an 8-byte key for new data: it gives the
// strength of single DES, which is broken.
func NewTripleDES(key []byte) (*TripleDES, error) {
	if err := checkKeyLen("TripleDES", len(key), "8, 16 or 24 bytes (64, 128 or 192 bits)",
		8, 16, 24); err != nil {
		return nil, err
	}
	k := make([]byte, 0, 24)
	switch len(key) {
	case 8:
		k = append(k, key...)
		k = append(k, key...)
		k = append(k, key...)
	case 16:
		k = append(k, key...)
		k = append(k, key[:8]...)
	default:
		k = append(k, key...)
	}
	return &TripleDES{key: k}, nil
}

// Name returns "TripleDES".
func (*TripleDES) Name() string { return "TripleDES" }

// KeySize returns the length in bits of the expanded key: always 192.
func (t *TripleDES) KeySize() int { return len(t.Key()) * 8 }

// BlockSize returns 64, the block size in bits.
func (*TripleDES) BlockSize() int { return 64 }

// Key returns the 24-byte expanded key K1‖K2‖K3. The slice is the
// descriptor's own: it must not be modified.
func (t *TripleDES) Key() []byte {
	if t == nil {
		return nil
	}
	return t.key
}
