// Package scrypt is scrypt ([RFC 7914]) with the signature of
// golang.org/x/crypto/scrypt, computed by the backend (the default OpenSSL
// backend). FIPS 140 does not approve scrypt: in FIPS mode Key returns an
// error wrapping [backends.ErrUnsupportedAlgorithm] whose reason is
// [backends.ReasonFIPSRefused].
//
// [RFC 7914]: https://www.rfc-editor.org/rfc/rfc7914
package scrypt

import (
	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// defaultBackend is the one place this package names a backend.
func defaultBackend() backends.KDFBackend { return defaultbackend.Get() }

// Key derives keyLen bytes from password and salt. N must be a power of
// two greater than 1, r and p at least 1 with r*p < 2^30, keyLen 1 to
// 1 GiB; otherwise the error wraps [backends.ErrInvalidArgument]. The
// memory it takes, about 128*r*N bytes, must be within OpenSSL's default
// limit of 1025 MiB. It is safe for concurrent use.
func Key(password, salt []byte, N, r, p, keyLen int) ([]byte, error) {
	n := uint64(0)
	if N > 0 {
		n = uint64(N)
	}
	a := kdfalg.Scrypt{Salt: salt, N: n, R: r, P: p}
	if err := a.ValidateDerive(len(password), keyLen); err != nil {
		return nil, err
	}
	out := make([]byte, keyLen)
	if err := defaultBackend().DeriveKey(a, password, out); err != nil {
		return nil, err
	}
	return out, nil
}
