// Package gocrypto is hazmat's second backend: it implements the
// interfaces of package backends over Go's own cryptography (the standard
// library, and golang.org/x/crypto where the standard library lacks an
// algorithm), in pure Go, so that a program using hazmat builds with
// CGO_ENABLED=0.
//
// # FIPS 140-3
//
// Go ships a validated module of its own, the Go Cryptographic Module
// (FIPS 140-3), switched on for a whole process by GODEBUG=fips140=on or
// fips140=only. When it is on ([FIPS] is true), this backend offers only
// what that module approves in the mode in force, and refuses the rest
// with an [*backends.UnsupportedAlgorithmError] whose Reason is
// [backends.ReasonFIPSRefused]; under fips140=only ([Enforced]) it also
// refuses what Go itself refuses there (AES-GCM with caller nonces, HMAC
// keys shorter than 112 bits, ...), before Go would panic or fail. The mode
// is fixed when the process starts: unlike the OpenSSL backend's SetFIPS,
// it cannot be switched.
//
// # What it offers
//
// No cryptography is written in this package: it adapts Go's
// implementations to the contract. An algorithm neither the standard
// library nor golang.org/x/crypto implements (Camellia, SEED, IDEA, SM4,
// SM3, AES-CCM, KMAC, KBKDF, key wrap, ...) is reported unsupported, with
// the reason "not in Go's crypto", through the same Supported answers and
// errors as the OpenSSL backend's refusals. The backend never falls back to
// another module.
//
// # Digests, HMAC, KDFs and MACs
//
// Digests: SHA-1, SHA-2, SHA-3 and SHAKE (crypto/...), MD5, BLAKE2b-512
// and BLAKE2s-256 (golang.org/x/crypto). MD4 and RIPEMD-160 exist only in
// packages golang.org/x/crypto deprecates, whose state cannot be copied;
// they are refused. In FIPS mode only SHA-2, SHA-3 and SHAKE are served,
// and SHA-1 under fips140=on: Go computes it outside its module, whose
// service indicator does not count it, and fips140=only refuses it. HMAC
// (crypto/hmac) follows the same rules, and under fips140=only refuses keys
// shorter than 112 bits with an error wrapping
// [backends.ErrInvalidKeySize]. Go's HMAC over SHA-3 or BLAKE2 cannot copy
// its state, so such a context keeps the data written since its last Reset
// to replay it on Copy, up to 1 MiB: past it, the context keeps nothing
// (memory stays bounded for a stream of any length) and Copy is refused
// until the next Reset.
//
// KDFs: HKDF (crypto/hkdf), PBKDF2 (crypto/pbkdf2) and scrypt
// (golang.org/x/crypto/scrypt, refused in FIPS mode). Under fips140=only
// Go's own rules (secrets and PBKDF2 outputs of at least 112 bits, PBKDF2
// salts of at least 128 bits) give a [*backends.KDFRuleError].
//
// MACs: Poly1305 (golang.org/x/crypto/poly1305, refused in FIPS mode) and
// GMAC (AES-GCM over no plaintext, refused under fips140=only, where Go
// refuses GCM with a caller's IV). Neither can copy its state: a GMAC
// context keeps the message and computes the MAC over it (Go's GCM is
// one-shot); a Poly1305 context streams, keeps the first MiB to replay on
// Sum and Copy, and refuses them past it until Reset.
//
// Random bytes come from crypto/rand (in FIPS mode, the module's DRBG).
//
// # Concurrency
//
// A [Backend] is safe for concurrent use, and so are its one-shot AEADs.
// The contexts it creates are not, like Go's [hash.Hash]: use one per
// goroutine.
package gocrypto
