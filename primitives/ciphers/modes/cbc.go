package modes

import (
	"bytes"

	"github.com/go-hazmat/hazmat/backends"
)

var _ backends.ModeWithIV = (*CBC)(nil)

// CBC is the Cipher Block Chaining mode of [NIST SP 800-38A], Section 6.2.
//
// The IV must be one block long and unpredictable: a fresh random IV for
// every message (a counter or a reused IV lets an attacker test guesses of
// the plaintext). CBC does not authenticate, and when a party reveals
// whether the padding of a forged message was valid it is a padding oracle
// that lets an attacker decrypt; prefer [GCM]. CBC takes whole blocks and no
// padding: pad the plaintext first with primitives/padding, or the backend
// refuses a partial final block with [backends.ErrInvalidDataLength].
//
// [NIST SP 800-38A]: https://doi.org/10.6028/NIST.SP.800-38A
type CBC struct {
	iv []byte
}

// NewCBC returns a CBC descriptor with initialization vector iv, which must
// be one block of the algorithm long (16 bytes for AES); ValidateForAlgorithm
// checks that length. An empty iv gives an error wrapping
// [backends.ErrInvalidIVSize].
//
// The IV is copied.
func NewCBC(iv []byte) (*CBC, error) {
	if err := checkNotEmpty("CBC", "IV", iv); err != nil {
		return nil, err
	}
	return &CBC{iv: bytes.Clone(iv)}, nil
}

// Name returns "CBC".
func (*CBC) Name() string { return "CBC" }

// IV returns the initialization vector. The slice is the descriptor's own:
// it must not be modified.
func (m *CBC) IV() []byte {
	if m == nil {
		return nil
	}
	return m.iv
}

// ValidateForAlgorithm checks that alg is a block cipher (else an
// [*backends.UnsupportedAlgorithmError]), not AES with a 512-bit key (else
// [backends.ErrInvalidKeySize]), and that the IV is one block of alg long
// (else [backends.ErrInvalidIVSize]).
func (m *CBC) ValidateForAlgorithm(alg backends.CipherAlgorithm) error {
	if m == nil {
		return errNilMode("CBC")
	}
	return validateBlockMode("CBC", "IV", m.iv, alg)
}
