//go:build cgo

package main

import (
	"testing"

	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
)

// The tests that compare hazmat with the openssl tool, or that hold what
// OpenSSL serves (enc, hash, kdf, mac, wrap, info, vectors, -fips), run
// hazmat on the OpenSSL backend with -backend openssl, whichever backend
// is the default (HAZMAT_BACKEND=go makes it the Go backend, which
// backend_test.go and backend_diff_test.go check).

// sslHazmat is hazmat with -backend openssl.
func sslHazmat(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return hazmat(t, stdin, append([]string{"-backend", "openssl"}, args...)...)
}

// sslBinary is runBinary with -backend openssl.
func sslBinary(t *testing.T, env []string, stdin string, args ...string) result {
	t.Helper()
	return runBinary(t, env, stdin, append([]string{"-backend", "openssl"}, args...)...)
}

// sslCryptContext is newCryptContext on the OpenSSL backend.
func sslCryptContext(spec cipherSpec, key, iv []byte, encrypt bool) (*ciphers.Context, error) {
	alg, mode, err := spec.build(key, iv)
	if err != nil {
		return nil, err
	}
	c, err := ciphers.NewCipherWithBackend(alg, mode, openssl.DefaultBackend())
	if err != nil {
		return nil, err
	}
	if encrypt {
		return c.Encryptor()
	}
	return c.Decryptor()
}
