//go:build cgo

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/openssl"
)

// kdfCases are "openssl kdf" command lines (after "kdf") for every KDF
// both have; fipsRefused marks those FIPS mode refuses.
var kdfCases = []struct {
	args        string
	fipsRefused bool
}{
	{"-keylen 42 -kdfopt digest:SHA256 -kdfopt hexkey:0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b -kdfopt hexsalt:000102030405060708090a0b0c -kdfopt hexinfo:f0f1f2f3f4f5f6f7f8f9 HKDF", false},
	{"-keylen 32 -kdfopt digest:SHA256 -kdfopt hexkey:0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b -kdfopt hexsalt:000102030405060708090a0b0c -kdfopt mode:EXTRACT_ONLY HKDF", false},
	{"-keylen 100 -kdfopt digest:SHA512 -kdfopt key:0123456789abcdef0123456789abcdef -kdfopt info:context -kdfopt mode:EXPAND_ONLY HKDF", false},
	{"-keylen 16 -digest SHA384 -kdfopt key:secret HKDF", false},
	{"-keylen 32 -binary -kdfopt digest:SHA3-256 -kdfopt key:secret -kdfopt salt:salt HKDF", false},
	{"-keylen 20 -kdfopt pass:password -kdfopt salt:salt -kdfopt iter:4096 PBKDF2", true},
	{"-keylen 64 -kdfopt digest:SHA512 -kdfopt pass:password -kdfopt salt:0123456789abcdef -kdfopt iter:1000 PBKDF2", false},
	{"-keylen 32 -kdfopt digest:SHA256 -kdfopt hexpass:70617373776f7264 -kdfopt hexsalt:000102030405060708090a0b0c0d0e0f PBKDF2", false},
	{"-keylen 48 -kdfopt mac:HMAC -kdfopt digest:SHA256 -kdfopt hexkey:dd1d91b7d90b2bd3138533ce92b272fbf8a369316aefe242e659cc0ae238afe0 -kdfopt salt:label -kdfopt info:context KBKDF", false},
	{"-keylen 16 -kdfopt mac:CMAC -kdfopt cipher:AES-128-CBC -kdfopt hexkey:dff1e50ac0b69dc40f1051d46c2b069c -kdfopt hexsalt:c16e6e02c5a3 -kdfopt use-l:0 -kdfopt use-separator:0 KBKDF", false},
	{"-keylen 40 -mac CMAC -cipher AES-256-CBC -kdfopt hexkey:000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f -kdfopt salt:l -kdfopt info:c -kdfopt use-l:0 KBKDF", false},
	{"-keylen 64 -kdfopt mode:feedback -kdfopt mac:HMAC -kdfopt digest:SHA256 -kdfopt key:0123456789abcdef -kdfopt hexseed:000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f -kdfopt salt:l -kdfopt info:c KBKDF", false},
	{"-keylen 32 -kdfopt mode:feedback -kdfopt mac:HMAC -kdfopt digest:SHA1 -kdfopt key:0123456789abcdef -kdfopt salt:l KBKDF", false},
	{"-keylen 16 -kdfopt digest:SHA256 -kdfopt hexkey:96c05619d56c328ab95fe84b18264b08725b85e33fd34f08 X963KDF", false},
	{"-keylen 40 -kdfopt digest:SHA512 -kdfopt hexsecret:96c05619d56c328ab95fe84b18264b08725b85e33fd34f08 -kdfopt info:shared X963KDF", false},
	{"-keylen 10 -kdfopt digest:SHA256 -kdfopt hexkey:a4801c1ca39cc74b7df5c127593e3482f4c4e4e945753076 -kdfopt hexinfo:4341565369649a34a5c3879740e3907add7ba1b2c3d4e5658aaff1cc4bd0aa8e7a215ad1f61873ce67cd7b83225010 SSKDF", false},
	{"-keylen 34 -kdfopt mac:HMAC -kdfopt digest:SHA256 -kdfopt hexkey:616e6f74686572206f6e65 -kdfopt hexsalt:ebf4c1e001f26879afc76c7a45ac9541 -kdfopt hexinfo:9014bf55dc1e03babb5ca1c1323a1e5b SSKDF", false},
	{"-keylen 64 -kdfopt pass:password -kdfopt salt:NaCl -kdfopt n:1024 -kdfopt r:8 -kdfopt p:16 SCRYPT", true},
	{"-keylen 32 -binary -kdfopt pass:p -kdfopt salt:s -kdfopt n:16 -kdfopt r:1 -kdfopt p:1 SCRYPT", true},
}

// TestKDFMatchesOpenSSL runs the built hazmat (-backend openssl) and
// "openssl kdf" with the same arguments: the output is byte for byte the
// same; where FIPS mode refuses, both fail and hazmat names FIPS.
func TestKDFMatchesOpenSSL(t *testing.T) {
	bin := hazmatBinary(t)
	ossl := tool(t, "openssl")
	for _, c := range kdfCases {
		t.Run(c.args, func(t *testing.T) {
			args := append([]string{"kdf"}, strings.Fields(c.args)...)
			want := execResult(t, "", nil, "", ossl, args...)
			got := execResult(t, "", nil, "", bin, append([]string{"-backend", "openssl"}, args...)...)
			if openssl.FIPS() && c.fipsRefused {
				assert.NotEqual(t, 0, want.code, "openssl kdf refuses in FIPS mode")
				assert.Equal(t, exitFailure, got.code)
				assert.Contains(t, got.stderr, "FIPS")
				assert.Empty(t, got.stdout)
				return
			}
			require.Equal(t, 0, want.code, "openssl: %s", want.stderr)
			require.Equal(t, exitOK, got.code, "hazmat: %s", got.stderr)
			assert.Equal(t, want.stdout, got.stdout)
		})
	}
}

// TestKDFOutputFileAndKeySources: -out FILE holds what openssl kdf -out
// writes, and a hex secret may come from env:NAME or file:PATH.
func TestKDFOutputFileAndKeySources(t *testing.T) {
	dir := t.TempDir()
	base := []string{"kdf", "-keylen", "16", "-kdfopt", "digest:SHA256"}
	direct := sslHazmat(t, "", append(base, "-kdfopt", "hexkey:000102030405060708090a0b0c0d0e0f", "HKDF")...)
	require.Equal(t, exitOK, direct.code, direct.stderr)
	t.Setenv("HAZMAT_TEST_KDF_KEY", "000102030405060708090a0b0c0d0e0f")
	env := sslHazmat(t, "", append(base, "-kdfopt", "hexkey:env:HAZMAT_TEST_KDF_KEY", "HKDF")...)
	assert.Equal(t, direct, env)
	keyFile := writeFile(t, dir, "key", []byte("000102030405060708090a0b0c0d0e0f\n"))
	file := sslHazmat(t, "", append(base, "-kdfopt", "hexkey:file:"+keyFile, "HKDF")...)
	assert.Equal(t, direct, file)

	out := filepath.Join(dir, "out")
	r := sslHazmat(t, "", append(base, "-out", out, "-kdfopt", "hexkey:000102030405060708090a0b0c0d0e0f", "HKDF")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stdout)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, direct.stdout, string(data))
	if ossl, err := exec.LookPath("openssl"); err == nil {
		want := filepath.Join(dir, "want")
		_, stderr, err := runTool(ossl, append(base, "-out", want, "-kdfopt", "hexkey:000102030405060708090a0b0c0d0e0f", "HKDF")...)
		require.NoError(t, err, stderr)
		wantData, err := os.ReadFile(want)
		require.NoError(t, err)
		assert.Equal(t, string(wantData), string(data))
	}

	missing := sslHazmat(t, "", append(base, "-kdfopt", "hexkey:env:HAZMAT_TEST_NO_SUCH_VAR", "HKDF")...)
	assertOneLineError(t, missing, "HAZMAT_TEST_NO_SUCH_VAR is not set")
	bad := sslHazmat(t, "", append(base, "-kdfopt", "hexkey:00zz", "HKDF")...)
	assertOneLineError(t, bad, "invalid hex")
	assert.NotContains(t, bad.stderr, "00zz", "no message shows a key")
}

func TestKDFErrors(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"kdf", "HKDF"}, exitUsage, "-keylen N is required"},
		{[]string{"kdf", "-keylen", "0", "HKDF"}, exitUsage, "must be positive"},
		{[]string{"kdf", "-keylen", "16"}, exitUsage, "no KDF given"},
		{[]string{"kdf", "-keylen", "16", "-kdfopt", "digest", "HKDF"}, exitUsage, "NAME:VALUE"},
		{[]string{"kdf", "-keylen", "16", "-kdfopt", "key:a", "-kdfopt", "key:b", "-kdfopt", "digest:sha256", "HKDF"}, exitUsage, "given twice"},
		{[]string{"kdf", "-keylen", "16", "-kdfopt", "key:a", "HKDF"}, exitFailure, "digest is required"},
		{[]string{"kdf", "-keylen", "16", "-kdfopt", "key:a", "-kdfopt", "digest:nosuch", "HKDF"}, exitFailure, "unknown digest"},
		{[]string{"kdf", "-keylen", "16", "-kdfopt", "key:a", "-kdfopt", "digest:sha256", "TLS1-PRF"}, exitFailure, "unsupported KDF"},
		{[]string{"kdf", "-keylen", "16", "-kdfopt", "key:a", "-kdfopt", "digest:sha256", "-kdfopt", "iter:3", "HKDF"}, exitFailure, "does not take the parameter iter"},
		{[]string{"kdf", "-keylen", "16", "-kdfopt", "pass:a", "-kdfopt", "salt:0123456789abcdef", "-kdfopt", "iter:0", "PBKDF2"}, exitFailure, "iteration count 0"},
		{[]string{"kdf", "-keylen", "16", "-kdfopt", "pass:a", "-kdfopt", "salt:s", "-kdfopt", "pkcs5:1", "PBKDF2"}, exitFailure, "pkcs5"},
		{[]string{"kdf", "-keylen", "16", "-kdfopt", "digest:sha256", "X963KDF"}, exitFailure, "secret is required"},
		{[]string{"kdf", "-keylen", "16", "-kdfopt", "mac:CMAC", "-kdfopt", "cipher:AES-128-CBC", "-kdfopt", "key:short", "KBKDF"}, exitFailure, "16-byte key"},
		{[]string{"kdf", "-keylen", "16", "-kdfopt", "mac:HMAC", "-kdfopt", "digest:sha256", "-kdfopt", "key:k", "-kdfopt", "r:12", "KBKDF"}, exitFailure, "8, 16, 24 or 32"},
		{[]string{"kdf", "-keylen", "9000", "-kdfopt", "digest:sha256", "-kdfopt", "key:k", "HKDF"}, exitFailure, "out of range"},
	}
	for _, c := range cases {
		r := sslHazmat(t, "", c.args...)
		assert.Equal(t, c.code, r.code, "%q: %s", c.args, r.stderr)
		assert.Contains(t, r.stderr, c.want, "%q", c.args)
		assert.Empty(t, r.stdout)
		if c.code == exitFailure {
			assertOneLineError(t, r, c.want)
		}
	}
	if openssl.FIPS() {
		r := sslHazmat(t, "", "kdf", "-keylen", "32", "-kdfopt", "pass:password", "-kdfopt", "salt:salt", "PBKDF2")
		assertOneLineError(t, r, "FIPS", "salt must be at least 16 bytes")
		r = sslHazmat(t, "", "kdf", "-keylen", "32", "-kdfopt", "pass:p", "-kdfopt", "salt:s", "-kdfopt", "n:16", "SCRYPT")
		assertOneLineError(t, r, "SCRYPT", "refused in FIPS mode")
	}
}
