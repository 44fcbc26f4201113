//go:build cgo

package openssl_test

import (
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOpenSSLOutlivesExitHandlers builds and runs internal/exitcheck, a
// program that uses the backend and then ends through libc's exit, whose
// last handler hashes with OpenSSL. OpenSSL must not have torn itself down
// in a handler of its own: a build with the race detector ends through
// libc's exit at every os.Exit, while cleanups of dropped contexts may
// still be freeing them in C on other threads (a crash seen at the end of
// a passing test run).
func TestOpenSSLOutlivesExitHandlers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program; skipped in -short mode")
	}
	goTool, err := exec.LookPath("go")
	require.NoError(t, err, "the go command is needed to build the program")
	bin := filepath.Join(t.TempDir(), "exitcheck")
	build := exec.Command(goTool, "build", "-o", bin, "./internal/exitcheck")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	cmd := exec.Command(bin) // the environment, FIPS mode included, is inherited
	stdout, err := cmd.Output()
	var stderr []byte
	if ee, ok := err.(*exec.ExitError); ok {
		stderr = ee.Stderr
	}
	require.NoError(t, err, "exitcheck: stdout %q, stderr %q", stdout, stderr)
	assert.Equal(t, "exitcheck: OpenSSL still works in exit's last handler\n", string(stdout))
}
