// Package kdf derives keys inside the backend's cryptographic module: HKDF
// (RFC 5869), PBKDF2-HMAC (RFC 8018, NIST SP 800-132), KBKDF (NIST SP
// 800-108) with HMAC or CMAC, the ANS X9.63 KDF, the single-step (Concat)
// KDF of NIST SP 800-56C, and scrypt (RFC 7914).
//
// It has the shape of pyca/cryptography's KDFs: a [KDF] object, built by
// [New] or one of the New… constructors with its parameters and output
// length, and used once, by [KDF.Derive] or by [KDF.Verify], which
// compares in constant time. Code written for Go's crypto/hkdf,
// crypto/pbkdf2 or golang.org/x/crypto/scrypt can use the packages hkdf,
// pbkdf2 and scrypt below this one instead, which have their signatures.
//
// Every derivation runs in the backend in one call: with the OpenSSL
// backend, one EVP_KDF_derive in the provider of the FIPS mode in force.
//
// # Errors
//
// Parameters the standards forbid give errors wrapping the sentinels of
// package backends, before any work: [backends.ErrInvalidArgument] (an
// output length beyond what the KDF produces, an iteration count below 1,
// a missing hash), [backends.ErrInvalidKeySize] (an empty secret where the
// standard needs one, a CMAC key of the wrong length). A KDF, hash or
// cipher the backend does not serve gives
// [backends.ErrUnsupportedAlgorithm]; in FIPS mode scrypt is refused so,
// with the reason [backends.ReasonFIPSRefused].
//
// # FIPS mode
//
// The FIPS provider checks parameters by rules of its own, and a refusal
// comes back as a [*backends.KDFRuleError] that names FIPS and the rule
// and wraps [backends.ErrFIPSRule]. With OpenSSL's FIPS provider 3.x,
// PBKDF2 needs a salt of at least 16 bytes (128 bits), at least 1000
// iterations and an output of at least 14 bytes (112 bits); providers
// configured for it (3.4 on) also refuse HKDF, KBKDF, X9.63 and SSKDF keys
// shorter than 112 bits and X9.63 with SHA-1.
package kdf
