package gocrypto_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// TestConformanceGCMTagSupported: CipherSupported answers for the pair as
// given, tag included. A GCM mode carrying a tag Go's GCM cannot check
// (4 to 11 bytes, or shorter than 16 with a nonce other than 12 bytes),
// which OpenSSL takes, is unsupported: CipherSupported is false and the
// decryption context is refused with an UnsupportedAlgorithmError, rather
// than a true answer followed by a refusal.
func TestConformanceGCMTagSupported(t *testing.T) {
	b := gocrypto.NewBackend()
	alg := mustDesc(algorithms.NewAES(testKey(16)))
	for _, c := range []struct {
		iv, tag int
		runs    bool
	}{
		{12, 16, true},
		{12, 12, true},
		{8, 16, true},
		{16, 16, true},
		{12, 11, false},
		{12, 8, false},
		{12, 4, false},
		{16, 12, false},
		{8, 15, false},
	} {
		t.Run(fmt.Sprintf("iv%d/tag%d", c.iv, c.tag), func(t *testing.T) {
			m, err := modes.NewGCMWithMinTagLength(testKey(c.iv), testKey(c.tag), 4)
			require.NoError(t, err)
			want := c.runs && !gocrypto.Enforced()
			assert.Equal(t, want, b.CipherSupported(alg, m), "CipherSupported")
			ctx, err := b.CreateSymmetricDecryptionCtx(alg, m)
			if want {
				assert.NoError(t, err)
				return
			}
			assert.Nil(t, ctx)
			assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
		})
	}
}
