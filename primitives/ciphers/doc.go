// Package ciphers encrypts and decrypts with symmetric ciphers through a
// hazmat backend, OpenSSL's EVP layer by default.
//
// A [Cipher] pairs an algorithm (package algorithms: AES, Camellia, ...)
// with a mode (package modes: CBC, GCM, ...); both validate their
// parameters when built, and NewCipher checks them against each other
// before any C code runs. Its Encryptor and Decryptor return a [Context]
// with pyca-style Update, UpdateInto and Finalize, and, for GCM,
// AuthenticateAdditionalData, Tag and FinalizeWithTag.
//
// The adapters [NewBlock], [NewStreamEncrypter], [NewStreamDecrypter],
// [NewBlockModeEncrypter] and [NewBlockModeDecrypter] give the same ciphers
// as Go's [cipher.Block], [cipher.Stream] and [cipher.BlockMode], for code
// written against those interfaces. For authenticated encryption of whole messages, prefer
// package aead ([cipher.AEAD]), which never releases unauthenticated
// plaintext.
//
// # Padding
//
// ECB and CBC take whole blocks only. Use package padding (PKCS7, ANSI
// X9.23) around them, and authenticate the ciphertext: unpadding errors of
// unauthenticated data are a padding oracle.
//
// # Availability
//
// Which pairs work depends on the backend and its configuration. Ask with
// [Supported]; an unavailable pair returns an error wrapping
// [backends.ErrUnsupportedAlgorithm] that names the cipher, the mode and
// the reason (such as FIPS mode).
package ciphers
