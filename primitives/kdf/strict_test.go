//go:build cgo

package kdf_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/fipschild"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// strictChecks are the KDF checks a FIPS provider from 3.4 on enforces when
// its configuration asks for them (openssl fipsinstall -hkdf_key_check ...).
var strictChecks = map[string]string{
	"hkdf-key-check":           "1",
	"kbkdf-key-check":          "1",
	"sskdf-key-check":          "1",
	"x963kdf-key-check":        "1",
	"x963kdf-digest-check":     "1",
	"pbkdf2-lower-bound-check": "1",
}

// fmtSscanf reads "major.minor" from a version such as "3.5.9".
func fmtSscanf(v string, major, minor *int) bool {
	n, _ := fmt.Sscanf(v, "%d.%d", major, minor)
	return n == 2
}

const strictChildEnv = "HAZMAT_TEST_KDF_STRICT_CHILD"

// TestFIPSStrictKDFChecks runs TestFIPSStrictKDFChild in a process whose
// FIPS configuration switches on the provider's optional KDF checks: the
// configuration of this run (OPENSSL_CONF, as scripts/fips-env.sh sets it)
// with those lines added to the module's section.
func TestFIPSStrictKDFChecks(t *testing.T) {
	if !openssl.FIPS() || os.Getenv(strictChildEnv) != "" {
		t.Skip("needs FIPS mode from an OPENSSL_CONF (scripts/fips-env.sh)")
	}
	var major, minor int
	if v := openssl.FIPSProviderVersion(); !(fmtSscanf(v, &major, &minor) && (major > 3 || major == 3 && minor >= 4)) {
		t.Skipf("the FIPS provider %s has no optional KDF checks (3.4 and later)", v)
	}
	out := fipschild.Pass(t, "TestFIPSStrictKDFChild", strictChildEnv, strictChecks, "", "")
	assert.NotContains(t, out, "--- SKIP: TestFIPSStrictKDFChild")
}

// TestFIPSStrictKDFChild is the child of TestFIPSStrictKDFChecks: each
// optional check refuses with a *backends.KDFRuleError naming its rule.
func TestFIPSStrictKDFChild(t *testing.T) {
	if os.Getenv(strictChildEnv) == "" {
		t.Skip("run by TestFIPSStrictKDFChecks")
	}
	require.True(t, openssl.FIPS())
	short, full := []byte("short"), bytes.Repeat([]byte{7}, 16)
	cases := []struct {
		name   string
		alg    backends.KDFAlgorithm
		secret []byte
		rule   string
		kind   error
	}{
		{"HKDF short key", kdfalg.HKDF{Hash: hashes.SHA256{}}, short, "at least 14 bytes", backends.ErrInvalidKeySize},
		{"KBKDF short key", kdfalg.KBKDF{Hash: hashes.SHA256{}}, short, "at least 14 bytes", backends.ErrInvalidKeySize},
		{"SSKDF short key", kdfalg.ConcatHash{Hash: hashes.SHA256{}}, short, "at least 14 bytes", backends.ErrInvalidKeySize},
		{"X9.63 short key", kdfalg.X963{Hash: hashes.SHA256{}}, short, "at least 14 bytes", backends.ErrInvalidKeySize},
		{"X9.63 with SHA-1", kdfalg.X963{Hash: hashes.SHA1{}}, full, "not approved", backends.ErrInvalidArgument},
	}
	b := openssl.DefaultBackend()
	for _, c := range cases {
		out := make([]byte, 32)
		err := b.DeriveKey(c.alg, c.secret, out)
		require.ErrorIs(t, err, backends.ErrFIPSRule, c.name)
		require.ErrorIs(t, err, c.kind, c.name)
		assert.True(t, strings.Contains(err.Error(), "FIPS") && strings.Contains(err.Error(), c.rule), "%s: %v", c.name, err)
		assert.Equal(t, make([]byte, 32), out, c.name)
		if c.kind == backends.ErrInvalidKeySize {
			require.NoError(t, b.DeriveKey(c.alg, bytes.Repeat([]byte{7}, 32), out), "%s with a full-length key", c.name)
		}
	}
}
