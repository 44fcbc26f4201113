//go:build cgo

package ciphers_test

import (
	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
)

// The tests of the cgo-only files of this package (the matrix, misuse and
// the vector collection) are about OpenSSL's algorithm set and behaviour:
// they build their ciphers on the OpenSSL backend, whichever backend is the
// default (HAZMAT_BACKEND=go makes it the Go backend, whose refusals the
// tests of gobackend_test.go and the conformance suite check).

// newSSLCipher is ciphers.NewCipher on the OpenSSL backend.
func newSSLCipher(alg backends.CipherAlgorithm, mode backends.Mode) (*ciphers.Cipher, error) {
	return ciphers.NewCipherWithBackend(alg, mode, openssl.DefaultBackend())
}

// sslSupported is ciphers.Supported on the OpenSSL backend.
func sslSupported(alg backends.CipherAlgorithm, mode backends.Mode) bool {
	return openssl.DefaultBackend().CipherSupported(alg, mode)
}

// sslAdapter binds one of the ...WithBackend adapter constructors to the
// OpenSSL backend.
func sslAdapter[A, R any](f func(A, backends.Mode, backends.CipherBackend) (R, error)) func(A, backends.Mode) (R, error) {
	return func(alg A, mode backends.Mode) (R, error) {
		return f(alg, mode, openssl.DefaultBackend())
	}
}
