// Package goref runs the tests' reference computations with Go's own
// crypto whatever Go's FIPS 140-3 setting.
//
// The tests compare what a hazmat backend computes with what Go's
// crypto/... packages compute. Under GODEBUG=fips140=only Go refuses
// whatever its FIPS 140-3 module does not approve (SHA-1 and MD5, HMAC
// keys shorter than 112 bits, OFB and CFB, GCM with a caller's nonce,
// DES, ...): it panics or returns an error. That setting governs Go's
// crypto, not OpenSSL, so the OpenSSL backend still serves those
// algorithms and its tests still need Go's answers. [Run] computes such an
// answer with the enforcement lifted for that call only, as
// [crypto/fips140.WithoutEnforcement] does (Go 1.26); what the backend
// under test computes stays outside it.
package goref
