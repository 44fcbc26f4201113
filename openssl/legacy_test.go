//go:build cgo

package openssl_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/openssl"
)

// legacyChildEnv marks the child process of TestLegacyOptOut.
const legacyChildEnv = "HAZMAT_TEST_LEGACY_CHILD"

// TestLegacyOptOut starts this test binary again with and without
// HAZMAT_OPENSSL_NO_LEGACY and checks which providers the package loaded
// when it started: never the legacy one when opted out; otherwise the
// legacy one whenever the process starts in the default mode and OpenSSL
// has the provider installed.
func TestLegacyOptOut(t *testing.T) {
	if os.Getenv(legacyChildEnv) == "1" {
		var names []string
		for _, p := range openssl.Providers() {
			names = append(names, p.Name)
		}
		os.Stdout.WriteString("\nproviders=" + strings.Join(names, ",") + "\n")
		return
	}
	installed := fileExists(openssl.ModulesDir() + "/legacy.so")
	for _, tc := range []struct {
		name, env  string
		wantLegacy bool
	}{
		{"unset", "", installed && !openssl.FIPS()},
		{"0", "0", installed && !openssl.FIPS()},
		{"1", "1", false},
		{"yes", "yes", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestLegacyOptOut$")
			cmd.Env = append(os.Environ(), legacyChildEnv+"=1", openssl.NoLegacyEnv+"="+tc.env)
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)
			var providers string
			for _, line := range strings.Split(string(out), "\n") {
				if p, ok := strings.CutPrefix(line, "providers="); ok {
					providers = p
				}
			}
			require.NotEmpty(t, providers, "the child reports its providers: %s", out)
			assert.Equal(t, tc.wantLegacy, strings.Contains(","+providers+",", ",legacy,"),
				"%s=%q: providers %s (legacy.so installed: %v, FIPS mode: %v)", openssl.NoLegacyEnv, tc.env, providers, installed, openssl.FIPS())
		})
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
