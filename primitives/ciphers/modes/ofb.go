package modes

import (
	"bytes"

	"github.com/go-hazmat/hazmat/backends"
)

var _ backends.ModeWithIV = (*OFB)(nil)

// OFB is the Output Feedback mode of [NIST SP 800-38A], Section 6.4. It turns
// a block cipher into a stream cipher, so it takes data of any length and no
// padding.
//
// The IV must be one block long and a nonce: never use an IV twice under one
// key, or the two messages share a keystream and XORing their ciphertexts
// gives the XOR of their plaintexts. OFB does not authenticate: flipping a
// ciphertext bit flips the same plaintext bit. Prefer [GCM].
//
// [NIST SP 800-38A]: https://doi.org/10.6028/NIST.SP.800-38A
type OFB struct {
	iv []byte
}

// NewOFB returns an OFB descriptor with initialization vector iv, which must
// be one block of the algorithm long (16 bytes for AES); ValidateForAlgorithm
// checks that length. An empty iv gives an error wrapping
// [backends.ErrInvalidIVSize].
//
// The IV is copied.
func NewOFB(iv []byte) (*OFB, error) {
	if err := checkNotEmpty("OFB", "IV", iv); err != nil {
		return nil, err
	}
	return &OFB{iv: bytes.Clone(iv)}, nil
}

// Name returns "OFB".
func (*OFB) Name() string { return "OFB" }

// IV returns the initialization vector. The slice is the descriptor's own:
// it must not be modified.
func (m *OFB) IV() []byte {
	if m == nil {
		return nil
	}
	return m.iv
}

// ValidateForAlgorithm checks that alg is a block cipher (else an
// [*backends.UnsupportedAlgorithmError]), not AES with a 512-bit key (else
// [backends.ErrInvalidKeySize]), and that the IV is one block of alg long
// (else [backends.ErrInvalidIVSize]).
func (m *OFB) ValidateForAlgorithm(alg backends.CipherAlgorithm) error {
	if m == nil {
		return errNilMode("OFB")
	}
	return validateBlockMode("OFB", "IV", m.iv, alg)
}
