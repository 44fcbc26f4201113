//go:build cgo

package openssl_test

import (
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

const keyCheckChild = "HAZMAT_HMAC_KEY_CHECK_CHILD"

// TestFIPSHMACKeyCheck runs this test binary again under a copy of the FIPS
// configuration with the provider's HMAC key check on (hmac-key-check,
// FIPS providers 3.4 and later), and expects a short key to be refused
// with ErrInvalidKeySize rather than a bare OpenSSL error.
func TestFIPSHMACKeyCheck(t *testing.T) {
	if os.Getenv(keyCheckChild) != "" {
		t.Skip("the parent test runs this one")
	}
	out, err := runWithFIPSOption(t, "hmac-key-check", "1", "TestFIPSHMACKeyCheckChild", keyCheckChild)
	if strings.Contains(out, "provider does not enforce") {
		t.Skipf("FIPS provider %s has no HMAC key check", openssl.FIPSProviderVersion())
	}
	require.NoError(t, err)
	assert.Contains(t, out, "--- PASS: TestFIPSHMACKeyCheckChild")
}

// runWithFIPSOption runs the test child of this test binary under a copy of
// the FIPS configuration (OPENSSL_CONF, FIPS mode) with option set to value
// in the FIPS module's section and env=1 in the environment, and returns
// its output (logged) and exit error. It skips the calling test outside FIPS
// mode.
func runWithFIPSOption(t *testing.T, option, value, child, env string) (string, error) {
	t.Helper()
	conf := os.Getenv("OPENSSL_CONF")
	if !openssl.FIPS() || conf == "" {
		t.Skip("needs FIPS mode from an OPENSSL_CONF file (scripts/test.sh --fips)")
	}
	main, err := os.ReadFile(conf)
	require.NoError(t, err)
	inc := regexp.MustCompile(`(?m)^\.include\s+(\S+)\s*$`).FindSubmatch(main)
	require.NotNil(t, inc, "%s includes no FIPS module configuration", conf)
	module, err := os.ReadFile(string(inc[1]))
	require.NoError(t, err)
	require.Contains(t, string(module), "activate = 1")

	dir := t.TempDir()
	checked := withFIPSOption(string(module), option, value)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "fipsmodule.cnf"), []byte(checked), 0o644))
	newMain := strings.Replace(string(main), string(inc[0]), ".include "+filepath.Join(dir, "fipsmodule.cnf"), 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "openssl.cnf"), []byte(newMain), 0o644))

	cmd := exec.Command(os.Args[0], "-test.run=^"+child+"$", "-test.v")
	cmd.Env = append(os.Environ(), "OPENSSL_CONF="+filepath.Join(dir, "openssl.cnf"), env+"=1")
	out, err := cmd.CombinedOutput()
	t.Logf("child:\n%s", out)
	return string(out), err
}

// withFIPSOption returns the FIPS module configuration module with option
// set to value: the line replaced where fipsinstall wrote one (OpenSSL 3.4
// and later write every option, most of them 0), else added after
// "activate = 1".
func withFIPSOption(module, option, value string) string {
	line := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(option) + `\s*=.*$`)
	if line.MatchString(module) {
		return line.ReplaceAllLiteralString(module, option+" = "+value)
	}
	return strings.Replace(module, "activate = 1", "activate = 1\n"+option+" = "+value, 1)
}

func TestFIPSHMACKeyCheckChild(t *testing.T) {
	if os.Getenv(keyCheckChild) == "" {
		t.Skip("run by TestFIPSHMACKeyCheck")
	}
	require.True(t, openssl.FIPS())
	b := openssl.DefaultBackend()
	_, err := b.CreateHMACCtx(make([]byte, 16), hashes.SHA256{})
	require.NoError(t, err, "a 128-bit key is allowed")
	_, err = b.CreateHMACCtx([]byte{1, 2}, hashes.SHA256{})
	if err == nil {
		t.Skip("provider does not enforce a minimum HMAC key length")
	}
	assert.ErrorIs(t, err, backends.ErrInvalidKeySize)
	assert.Contains(t, err.Error(), "112 bits")
	// On one thread: the refusal drops the thread's HMAC context, and the
	// next HMAC on that thread gets a new one.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	key := make([]byte, 16)
	want, err := b.MAC(key, hashes.SHA256{}, []byte("x"), nil)
	require.NoError(t, err)
	_, err = b.MAC([]byte{1, 2}, hashes.SHA256{}, []byte("x"), nil)
	assert.ErrorIs(t, err, backends.ErrInvalidKeySize)
	got, err := b.MAC(key, hashes.SHA256{}, []byte("x"), nil)
	require.NoError(t, err, "a valid key after a refused one")
	assert.Equal(t, goHMAC(sha256.New, key, []byte("x")), got)
	assert.Equal(t, want, got)
}
