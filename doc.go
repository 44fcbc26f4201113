// Package hazmat is the root of the hazmat module: OpenSSL's EVP layer
// (symmetric ciphers, digests, HMAC) behind pluggable backend interfaces,
// for Go services that must run their cryptography inside a FIPS 140
// validated module.
//
// The packages to use are primitives/hashes, primitives/hmac,
// primitives/ciphers (with algorithms, modes and aead) and
// primitives/padding; openssl reports and controls OpenSSL and FIPS mode;
// backends holds the contract between them.
package hazmat
