package aead_test

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
)

func TestSmoke(t *testing.T) {
	key := make([]byte, 16)
	nonce := make([]byte, 12)
	a, err := aead.NewAESGCM(key)
	require.NoError(t, err)
	blk, _ := aes.NewCipher(key)
	g, _ := cipher.NewGCM(blk)
	for _, n := range []int{0, 1, 16, 100} {
		pt := make([]byte, n)
		want := g.Seal(nil, nonce, pt, []byte("aad"))
		got := a.Seal(nil, nonce, pt, []byte("aad"))
		require.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))
		back, err := a.Open(nil, nonce, got, []byte("aad"))
		require.NoError(t, err)
		require.Equal(t, hex.EncodeToString(pt), hex.EncodeToString(back))
		got[0] ^= 1
		_, err = a.Open(nil, nonce, got, []byte("aad"))
		require.Error(t, err)
	}
	c, err := aead.NewAESCCM(key, 16)
	require.NoError(t, err)
	ct, err := c.Encrypt(make([]byte, 13), []byte("hello"), nil)
	require.NoError(t, err)
	pt, err := c.Decrypt(make([]byte, 13), ct, nil)
	require.NoError(t, err)
	require.Equal(t, "hello", string(pt))
	ch, err := aead.NewChaCha20Poly1305(make([]byte, 32))
	require.NoError(t, err)
	ct = ch.Seal(nil, nonce, []byte("x"), nil)
	pt, err = ch.Open(nil, nonce, ct, nil)
	require.NoError(t, err)
	require.Equal(t, "x", string(pt))
}
