package modes

import (
	"bytes"
	"crypto/subtle"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
)

var _ backends.ModeWithTweak = (*XTS)(nil)

// xtsTweakSize is the length of an XTS tweak in bytes.
const xtsTweakSize = 16

// XTS is the XEX-based tweaked-codebook mode with ciphertext stealing of
// [IEEE 1619], approved for AES by [NIST SP 800-38E]. It encrypts storage
// units such as disk sectors in place: the ciphertext is as long as the
// plaintext, which must be at least one block (16 bytes), and each unit is
// encrypted under its own tweak, usually the sector number.
//
// XTS takes AES only, with a double key Key1‖Key2: Key1 encrypts the data and
// Key2 the tweak. A 256-bit key gives AES-128-XTS, a 512-bit key AES-256-XTS.
// The two halves must differ: FIPS 140-3 requires the check, and OpenSSL 3
// refuses equal halves.
//
// XTS does not authenticate, and encrypting a unit twice under the same
// tweak shows whether each 16-byte block changed. It is meant for storage
// that cannot grow; for messages use [GCM].
//
// [IEEE 1619]: https://doi.org/10.1109/IEEESTD.2019.8637988
// [NIST SP 800-38E]: https://doi.org/10.6028/NIST.SP.800-38E
type XTS struct {
	tweak []byte
}

// NewXTS returns an XTS descriptor with tweak, which must be 16 bytes long,
// else the error wraps [backends.ErrInvalidIVSize]. For disk encryption the
// tweak is usually the sector number as a 16-byte little-endian number.
//
// The tweak is copied.
func NewXTS(tweak []byte) (*XTS, error) {
	m := &XTS{tweak: bytes.Clone(tweak)}
	if err := m.check(); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *XTS) check() error {
	if len(m.tweak) != xtsTweakSize {
		return fmt.Errorf("modes: XTS tweak of %d bytes, want %d bytes: %w",
			len(m.tweak), xtsTweakSize, backends.ErrInvalidIVSize)
	}
	return nil
}

// Name returns "XTS".
func (*XTS) Name() string { return "XTS" }

// Tweak returns the tweak. The slice is the descriptor's own: it must not be
// modified.
func (m *XTS) Tweak() []byte {
	if m == nil {
		return nil
	}
	return m.tweak
}

// ValidateForAlgorithm checks that alg is AES (else an
// [*backends.UnsupportedAlgorithmError]) with a 256- or 512-bit key whose
// halves differ (else [backends.ErrInvalidKeySize]). It also checks the
// tweak again, so that a zero XTS value is refused.
func (m *XTS) ValidateForAlgorithm(alg backends.CipherAlgorithm) error {
	if m == nil {
		return errNilMode("XTS")
	}
	if alg == nil {
		return fmt.Errorf("modes: XTS: algorithm is nil: %w", backends.ErrInvalidArgument)
	}
	if alg.Name() != "AES" {
		return unsupported("XTS", alg)
	}
	b, err := blockCipher("XTS", alg)
	if err != nil {
		return err
	}
	if b.BlockSize() != 128 {
		return unsupported("XTS", alg)
	}
	if bits := alg.KeySize(); bits != 256 && bits != 512 {
		return fmt.Errorf("modes: XTS needs a 256- or 512-bit AES key (two keys of 128 or 256 bits), got %d bits: %w",
			bits, backends.ErrInvalidKeySize)
	}
	k := alg.Key()
	if subtle.ConstantTimeCompare(k[:len(k)/2], k[len(k)/2:]) == 1 {
		return fmt.Errorf("modes: XTS key halves must differ: %w", backends.ErrInvalidKeySize)
	}
	return m.check()
}
