package gocrypto

import (
	"crypto/hkdf"
	"crypto/pbkdf2"
	"errors"
	"fmt"

	"golang.org/x/crypto/scrypt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

var errNilKDF = fmt.Errorf("gocrypto: nil KDF algorithm: %w", backends.ErrInvalidArgument)

// scryptDefaultMaxMem is the memory bound of a scrypt derivation whose
// descriptor sets none: OpenSSL's default (1025 MiB), so that both
// backends refuse the same parameters.
const scryptDefaultMaxMem = 1025 << 20

// kdfHash returns the digest of a KDF built on HMAC with h, or the error
// saying why the backend does not serve it.
func kdfHash(kdf string, h backends.HashAlgorithm) (*hashInfo, error) {
	info, err := hmacHash(h)
	var ue *backends.UnsupportedAlgorithmError
	if errors.As(err, &ue) && ue.Reason == backends.ReasonUnsupportedMAC {
		// Only SHAKE gets here; ValidateDerive refuses it first.
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: kdf + "-" + h.Name(), Reason: backends.ReasonUnsupportedMAC, Err: errXOFHMAC}
	}
	return info, err
}

// resolveKDF checks that the backend serves alg, with its hash, in the
// setting in force, and returns its digest (nil for scrypt).
func resolveKDF(alg backends.KDFAlgorithm) (*hashInfo, error) {
	switch a := alg.(type) {
	case kdfalg.HKDF:
		return kdfHash("HKDF", a.Hash)
	case kdfalg.PBKDF2:
		return kdfHash("PBKDF2", a.Hash)
	case kdfalg.Scrypt:
		if FIPS() {
			return nil, fipsRefused("SCRYPT", "")
		}
		return nil, nil
	case kdfalg.X963, kdfalg.ConcatHash, kdfalg.ConcatHMAC, kdfalg.KBKDF:
		return nil, notInGo(alg.KDFName(), "", backends.ReasonUnsupportedKDF)
	}
	return nil, &backends.UnsupportedAlgorithmError{Algorithm: fmt.Sprintf("%s (%T)", alg.KDFName(), alg),
		Reason: backends.ReasonUnsupportedKDF, Err: errors.New("gocrypto: no KDF for this descriptor type")}
}

// KDFSupported reports whether alg, with its hash, can run: HKDF and
// PBKDF2 over a hash the backend serves for HMAC (see
// [Backend.HMACSupported]), and scrypt outside FIPS mode. KBKDF, the X9.63
// KDF and the single-step KDFs of SP 800-56C are not in Go's crypto. The
// rules Go's module applies to the parameters under GODEBUG=fips140=only
// are not part of the answer. It is safe for concurrent use.
func (b *Backend) KDFSupported(alg backends.KDFAlgorithm) bool {
	if guard.IsNil(alg) {
		return false
	}
	_, err := resolveKDF(alg)
	return err == nil
}

// DeriveKey fills out with len(out) bytes derived from secret by alg, with
// crypto/hkdf, crypto/pbkdf2 or golang.org/x/crypto/scrypt. The secret and
// the descriptor's slices are only read; on error out is left as it was.
// It is safe for concurrent use.
//
// Errors: those of alg.ValidateDerive (wrapping
// [backends.ErrInvalidArgument], [backends.ErrInvalidKeySize], ...); an
// [*backends.UnsupportedAlgorithmError] for a KDF or hash the backend does
// not serve (Reason [backends.ReasonFIPSRefused] when FIPS mode refuses it,
// as it refuses scrypt); under GODEBUG=fips140=only, a
// [*backends.KDFRuleError] for the parameters Go's module refuses there
// (an HKDF secret, or a PBKDF2 output, shorter than 112 bits; a PBKDF2
// salt shorter than 128 bits); for scrypt, an error wrapping
// [backends.ErrInvalidArgument] when the derivation needs more memory than
// MaxMem (0: 1025 MiB, the OpenSSL backend's default) or than Go can
// address.
func (b *Backend) DeriveKey(alg backends.KDFAlgorithm, secret, out []byte) error {
	if guard.IsNil(alg) {
		return errNilKDF
	}
	if err := alg.ValidateDerive(len(secret), len(out)); err != nil {
		return err
	}
	h, err := resolveKDF(alg)
	if err != nil {
		return err
	}
	var dk []byte
	switch a := alg.(type) {
	case kdfalg.HKDF:
		dk, err = deriveHKDF(a, h, secret, len(out))
	case kdfalg.PBKDF2:
		dk, err = derivePBKDF2(a, h, secret, len(out))
	case kdfalg.Scrypt:
		dk, err = deriveScrypt(a, secret, len(out))
	}
	if err != nil {
		return err
	}
	if len(dk) != len(out) {
		clear(dk)
		return fmt.Errorf("gocrypto: %s gave %d bytes, not %d", alg.KDFName(), len(dk), len(out))
	}
	copy(out, dk)
	clear(dk)
	return nil
}

// kdfRule returns the *backends.KDFRuleError for a rule of Go's module
// under GODEBUG=fips140=only.
func kdfRule(kdf, rule string, kind error) error {
	return fmt.Errorf("gocrypto: %w", &backends.KDFRuleError{KDF: kdf, Rule: rule,
		Detail: "GODEBUG=fips140=only", Kind: kind, Err: errNotApprovedOnly})
}

func deriveHKDF(a kdfalg.HKDF, h *hashInfo, secret []byte, n int) ([]byte, error) {
	name := "HKDF-" + h.name
	if Enforced() && len(secret) < minFIPSKeySize {
		// crypto/hkdf checks the secret of Extract and the pseudorandom
		// key of Expand alike.
		return nil, kdfRule(name, "the secret must be at least 14 bytes (112 bits, NIST SP 800-131A)", backends.ErrInvalidKeySize)
	}
	var dk []byte
	var err error
	switch a.Mode {
	case kdfalg.ExtractOnly:
		dk, err = hkdf.Extract(h.newHash, secret, a.Salt)
	case kdfalg.ExpandOnly:
		dk, err = hkdf.Expand(h.newHash, secret, string(a.Info), n)
	default:
		dk, err = hkdf.Key(h.newHash, secret, a.Salt, string(a.Info), n)
	}
	if err != nil {
		return nil, fmt.Errorf("gocrypto: %s: %w", name, err)
	}
	return dk, nil
}

func derivePBKDF2(a kdfalg.PBKDF2, h *hashInfo, secret []byte, n int) ([]byte, error) {
	name := "PBKDF2-" + h.name
	if Enforced() {
		// The rules crypto/pbkdf2 enforces there (NIST SP 800-132); Go
		// sets no minimum iteration count.
		if n < minFIPSKeySize {
			return nil, kdfRule(name, "the derived key must be at least 14 bytes (112 bits, NIST SP 800-132 and SP 800-131A)", backends.ErrInvalidKeySize)
		}
		if len(a.Salt) < 16 {
			return nil, kdfRule(name, "the salt must be at least 16 bytes (128 bits, NIST SP 800-132)", backends.ErrInvalidArgument)
		}
	}
	dk, err := pbkdf2.Key(h.newHash, string(secret), a.Salt, a.Iterations, n)
	if err != nil {
		return nil, fmt.Errorf("gocrypto: %s: %w", name, err)
	}
	return dk, nil
}

func deriveScrypt(a kdfalg.Scrypt, secret []byte, n int) ([]byte, error) {
	limit := a.MaxMem
	if limit == 0 {
		limit = scryptDefaultMaxMem
	}
	// What scrypt allocates: V, 128*r*N bytes, and B, 128*r*p bytes (the
	// measure OpenSSL checks against its maxmem, with its two extra blocks
	// of V). ValidateDerive bounded r*p below 2^30.
	r, p := uint64(a.R), uint64(a.P)
	need, overflow := uint64(0), a.N > (1<<63)/(128*r)-2
	if !overflow {
		need = 128*r*(a.N+2) + 128*r*p
	}
	if overflow || need > limit || a.N > uint64(maxInt) {
		return nil, fmt.Errorf("gocrypto: SCRYPT with N=%d, r=%d, p=%d needs more memory than its limit of %d bytes (Scrypt.MaxMem, or 1025 MiB by default): %w",
			a.N, a.R, a.P, limit, backends.ErrInvalidArgument)
	}
	dk, err := scrypt.Key(secret, a.Salt, int(a.N), a.R, a.P, n)
	if err != nil {
		return nil, fmt.Errorf("gocrypto: SCRYPT: %v: %w", err, backends.ErrInvalidArgument)
	}
	return dk, nil
}

const maxInt = int(^uint(0) >> 1)
