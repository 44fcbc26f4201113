package cmac_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/cmac"
	"github.com/go-hazmat/hazmat/primitives/mac"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// TestDefaultBackendSupport checks that CMAC is offered exactly when the
// default backend says so (OpenSSL serves it, in FIPS mode too; Go's crypto
// has no CMAC), and that a refusal is the unsupported-algorithm error,
// with nothing returned. The known answers (cmac_test.go) need a backend
// that has CMAC: they build with cgo.
func TestDefaultBackendSupport(t *testing.T) {
	key := make([]byte, 16)
	supported := mac.Supported(macalg.CMAC{Cipher: macalg.AES})
	assert.Equal(t, defaultbackend.Name() == defaultbackend.OpenSSL, supported, "CMAC-AES on the %s backend", defaultbackend.Name())
	tag, err := cmac.Sum(key, []byte("abc"))
	m, errNew := cmac.New(key)
	if supported {
		require.NoError(t, err)
		assert.Len(t, tag, 16)
		require.NoError(t, errNew)
		return
	}
	assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
	assert.Nil(t, tag)
	assert.ErrorIs(t, errNew, backends.ErrUnsupportedAlgorithm)
	assert.Nil(t, m)
}
