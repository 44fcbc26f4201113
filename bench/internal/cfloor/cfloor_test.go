package cfloor

import (
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrors(t *testing.T) {
	_, err := NewCipher("NO-SUCH-CIPHER", nil, nil, true)
	assert.ErrorContains(t, err, "NO-SUCH-CIPHER")
	_, err = NewDigest("NO-SUCH-DIGEST", 32)
	assert.Error(t, err)
	_, err = NewHMAC("NO-SUCH-DIGEST", 32, []byte("0123456789abcdef"))
	assert.Error(t, err)

	c, err := NewCipher("AES-128-GCM", make([]byte, 16), nil, true)
	require.NoError(t, err)
	assert.Error(t, c.GCMSeal(make([]byte, 12), make([]byte, 16), make([]byte, 16), 1), "short output")
	c.Close()
	c.Close()
	assert.ErrorIs(t, c.GCMSeal(make([]byte, 12), nil, make([]byte, 16), 1), errClosed)

	d, err := NewDigest("SHA2-256", 32)
	require.NoError(t, err)
	assert.Error(t, d.OneShot(nil, make([]byte, 31), 1), "short output")
	d.Close()
	assert.ErrorIs(t, d.Reused(nil, make([]byte, 32), 1), errClosed)
}

func TestGCMRoundTripAndTagCheck(t *testing.T) {
	key, iv := make([]byte, 16), make([]byte, 12)
	seal, err := NewCipher("AES-128-GCM", key, nil, true)
	require.NoError(t, err)
	defer seal.Close()
	open, err := NewCipher("AES-128-GCM", key, nil, false)
	require.NoError(t, err)
	defer open.Close()

	pt := []byte("sixty-four bytes of plaintext, give or take a handful of bytes..")
	ct := make([]byte, len(pt)+16)
	require.NoError(t, seal.GCMSeal(iv, pt, ct, 2))
	got := make([]byte, len(pt))
	require.NoError(t, open.GCMOpen(iv, ct, got, 2))
	assert.Equal(t, pt, got)

	ct[len(ct)-1] ^= 1
	assert.Error(t, open.GCMOpen(iv, ct, got, 1), "a forged tag must fail")
}

func TestDigests(t *testing.T) {
	msg := []byte("abc")
	want := sha256.Sum256(msg)
	d, err := NewDigest("SHA2-256", 32)
	require.NoError(t, err)
	defer d.Close()
	for name, f := range map[string]func([]byte, []byte, int) error{
		"OneShot": d.OneShot, "Reused": d.Reused, "Fresh": d.Fresh,
	} {
		out := make([]byte, 32)
		require.NoError(t, f(msg, out, 3), name)
		assert.Equal(t, want[:], out, name)
	}
}
