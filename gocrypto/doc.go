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
// # Concurrency
//
// A [Backend] is safe for concurrent use, and so are its one-shot AEADs.
// The contexts it creates are not, like Go's [hash.Hash]: use one per
// goroutine.
package gocrypto
