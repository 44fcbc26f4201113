package modes

import (
	"bytes"

	"github.com/go-hazmat/hazmat/backends"
)

var (
	_ backends.ModeWithIV = (*CFB)(nil)
	_ backends.ModeWithIV = (*CFB8)(nil)
)

// CFB is the Cipher Feedback mode of [NIST SP 800-38A], Section 6.3, with a
// segment of one whole block (CFB-128 for AES). It takes data of any length
// and no padding.
//
// The IV must be one block long and unpredictable: a fresh random IV for
// every message. CFB does not authenticate: an attacker can flip chosen bits
// of a plaintext segment by flipping ciphertext bits. Prefer [GCM].
//
// [NIST SP 800-38A]: https://doi.org/10.6028/NIST.SP.800-38A
type CFB struct {
	iv []byte
}

// NewCFB returns a CFB descriptor with initialization vector iv, which must
// be one block of the algorithm long (16 bytes for AES); ValidateForAlgorithm
// checks that length. An empty iv gives an error wrapping
// [backends.ErrInvalidIVSize].
//
// The IV is copied.
func NewCFB(iv []byte) (*CFB, error) {
	if err := checkNotEmpty("CFB", "IV", iv); err != nil {
		return nil, err
	}
	return &CFB{iv: bytes.Clone(iv)}, nil
}

// Name returns "CFB".
func (*CFB) Name() string { return "CFB" }

// IV returns the initialization vector. The slice is the descriptor's own:
// it must not be modified.
func (m *CFB) IV() []byte {
	if m == nil {
		return nil
	}
	return m.iv
}

// ValidateForAlgorithm checks that alg is a block cipher (else an
// [*backends.UnsupportedAlgorithmError]), not AES with a 512-bit key (else
// [backends.ErrInvalidKeySize]), and that the IV is one block of alg long
// (else [backends.ErrInvalidIVSize]).
func (m *CFB) ValidateForAlgorithm(alg backends.CipherAlgorithm) error {
	if m == nil {
		return errNilMode("CFB")
	}
	return validateBlockMode("CFB", "IV", m.iv, alg)
}

// CFB8 is the Cipher Feedback mode of [NIST SP 800-38A], Section 6.3, with an
// 8-bit segment: one block cipher call per byte of data, so it is many times
// slower than [CFB]. It exists for protocols that specify it.
//
// The IV must be one block long and unpredictable: a fresh random IV for
// every message. CFB8 does not authenticate. Prefer [GCM].
//
// [NIST SP 800-38A]: https://doi.org/10.6028/NIST.SP.800-38A
type CFB8 struct {
	iv []byte
}

// NewCFB8 returns a CFB8 descriptor with initialization vector iv, which
// must be one block of the algorithm long (16 bytes for AES);
// ValidateForAlgorithm checks that length. An empty iv gives an error
// wrapping [backends.ErrInvalidIVSize].
//
// The IV is copied.
func NewCFB8(iv []byte) (*CFB8, error) {
	if err := checkNotEmpty("CFB8", "IV", iv); err != nil {
		return nil, err
	}
	return &CFB8{iv: bytes.Clone(iv)}, nil
}

// Name returns "CFB8".
func (*CFB8) Name() string { return "CFB8" }

// IV returns the initialization vector. The slice is the descriptor's own:
// it must not be modified.
func (m *CFB8) IV() []byte {
	if m == nil {
		return nil
	}
	return m.iv
}

// ValidateForAlgorithm checks that alg is a block cipher (else an
// [*backends.UnsupportedAlgorithmError]), not AES with a 512-bit key (else
// [backends.ErrInvalidKeySize]), and that the IV is one block of alg long
// (else [backends.ErrInvalidIVSize]).
func (m *CFB8) ValidateForAlgorithm(alg backends.CipherAlgorithm) error {
	if m == nil {
		return errNilMode("CFB8")
	}
	return validateBlockMode("CFB8", "IV", m.iv, alg)
}
