//go:build cgo

package mac_test

// Known answers of the MACs that only the OpenSSL backend has (CMAC,
// KMAC): Go's crypto has neither.

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// TestCMACVectors runs NIST SP 800-38B's examples for AES-128/192/256 and
// TripleDES (nist/CMAC). FIPS mode: the 3.5 FIPS provider refuses TripleDES
// CMAC, which must come back as a FIPS refusal.
func TestCMACVectors(t *testing.T) {
	files := map[string]macalg.CMACCipher{
		"nist-800-38b-aes128.txt": macalg.AES, "nist-800-38b-aes192.txt": macalg.AES,
		"nist-800-38b-aes256.txt": macalg.AES, "nist-800-38b-3des.txt": macalg.TripleDES,
	}
	total := 0
	for file, cipher := range files {
		recs, err := vectors.ParseFile(vectors.Path(t, "CMAC/"+file))
		require.NoError(t, err)
		require.NotEmpty(t, recs)
		alg := macalg.CMAC{Cipher: cipher}
		fipsUnsup := cipher == macalg.TripleDES && !sslSupported(alg)
		if fipsUnsup {
			require.True(t, openssl.FIPS(), "CMAC-TDES must be supported outside FIPS mode")
		}
		for _, r := range recs {
			var key []byte
			if cipher == macalg.TripleDES {
				key = append(append(recHex(t, &r, "KEY1"), recHex(t, &r, "KEY2")...), recHex(t, &r, "KEY3")...)
			} else {
				key = recHex(t, &r, "KEY")
			}
			c := macCase{name: file + "/" + r.Name(), alg: alg, key: key, msg: recHex(t, &r, "MESSAGE"), want: recHex(t, &r, "OUTPUT"), fipsUnsup: fipsUnsup, onOpenSSL: true}
			if cipher == macalg.TripleDES && openssl.FIPS() && !fipsUnsup && !distinctDES(key) {
				// SP 800-67 Rev. 2: FIPS mode takes three distinct keys only.
				t.Run(c.name, func(t *testing.T) {
					_, err := sslSum(alg, key, c.msg)
					require.ErrorIs(t, err, backends.ErrInvalidKeySize)
					assert.Contains(t, err.Error(), "FIPS")
					_, err = sslNew(alg, key)
					require.ErrorIs(t, err, backends.ErrInvalidKeySize)
				})
				total++
				continue
			}
			t.Run(c.name, func(t *testing.T) { runMACCase(t, c) })
			total++
		}
	}
	assert.Equal(t, 20, total) // four examples per AES file, eight for TripleDES (three and two keys)
}

// TestTestdataKMAC runs NIST SP 800-185's KMAC samples.
func TestTestdataKMAC(t *testing.T) {
	dir, err := vectors.TestdataDir()
	require.NoError(t, err)
	recs, err := vectors.ParseFile(filepath.Join(dir, "mac", "kmac-sp800-185.txt"))
	require.NoError(t, err)
	require.Len(t, recs, 6)
	for _, r := range recs {
		size, err := r.Int("OUTPUTLEN")
		require.NoError(t, err)
		custom := recHex(t, &r, "CUSTOM")
		var alg macalg.KMAC
		switch strings.ToUpper(r.Fields["alg"]) {
		case "KMAC128":
			alg, err = macalg.NewKMAC128(custom, size)
		case "KMAC256":
			alg, err = macalg.NewKMAC256(custom, size)
		default:
			t.Fatalf("%s: unknown ALG %q", r.Name(), r.Fields["alg"])
		}
		require.NoError(t, err)
		c := macCase{name: r.Name(), alg: alg, key: recHex(t, &r, "KEY"), msg: recHex(t, &r, "MESSAGE"), want: recHex(t, &r, "OUTPUT"), onOpenSSL: true}
		t.Run(c.name, func(t *testing.T) { runMACCase(t, c) })
	}
}

// distinctDES reports whether a 24-byte TripleDES key is three distinct
// DES keys.
func distinctDES(k []byte) bool {
	return len(k) == 24 && !bytes.Equal(k[:8], k[8:16]) && !bytes.Equal(k[8:16], k[16:]) && !bytes.Equal(k[:8], k[16:])
}
