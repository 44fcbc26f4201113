// Package keywrap wraps and unwraps keys with AES key wrap (KW,
// [RFC 3394]) and AES key wrap with padding (KWP, [RFC 5649]), the
// algorithms of [NIST SP 800-38F], through a hazmat backend: by default
// OpenSSL's own AES-*-WRAP and AES-*-WRAP-PAD ciphers, in the FIPS provider
// when FIPS mode is on. The key-encryption key (KEK) is an AES key of 16,
// 24 or 32 bytes.
//
// [Wrap] and [Unwrap] are KW: the key to wrap is a multiple of 8 bytes, at
// least 16, and the wrapped key is 8 bytes longer. [WrapPad] and
// [UnwrapPad] are KWP: any key of 1 byte or more; the wrapped key is the
// key rounded up to 8 bytes, plus 8. Both use the default integrity check
// values of the RFCs, as `openssl enc -id-aes256-wrap` does.
//
// The length rules are checked before the backend runs. An unwrap that
// fails the integrity check, or a wrapped key of a length no wrap
// produces, returns [ErrInvalidUnwrap] with no further detail and no
// output.
//
// [WithMode] reaches the inverse-cipher variants of SP 800-38F (KW-AD and
// KWP-AD with the AES inverse cipher as the wrapping function), which few
// systems need.
//
// All functions are safe for concurrent use.
//
// [RFC 3394]: https://www.rfc-editor.org/rfc/rfc3394
// [RFC 5649]: https://www.rfc-editor.org/rfc/rfc5649
// [NIST SP 800-38F]: https://doi.org/10.6028/NIST.SP.800-38F
package keywrap
