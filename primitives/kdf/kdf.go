package kdf

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// KDF is one key derivation with its parameters, pyca's shape: call Derive
// or Verify once. Every later call returns [backends.ErrAlreadyFinalized].
// A KDF may be shared between goroutines, but only one call succeeds.
type KDF struct {
	alg    backends.KDFAlgorithm
	length int
	b      backends.KDFBackend
	used   atomic.Bool
}

// New returns a KDF that derives length bytes with alg on the default
// backend. It checks the parameters that do not depend on the secret
// (see [kdfalg]) and returns their error, or an error wrapping
// [backends.ErrUnsupportedAlgorithm] when the backend cannot run alg now.
func New(alg backends.KDFAlgorithm, length int) (*KDF, error) {
	return NewWithBackend(alg, length, defaultBackend())
}

// NewWithBackend is [New] with a chosen backend.
func NewWithBackend(alg backends.KDFAlgorithm, length int, b backends.KDFBackend) (*KDF, error) {
	if guard.IsNil(alg) || guard.IsNil(b) {
		return nil, fmt.Errorf("kdf: nil algorithm or backend: %w", backends.ErrInvalidArgument)
	}
	if err := validateSansSecret(alg, length); err != nil {
		return nil, err
	}
	if !b.KDFSupported(alg) {
		// Let the backend say why, with a derivation it refuses before
		// any work: its error names the algorithm and the reason.
		probeLen := length
		if probeLen > 4096 {
			probeLen = 1 // the length was checked; spare the allocation
		}
		err := b.DeriveKey(alg, probeSecret(alg), make([]byte, probeLen))
		if err == nil {
			err = fmt.Errorf("kdf: %s not supported by the backend: %w", alg.KDFName(), backends.ErrUnsupportedAlgorithm)
		}
		return nil, err
	}
	return &KDF{alg: alg, length: length, b: b}, nil
}

// probeSecret is a secret of a length alg accepts, for the checks that
// run before the caller's secret is known.
func probeSecret(alg backends.KDFAlgorithm) []byte {
	if k, ok := alg.(kdfalg.KBKDF); ok && k.Cipher == kdfalg.CMACTripleDES {
		return make([]byte, 24)
	}
	return make([]byte, 16)
}

// validateSansSecret runs alg's checks with a stand-in secret, leaving out
// the errors that only the real secret decides.
func validateSansSecret(alg backends.KDFAlgorithm, length int) error {
	err := alg.ValidateDerive(len(probeSecret(alg)), length)
	if errors.Is(err, backends.ErrInvalidKeySize) {
		return nil
	}
	return err
}

// Algorithm returns the descriptor the KDF derives with (nil for a KDF not
// made by a constructor).
func (k *KDF) Algorithm() backends.KDFAlgorithm {
	if k == nil {
		return nil
	}
	return k.alg
}

// Length returns the number of bytes Derive returns (0 for a KDF not made
// by a constructor).
func (k *KDF) Length() int {
	if k == nil {
		return 0
	}
	return k.length
}

// Derive returns the key derived from keyMaterial. The first call of
// Derive or Verify uses the KDF up, even when it fails; later calls return
// [backends.ErrAlreadyFinalized]. Errors are those of
// [backends.KDFBackend.DeriveKey]: the parameter sentinels, an
// unsupported algorithm, or a FIPS rule ([backends.ErrFIPSRule]).
func (k *KDF) Derive(keyMaterial []byte) ([]byte, error) {
	if k == nil || k.alg == nil {
		return nil, fmt.Errorf("kdf: KDF used without kdf.New or another constructor of package kdf: %w", backends.ErrInvalidArgument)
	}
	if !k.used.CompareAndSwap(false, true) {
		return nil, backends.ErrAlreadyFinalized
	}
	out := make([]byte, k.length)
	if err := k.b.DeriveKey(k.alg, keyMaterial, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Verify derives a key from keyMaterial and compares it with expected in
// constant time. A mismatch (of value or length) returns
// [backends.ErrInvalidKey]; a failed derivation its error. Like Derive, it
// uses the KDF up.
func (k *KDF) Verify(keyMaterial, expected []byte) error {
	got, err := k.Derive(keyMaterial)
	if err != nil {
		return err
	}
	defer clear(got)
	if subtle.ConstantTimeCompare(got, expected) != 1 {
		return backends.ErrInvalidKey
	}
	return nil
}
