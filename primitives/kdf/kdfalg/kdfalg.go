// Package kdfalg holds the key derivation descriptors of hazmat: HKDF,
// PBKDF2, KBKDF (NIST SP 800-108), the ANS X9.63 KDF, the single-step
// (Concat) KDF of NIST SP 800-56C and scrypt.
//
// A descriptor is a plain value that names a KDF and carries every
// parameter of a derivation except the secret and the output length. It
// does no cryptography: a [backends.KDFBackend] reads it, checks it with
// ValidateDerive and runs the derivation. Most users want the packages
// under primitives/kdf, which build descriptors for them.
//
// # Validation
//
// ValidateDerive checks what the standards forbid (an output longer than
// the KDF can produce, an empty secret where one is required, an iteration
// count below 1, a missing hash) before any backend does any work, and
// returns an error wrapping [backends.ErrInvalidArgument],
// [backends.ErrInvalidKeySize] or [backends.ErrInvalidDigestSize]. Whether
// a backend serves the KDF with the hash or cipher chosen, and whether the
// rules of a FIPS module accept the parameters, the backend says.
//
// # Ownership
//
// Descriptors hold the caller's slices without copying them: do not modify
// a salt, label or info while a derivation that uses it runs. A descriptor
// that is not modified is safe for concurrent use.
package kdfalg

import (
	"fmt"
	"reflect"

	"github.com/go-hazmat/hazmat/backends"
)

// MaxLength bounds the output of every derivation: 1 GiB.
const MaxLength = 1 << 30

var (
	_ backends.KDFAlgorithm = HKDF{}
	_ backends.KDFAlgorithm = PBKDF2{}
	_ backends.KDFAlgorithm = KBKDF{}
	_ backends.KDFAlgorithm = X963{}
	_ backends.KDFAlgorithm = ConcatHash{}
	_ backends.KDFAlgorithm = ConcatHMAC{}
	_ backends.KDFAlgorithm = Scrypt{}
)

// HKDFMode selects the steps of HKDF (RFC 5869) to run.
type HKDFMode int

const (
	// ExtractAndExpand runs both steps: the secret is the input keying
	// material. The zero value.
	ExtractAndExpand HKDFMode = iota
	// ExtractOnly returns the pseudorandom key: the output length must be
	// the hash's size. Info is ignored.
	ExtractOnly
	// ExpandOnly treats the secret as the pseudorandom key. Salt is
	// ignored.
	ExpandOnly
)

func (m HKDFMode) String() string {
	switch m {
	case ExtractAndExpand:
		return "extract-and-expand"
	case ExtractOnly:
		return "extract-only"
	case ExpandOnly:
		return "expand-only"
	}
	return fmt.Sprintf("HKDFMode(%d)", int(m))
}

// HKDF is the HMAC-based extract-and-expand KDF of [RFC 5869].
//
// An empty Salt stands for HashLen zero bytes, as RFC 5869 section 2.2
// says; backends pass that string explicitly. The input keying material
// may be empty (the RFC allows it), but in ExpandOnly mode the secret is a
// pseudorandom key, which RFC 5869 section 2.3 wants at least HashLen
// bytes long; shorter ones are still accepted, as Go's crypto/hkdf does.
//
// [RFC 5869]: https://www.rfc-editor.org/rfc/rfc5869
type HKDF struct {
	Hash backends.HashAlgorithm
	Salt []byte
	Info []byte
	Mode HKDFMode
}

// KDFName returns "HKDF".
func (HKDF) KDFName() string { return "HKDF" }

// ValidateDerive checks the hash, the mode and the output length: 1 to
// 255 times the hash size (exactly the hash size in ExtractOnly mode).
func (h HKDF) ValidateDerive(secretLen, length int) error {
	size, err := checkHash("HKDF", h.Hash)
	if err != nil {
		return err
	}
	switch h.Mode {
	case ExtractOnly:
		if length != size {
			return fmt.Errorf("kdfalg: HKDF extract-only output must be the hash size, %d bytes, not %d: %w", size, length, backends.ErrInvalidArgument)
		}
		return nil
	case ExtractAndExpand, ExpandOnly:
	default:
		return fmt.Errorf("kdfalg: unknown HKDF mode %d: %w", int(h.Mode), backends.ErrInvalidArgument)
	}
	return checkLength("HKDF", length, 255*size)
}

// PBKDF2 is PBKDF2 with HMAC as its pseudorandom function ([RFC 8018]
// section 5.2, NIST SP 800-132). The password (the secret) and the salt
// may be empty, as RFC 8018 allows; FIPS modules refuse short salts, few
// iterations and short keys (see the backend).
//
// [RFC 8018]: https://www.rfc-editor.org/rfc/rfc8018
type PBKDF2 struct {
	Hash       backends.HashAlgorithm
	Salt       []byte
	Iterations int
}

// KDFName returns "PBKDF2".
func (PBKDF2) KDFName() string { return "PBKDF2" }

// ValidateDerive checks the hash, the iteration count (at least 1) and the
// output length (1 to (2^32 - 1) times the hash size, and [MaxLength]).
func (p PBKDF2) ValidateDerive(secretLen, length int) error {
	size, err := checkHash("PBKDF2", p.Hash)
	if err != nil {
		return err
	}
	if p.Iterations < 1 {
		return fmt.Errorf("kdfalg: PBKDF2 iteration count %d is below 1: %w", p.Iterations, backends.ErrInvalidArgument)
	}
	return checkLength("PBKDF2", length, blocksMax(size))
}

// X963 is the KDF of ANS X9.63 (SEC 1 section 3.6.1): the hash of the
// shared secret Z, a 32-bit counter and SharedInfo. Z must not be empty.
type X963 struct {
	Hash       backends.HashAlgorithm
	SharedInfo []byte
}

// KDFName returns "X963KDF".
func (X963) KDFName() string { return "X963KDF" }

// ValidateDerive checks the hash, that the secret is not empty and the
// output length (1 to (2^32 - 1) times the hash size).
func (x X963) ValidateDerive(secretLen, length int) error {
	size, err := checkHash("X9.63 KDF", x.Hash)
	if err != nil {
		return err
	}
	if err := checkSecret("X9.63 KDF", secretLen); err != nil {
		return err
	}
	return checkLength("X9.63 KDF", length, blocksMax(size))
}

// ConcatHash is the single-step KDF of [NIST SP 800-56C] (rev. 2, section
// 4.1) with a hash as its auxiliary function, pyca's ConcatKDFHash:
// H(counter ‖ Z ‖ OtherInfo) per block. Z (the secret) must not be empty.
//
// [NIST SP 800-56C]: https://doi.org/10.6028/NIST.SP.800-56Cr2
type ConcatHash struct {
	Hash      backends.HashAlgorithm
	OtherInfo []byte
}

// KDFName returns "SSKDF".
func (ConcatHash) KDFName() string { return "SSKDF" }

// ValidateDerive checks the hash, that the secret is not empty and the
// output length (1 to (2^32 - 1) times the hash size).
func (c ConcatHash) ValidateDerive(secretLen, length int) error {
	return validateConcat(c.Hash, secretLen, length)
}

// ConcatHMAC is the single-step KDF of NIST SP 800-56C with HMAC as its
// auxiliary function, pyca's ConcatKDFHMAC: HMAC(salt, counter ‖ Z ‖
// OtherInfo) per block. An empty Salt stands for a block of zero bytes, as
// SP 800-56C's default salt; backends pass it explicitly.
type ConcatHMAC struct {
	Hash      backends.HashAlgorithm
	Salt      []byte
	OtherInfo []byte
}

// KDFName returns "SSKDF".
func (ConcatHMAC) KDFName() string { return "SSKDF" }

// ValidateDerive checks the hash, that the secret is not empty and the
// output length (1 to (2^32 - 1) times the hash size).
func (c ConcatHMAC) ValidateDerive(secretLen, length int) error {
	return validateConcat(c.Hash, secretLen, length)
}

func validateConcat(h backends.HashAlgorithm, secretLen, length int) error {
	size, err := checkHash("Concat KDF", h)
	if err != nil {
		return err
	}
	if err := checkSecret("Concat KDF", secretLen); err != nil {
		return err
	}
	return checkLength("Concat KDF", length, blocksMax(size))
}

// Scrypt is the scrypt KDF of [RFC 7914]. N (the cost) must be a power of
// two greater than 1; R and P at least 1 with R*P below 2^30. MaxMem bounds
// the memory a derivation may take, in bytes (0: OpenSSL's default, 1025
// MiB); a derivation that needs more (about 128*R*N bytes) is refused.
// FIPS 140 does not approve scrypt.
//
// [RFC 7914]: https://www.rfc-editor.org/rfc/rfc7914
type Scrypt struct {
	Salt   []byte
	N      uint64
	R, P   int
	MaxMem uint64
}

// KDFName returns "SCRYPT".
func (Scrypt) KDFName() string { return "SCRYPT" }

// ValidateDerive checks N, R, P and the output length (1 to
// [MaxLength]).
func (s Scrypt) ValidateDerive(secretLen, length int) error {
	if s.N < 2 || s.N&(s.N-1) != 0 {
		return fmt.Errorf("kdfalg: scrypt N=%d is not a power of two greater than 1: %w", s.N, backends.ErrInvalidArgument)
	}
	if s.R < 1 || s.P < 1 || uint64(s.R)*uint64(s.P) >= 1<<30 {
		return fmt.Errorf("kdfalg: scrypt r=%d, p=%d out of range (r, p >= 1, r*p < 2^30): %w", s.R, s.P, backends.ErrInvalidArgument)
	}
	if s.R < 4 && s.N >= 1<<(16*uint64(s.R)) {
		// RFC 7914 section 2: N must be less than 2^(128*r/8).
		return fmt.Errorf("kdfalg: scrypt N=%d must be less than 2^(16*r) with r=%d: %w", s.N, s.R, backends.ErrInvalidArgument)
	}
	return checkLength("scrypt", length, MaxLength)
}

// checkHash returns the hash's output size, or an error for a missing or
// extendable-output hash.
func checkHash(kdf string, h backends.HashAlgorithm) (int, error) {
	if isNil(h) {
		return 0, fmt.Errorf("kdfalg: %s needs a hash: %w", kdf, backends.ErrInvalidArgument)
	}
	if _, xof := h.(backends.ExtendableOutputAlgorithm); xof {
		return 0, fmt.Errorf("kdfalg: %s is not defined over the extendable-output function %s: %w", kdf, h.Name(), backends.ErrInvalidArgument)
	}
	size := h.DigestSize()
	if size <= 0 {
		return 0, fmt.Errorf("kdfalg: hash %s has digest size %d: %w", h.Name(), size, backends.ErrInvalidDigestSize)
	}
	return size, nil
}

func checkSecret(kdf string, n int) error {
	if n == 0 {
		return fmt.Errorf("kdfalg: %s secret is empty: %w", kdf, backends.ErrInvalidKeySize)
	}
	return nil
}

// blocksMax is the most output a KDF with a 32-bit block counter and
// size-byte blocks can produce, capped at MaxLength.
func blocksMax(size int) int {
	if n := uint64(size) * (1<<32 - 1); n < MaxLength {
		return int(n)
	}
	return MaxLength
}

func checkLength(kdf string, length, most int) error {
	if most > MaxLength {
		most = MaxLength
	}
	if length < 1 || length > most {
		return fmt.Errorf("kdfalg: %s output length %d out of range 1..%d: %w", kdf, length, most, backends.ErrInvalidArgument)
	}
	return nil
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return rv.IsNil()
	}
	return false
}
