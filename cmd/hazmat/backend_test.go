package main

// Tests of -backend, HAZMAT_BACKEND and the Go backend's FIPS mode, in
// both builds (with and without cgo).

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/cmd/hazmat/internal/envguard"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
)

// godebugFIPS returns the environment that runs a child with Go's FIPS
// module in the given setting ("off", "on" or "only").
func godebugFIPS(setting string) []string {
	return []string{"GODEBUG=fips140=" + setting}
}

// TestCLIBackendFlagErrors: a -backend this build cannot serve is a usage
// error naming the value; nothing runs.
func TestCLIBackendFlagErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"unknown", []string{"-backend", "boring", "info"}, []string{`hazmat: -backend: unknown backend "boring"`, `"go"`, `"openssl"`}},
		{"case", []string{"-backend", "Go", "hash", "-a", "sha256"}, []string{`unknown backend "Go"`}},
		{"empty", []string{"-backend", "", "version"}, []string{`unknown backend ""`}},
	}
	if defaultbackend.BuildDefault() == defaultbackend.Go {
		tests = append(tests, struct {
			name string
			args []string
			want []string
		}{"openssl without cgo", []string{"-backend", "openssl", "info"}, []string{`-backend: backend "openssl"`, "CGO_ENABLED=0", "CGO_ENABLED=1"}})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := hazmat(t, "abc", tt.args...)
			assert.Equal(t, exitUsage, r.code, "stderr %q", r.stderr)
			assert.Empty(t, r.stdout)
			for _, w := range tt.want {
				assert.Contains(t, r.stderr, w)
			}
			assert.Contains(t, r.stderr, "usage: hazmat [-backend go|openssl] [-fips] COMMAND")
		})
	}
}

// TestCLIGoBackendInfo: "hazmat -backend go info" and "version" name Go's
// module, its version, its FIPS mode in each GODEBUG setting and the Go
// version, and list no OpenSSL provider.
func TestCLIGoBackendInfo(t *testing.T) {
	for _, setting := range []string{"off", "on", "only"} {
		t.Run("fips140="+setting, func(t *testing.T) {
			r := runBinary(t, godebugFIPS(setting), "", "-backend", "go", "info")
			require.Equal(t, exitOK, r.code, "stderr %q", r.stderr)
			lines := strings.Split(r.stdout, "\n")
			require.Greater(t, len(lines), 4)
			assert.Regexp(t, `^Backend: +go$`, lines[0])
			assert.Regexp(t, `^Module: +`+gocrypto.ModuleName+` \S+$`, lines[1])
			assert.Regexp(t, `^FIPS mode: +`+setting+`$`, lines[2])
			assert.Regexp(t, `^Go: +`+runtime.Version()+`$`, lines[3])
			assert.NotContains(t, r.stdout, "Providers:")
			assert.NotContains(t, r.stdout, "OpenSSL")
			assert.Contains(t, r.stdout, "Hash algorithms:")

			r = runBinary(t, godebugFIPS(setting), "", "-backend", "go", "version")
			require.Equal(t, exitOK, r.code, "stderr %q", r.stderr)
			assert.Contains(t, r.stdout, "\nmodule: "+gocrypto.ModuleName+" ")
			assert.Contains(t, r.stdout, "\nbackend: go (FIPS mode "+setting+")\n")
			assert.NotContains(t, r.stdout, "openssl:")
		})
	}
}

// TestCLIBackendEnv: HAZMAT_BACKEND sets the default that -backend
// overrides, and a value the build cannot serve stops the program as it
// starts, whatever the command: one line naming the variable, its value
// and the values allowed, and exit status 2, never the library's panic
// and its goroutine dump.
func TestCLIBackendEnv(t *testing.T) {
	r := runBinary(t, []string{"HAZMAT_BACKEND=go"}, "", "version")
	require.Equal(t, exitOK, r.code, "stderr %q", r.stderr)
	assert.Contains(t, r.stdout, "\nbackend: go ")

	r = runBinary(t, []string{"HAZMAT_BACKEND=go"}, "", "-backend", "go", "info")
	require.Equal(t, exitOK, r.code, "stderr %q", r.stderr)
	assert.Regexp(t, `^Backend: +go\n`, r.stdout)

	r = runBinary(t, []string{"HAZMAT_BACKEND="}, "", "version")
	require.Equal(t, exitOK, r.code, "stderr %q", r.stderr)
	assert.Contains(t, r.stdout, "\nbackend: "+defaultbackend.BuildDefault()+" ")

	bad := []string{"gocrypto", "OPENSSL", "GO", " go", "openssl\n"}
	if defaultbackend.BuildDefault() == defaultbackend.Go {
		bad = append(bad, "openssl")
	}
	for _, value := range bad {
		for _, args := range [][]string{{"version"}, {"-backend", "go", "version"}, {"hash", "-a", "sha256"}} {
			r := runBinary(t, []string{"HAZMAT_BACKEND=" + value}, "abc", args...)
			assert.Equal(t, exitUsage, r.code, "HAZMAT_BACKEND=%q %q", value, args)
			assert.Empty(t, r.stdout)
			assert.Equal(t, fmt.Sprintf("hazmat: %v\n", envguard.Check(value)), r.stderr, "one line")
			assert.Contains(t, r.stderr, fmt.Sprintf("HAZMAT_BACKEND=%q", value))
			assert.NotContains(t, r.stderr, "panic")
		}
	}
}

// TestEnvGuardAgrees: the values of HAZMAT_BACKEND that hazmat's early
// check lets through are those package defaultbackend takes, in this
// build; it refuses the others.
func TestEnvGuardAgrees(t *testing.T) {
	for _, value := range []string{"", "go", "openssl", "GO", "Go", "OPENSSL", " go", "go ", "openssl\n", "gocrypto", "boring", "none"} {
		name := value
		if name == "" {
			name = defaultbackend.BuildDefault()
		}
		_, libErr := defaultbackend.Lookup(name)
		assert.Equal(t, libErr == nil, envguard.Check(value) == nil, "HAZMAT_BACKEND=%q (library: %v)", value, libErr)
	}
}

// TestCLIGoBackendFIPSFlag: -fips cannot switch Go's module on: with
// -backend go it fails saying to set GODEBUG=fips140, unless the module
// is already in FIPS mode.
func TestCLIGoBackendFIPSFlag(t *testing.T) {
	for _, args := range [][]string{
		{"-backend", "go", "-fips", "info"},
		{"-backend", "go", "info", "-fips"},
	} {
		r := runBinary(t, godebugFIPS("off"), "", args...)
		assertOneLineError(t, r, "hazmat: -fips with -backend go: FIPS mode is off", "GODEBUG=fips140=on")
		assert.Empty(t, r.stdout)

		r = runBinary(t, godebugFIPS("on"), "", args...)
		require.Equal(t, exitOK, r.code, "stderr %q", r.stderr)
		assert.Regexp(t, `FIPS mode: +on\n`, r.stdout)
	}
}

// TestCLIGoBackendFIPSOnly: under GODEBUG=fips140=only, the Go backend
// refuses MD5 naming FIPS, and computes SHA-256 as Go does.
func TestCLIGoBackendFIPSOnly(t *testing.T) {
	r := runBinary(t, godebugFIPS("only"), "abc", "-backend", "go", "hash", "-a", "md5")
	assertOneLineError(t, r, "md5", "FIPS")
	assert.Empty(t, r.stdout)

	r = runBinary(t, godebugFIPS("only"), "abc", "-backend", "go", "hash", "-a", "sha256")
	require.Equal(t, exitOK, r.code, "stderr %q", r.stderr)
	sum := sha256.Sum256([]byte("abc"))
	assert.Equal(t, hex.EncodeToString(sum[:])+"  -\n", r.stdout)
}

// TestCLIBuildWithoutCgo builds hazmat with CGO_ENABLED=0 and checks that
// it runs on Go's module by default and hashes as Go does.
func TestCLIBuildWithoutCgo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped in -short mode")
	}
	bin := t.TempDir() + "/hazmat"
	cmd := exec.Command(tool(t, "go"), "build", "-o", bin, ".")
	cmd.Env = append(cmd.Environ(), "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "CGO_ENABLED=0 go build: %s", out)

	r := execResult(t, "", []string{"HAZMAT_BACKEND="}, "", bin, "info")
	require.Equal(t, exitOK, r.code, "stderr %q", r.stderr)
	assert.Regexp(t, `^Backend: +go\nModule: +`+gocrypto.ModuleName+` `, r.stdout)

	r = execResult(t, "", []string{"HAZMAT_BACKEND="}, "abc", bin, "hash", "-a", "sha256")
	require.Equal(t, exitOK, r.code, "stderr %q", r.stderr)
	sum := sha256.Sum256([]byte("abc"))
	assert.Equal(t, hex.EncodeToString(sum[:])+"  -\n", r.stdout)

	r = execResult(t, "", []string{"HAZMAT_BACKEND="}, "", bin, "-backend", "openssl", "info")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "CGO_ENABLED=0")
}

// TestCipherNames checks the names "hazmat enc" knows, which the tests of
// both backends walk: sorted, without repeats, each found by lookupCipher.
func TestCipherNames(t *testing.T) {
	names := cipherNames()
	require.Greater(t, len(names), 50)
	assert.True(t, sort.StringsAreSorted(names))
	for i, name := range names {
		if i > 0 {
			assert.NotEqual(t, names[i-1], name)
		}
		_, err := lookupCipher(name)
		if err != nil {
			assert.True(t, errors.Is(err, errAEADCipher) || errors.Is(err, errXTSCipher), "%s: %v", name, err)
		}
	}
}

// TestCLIGoBackendRefusalWords: what the Go backend lacks is refused in
// one line that says what is missing and why ("not in Go's crypto"): a MAC
// (CMAC, KMAC) or a KDF (X9.63,
// KBKDF, SSKDF) not offered, never "HMAC not offered with this hash" or
// "hash not offered" for a MAC or KDF whose hash or cipher Go has.
func TestCLIGoBackendRefusalWords(t *testing.T) {
	key := "hexkey:000102030405060708090a0b0c0d0e0f"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"mac", "-macopt", key, "-macopt", "cipher:AES-128-CBC", "CMAC"}, "hazmat: CMAC-AES: MAC not offered by the backend: not in Go's crypto\n"},
		{[]string{"mac", "-macopt", key, "KMAC128"}, "hazmat: KMAC128: MAC not offered by the backend: not in Go's crypto\n"},
		{[]string{"kdf", "-keylen", "16", "-kdfopt", "digest:SHA256", "-kdfopt", "key:secret", "X963KDF"}, "hazmat: X963KDF: KDF not offered by the backend: not in Go's crypto\n"},
		{[]string{"kdf", "-keylen", "16", "-kdfopt", "digest:SHA256", "-kdfopt", "key:secret", "SSKDF"}, "hazmat: SSKDF: KDF not offered by the backend: not in Go's crypto\n"},
		{[]string{"kdf", "-keylen", "16", "-kdfopt", "mac:CMAC", "-kdfopt", "cipher:AES-128-CBC", "-kdfopt", key, "KBKDF"}, "hazmat: KBKDF: KDF not offered by the backend: not in Go's crypto\n"},
		{[]string{"hmac", "-a", "shake128", "-K", "000102030405060708090a0b0c0d0e0f", "-"}, "hazmat: shake128: MAC not offered by the backend: HMAC is not defined for extendable-output functions\n"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			r := runBinary(t, nil, "abc", append([]string{"-backend", "go"}, c.args...)...)
			assertOneLineError(t, r)
			assert.Equal(t, c.want, r.stderr)
			assert.Empty(t, r.stdout)
		})
	}
}

// TestCLIGoBackendOnePrefix: an error of the Go backend is printed with
// hazmat's prefix alone, as the OpenSSL backend's are, not
// "hazmat: gocrypto: ...".
func TestCLIGoBackendOnePrefix(t *testing.T) {
	for _, args := range [][]string{
		{"hmac", "-a", "sha256", "-K", "0011", "-"},
		{"mac", "-macopt", "hexkey:0011", "-macopt", "digest:SHA256", "HMAC"},
		{"kdf", "-keylen", "16", "-kdfopt", "digest:SHA256", "-kdfopt", "key:secret", "HKDF"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			// GODEBUG=fips140=only: Go's module refuses the short key or
			// secret, with an error of package gocrypto.
			r := runBinary(t, godebugFIPS("only"), "abc", append([]string{"-backend", "go"}, args...)...)
			assertOneLineError(t, r, "FIPS")
			assert.NotContains(t, r.stderr, "gocrypto: ")
		})
	}
}
