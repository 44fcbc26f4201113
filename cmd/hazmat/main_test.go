//go:build cgo

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/openssl"
)

func TestUsage(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   []string // substrings of stdout ("" none expected)
		stderr   []string
		emptyOut bool
		emptyErr bool
	}{
		{name: "no command", args: nil, code: exitUsage,
			stderr: []string{"hazmat: no command given\n", `usage: hazmat [-backend go|openssl] [-fips] COMMAND [ARGS...]; see "hazmat help"`}, emptyOut: true},
		{name: "-h", args: []string{"-h"}, code: exitOK,
			stdout: []string{"usage: hazmat [-backend go|openssl] [-fips] COMMAND", "info", "hash", "hmac", "-fips"}, emptyErr: true},
		{name: "-help", args: []string{"-help"}, code: exitOK,
			stdout: []string{"usage: hazmat [-backend go|openssl] [-fips] COMMAND"}, emptyErr: true},
		{name: "help", args: []string{"help"}, code: exitOK,
			stdout: []string{"usage: hazmat [-backend go|openssl] [-fips] COMMAND", "Commands:"}, emptyErr: true},
		{name: "help hash", args: []string{"help", "hash"}, code: exitOK,
			stdout: []string{"usage: hazmat [-fips] hash -a ALG", "-xoflen"}, emptyErr: true},
		{name: "help bogus", args: []string{"help", "bogus"}, code: exitUsage,
			stderr: []string{`hazmat: unknown command "bogus"`, "usage: hazmat"}, emptyOut: true},
		{name: "unknown command", args: []string{"bogus"}, code: exitUsage,
			stderr: []string{`hazmat: unknown command "bogus"`, "usage: hazmat"}, emptyOut: true},
		{name: "unknown global flag", args: []string{"-x", "info"}, code: exitUsage,
			stderr: []string{"hazmat: flag provided but not defined: -x", "usage: hazmat"}, emptyOut: true},
		{name: "info -h", args: []string{"info", "-h"}, code: exitOK,
			stdout: []string{"usage: hazmat [-fips] info\n"}, emptyErr: true},
		{name: "hash -h", args: []string{"hash", "-h"}, code: exitOK,
			stdout: []string{"usage: hazmat [-fips] hash", "-a ALG", "-c"}, emptyErr: true},
		{name: "hmac -help", args: []string{"hmac", "-help"}, code: exitOK,
			stdout: []string{"usage: hazmat [-fips] hmac", "-K KEY", "env:NAME", "file:PATH"}, emptyErr: true},
		{name: "info argument", args: []string{"info", "extra"}, code: exitUsage,
			stderr: []string{`hazmat info: unexpected argument "extra"`, "usage: hazmat [-fips] info"}, emptyOut: true},
		{name: "hash bad flag", args: []string{"hash", "-z"}, code: exitUsage,
			stderr: []string{"hazmat hash: flag provided but not defined: -z", "usage: hazmat [-fips] hash"}, emptyOut: true},
		{name: "hash without -a", args: []string{"hash", "f"}, code: exitUsage,
			stderr: []string{"hazmat hash: -a ALG is required", "usage: hazmat [-fips] hash"}, emptyOut: true},
		{name: "hmac without -K", args: []string{"hmac", "-a", "sha256"}, code: exitUsage,
			stderr: []string{"hazmat hmac: -K KEY is required", "usage: hazmat [-fips] hmac"}, emptyOut: true},
		{name: "hmac without -a", args: []string{"hmac", "-K", "00"}, code: exitUsage,
			stderr: []string{"hazmat hmac: -a ALG is required"}, emptyOut: true},
		{name: "-xoflen on sha256", args: []string{"hash", "-a", "sha256", "-xoflen", "16"}, code: exitUsage,
			stderr: []string{"hazmat hash: -xoflen applies to shake128 and shake256 only, not sha256"}, emptyOut: true},
		{name: "-xoflen 0", args: []string{"hash", "-a", "shake128", "-xoflen", "0"}, code: exitUsage,
			stderr: []string{"hazmat hash: -xoflen must be positive, got 0"}, emptyOut: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := hazmat(t, "", tt.args...)
			assert.Equal(t, tt.code, r.code, "exit status; stderr %q", r.stderr)
			for _, s := range tt.stdout {
				assert.Contains(t, r.stdout, s)
			}
			for _, s := range tt.stderr {
				assert.Contains(t, r.stderr, s)
			}
			if tt.emptyOut {
				assert.Empty(t, r.stdout)
			}
			if tt.emptyErr {
				assert.Empty(t, r.stderr)
			}
			if tt.code == exitUsage {
				// Two lines: what is wrong, then where help is.
				assert.Equal(t, 2, strings.Count(r.stderr, "\n"), "stderr %q", r.stderr)
				assert.Contains(t, r.stderr, `see "hazmat help`)
			}
		})
	}
}

// TestUsageListsEveryCommand keeps the command table and the usage text
// together.
func TestUsageListsEveryCommand(t *testing.T) {
	r := hazmat(t, "", "help")
	require.Equal(t, exitOK, r.code)
	for _, c := range commands {
		assert.Regexp(t, `(?m)^  `+c.name+` +`+c.summary+`$`, r.stdout)
		h := hazmat(t, "", "help", c.name)
		assert.Equal(t, exitOK, h.code, c.name)
		assert.Contains(t, h.stdout, "usage: hazmat [-fips] "+c.name, c.name)
	}
}

// TestFIPSFlag runs "-backend openssl -fips hash -a md5": when the FIPS
// provider can be loaded, MD5 is refused; when it cannot, -fips fails in
// one line.
func TestFIPSFlag(t *testing.T) {
	was := openssl.FIPS()
	t.Cleanup(func() { assert.NoError(t, openssl.SetFIPS(was)) })
	dir := t.TempDir()
	f := writeFile(t, dir, "abc", []byte("abc"))

	r := sslHazmat(t, "", "-fips", "hash", "-a", "md5", f)
	assert.Empty(t, r.stdout)
	if openssl.FIPS() {
		assert.Equal(t, exitFailure, r.code)
		assert.Equal(t, "hazmat: md5: refused in FIPS mode\n", r.stderr)
		// An approved digest still works.
		r = sslHazmat(t, "", "-fips", "hash", "-a", "sha256", f)
		assert.Equal(t, exitOK, r.code, r.stderr)
		assert.Equal(t, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  "+f+"\n", r.stdout)
	} else {
		t.Logf("no FIPS provider: %s", r.stderr)
		assertNoFIPSProvider(t, r)
	}
}

// assertNoFIPSProvider checks the failure of -fips where no FIPS provider
// loads: the library's error on one line, then the remedy on a second.
func assertNoFIPSProvider(t *testing.T, r result) {
	t.Helper()
	assert.Equal(t, exitFailure, r.code, "exit status")
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	// The error says what to do itself, or a hint line follows it.
	require.True(t, len(lines) == 1 || len(lines) == 2, "stderr %q", r.stderr)
	assert.True(t, strings.HasPrefix(lines[0], "hazmat: -fips: "), lines[0])
	assert.Contains(t, lines[0], "FIPS provider")
	advice := lines[len(lines)-1]
	assert.Contains(t, advice, "openssl-provider-fips")
	assert.Contains(t, advice, "OPENSSL_MODULES")
	assert.Contains(t, advice, "scripts/fips-setup.sh")
}

// TestBinary builds hazmat and runs it as a subprocess once: the exit
// statuses reach the shell.
func TestBinary(t *testing.T) {
	bin := hazmatBinary(t)
	dir := t.TempDir()
	f := writeFile(t, dir, "abc", []byte("abc"))

	tests := []struct {
		args   []string
		code   int
		stdout string
	}{
		{[]string{"hash", "-a", "sha256", f}, exitOK,
			"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  " + f + "\n"},
		{[]string{"hash", "-a", "SHA256", filepath.Join(dir, "missing")}, exitFailure, ""},
		{[]string{"hash", "-a", "nope", f}, exitFailure, ""},
		{[]string{"hmac", "-a", "sha256", "-K", "xyz", f}, exitFailure, ""},
		{[]string{"hash", f}, exitUsage, ""},
		{[]string{}, exitUsage, ""},
		{[]string{"help"}, exitOK, ""},
		{[]string{"info"}, exitOK, ""},
	}
	for _, tt := range tests {
		name := strings.Join(tt.args, " ")
		if name == "" {
			name = "no arguments"
		}
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(bin, tt.args...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.code, code, "stderr: %s", stderr.String())
			if tt.stdout != "" {
				assert.Equal(t, tt.stdout, stdout.String())
			}
			if tt.code == exitOK {
				assert.Empty(t, stderr.String())
			} else {
				assert.NotEmpty(t, stderr.String())
			}
		})
	}
}

// writeFile writes data to name in dir and returns its path.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, data, 0o644))
	return p
}

// output runs an external program and returns its stdout; it fails the
// test when the program fails.
func output(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, stderr, err := runTool(name, args...)
	require.NoError(t, err, "%s %q: %s", name, args, stderr)
	return out
}

func runTool(name string, args ...string) (stdout, stderr string, err error) {
	var out, errOut bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err
}
