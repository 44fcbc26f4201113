// Package pbkdf2 is PBKDF2 with HMAC ([RFC 8018], NIST SP 800-132) with
// the signature of Go's crypto/pbkdf2, computed by the backend's module
// (the default OpenSSL backend: its FIPS provider in FIPS mode). Code that
// imports crypto/pbkdf2 switches by changing the import.
//
// The hash constructor h is called to learn which hash it makes (one of
// Go's standard library on its first use only); see package
// primitives/kdf/hkdf for the constructors accepted.
//
// In FIPS mode the module's rules apply: a salt of at least 16 bytes, at
// least 1000 iterations and a key of at least 14 bytes; a refusal is an
// error wrapping [backends.ErrFIPSRule] that names the rule.
//
// [RFC 8018]: https://www.rfc-editor.org/rfc/rfc8018
package pbkdf2

import (
	"fmt"
	"hash"
	"unsafe"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/kdf/internal/hashid"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// defaultBackend is the one place this package names a backend.
func defaultBackend() backends.KDFBackend { return defaultbackend.Get() }

// Key derives keyLength bytes from password and salt with iter iterations
// of HMAC-h. keyLength must be 1 to (2^32 - 1) times the hash size (and
// at most 1 GiB), iter at least 1; otherwise the error wraps
// [backends.ErrInvalidArgument]. It is safe for concurrent use.
func Key[Hash hash.Hash](h func() Hash, password string, salt []byte, iter, keyLength int) ([]byte, error) {
	if h == nil {
		return nil, fmt.Errorf("pbkdf2: nil hash constructor: %w", backends.ErrInvalidArgument)
	}
	alg, err := hashid.OfFunc(h)
	if err != nil {
		return nil, fmt.Errorf("pbkdf2: %w", err)
	}
	a := kdfalg.PBKDF2{Hash: alg, Salt: salt, Iterations: iter}
	if err := a.ValidateDerive(len(password), keyLength); err != nil {
		return nil, err
	}
	out := make([]byte, keyLength)
	// The password's own bytes, not a copy: the backend only reads the
	// secret (as [backends.KDFBackend] requires), and a copy would be one
	// more allocation per derivation and one more copy of the password
	// left in memory.
	if err := defaultBackend().DeriveKey(a, unsafe.Slice(unsafe.StringData(password), len(password)), out); err != nil {
		return nil, err
	}
	return out, nil
}
