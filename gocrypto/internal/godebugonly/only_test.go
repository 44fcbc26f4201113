//go:build !asan

// Go's FIPS 140-3 mode cannot start in an -asan build: this test needs a
// plain one (the package is pure Go; the sanitizer has nothing here to watch).

//go:debug fips140=only

package godebugonly_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// TestDirectiveOnly: this binary runs under fips140=only by its
// //go:debug directive alone, with no GODEBUG in the environment. The
// backend must see the setting as Go does (Go 1.25 has no
// crypto/fips140.Enforced to ask), and refuse what Go refuses there before
// Go panics: SHA-1, whose Sum panics, and HMAC keys shorter than 112 bits,
// which crypto/hmac.New panics on.
func TestDirectiveOnly(t *testing.T) {
	if env := os.Getenv("GODEBUG"); strings.Contains(env, "fips140") {
		// A GODEBUG in the environment overrides the directive: run
		// again without it.
		cmd := exec.Command(os.Args[0], "-test.run=^TestDirectiveOnly$", "-test.v", "-test.count=1")
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "GODEBUG=") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "child without GODEBUG:\n%s", out)
		assert.Contains(t, string(out), "--- PASS: TestDirectiveOnly")
		return
	}
	require.True(t, gocrypto.FIPS(), "the //go:debug directive turns FIPS mode on")
	assert.True(t, gocrypto.Enforced(), "the //go:debug directive sets fips140=only")

	b := gocrypto.NewBackend()
	assert.False(t, b.HashSupported(hashes.SHA1{}), "Go refuses SHA-1 under fips140=only")
	assert.NotPanics(t, func() {
		_, err := b.Digest(hashes.SHA1{}, []byte("abc"), nil)
		assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
		assert.ErrorContains(t, err, "fips140=only")
	}, "SHA-1")
	assert.NotPanics(t, func() {
		_, err := b.CreateHMACCtx(make([]byte, 8), hashes.SHA256{})
		assert.ErrorIs(t, err, backends.ErrInvalidKeySize)
		assert.ErrorContains(t, err, "FIPS")
	}, "an HMAC key of 64 bits")
}
