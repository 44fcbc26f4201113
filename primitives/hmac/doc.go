// Package hmac computes HMAC (RFC 2104, FIPS 198-1) through a hazmat
// backend, OpenSSL's EVP_MAC by default.
//
// [New] returns an [*HMAC] with pyca-style Update, Copy, Finalize and
// Verify, which also implements Go's [hash.Hash] and [hash.Cloner]. Verify
// compares in constant time and returns an error wrapping
// [backends.ErrInvalidSignature] on mismatch.
//
// Any fixed-output hash the backend supports works; SHAKE does not (HMAC
// is not defined for extendable-output functions). Nil and empty keys are
// valid HMAC keys, though a key shorter than the hash output is weak; in
// FIPS mode, a provider may refuse keys shorter than 112 bits.
//
// [FIPS 198-1]: https://doi.org/10.6028/NIST.FIPS.198-1
package hmac
