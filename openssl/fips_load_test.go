//go:build cgo

package openssl_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/openssl"
)

const (
	setFIPSChild    = "HAZMAT_SETFIPS_CHILD"
	setFIPSChildDir = "HAZMAT_SETFIPS_CHILD_DIR"
)

// findFIPSModule returns a folder holding a fips.so, or "" when this
// machine has none: the one of the FIPS configuration in use, the
// system's, or the one scripts/fips-setup.sh keeps in its cache.
func findFIPSModule() string {
	var dirs []string
	if d := os.Getenv("OPENSSL_MODULES"); d != "" {
		dirs = append(dirs, d)
	}
	dirs = append(dirs, openssl.ModulesDir())
	cache := os.Getenv("HAZMAT_CACHE")
	if cache == "" {
		if c, err := os.UserCacheDir(); err == nil {
			cache = filepath.Join(c, "hazmat")
		}
	}
	if cache != "" {
		dirs = append(dirs, filepath.Join(cache, "fips", "modules"))
	}
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "fips.so")); err == nil {
			return d
		}
	}
	return ""
}

// TestSetFIPSLoadErrors runs this test binary again without any FIPS
// configuration (an empty OPENSSL_CONF), with OPENSSL_MODULES naming an
// empty folder and then a folder whose fips.so has no configuration:
// SetFIPS(true) must fail with ErrFIPSProviderNotFound, name the folder
// OpenSSL looked in, the cause, and what to do.
func TestSetFIPSLoadErrors(t *testing.T) {
	if os.Getenv(setFIPSChild) != "" {
		t.Skip("the parent test runs this one")
	}
	conf := filepath.Join(t.TempDir(), "empty.cnf")
	require.NoError(t, os.WriteFile(conf, nil, 0o644))
	cases := []struct{ name, dir string }{{"missing", t.TempDir()}}
	if d := findFIPSModule(); d != "" {
		cases = append(cases, struct{ name, dir string }{"unconfigured", d})
	} else {
		t.Log("no fips.so on this machine: the unconfigured case does not run")
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestSetFIPSLoadErrorChild$", "-test.v")
			cmd.Env = append(os.Environ(), "OPENSSL_CONF="+conf, "OPENSSL_MODULES="+tc.dir,
				setFIPSChild+"="+tc.name, setFIPSChildDir+"="+tc.dir)
			out, err := cmd.CombinedOutput()
			t.Logf("child:\n%s", out)
			require.NoError(t, err)
			assert.Contains(t, string(out), "--- PASS: TestSetFIPSLoadErrorChild")
		})
	}
}

func TestSetFIPSLoadErrorChild(t *testing.T) {
	which := os.Getenv(setFIPSChild)
	if which == "" {
		t.Skip("run by TestSetFIPSLoadErrors")
	}
	dir := os.Getenv(setFIPSChildDir)
	require.NoError(t, openssl.Init())
	require.False(t, openssl.FIPS())
	assert.Equal(t, dir, openssl.ModulesDir(), "ModulesDir follows OPENSSL_MODULES")

	err := openssl.SetFIPS(true)
	require.ErrorIs(t, err, openssl.ErrFIPSProviderNotFound)
	var oe *openssl.Error
	assert.True(t, errors.As(err, &oe), "OpenSSL's reasons are kept")
	assert.False(t, openssl.FIPS())
	msg := err.Error()
	t.Log(msg)
	assert.True(t, strings.HasPrefix(msg, "openssl: "), msg)
	assert.Equal(t, 1, strings.Count(msg, "openssl: "), "one prefix: %s", msg)
	assert.Contains(t, msg, dir)
	switch which {
	case "missing":
		assert.Contains(t, msg, "no fips.so in "+dir+" (from OPENSSL_MODULES)")
		assert.Contains(t, msg, "openssl-provider-fips")
		assert.Contains(t, msg, "scripts/fips-setup.sh")
	case "unconfigured":
		assert.Contains(t, msg, filepath.Join(dir, "fips.so")+" is there but not configured")
		assert.Contains(t, msg, "openssl fipsinstall")
		assert.Contains(t, msg, "OPENSSL_CONF")
	default:
		t.Fatalf("unknown case %q", which)
	}
	// The default mode still works.
	require.NoError(t, openssl.SetFIPS(false))
}

// TestFIPSCapableOneCall: FIPSCapable answers in a single C call, so that
// a failed fetch's errors are cleared on the thread that queued them.
func TestFIPSCapableOneCall(t *testing.T) {
	want := openssl.FIPSCapable()
	least := int64(-1)
	for range 20 {
		before := runtime.NumCgoCall()
		got := openssl.FIPSCapable()
		n := runtime.NumCgoCall() - before
		require.Equal(t, want, got)
		if least < 0 || n < least {
			least = n
		}
	}
	assert.Equal(t, int64(1), least, "C calls per FIPSCapable")
	if openssl.FIPS() {
		assert.True(t, want, "FIPS mode is on, so a FIPS provider answers")
	}
}
