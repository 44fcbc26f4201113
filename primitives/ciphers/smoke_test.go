package ciphers_test

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

func TestSmoke(t *testing.T) {
	key := make([]byte, 16)
	iv := make([]byte, 16)
	alg, _ := algorithms.NewAES(key)
	m, _ := modes.NewCBC(iv)
	c, err := ciphers.NewCipher(alg, m)
	require.NoError(t, err)
	e, err := c.Encryptor()
	require.NoError(t, err)
	pt := make([]byte, 64)
	a, err := e.Update(pt[:10])
	require.NoError(t, err)
	b, err := e.Update(pt[10:])
	require.NoError(t, err)
	f, err := e.Finalize()
	require.NoError(t, err)
	got := append(append(a, b...), f...)
	blk, _ := aes.NewCipher(key)
	want := make([]byte, 64)
	cipher.NewCBCEncrypter(blk, iv).CryptBlocks(want, pt)
	require.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))
	g, _ := modes.NewGCM(make([]byte, 12), nil)
	c, _ = ciphers.NewCipher(alg, g)
	e, err = c.Encryptor()
	require.NoError(t, err)
	require.NoError(t, e.AuthenticateAdditionalData([]byte("aad")))
	ct, _ := e.Update(pt)
	_, err = e.Finalize()
	require.NoError(t, err)
	tag, err := e.Tag()
	require.NoError(t, err)
	gg, _ := cipher.NewGCM(blk)
	require.Equal(t, hex.EncodeToString(gg.Seal(nil, make([]byte, 12), pt, []byte("aad"))), hex.EncodeToString(append(ct, tag...)))
	d, err := c.Decryptor()
	require.NoError(t, err)
	require.NoError(t, d.AuthenticateAdditionalData([]byte("aad")))
	p2, _ := d.Update(ct)
	_, err = d.FinalizeWithTag(tag)
	require.NoError(t, err)
	require.Equal(t, pt, p2)
	for _, name := range []string{"bf", "arc4", "chacha"} {
		_ = name
	}
	bf, _ := algorithms.NewBlowfish(make([]byte, 16))
	cb, _ := modes.NewCBC(make([]byte, 8))
	require.True(t, ciphers.Supported(bf, cb))
	rc4, _ := algorithms.NewARC4(make([]byte, 16))
	require.True(t, ciphers.Supported(rc4, nil))
	xk := make([]byte, 64)
	for i := range xk {
		xk[i] = byte(i)
	}
	xa, _ := algorithms.NewAES(xk)
	xm, _ := modes.NewXTS(make([]byte, 16))
	require.True(t, ciphers.Supported(xa, xm))
	blkh, err := ciphers.NewBlock(alg)
	require.NoError(t, err)
	o1, o2 := make([]byte, 16), make([]byte, 16)
	blkh.Encrypt(o1, pt[:16])
	blk.Encrypt(o2, pt[:16])
	require.Equal(t, o2, o1)
}
