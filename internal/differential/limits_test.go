//go:build cgo

package differential_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// TestGoLimitsAreRefusals checks the inputs that the descriptors accept
// and OpenSSL computes but Go's crypto cannot: GCM tags shorter than 12
// bytes (and shorter than 16 with an IV other than 12 bytes), XTS data
// units that end in a partial block (Go's XTS has no ciphertext
// stealing), and ChaCha20 past its 32-bit block counter (OpenSSL carries
// into the nonce). The Go backend must refuse them as an algorithm it does
// not serve, an error wrapping [backends.ErrUnsupportedAlgorithm], not as a
// bad argument, so that callers (and the vector runner) can tell a limit of
// Go's crypto from a caller's mistake; and where the descriptors say it
// before any data (the GCM tag), its CipherSupported must answer no.
func TestGoLimitsAreRefusals(t *testing.T) {
	r := newRand(t)
	t.Run("GCM short tags", func(t *testing.T) {
		alg, err := algorithms.NewAES(randBytes(r, 16))
		require.NoError(t, err)
		for _, c := range []struct{ ivLen, tagLen int }{{12, 8}, {12, 4}, {16, 12}, {8, 15}} {
			iv := randBytes(r, c.ivLen)
			ct, tag := gcmSeal(t, r, ossl, alg, iv, nil, randBytes(r, 40))
			mode, err := modes.NewGCMWithMinTagLength(iv, tag[:c.tagLen], c.tagLen)
			require.NoError(t, err)
			if !ossl.CipherSupported(alg, mode) || !gob.CipherSupported(alg, mode) {
				assert.True(t, ossl.CipherSupported(alg, mode), "OpenSSL serves a %d-byte tag with a %d-byte IV", c.tagLen, c.ivLen)
				continue // the Go backend says no: honest
			}
			_, err = gcmOpen(r, gob, alg, iv, nil, ct, tag[:c.tagLen])
			assert.NoError(t, err, "the Go backend says it serves a %d-byte tag with a %d-byte IV, then refuses it", c.tagLen, c.ivLen)
			if err != nil {
				assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "a %d-byte tag with a %d-byte IV", c.tagLen, c.ivLen)
			}
		}
	})
	t.Run("XTS partial block", func(t *testing.T) {
		alg, err := algorithms.NewAES(randBytes(r, 32))
		require.NoError(t, err)
		mode, err := modes.NewXTS(sectorTweak(r))
		require.NoError(t, err)
		if !gob.CipherSupported(alg, mode) {
			t.Skip("the Go backend serves no XTS here (Go's FIPS module is on)")
		}
		pt := randBytes(r, 25)
		_, err = xtsUnit(ossl, alg, mode, true, pt)
		require.NoError(t, err, "OpenSSL steals ciphertext")
		if _, err := xtsUnit(gob, alg, mode, true, pt); err != nil {
			assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "a 25-byte XTS data unit")
		}
	})
	t.Run("ChaCha20 counter", func(t *testing.T) {
		alg, err := algorithms.NewChaCha20(randBytes(r, 32), chachaNonce(r, 0xffffffff))
		require.NoError(t, err)
		if !gob.CipherSupported(alg, nil) || !ossl.CipherSupported(alg, nil) {
			t.Skip("ChaCha20 is not served by both backends here")
		}
		pt := randBytes(r, 200)
		_, err = crypt(r, ossl, alg, nil, true, pt)
		require.NoError(t, err, "OpenSSL carries into the nonce")
		var gerr error
		require.NotPanics(t, func() { _, gerr = crypt(r, gob, alg, nil, true, pt) })
		if gerr != nil {
			assert.ErrorIs(t, gerr, backends.ErrUnsupportedAlgorithm, "ChaCha20 past its 32-bit counter")
		}
	})
}
