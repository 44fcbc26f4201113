package kdf_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// hostileKDFBackend writes part of a key and then fails with an error
// that has no package prefix.
type hostileKDFBackend struct{ err error }

func (b *hostileKDFBackend) KDFSupported(backends.KDFAlgorithm) bool { return b != nil }

func (b *hostileKDFBackend) DeriveKey(_ backends.KDFAlgorithm, _, out []byte) error {
	for i := range out[:len(out)/2] {
		out[i] = 0xAA
	}
	return b.err
}

// TestHostileKDFBackend: every error of Derive and Verify carries exactly
// one package prefix (also ErrAlreadyFinalized, and a custom backend's
// error); a typed nil backend is refused, not called.
func TestHostileKDFBackend(t *testing.T) {
	alg := kdfalg.HKDF{Hash: hashes.SHA256{}}
	var err error
	assert.NotPanics(t, func() { _, err = kdf.NewWithBackend(alg, 32, (*hostileKDFBackend)(nil)) })
	assert.ErrorIs(t, err, backends.ErrInvalidArgument)

	boom := errors.New("boom")
	k, err := kdf.NewWithBackend(alg, 32, &hostileKDFBackend{err: boom})
	require.NoError(t, err)
	_, err = k.Derive([]byte("secret"))
	assert.ErrorIs(t, err, boom)
	assert.True(t, strings.HasPrefix(fmt.Sprint(err), "kdf: "), "%v", err)
	_, err = k.Derive([]byte("secret"))
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
	assert.True(t, strings.HasPrefix(fmt.Sprint(err), "kdf: "), "%v", err)
}
