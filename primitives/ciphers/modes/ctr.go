package modes

import (
	"bytes"

	"github.com/go-hazmat/hazmat/backends"
)

var _ backends.ModeWithNonce = (*CTR)(nil)

// CTR is the Counter mode of [NIST SP 800-38A], Section 6.5. It turns a block
// cipher into a stream cipher, so it takes data of any length and no padding.
//
// The nonce is the whole initial counter block, one block long; the backend
// increments it as a big-endian number for each block of keystream. A
// counter block must never repeat under one key, across all messages: a
// repeat gives two messages the same keystream, and XORing their ciphertexts
// gives the XOR of their plaintexts. A common layout for AES is a random or
// unique 96-bit message nonce followed by a 32-bit block counter starting at
// zero, which limits a message to 64 GiB. CTR does not authenticate:
// flipping a ciphertext bit flips the same plaintext bit. Prefer [GCM].
//
// [NIST SP 800-38A]: https://doi.org/10.6028/NIST.SP.800-38A
type CTR struct {
	nonce []byte
}

// NewCTR returns a CTR descriptor with initial counter block nonce, which
// must be one block of the algorithm long (16 bytes for AES);
// ValidateForAlgorithm checks that length. An empty nonce gives an error
// wrapping [backends.ErrInvalidIVSize].
//
// The nonce is copied.
func NewCTR(nonce []byte) (*CTR, error) {
	if err := checkNotEmpty("CTR", "nonce", nonce); err != nil {
		return nil, err
	}
	return &CTR{nonce: bytes.Clone(nonce)}, nil
}

// Name returns "CTR".
func (*CTR) Name() string { return "CTR" }

// Nonce returns the initial counter block. The slice is the descriptor's
// own: it must not be modified.
func (m *CTR) Nonce() []byte {
	if m == nil {
		return nil
	}
	return m.nonce
}

// ValidateForAlgorithm checks that alg is a block cipher (else an
// [*backends.UnsupportedAlgorithmError]), not AES with a 512-bit key (else
// [backends.ErrInvalidKeySize]), and that the nonce is one block of alg long
// (else [backends.ErrInvalidIVSize]).
func (m *CTR) ValidateForAlgorithm(alg backends.CipherAlgorithm) error {
	if m == nil {
		return errNilMode("CTR")
	}
	return validateBlockMode("CTR", "nonce", m.nonce, alg)
}
