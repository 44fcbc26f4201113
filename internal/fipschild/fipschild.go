// Package fipschild runs a test once more, in a child process, under a
// copy of the FIPS configuration in force with some of the FIPS module's
// options set: for the tests of what a FIPS provider checks only when its
// configuration asks it to (hmac-key-check and the KDF checks of the FIPS
// providers from OpenSSL 3.4 on). Only tests import it.
package fipschild

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/openssl"
)

// include is the line of OpenSSL's configuration that names the FIPS
// module's configuration (fipsmodule.cnf).
var include = regexp.MustCompile(`(?m)^\.include\s+(\S+)\s*$`)

// Run runs the test named test of the running test binary in a child
// process, with env=1 in its environment and OPENSSL_CONF naming a copy of
// the configuration in force (OPENSSL_CONF, as scripts/fips-env.sh sets
// it) whose FIPS module section has each option set to its value. It
// returns the child's output, which it logs, and its exit error. It skips
// t outside FIPS mode from an OPENSSL_CONF file, and in the child itself
// (where env is set).
func Run(t *testing.T, test, env string, options map[string]string) (string, error) {
	t.Helper()
	if os.Getenv(env) != "" {
		t.Skip("the parent test runs this one")
	}
	conf := os.Getenv("OPENSSL_CONF")
	if !openssl.FIPS() || conf == "" {
		t.Skip("needs FIPS mode from an OPENSSL_CONF file (scripts/test.sh --fips)")
	}
	main, err := os.ReadFile(conf)
	require.NoError(t, err)
	inc := include.FindSubmatch(main)
	require.NotNil(t, inc, "%s includes no FIPS module configuration", conf)
	module, err := os.ReadFile(string(inc[1]))
	require.NoError(t, err)
	require.Contains(t, string(module), "activate = 1")

	dir := t.TempDir()
	set := string(module)
	names := make([]string, 0, len(options))
	for name := range options {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		set = WithOption(set, name, options[name])
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "fipsmodule.cnf"), []byte(set), 0o644))
	newMain := strings.Replace(string(main), string(inc[0]), ".include "+filepath.Join(dir, "fipsmodule.cnf"), 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "openssl.cnf"), []byte(newMain), 0o644))

	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), "OPENSSL_CONF="+filepath.Join(dir, "openssl.cnf"), env+"=1")
	out, err := cmd.CombinedOutput()
	t.Logf("child:\n%s", out)
	return string(out), err
}

// WithOption returns the FIPS module configuration module with option set
// to value: the line replaced where fipsinstall wrote one (OpenSSL 3.4
// and later write every option, most of them 0), else added after
// "activate = 1".
func WithOption(module, option, value string) string {
	line := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(option) + `\s*=.*$`)
	if line.MatchString(module) {
		return line.ReplaceAllLiteralString(module, option+" = "+value)
	}
	return strings.Replace(module, "activate = 1", "activate = 1\n"+option+" = "+value, 1)
}

// Pass runs test as [Run] does and requires that the child passed, and
// returns its output. When absent is not empty and the child's output
// contains it (what the child prints when the provider lacks the option),
// it skips t: the FIPS provider has lacks.
func Pass(t *testing.T, test, env string, options map[string]string, absent, lacks string) string {
	t.Helper()
	out, err := Run(t, test, env, options)
	if absent != "" && strings.Contains(out, absent) {
		t.Skipf("FIPS provider %s has %s", openssl.FIPSProviderVersion(), lacks)
	}
	require.NoError(t, err)
	assert.Contains(t, out, "--- PASS: "+test)
	return out
}
