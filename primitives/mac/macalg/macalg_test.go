package macalg_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// TestCMACParams: for every key length from 0 to 64 bytes, CMAC's Params
// names the CBC cipher whose key is that long ("aes-<bits>-cbc" for 16, 24
// and 32 bytes; "des-ede3-cbc" and two-key "des-ede-cbc" for TripleDES) and
// nothing else, or refuses the length with an error wrapping
// ErrInvalidKeySize that names it; an unknown cipher (the zero CMAC
// included) wraps ErrInvalidArgument. Every size KeySizes lists is taken.
func TestCMACParams(t *testing.T) {
	for _, tc := range []struct {
		c     macalg.CMACCipher
		names map[int]string
	}{
		{macalg.AES, map[int]string{16: "aes-128-cbc", 24: "aes-192-cbc", 32: "aes-256-cbc"}},
		{macalg.TripleDES, map[int]string{16: "des-ede-cbc", 24: "des-ede3-cbc"}},
	} {
		c := macalg.CMAC{Cipher: tc.c}
		for n := 0; n <= 64; n++ {
			p, err := c.Params(make([]byte, n))
			assert.Equal(t, "CMAC", p.MAC, "%s, %d bytes", c.Name(), n)
			assert.Nil(t, p.IV)
			assert.Nil(t, p.Custom)
			assert.Zero(t, p.Size)
			assert.False(t, p.OneTime)
			name, ok := tc.names[n]
			if !ok {
				require.ErrorIs(t, err, backends.ErrInvalidKeySize, "%s, %d bytes", c.Name(), n)
				assert.Contains(t, err.Error(), fmt.Sprintf("key of %d bytes", n))
				assert.Empty(t, p.Cipher)
				continue
			}
			require.NoError(t, err, "%s, %d bytes", c.Name(), n)
			assert.Equal(t, name, p.Cipher, "%s, %d bytes", c.Name(), n)
		}
		for _, n := range c.KeySizes() {
			_, err := c.Params(make([]byte, n))
			assert.NoError(t, err, "%s: KeySizes lists %d", c.Name(), n)
		}
	}
	for _, c := range []macalg.CMACCipher{0, -1, macalg.TripleDES + 1} {
		p, err := macalg.CMAC{Cipher: c}.Params(make([]byte, 16))
		require.ErrorIs(t, err, backends.ErrInvalidArgument, "cipher %d", int(c))
		assert.NotErrorIs(t, err, backends.ErrInvalidKeySize)
		assert.Empty(t, p.Cipher)
	}
	_, err := macalg.CMAC{Cipher: macalg.AES}.Params(nil)
	assert.ErrorIs(t, err, backends.ErrInvalidKeySize, "a nil key")
}

// TestCMACParamsAllocs: naming the cipher of a CMAC-AES key allocates
// nothing (Params runs for every one-shot and new CMAC).
func TestCMACParamsAllocs(t *testing.T) {
	c := macalg.CMAC{Cipher: macalg.AES}
	for _, n := range []int{16, 24, 32} {
		key := make([]byte, n)
		allocs := testing.AllocsPerRun(100, func() {
			if _, err := c.Params(key); err != nil {
				panic(err)
			}
		})
		assert.Zero(t, allocs, "%d-byte key", n)
	}
}
