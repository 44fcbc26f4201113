// Package modes holds the block cipher mode descriptors of hazmat: ECB, CBC,
// CTR, OFB, CFB, CFB8, GCM and XTS.
//
// A mode descriptor is a plain value that names a mode and carries its
// parameters: an IV, a nonce, a tweak, an authentication tag. It does no
// cryptography itself: the primitives/ciphers package pairs it with an
// algorithm from primitives/ciphers/algorithms and hands both to a backend,
// which reads them through the interfaces of package backends
// ([backends.Mode], [backends.ModeWithIV], [backends.ModeWithNonce],
// [backends.ModeWithTweak], [backends.ModeWithAuthenticationTag]).
//
// # Validation
//
// Validation happens in two steps. A constructor checks what it can alone
// (an IV that is not empty, a tag length GCM allows, a 16-byte XTS tweak).
// ValidateForAlgorithm then checks the mode against the algorithm it will
// run with, and primitives/ciphers calls it before any backend sees the
// pair, so that every backend gives the same errors:
//
//   - the algorithm must be a block cipher ([backends.BlockCipherAlgorithm]);
//     a stream cipher such as ARC4 or ChaCha20 with any mode gives an
//     [*backends.UnsupportedAlgorithmError] (matching
//     [backends.ErrUnsupportedAlgorithm]). GCM also needs a 128-bit block,
//     XTS needs AES;
//   - the IV or nonce must be one block long (GCM: 1 to 128 bytes), else
//     [backends.ErrInvalidIVSize];
//   - a 512-bit AES key serves XTS only, else [backends.ErrInvalidKeySize];
//     XTS needs a 256- or 512-bit AES key whose halves differ;
//   - an algorithm value that was not built by its constructor (its key
//     length disagrees with its KeySize) gives [backends.ErrInvalidKeySize].
//
// Every error says what was given and what is accepted, and wraps the
// sentinel named above; test for it with [errors.Is].
//
// # Ownership
//
// Constructors copy the caller's IV, nonce, tweak and tag. IV, Nonce, Tweak
// and Tag return the descriptor's own slice without copying; callers must not
// modify it. A descriptor is immutable once built and safe for concurrent
// use, but most modes must not be used twice with the same key and IV: build
// a new descriptor, with a fresh IV, for each message.
//
// The zero values of the types (other than [ECB]) are not valid descriptors:
// use the constructors. ValidateForAlgorithm rejects a zero or nil value.
//
// # Choosing a mode
//
// For new designs use an authenticated mode: [GCM] here, or the AEAD helpers
// of primitives/ciphers. The other modes only hide data, and an attacker who
// can change the ciphertext can change the plaintext; with CBC and a padding
// error that the attacker can observe, they can often read it too (padding
// oracles). [ECB] reveals which blocks of the plaintext are equal and is
// almost never right. [XTS] is for disk sectors and other storage that
// cannot grow.
package modes
