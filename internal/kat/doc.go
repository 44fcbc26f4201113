// Package kat runs the known-answer records of a vector file against the
// primitives: hashes, HMAC, block and stream ciphers, GCM, the AEADs of
// package aead and XTS, CMAC, Poly1305, the project's GMAC and KMAC known
// answers, and AES key wrap (SP 800-38F's KW and KWP files, whose FAIL
// records must fail to unwrap), through their public constructors. It is the one
// driver of vector files: the hazmat tool's "vectors" command prints what
// [Run] returns, and the tests that walk the collection assert on it.
//
// The algorithm and mode of a file come from its folders and name, as in
// pyca/cryptography's cryptography_vectors layout
// (ciphers/AES/CBC/CBCMMT128.rsp, hashes/SHA2/SHA256ShortMsg.rsp,
// HMAC/rfc-4231-sha256.txt); the cipher names are those of package
// internal/names.
//
// # Outcomes
//
// Each record passes, fails with the error that says what differed, or is
// skipped with a reason when it cannot run here: an algorithm the backend
// (this OpenSSL, Go's crypto, or either in FIPS mode) does not offer
// ("unsupported here: ...", the refusal kept in [Record.Err]), data that
// are not whole bytes, one- and two-key TDES and HMAC keys shorter than 112
// bits that a FIPS module refuses. Files of kinds that
// hazmat does not run are skipped whole, counting their records. A record
// that asks for far more work than any real vector file fails without
// running (see [MaxIterations] and [MaxOffset]; the loaders of
// internal/vectors bound the SHAKE Monte Carlo output lengths).
package kat
