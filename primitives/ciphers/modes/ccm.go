package modes

import (
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
)

var _ backends.Mode = (*CCM)(nil)

// CCM is Counter with CBC-MAC ([NIST SP 800-38C], RFC 3610), an
// authenticated mode of 128-bit block ciphers. It is run as a one-shot
// AEAD only (package aead, [backends.AEADBackend]): CCM needs the message
// length before its first block, so it has no streaming context. A CCM
// value only names the construction; the nonce and tag length are given
// per AEAD and per message, and checked by [CheckCCMNonceSize] and
// [CheckCCMTagSize]. The zero value is usable; a nil *CCM names the
// construction to a backend but, like every nil mode, does not validate.
//
// [NIST SP 800-38C]: https://doi.org/10.6028/NIST.SP.800-38C
type CCM struct{}

// CCM's parameter bounds (NIST SP 800-38C, Appendix A; RFC 3610).
const (
	ccmMinNonceSize = 7
	ccmMaxNonceSize = 13
	ccmMinTagSize   = 4
	ccmMaxTagSize   = 16
)

// Name returns "CCM".
func (*CCM) Name() string { return "CCM" }

// ValidateForAlgorithm checks that alg is a block cipher with 128-bit
// blocks and a key CCM takes. A nil *CCM returns an error wrapping
// [backends.ErrInvalidArgument], as every nil mode does.
func (m *CCM) ValidateForAlgorithm(alg backends.CipherAlgorithm) error {
	if m == nil {
		return errNilMode("CCM")
	}
	b, err := blockCipher("CCM", alg)
	if err != nil {
		return err
	}
	if b.BlockSize() != 128 {
		return unsupported("CCM", alg)
	}
	return checkNotXTSKey("CCM", alg)
}

// CheckCCMNonceSize returns nil when n is a CCM nonce length, 7 to 13
// bytes, else an error wrapping [backends.ErrInvalidIVSize]. A nonce of n
// bytes leaves 15-n bytes to encode the message length.
func CheckCCMNonceSize(n int) error {
	if n < ccmMinNonceSize || n > ccmMaxNonceSize {
		return fmt.Errorf("modes: CCM nonce of %d bytes, want %d to %d bytes: %w",
			n, ccmMinNonceSize, ccmMaxNonceSize, backends.ErrInvalidIVSize)
	}
	return nil
}

// CheckCCMTagSize returns nil when n is a CCM tag length (4, 6, 8, 10,
// 12, 14 or 16 bytes), else an error wrapping [backends.ErrInvalidTagSize].
func CheckCCMTagSize(n int) error {
	if n < ccmMinTagSize || n > ccmMaxTagSize || n%2 != 0 {
		return fmt.Errorf("modes: CCM tag of %d bytes, want an even length of %d to %d bytes: %w",
			n, ccmMinTagSize, ccmMaxTagSize, backends.ErrInvalidTagSize)
	}
	return nil
}
