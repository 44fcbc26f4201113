//go:build cgo

package openssl_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// TestFIPSTripleDESKeys: FIPS mode refuses TripleDES keys whose three DES
// keys are not distinct (SP 800-67 Rev. 2 keeps keying option 1 only), in
// Go and for encryption and decryption alike; the default mode keeps
// OpenSSL's behaviour and accepts them.
func TestFIPSTripleDESKeys(t *testing.T) {
	k1, k2, k3 := bytes.Repeat([]byte{0x01}, 8), bytes.Repeat([]byte{0x23}, 8), bytes.Repeat([]byte{0x45}, 8)
	cat := func(ks ...[]byte) []byte { return bytes.Join(ks, nil) }
	b := openssl.DefaultBackend()
	cbc, err := modes.NewCBC(make([]byte, 8))
	require.NoError(t, err)

	for _, tc := range []struct {
		name     string
		key      []byte
		distinct bool
	}{
		{"8 bytes", k1, false},
		{"16 bytes", cat(k1, k2), false},
		{"K1=K2", cat(k1, k1, k3), false},
		{"K2=K3", cat(k1, k2, k2), false},
		{"K1=K3", cat(k1, k2, k1), false},
		{"distinct", cat(k1, k2, k3), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			alg, err := algorithms.NewTripleDES(tc.key)
			require.NoError(t, err)
			if !b.CipherSupported(alg, cbc) {
				t.Skipf("TripleDES-CBC is not available (FIPS mode %v)", openssl.FIPS())
			}
			for _, encrypt := range []bool{false, true} {
				var err error
				if encrypt {
					_, err = b.CreateSymmetricEncryptionCtx(alg, cbc)
				} else {
					_, err = b.CreateSymmetricDecryptionCtx(alg, cbc)
				}
				switch {
				case openssl.FIPS() && !tc.distinct:
					require.ErrorIs(t, err, backends.ErrInvalidKeySize, "encrypt %v", encrypt)
					assert.Contains(t, err.Error(), "FIPS")
					assert.Contains(t, err.Error(), "SP 800-67 Rev. 2")
				case openssl.FIPS() && encrypt:
					// A FIPS provider may refuse TripleDES encryption
					// altogether; a distinct key is never the reason.
					if err != nil {
						assert.NotErrorIs(t, err, backends.ErrInvalidKeySize)
					}
				default:
					assert.NoError(t, err, "encrypt %v", encrypt)
				}
			}
		})
	}
}
