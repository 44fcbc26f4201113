package ciphers_test

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// stacked matches an error text with two package prefixes in a row, such
// as "ciphers: openssl: ...".
var stacked = regexp.MustCompile(`^[a-z0-9]+: [a-z0-9]+: `)

// TestOnePrefix checks that each mistake gives one error with one package
// prefix: the layer that owns the check names itself, and no layer above
// it adds its own.
func TestOnePrefix(t *testing.T) {
	aes, err := algorithms.NewAES(make([]byte, 16))
	require.NoError(t, err)
	cbc, err := modes.NewCBC(make([]byte, 16))
	require.NoError(t, err)
	gcm, err := modes.NewGCM(make([]byte, 12), nil)
	require.NoError(t, err)
	aes64, err := algorithms.NewAES(make([]byte, 64))
	require.NoError(t, err)
	// Where the backend refuses AES-GCM with a caller's nonce (the Go
	// backend under GODEBUG=fips140=only), its refusal is the error whose
	// prefix is checked.
	gcmWant, gcmServed := error(backends.ErrNotYetFinalized), ciphers.Supported(aes, gcm)
	if !gcmServed {
		gcmWant = backends.ErrUnsupportedAlgorithm
	}
	for _, tc := range []struct {
		name string
		want error
		run  func() error
	}{
		{"CBC input not whole blocks at Finalize", backends.ErrInvalidDataLength, func() error {
			c, err := ciphers.NewCipher(aes, cbc)
			require.NoError(t, err)
			enc, err := c.Encryptor()
			require.NoError(t, err)
			_, err = enc.Update(make([]byte, 5))
			require.NoError(t, err)
			_, err = enc.Finalize()
			return err
		}},
		{"UpdateInto a short buffer", backends.ErrShortBuffer, func() error {
			c, err := ciphers.NewCipher(aes, cbc)
			require.NoError(t, err)
			enc, err := c.Encryptor()
			require.NoError(t, err)
			_, err = enc.UpdateInto(make([]byte, 32), make([]byte, 16))
			return err
		}},
		{"GCM Tag before Finalize", gcmWant, func() error {
			c, err := ciphers.NewCipher(aes, gcm)
			require.NoError(t, err)
			enc, err := c.Encryptor()
			if !gcmServed {
				assert.True(t, defaultbackend.FIPS(), "AES-GCM refused outside FIPS mode: %v", err)
				t.Logf("AES-GCM is not served here (FIPS mode: %v): its refusal is checked", defaultbackend.FIPS())
				return err
			}
			require.NoError(t, err)
			_, err = enc.Tag()
			return err
		}},
		{"a 512-bit AES key with CBC", backends.ErrInvalidKeySize, func() error {
			_, err := ciphers.NewCipher(aes64, cbc)
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			require.ErrorIs(t, err, tc.want)
			assert.NotRegexp(t, stacked, err.Error())
		})
	}
}
