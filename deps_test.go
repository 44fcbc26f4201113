package hazmat_test

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// allowed lists, for each package of the module, the packages of the
// module it may import (outside tests). It keeps the layering of
// DESIGN.md true: backends imports nothing of the module, the descriptor
// leaves only backends, openssl and gocrypto only those, and the
// primitives reach a concrete backend only through
// internal/defaultbackend.
//
// DO NOT add packages here just to make the test pass: an import that
// breaks the layering is a design change.
var allowed = map[string][]string{
	"backends":                      {},
	"primitives/ciphers/algorithms": {"backends"},
	"primitives/ciphers/modes":      {"backends"},
	"primitives/padding":            {"backends"},
	"internal/vectors":              {},
	"internal/goref":                {},                                                                                                                                                                // Go's crypto as the tests' reference, whatever GODEBUG=fips140 says: the standard library only
	"internal/fipschild":            {"openssl"},                                                                                                                                                       // a test run again under FIPS options: only tests import it
	"internal/cipherreg":            {"backends", "primitives/ciphers/algorithms", "primitives/ciphers/modes"},                                                                                         // the cipher adapter table both backends keep
	"internal/guard":                {},                                                                                                                                                                // argument checks shared by openssl and the primitives
	"internal/cmem":                 {},                                                                                                                                                                // C memory in use, for leak checks; set by openssl
	"backends/backendtest":          {"backends", "internal/goref", "internal/vectors", "primitives/ciphers/algorithms", "primitives/ciphers/modes", "primitives/kdf/kdfalg", "primitives/mac/macalg"}, // the conformance suite: descriptors to drive a backend, testdata readers for known answers, Go's answers under any GODEBUG=fips140
	"openssl":                       {"backends", "internal/cipherreg", "internal/cmem", "internal/guard", "primitives/ciphers/algorithms", "primitives/ciphers/modes", "primitives/kdf/kdfalg"},
	"openssl/internal/exitcheck":    {"openssl"}, // a program the tests of openssl run: OpenSSL in exit's last handler
	// The Go backend: Go's crypto behind the contract, never OpenSSL; the
	// same argument checks (internal/guard) as openssl.
	"gocrypto": {"backends", "internal/cipherreg", "internal/guard", "primitives/ciphers/algorithms", "primitives/ciphers/modes", "primitives/kdf/kdfalg"},
	// The one place that names a concrete backend for the primitives.
	"gocrypto/internal/godebugonly":  {}, // no code: a test of gocrypto in a binary whose //go:debug sets fips140=only
	"internal/defaultbackend":        {"backends", "gocrypto", "internal/backendenv", "openssl"},
	"primitives/internal/hashcore":   {"backends", "internal/guard"},
	"primitives/hashes":              {"backends", "internal/guard", "internal/defaultbackend", "primitives/internal/hashcore"},
	"primitives/hmac":                {"backends", "internal/guard", "internal/defaultbackend", "primitives/internal/hashcore"},
	"primitives/ciphers":             {"backends", "internal/guard", "primitives/ciphers/algorithms", "primitives/ciphers/modes", "internal/defaultbackend"},
	"primitives/ciphers/aead":        {"backends", "internal/guard", "primitives/ciphers/algorithms", "primitives/ciphers/modes", "internal/defaultbackend"},
	"primitives/mac/macalg":          {"backends"},
	"primitives/mac":                 {"backends", "internal/guard", "internal/defaultbackend"},
	"primitives/cmac":                {"primitives/mac", "primitives/mac/macalg"},
	"primitives/keywrap":             {"backends", "internal/guard", "internal/defaultbackend"},
	"primitives/rand":                {"backends", "internal/defaultbackend"},
	"primitives/kdf/kdfalg":          {"backends"},
	"primitives/kdf/internal/hashid": {"backends", "primitives/hashes"},
	"primitives/kdf":                 {"backends", "internal/guard", "internal/defaultbackend", "primitives/kdf/kdfalg"},
	"primitives/kdf/hkdf":            {"backends", "internal/defaultbackend", "primitives/kdf/internal/hashid", "primitives/kdf/kdfalg"},
	"primitives/kdf/pbkdf2":          {"backends", "internal/defaultbackend", "primitives/kdf/internal/hashid", "primitives/kdf/kdfalg"},
	"primitives/kdf/scrypt":          {"backends", "internal/defaultbackend", "primitives/kdf/kdfalg"},
	"internal/names":                 {"backends", "primitives/ciphers/algorithms", "primitives/ciphers/modes"},
	"internal/kat":                   {"backends", "internal/names", "internal/vectors", "primitives/ciphers", "primitives/ciphers/aead", "primitives/ciphers/algorithms", "primitives/ciphers/modes", "primitives/hashes", "primitives/hmac", "primitives/kdf", "primitives/kdf/kdfalg", "primitives/keywrap", "primitives/mac", "primitives/mac/macalg"},
	"internal/backendenv":            {},                      // the rule for HAZMAT_BACKEND: the standard library only
	"cmd/hazmat/internal/envguard":   {"internal/backendenv"}, // checks HAZMAT_BACKEND before defaultbackend reads it
	"cmd/hazmat":                     {"*"},
	"bench":                          {"*"},
	"bench/internal/cfloor":          {},
	"bench/internal/peers":           {"*"},
	"bench/cmd/benchcheck":           {"*"},
	"internal/reliability":           {"*"},
	"internal/differential":          {}, // its tests compare the two backends; the package itself is its comment
}

const module = "github.com/go-hazmat/hazmat"

func TestImportLayering(t *testing.T) {
	out, err := exec.Command("go", "list", "-json", "./...").Output()
	require.NoError(t, err)
	dec := json.NewDecoder(strings.NewReader(string(out)))
	seen := 0
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		require.NoError(t, dec.Decode(&p))
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		if rel == "" {
			continue
		}
		seen++
		ok, known := allowed[rel]
		if !assert.True(t, known, "package %s is not in the layering table", rel) {
			continue
		}
		if len(ok) == 1 && ok[0] == "*" {
			continue
		}
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module+"/") {
				continue
			}
			dep := strings.TrimPrefix(imp, module+"/")
			assert.Contains(t, ok, dep, "%s must not import %s", rel, dep)
		}
		for _, imp := range p.Imports {
			// bench/internal/cfloor is an exception: it measures raw EVP
			// calls, the floor of the benchmarks, and must not go through
			// the library. openssl/internal/exitcheck is the other, a
			// program of openssl's tests whose C must run before the
			// library loads OpenSSL and after libc's exit begins.
			if imp == "C" && rel != "bench/internal/cfloor" && rel != "openssl/internal/exitcheck" {
				assert.Equal(t, "openssl", rel, "only package openssl may use cgo")
			}
		}
	}
	assert.Greater(t, seen, 8)
}

// TestCommandDoesNotLinkTesting keeps package testing (and with it the
// test flags and helpers) out of the hazmat binary: the code that the
// command shares with the tests must not import it outside _test files.
func TestCommandDoesNotLinkTesting(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./cmd/hazmat").Output()
	require.NoError(t, err)
	deps := strings.Fields(string(out))
	require.Contains(t, deps, module+"/internal/vectors")
	assert.NotContains(t, deps, "testing", "cmd/hazmat links package testing")
}

// TestBuildWithoutCgo checks that the module builds with CGO_ENABLED=0
// (package openssl is then a stub and the Go backend the default) and that
// the command it gives links no cgo at all.
func TestBuildWithoutCgo(t *testing.T) {
	cmd := exec.Command("go", "build", "-o", t.TempDir(), "./...")
	cmd.Env = append(cmd.Environ(), "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "a build without cgo must succeed:\n%s", out)

	cmd = exec.Command("go", "list", "-deps", "./cmd/hazmat")
	cmd.Env = append(cmd.Environ(), "CGO_ENABLED=0")
	out, err = cmd.Output()
	require.NoError(t, err)
	deps := strings.Fields(string(out))
	assert.Contains(t, deps, module+"/gocrypto")
	assert.NotContains(t, deps, "runtime/cgo", "the command built without cgo links runtime/cgo")
}

// TestPrimitivesNameNoBackend checks that no package under primitives
// imports a concrete backend (openssl or gocrypto): only
// internal/defaultbackend chooses one.
func TestPrimitivesNameNoBackend(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./primitives/...").Output()
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	require.Greater(t, len(lines), 5)
	for _, line := range lines {
		fields := strings.Fields(line)
		for _, imp := range fields[1:] {
			assert.NotContains(t, []string{module + "/openssl", module + "/gocrypto"}, imp, "%s imports a concrete backend", fields[0])
		}
	}
}
