package vectors

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCovered(t *testing.T) {
	for _, tc := range []struct {
		rel    string
		want   bool
		folder string
	}{
		{"ciphers/AES/CBC/CBCMMT128.rsp", true, ""},
		{"ciphers/AES/XTS/tweak-128hexstr/XTSGenAES128.rsp", true, ""},
		{"ciphers/3DES/CBC/TCBCMMT2.rsp", true, ""},
		{"ciphers/ChaCha20/rfc7539.txt", true, ""},
		{"ciphers/ChaCha20/a-later-file.txt", true, ""},
		{"hashes/SHA2/SHA256ShortMsg.rsp", true, ""},
		{"keywrap/kwtestvectors/KW_AE_128.txt", true, ""},
		{"HMAC/rfc-4231-sha256.txt", true, ""},
		{"CMAC/nist-800-38b-aes128.txt", true, ""},
		{"ciphers/ChaCha20Poly1305/openssl.txt", false, "ciphers/ChaCha20Poly1305"},
		{"ciphers/AES/CCM/DVPT128.rsp", false, "ciphers/AES/CCM"},
		{"ciphers/AES/GCM-SIV/openssl.txt", false, "ciphers/AES/GCM-SIV"},
		{"ciphers/RC2/rc2-cbc.txt", false, "ciphers/RC2"},
		{"ciphers/stray.txt", false, "ciphers"},
		{"asymmetric/DH/rfc3526.txt", false, "asymmetric"},
		{"x509/PKITS_data/certs/x.crt", false, "x509"},
		{"__about__.py", false, "."},
		{"HMACextra/x.txt", false, "HMACextra"},
	} {
		assert.Equal(t, tc.want, Covered(tc.rel), tc.rel)
		if !tc.want {
			assert.Equal(t, tc.folder, uncoveredFolder(tc.rel), tc.rel)
		}
	}
}

func TestCurated(t *testing.T) {
	assert.True(t, Curated("/work/shared/vectors/nist"))
	assert.True(t, Curated("../shared/vectors/nist"))
	assert.False(t, Curated("/home/u/.cache/hazmat/vectors/cryptography_vectors"))
	assert.False(t, Curated("/usr/lib/python3/dist-packages/cryptography_vectors"))
	assert.False(t, Curated("/tmp/nist"))
}

// TestCoveredFiles checks the filtering and its log line with a recording
// testing.TB.
func TestCoveredFiles(t *testing.T) {
	rels := []string{"ciphers/AES/CBC/CBCMMT128.rsp", "ciphers/AES/CCM/VTT128.rsp", "ciphers/AES/CCM/VTT192.rsp", "__init__.py", "HMAC/rfc-2202-md5.txt"}
	want := []string{"ciphers/AES/CBC/CBCMMT128.rsp", "HMAC/rfc-2202-md5.txt"}

	rec := &recordingTB{TB: t}
	assert.Equal(t, want, CoveredFiles(rec, "/cache/vectors/cryptography_vectors", rels))
	assert.Equal(t, []string{"left out 3 files in folders the tests do not cover: ciphers/AES/CCM, (root)"}, rec.logs)
	assert.Empty(t, rec.errors)

	rec = &recordingTB{TB: t}
	assert.Equal(t, want, CoveredFiles(rec, "/work/shared/vectors/nist", rels))
	assert.Equal(t, []string{"3 files of the curated collection /work/shared/vectors/nist lie outside the covered folders: ciphers/AES/CCM, (root)"}, rec.errors)

	rec = &recordingTB{TB: t}
	assert.Equal(t, want, CoveredFiles(rec, "/work/shared/vectors/nist", want))
	assert.Empty(t, rec.logs)
	assert.Empty(t, rec.errors)
}

// recordingTB records Logf and Errorf instead of passing them on.
type recordingTB struct {
	testing.TB
	logs, errors []string
}

func (r *recordingTB) Logf(format string, args ...any) {
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
