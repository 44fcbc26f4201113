//go:build cgo

package openssl_test

import (
	"crypto/cipher"
	"crypto/des"
	"encoding/hex"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/fipschild"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

const tdesCheckChild = "HAZMAT_TDES_CHECK_CHILD"

// TestFIPSTripleDESEncryptDisabled runs this test binary again under a copy
// of the FIPS configuration with tdes-encrypt-disabled = 1 (FIPS providers
// 3.4 and later; SP 800-131A no longer approves 3DES encryption), and
// expects 3DES encryption to be refused with ErrUnsupportedAlgorithm naming
// FIPS, while decryption still works.
func TestFIPSTripleDESEncryptDisabled(t *testing.T) {
	if os.Getenv(tdesCheckChild) != "" {
		t.Skip("the parent test runs this one")
	}
	fipschild.Pass(t, "TestFIPSTripleDESEncryptDisabledChild", tdesCheckChild, map[string]string{"tdes-encrypt-disabled": "1"}, "provider allows 3DES encryption", "no tdes-encrypt-disabled option")
}

func TestFIPSTripleDESEncryptDisabledChild(t *testing.T) {
	if os.Getenv(tdesCheckChild) == "" {
		t.Skip("run by TestFIPSTripleDESEncryptDisabled")
	}
	require.True(t, openssl.FIPS())
	key := []byte("0123456789abcdefghijklmn")
	iv := []byte("ivivivi!")
	pt := []byte("sixteen byte msg")
	alg, err := algorithms.NewTripleDES(key)
	require.NoError(t, err)
	mode, err := modes.NewCBC(iv)
	require.NoError(t, err)
	b := openssl.DefaultBackend()

	_, err = b.CreateSymmetricEncryptionCtx(alg, mode)
	if err == nil {
		t.Skip("provider allows 3DES encryption")
	}
	assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
	assert.Contains(t, err.Error(), "FIPS")

	// Decryption of existing data stays allowed.
	block, err := des.NewTripleDESCipher(key)
	require.NoError(t, err)
	ct := make([]byte, len(pt))
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(ct, pt)
	d, err := b.CreateSymmetricDecryptionCtx(alg, mode)
	require.NoError(t, err, "3DES decryption")
	got, err := d.Update(ct)
	require.NoError(t, err)
	rest, err := d.Finalize()
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(pt), hex.EncodeToString(append(got, rest...)))
}
