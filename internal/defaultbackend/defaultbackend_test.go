package defaultbackend

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/openssl"
)

// childEnv marks the test binary run as a child by TestEnvChoice: it
// prints the backend it chose and exits.
const childEnv = "HAZMAT_TEST_DEFAULTBACKEND_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		fmt.Printf("backend=%s\n", Name())
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestEnvChoice runs the test binary in a child for each value of
// HAZMAT_BACKEND: a value this build can serve selects that backend, and
// any other makes the child panic while it loads the package, naming the
// variable, the value and the values allowed.
func TestEnvChoice(t *testing.T) {
	type want struct {
		backend string   // the backend chosen, "" for a panic
		panics  []string // what the panic message says
	}
	cases := map[string]want{
		"":       {backend: BuildDefault()},
		"go":     {backend: Go},
		"GO":     {panics: []string{`HAZMAT_BACKEND="GO"`, `unknown backend "GO"`, `allowed values in this build: "go"`}},
		"boring": {panics: []string{`HAZMAT_BACKEND="boring"`, `unknown backend "boring"`, `allowed values in this build: "go"`}},
		" go":    {panics: []string{`panic: hazmat: HAZMAT_BACKEND=" go": unknown backend`}},
		// The value is quoted: a line break in it must not break the
		// message's first line.
		"openssl\n": {panics: []string{`panic: hazmat: HAZMAT_BACKEND="openssl\n": unknown backend "openssl\n"`}},
		"openssl":   {backend: OpenSSL},
	}
	if !cgoEnabled {
		cases["openssl"] = want{panics: []string{`HAZMAT_BACKEND="openssl"`, "CGO_ENABLED=0", `allowed values in this build: "go" or unset`}}
	}
	for value, w := range cases {
		t.Run("HAZMAT_BACKEND="+value, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), childEnv+"=1", Env+"="+value)
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			if w.backend != "" {
				require.NoError(t, err, "stderr: %s", stderr.String())
				assert.Equal(t, "backend="+w.backend+"\n", stdout.String())
				return
			}
			require.Error(t, err, "the child must not start with %s=%s", Env, value)
			assert.Empty(t, stdout.String(), "the child ran")
			assert.Contains(t, stderr.String(), "panic: hazmat: ")
			for _, s := range w.panics {
				assert.Contains(t, stderr.String(), s)
			}
		})
	}
}

// TestLookup checks the backends that Lookup returns, which are the
// process-wide ones, and its errors.
func TestLookup(t *testing.T) {
	b, err := Lookup(Go)
	require.NoError(t, err)
	assert.Same(t, gocrypto.DefaultBackend(), b)
	b, err = Lookup(OpenSSL)
	if cgoEnabled {
		require.NoError(t, err)
		assert.Same(t, openssl.DefaultBackend(), b)
	} else {
		require.Error(t, err)
		assert.ErrorIs(t, err, openssl.ErrNoCgo)
		assert.Nil(t, b)
	}
	for _, name := range []string{"", "OpenSSL", "gocrypto", "boringcrypto"} {
		b, err := Lookup(name)
		assert.Error(t, err, name)
		assert.Nil(t, b, name)
	}
	got, err := Lookup(Name())
	require.NoError(t, err)
	assert.Same(t, Get(), got, "Get returns the backend Name names")
}

// TestFIPS checks that FIPS and Describe follow the module of the default
// backend.
func TestFIPS(t *testing.T) {
	want, module := openssl.FIPS(), "openssl"
	if Name() == Go {
		want, module = gocrypto.FIPS(), gocrypto.ModuleName
	}
	assert.Equal(t, want, FIPS())
	assert.Contains(t, Describe(), "backend "+Name()+" (")
	assert.Contains(t, Describe(), module)
	assert.Contains(t, Describe(), fmt.Sprintf("FIPS mode: %v", want))
}
