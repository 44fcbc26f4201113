package main

// What the tests of both builds (with and without cgo) share: the test
// binary's TestMain, in-process runs of the command line, and runs of the
// built binary.

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/openssl"
)

func TestMain(m *testing.M) {
	fmt.Fprintf(os.Stderr, "default backend: %s; OpenSSL: %s, FIPS mode: %v\n", defaultbackend.Name(), openssl.Version(), openssl.FIPS())
	code := m.Run()
	removeBinary()
	os.Exit(code)
}

// result is what one run of hazmat gave.
type result struct {
	code           int
	stdout, stderr string
}

// hazmat calls run with args and stdin, as the shell would run hazmat.
func hazmat(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

// assertOneLineError checks a failure with a single "hazmat: ..." line on
// stderr that contains every one of want.
func assertOneLineError(t *testing.T, r result, want ...string) {
	t.Helper()
	assert.Equal(t, exitFailure, r.code, "exit status")
	assert.True(t, strings.HasPrefix(r.stderr, "hazmat: "), "stderr %q", r.stderr)
	assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "stderr %q is not one line", r.stderr)
	for _, w := range want {
		assert.Contains(t, r.stderr, w)
	}
}

// tool returns the path of an external program, or skips the test when
// the machine does not have it.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed: %v", name, err)
	}
	return p
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// hazmatBinary builds hazmat once per test process and returns its path.
func hazmatBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped in -short mode")
	}
	gotool := tool(t, "go")
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "hazmat-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "hazmat")
		out, err := exec.Command(gotool, "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = errors.New("go build: " + err.Error() + ": " + string(out))
		}
	})
	require.NoError(t, binErr)
	return binPath
}

// removeBinary removes what hazmatBinary built; TestMain calls it.
func removeBinary() {
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
}

// execResult runs a program with stdin, extra environment and a working
// folder ("" for the test's) and returns its exit status and output.
func execResult(t *testing.T, dir string, env []string, stdin string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err, "%s %q", name, args)
	}
	return result{code, stdout.String(), stderr.String()}
}

// runBinary runs the built hazmat.
func runBinary(t *testing.T, env []string, stdin string, args ...string) result {
	t.Helper()
	return execResult(t, "", env, stdin, hazmatBinary(t), args...)
}
