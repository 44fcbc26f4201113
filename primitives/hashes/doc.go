// Package hashes computes message digests through a hazmat backend,
// OpenSSL's EVP layer by default.
//
// [New] returns a [*Hash] with pyca-style Update, Copy and Finalize, which
// also implements Go's [hash.Hash] and [hash.Cloner], and, for SHAKE128 and
// SHAKE256, [hash.XOF]. [Sum] computes the digest of one buffer in a single
// call into OpenSSL.
//
// Algorithms are plain values: [SHA256]{}, [SHA3_256]{}, [SHAKE128]{Size: 32}.
// Which ones are available depends on the backend and its configuration:
// in FIPS mode, MD5, RIPEMD-160, BLAKE2, and SM3 are refused with an error
// wrapping [backends.ErrUnsupportedAlgorithm]. Ask first with [Supported].
//
// # Legacy algorithms
//
// MD5 and SHA-1 are broken for collision resistance. Use them only where an
// existing protocol requires them.
package hashes
