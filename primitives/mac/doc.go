// Package mac computes the MACs beyond HMAC through a hazmat backend,
// OpenSSL's EVP_MAC by default: CMAC over AES or TripleDES
// ([NIST SP 800-38B]), GMAC ([NIST SP 800-38D]), KMAC128 and KMAC256
// ([NIST SP 800-185]) and Poly1305 ([RFC 8439]). The algorithms and their
// parameters are the descriptors of package [macalg]. For HMAC use package
// hmac.
//
// [New] returns a [*MAC] with pyca-style Update, Copy, Finalize and a
// constant-time Verify, which also implements Go's [hash.Hash] and
// [hash.Cloner]; [Sum] computes the MAC of one buffer in a single call into
// the backend.
//
// # One-time keys
//
// A Poly1305 key, and a GMAC (key, IV) pair, must authenticate a single
// message. A [MAC] of these algorithms refuses what would give a second
// message a tag under the same key: Reset panics saying so, Copy and Clone
// return an error, and Sum ends the message (later writes fail, as
// golang.org/x/crypto's Poly1305 refuses a write after Sum).
//
// # FIPS mode
//
// With the OpenSSL backend in FIPS mode, CMAC with AES, GMAC and KMAC run
// in the FIPS provider; Poly1305 is refused with an error wrapping
// [backends.ErrUnsupportedAlgorithm] whose reason is
// [backends.ReasonFIPSRefused]. Whether CMAC with TripleDES is served
// depends on the provider and its configuration ([Supported] says; the 3.5
// FIPS provider with its default configuration serves it), and then only
// with three distinct DES keys (SP 800-67 Rev. 2), as for TripleDES
// ciphers: other keys give an error wrapping [backends.ErrInvalidKeySize].
// Key-length
// rules of the provider (such as KMAC's 112-bit minimum) come back as
// errors wrapping [backends.ErrInvalidKeySize] that name FIPS.
//
// [NIST SP 800-38B]: https://doi.org/10.6028/NIST.SP.800-38B
// [NIST SP 800-38D]: https://doi.org/10.6028/NIST.SP.800-38D
// [NIST SP 800-185]: https://doi.org/10.6028/NIST.SP.800-185
// [RFC 8439]: https://www.rfc-editor.org/rfc/rfc8439
package mac
