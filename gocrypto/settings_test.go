package gocrypto_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-hazmat/hazmat/gocrypto"
)

// settingEnv tells a child test binary which GODEBUG fips140 setting its
// parent started it under.
const settingEnv = "HAZMAT_GOCRYPTO_SETTING"

// fipsSettings are the three settings of Go's FIPS 140-3 module.
var fipsSettings = []struct {
	name           string
	fips, enforced bool
}{
	{"off", false, false},
	{"on", true, false},
	{"only", true, true},
}

// TestConformanceInEachSetting runs every test whose name starts with
// TestConformance again in a child process under each GODEBUG fips140
// setting; the parent process itself runs them in whatever setting it was
// started with. A child checks that it runs in the setting it was given
// (TestConformanceSetting) before anything else counts.
func TestConformanceInEachSetting(t *testing.T) {
	if os.Getenv(settingEnv) != "" {
		return // a child: the parent checks this test's work
	}
	if testing.Short() {
		t.Log("-short: the parent's own setting only")
		return
	}
	if asanBuild {
		// The package is pure Go: the sanitizer has no C of this package to watch,
		// and the run without it checks all three settings.
		t.Skip("Go's FIPS 140-3 mode cannot start in an -asan build; the plain run covers the three settings")
	}
	for _, s := range fipsSettings {
		t.Run(s.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestConformance", "-test.v", "-test.count=1")
			cmd.Env = append(withoutGODEBUG(os.Environ()),
				"GODEBUG="+godebugWith(os.Getenv("GODEBUG"), "fips140="+s.name),
				settingEnv+"="+s.name)
			out, err := cmd.CombinedOutput()
			if !assert.NoError(t, err, "the conformance tests failed under GODEBUG=fips140=%s", s.name) ||
				!assert.Contains(t, string(out), "--- PASS: TestConformanceSetting") {
				t.Logf("child output:\n%s", tail(out, 200))
			}
		})
	}
}

// TestConformanceSetting checks, in a child of
// TestConformanceInEachSetting, that Go's module runs in the setting the
// parent asked for, and that the backend reports it.
func TestConformanceSetting(t *testing.T) {
	name := os.Getenv(settingEnv)
	if name == "" {
		assert.Equal(t, gocrypto.FIPS(), gocrypto.DefaultBackend().FIPS())
		return
	}
	for _, s := range fipsSettings {
		if s.name == name {
			assert.Equal(t, s.fips, gocrypto.FIPS(), "FIPS()")
			assert.Equal(t, s.fips, gocrypto.DefaultBackend().FIPS(), "Backend.FIPS()")
			assert.Equal(t, s.enforced, gocrypto.Enforced(), "Enforced()")
			return
		}
	}
	t.Fatalf("unknown setting %q", name)
}

// godebugWith returns the GODEBUG value godebug with setting added last
// (Go takes the last of repeated keys).
func godebugWith(godebug, setting string) string {
	if godebug == "" {
		return setting
	}
	return godebug + "," + setting
}

func withoutGODEBUG(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "GODEBUG=") {
			out = append(out, kv)
		}
	}
	return out
}

// tail returns the last n lines of out.
func tail(out []byte, n int) string {
	lines := strings.Split(string(out), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
