// Package aead provides one-shot authenticated encryption: AES-GCM
// ([AESGCM], and [AESGCMRandomNonce] with nonces generated in the module),
// AES-CCM ([AESCCM]) and ChaCha20-Poly1305 ([ChaCha20Poly1305]), like pyca/cryptography's AEAD classes, over
// OpenSSL.
//
// Encrypt returns ciphertext‖tag; Decrypt checks the tag before it returns
// anything, and on a mismatch returns an error wrapping
// [backends.ErrInvalidTag] and no plaintext. Each call is a single call
// into OpenSSL.
//
// Every type also implements Go's [cipher.AEAD] and, like Go's, is safe
// for concurrent use by multiple goroutines: each operation takes a
// context that already holds the key schedule from a pool, so no OpenSSL
// context is ever shared.
//
// # Nonces
//
// A nonce must never repeat under one key. With random 12-byte nonces,
// rotate the key well before 2^32 messages (NIST SP 800-38D, 8.3).
//
// # Nonces generated in the module
//
// [AESGCMRandomNonce] ([NewAESGCMWithRandomNonce]) takes no nonce: the
// backend's cryptographic module generates a random 96-bit IV for each
// message with its own random bit generator (NIST SP 800-38D 8.2.2), the
// construction that FIPS 140-3 (Implementation Guidance C.H) approves for
// AES-GCM encryption; with OpenSSL's FIPS provider the IV is drawn inside
// the provider and never comes from Go. Encrypt returns
// nonce‖ciphertext‖tag and Decrypt reads the nonce from the front, as Go's
// [cipher.NewGCMWithRandomNonce] does; the two interoperate. One key seals
// at most 2^32 messages this way: each value counts its seals and refuses
// the next one with an error wrapping [backends.ErrMessageLimit].
package aead
