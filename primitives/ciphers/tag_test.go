package ciphers_test

import (
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// TestContextTag runs the steps of ExampleContext_Tag (test case 4 of the
// GCM specification, streamed) and checks its output where the backend
// serves AES-GCM with a caller's nonce; where it does not (the Go backend
// under GODEBUG=fips140=only), it checks that the refusal names FIPS.
func TestContextTag(t *testing.T) {
	key := exampleHex("feffe9928665731c6d6a8f9467308308")
	iv := exampleHex("cafebabefacedbaddecaf888")
	aad := exampleHex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
	plaintext := exampleHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" +
		"1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39")
	alg, err := algorithms.NewAES(key)
	require.NoError(t, err)
	gcm, err := modes.NewGCM(iv, nil)
	require.NoError(t, err)
	c, err := ciphers.NewCipher(alg, gcm)
	require.NoError(t, err)

	enc, err := c.Encryptor()
	if !ciphers.Supported(alg, gcm) {
		require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
		var ue *backends.UnsupportedAlgorithmError
		require.ErrorAs(t, err, &ue)
		assert.Equal(t, backends.ReasonFIPSRefused, ue.Reason, "%v", err)
		assert.True(t, defaultbackend.FIPS(), "AES-GCM refused outside FIPS mode: %v", err)
		_, err = c.Decryptor()
		assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "the decryption is refused too")
		t.Logf("AES-GCM with a caller's nonce is refused here, as checked: %v", err)
		return
	}
	require.NoError(t, err)
	require.NoError(t, enc.AuthenticateAdditionalData(aad))
	var ct []byte
	for _, part := range [][]byte{plaintext[:20], plaintext[20:]} {
		out, err := enc.Update(part)
		require.NoError(t, err)
		ct = append(ct, out...)
	}
	rest, err := enc.Finalize()
	require.NoError(t, err)
	ct = append(ct, rest...)
	tag, err := enc.Tag()
	require.NoError(t, err)
	assert.Equal(t, "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091", hex.EncodeToString(ct))
	assert.Equal(t, "5bc94fbc3221a5db94fae95ae7121a47", hex.EncodeToString(tag))

	dec, err := c.Decryptor()
	require.NoError(t, err)
	require.NoError(t, dec.AuthenticateAdditionalData(aad))
	pt, err := dec.Update(ct)
	require.NoError(t, err)
	rest, err = dec.FinalizeWithTag(tag)
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(plaintext), hex.EncodeToString(append(pt, rest...)))
}
