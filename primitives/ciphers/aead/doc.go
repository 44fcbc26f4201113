// Package aead provides one-shot authenticated encryption: AES-GCM
// ([AESGCM]), AES-CCM ([AESCCM]) and ChaCha20-Poly1305
// ([ChaCha20Poly1305]), like pyca/cryptography's AEAD classes, over
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
package aead
