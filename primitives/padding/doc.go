// Package padding implements the block padding schemes PKCS #7 and
// ANSI X9.23, which extend a message to a whole number of cipher blocks
// before it is encrypted in a mode without padding of its own (ECB, CBC), and
// remove that padding after decryption.
//
// Both schemes work with any block size from 8 to 2040 bits that is a
// multiple of 8, given in bits as in pyca/cryptography (128 for AES, 64 for
// Triple DES). A scheme value ([*PKCS7], [*ANSIX923]) pads and unpads whole
// messages with [PKCS7.Pad] and [PKCS7.Unpad], and makes streaming contexts
// ([*Padder], [*Unpadder]) for messages that arrive in pieces.
//
// Most code should not need this package: an AEAD mode such as GCM needs no
// padding and authenticates the ciphertext. Use it to interoperate with an
// existing cryptosystem that specifies PKCS #7 or ANSI X9.23 padding.
//
// # Padding oracles
//
// Unpadding is a classic source of padding oracle attacks: if an attacker can
// submit CBC ciphertexts and learn, by an error message, a status code or the
// time taken, whether the decrypted padding was valid, they can decrypt the
// whole message one byte at a time. The check in this package is constant
// time in the padding bytes, but the result (valid or not) is itself the
// oracle. Never let an unpadding error of unauthenticated data reach an
// attacker: authenticate the ciphertext first (encrypt-then-MAC, verifying the
// MAC before decrypting), or use an AEAD mode such as GCM instead.
//
// # Errors
//
// Constructors return an error wrapping [ErrInvalidBlockSize] for a block size
// they do not accept. Unpadding returns [ErrInvalidPadding], with no detail
// on what was wrong. A streaming context used after Finalize returns an error
// wrapping [github.com/go-hazmat/hazmat/backends.ErrAlreadyFinalized].
//
// # References
//
//   - PKCS #7 padding: [RFC 5652, section 6.3]
//   - ANSI X9.23 padding: zero bytes followed by one byte holding the number
//     of bytes added, as ANSI X9.23 describes.
//
// [RFC 5652, section 6.3]: https://www.rfc-editor.org/rfc/rfc5652#section-6.3
package padding
