package keywrap_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/keywrap"
)

// TestDefaultBackendSupport checks that key wrap is offered exactly when
// the default backend says so (OpenSSL serves it; Go's crypto has no key
// wrap), and that a refusal is the unsupported-algorithm error, with
// nothing returned. The known answers and round trips need a backend that
// has key wrap: they build with cgo.
func TestDefaultBackendSupport(t *testing.T) {
	kek, key := make([]byte, 16), make([]byte, 16)
	for _, mode := range []backends.KeyWrapMode{backends.KW, backends.KWP} {
		supported := keywrap.Supported(mode, len(kek))
		assert.Equal(t, defaultbackend.Name() == defaultbackend.OpenSSL, supported, "%v on the %s backend", mode, defaultbackend.Name())
		w := keywrap.WithMode(mode)
		wrapped, err := w.Wrap(kek, key)
		if supported {
			require.NoError(t, err)
			got, err := w.Unwrap(kek, wrapped)
			require.NoError(t, err)
			assert.Equal(t, key, got)
			continue
		}
		assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "%v", mode)
		assert.Nil(t, wrapped)
		got, err := w.Unwrap(kek, make([]byte, 24))
		assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "%v", mode)
		assert.Nil(t, got)
	}
}
