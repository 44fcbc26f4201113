package modes

import "github.com/go-hazmat/hazmat/backends"

var _ backends.Mode = (*ECB)(nil)

// ECB is the Electronic Codebook mode of [NIST SP 800-38A], Section 6.1: each
// block is encrypted on its own with the bare block cipher.
//
// ECB leaks patterns: equal plaintext blocks give equal ciphertext blocks, so
// the structure of the data shows through. Use it only to build other
// constructions or for compatibility, never to encrypt data as such. ECB
// takes whole blocks and no padding: pad the plaintext first with
// primitives/padding, or the backend refuses a partial final block with
// [backends.ErrInvalidDataLength].
//
// [NIST SP 800-38A]: https://doi.org/10.6028/NIST.SP.800-38A
type ECB struct{}

// NewECB returns an ECB descriptor. ECB has no parameters, so it cannot fail.
func NewECB() *ECB { return &ECB{} }

// Name returns "ECB".
func (*ECB) Name() string { return "ECB" }

// ValidateForAlgorithm checks that alg is a block cipher (else an
// [*backends.UnsupportedAlgorithmError]) and not AES with a 512-bit key,
// which only XTS takes (else [backends.ErrInvalidKeySize]).
func (m *ECB) ValidateForAlgorithm(alg backends.CipherAlgorithm) error {
	if m == nil {
		return errNilMode("ECB")
	}
	if _, err := blockCipher("ECB", alg); err != nil {
		return err
	}
	return checkNotXTSKey("ECB", alg)
}
