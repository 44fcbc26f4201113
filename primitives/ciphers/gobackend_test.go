package ciphers_test

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// TestGCMHeldBackByGoBackend checks GCM through a Context on the Go
// backend, whose GCM is one-shot: Update releases nothing, Finalize the
// whole output, and decryption with a wrong tag releases nothing at all.
func TestGCMHeldBackByGoBackend(t *testing.T) {
	b := gocrypto.NewBackend()
	alg, err := algorithms.NewAES(bytes.Repeat([]byte{1}, 16))
	require.NoError(t, err)
	iv := bytes.Repeat([]byte{2}, 12)
	pt := []byte("attack at dawn, attack at dawn!!")
	enc, err := ciphers.NewCipherWithBackend(alg, gcmMode(t, iv), b)
	require.NoError(t, err)
	e, err := enc.Encryptor()
	if gocrypto.Enforced() {
		// Nothing to hold back: Go's module refuses GCM with a caller's
		// nonce under GODEBUG=fips140=only, and the backend says so.
		require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
		var ue *backends.UnsupportedAlgorithmError
		require.ErrorAs(t, err, &ue)
		assert.Equal(t, backends.ReasonFIPSRefused, ue.Reason, "%v", err)
		assert.Contains(t, err.Error(), "fips140=only")
		t.Logf("GODEBUG=fips140=only: GCM with a caller's nonce refused, as checked: %v", err)
		return
	}
	require.NoError(t, err)
	out, err := e.Update(pt)
	require.NoError(t, err)
	assert.Empty(t, out, "Update released ciphertext")
	ct, err := e.Finalize()
	require.NoError(t, err)
	tag, err := e.Tag()
	require.NoError(t, err)
	assert.Len(t, ct, len(pt))

	for _, c := range []struct {
		name string
		tag  []byte
		want error
	}{{"right tag", tag, nil}, {"wrong tag", append(bytes.Clone(tag[:15]), tag[15]^1), backends.ErrInvalidTag}} {
		t.Run(c.name, func(t *testing.T) {
			dec, err := ciphers.NewCipherWithBackend(alg, gcmMode(t, iv), b)
			require.NoError(t, err)
			d, err := dec.Decryptor()
			require.NoError(t, err)
			buf := make([]byte, len(ct))
			n, err := d.UpdateInto(ct, buf)
			require.NoError(t, err)
			assert.Zero(t, n, "UpdateInto released plaintext before the tag was checked")
			back, err := d.FinalizeWithTag(c.tag)
			if c.want != nil {
				assert.ErrorIs(t, err, c.want)
				assert.Empty(t, back)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(pt), hex.EncodeToString(back))
		})
	}
}

func gcmMode(t *testing.T, iv []byte) *modes.GCM {
	t.Helper()
	m, err := modes.NewGCM(iv, nil)
	require.NoError(t, err)
	return m
}
