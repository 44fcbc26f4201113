package kdf

import (
	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// NewHKDF returns an HKDF (RFC 5869, extract and expand) of length bytes
// with hash h, salt (nil: HashLen zero bytes) and info, pyca's HKDF.
// length must be 1 to 255 times the hash size.
func NewHKDF(h backends.HashAlgorithm, length int, salt, info []byte) (*KDF, error) {
	return New(kdfalg.HKDF{Hash: h, Salt: salt, Info: info}, length)
}

// NewHKDFExpand returns HKDF's expand step alone (pyca's HKDFExpand): the
// key material passed to Derive is the pseudorandom key.
func NewHKDFExpand(h backends.HashAlgorithm, length int, info []byte) (*KDF, error) {
	return New(kdfalg.HKDF{Hash: h, Info: info, Mode: kdfalg.ExpandOnly}, length)
}

// NewHKDFExtract returns HKDF's extract step alone: Derive returns the
// pseudorandom key, as long as the hash's output.
func NewHKDFExtract(h backends.HashAlgorithm, salt []byte) (*KDF, error) {
	if h == nil {
		return New(kdfalg.HKDF{Mode: kdfalg.ExtractOnly}, 0)
	}
	return New(kdfalg.HKDF{Hash: h, Salt: salt, Mode: kdfalg.ExtractOnly}, h.DigestSize())
}

// NewPBKDF2HMAC returns PBKDF2 with HMAC-h (RFC 8018), pyca's
// PBKDF2HMAC. In FIPS mode the module requires a salt of at least 16
// bytes, 1000 iterations and 14 bytes of output; Derive reports a refusal
// as an error wrapping [backends.ErrFIPSRule].
func NewPBKDF2HMAC(h backends.HashAlgorithm, length int, salt []byte, iterations int) (*KDF, error) {
	return New(kdfalg.PBKDF2{Hash: h, Salt: salt, Iterations: iterations}, length)
}

// NewKBKDF returns the SP 800-108 KBKDF that p describes (pyca's
// KBKDFHMAC and KBKDFCMAC); see [kdfalg.KBKDF] for the parameters and what
// OpenSSL cannot express.
func NewKBKDF(p kdfalg.KBKDF, length int) (*KDF, error) {
	return New(p, length)
}

// NewX963 returns the ANS X9.63 KDF with hash h and sharedInfo, pyca's
// X963KDF.
func NewX963(h backends.HashAlgorithm, length int, sharedInfo []byte) (*KDF, error) {
	return New(kdfalg.X963{Hash: h, SharedInfo: sharedInfo}, length)
}

// NewConcatKDFHash returns the single-step KDF of SP 800-56C with hash h,
// pyca's ConcatKDFHash.
func NewConcatKDFHash(h backends.HashAlgorithm, length int, otherInfo []byte) (*KDF, error) {
	return New(kdfalg.ConcatHash{Hash: h, OtherInfo: otherInfo}, length)
}

// NewConcatKDFHMAC returns the single-step KDF of SP 800-56C with HMAC-h,
// pyca's ConcatKDFHMAC; a nil salt stands for a block of zero bytes.
func NewConcatKDFHMAC(h backends.HashAlgorithm, length int, salt, otherInfo []byte) (*KDF, error) {
	return New(kdfalg.ConcatHMAC{Hash: h, Salt: salt, OtherInfo: otherInfo}, length)
}

// NewScrypt returns scrypt (RFC 7914) with cost n, block size r and
// parallelism p, pyca's Scrypt. FIPS mode refuses it: the error wraps
// [backends.ErrUnsupportedAlgorithm] with the reason
// [backends.ReasonFIPSRefused].
func NewScrypt(salt []byte, length int, n uint64, r, p int) (*KDF, error) {
	return New(kdfalg.Scrypt{Salt: salt, N: n, R: r, P: p}, length)
}
