// Package differential holds the tests that compare hazmat's two backends,
// the OpenSSL backend (package openssl) and the Go backend (package
// gocrypto): for every algorithm both serve, the same inputs must give the
// same outputs, and each backend must open what the other sealed. The
// algorithms come from the descriptors (hashes.All, the cipher and mode
// tables of package internal/names, the AEAD, KDF and MAC descriptors) and
// each backend's own Supported answers; what only one backend serves is
// named in the log and not compared.
//
// The tests need cgo (the OpenSSL backend). They run in whatever mode the
// process starts in: OpenSSL's default provider or its FIPS provider
// (scripts/fips-env.sh), Go's module with GODEBUG=fips140 off, on or only.
// Inputs are random; each test logs its seed, and -seed repeats a run.
package differential
