//go:build cgo

package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

// TestHMACMatchesOpenSSL compares "hazmat hmac" with "openssl dgst -mac
// HMAC" for every hash of hazmat that HMAC works with, under a key shorter
// and a key longer than the hash's block.
func TestHMACMatchesOpenSSL(t *testing.T) {
	bin := tool(t, "openssl")
	files := testInputs(t, t.TempDir())
	keys := []string{
		strings.Repeat("0b", 32),
		strings.Repeat("a5", 200),
	}
	checked := 0
	for _, alg := range hashes.All() {
		if _, xof := alg.(backends.ExtendableOutputAlgorithm); xof {
			continue // TestHashErrors covers HMAC with SHAKE
		}
		t.Run(alg.Name(), func(t *testing.T) {
			for _, key := range keys {
				r := hazmat(t, "", append([]string{"hmac", "-a", alg.Name(), "-K", key}, files...)...)
				if !hmac.Supported(alg) {
					assertOneLineError(t, r, "hazmat: "+alg.Name()+": ")
					assert.Empty(t, r.stdout)
					continue
				}
				want := output(t, bin, append([]string{"dgst", "-" + alg.Name(), "-mac", "HMAC",
					"-macopt", "hexkey:" + key, "-r"}, files...)...)
				require.Equal(t, exitOK, r.code, r.stderr)
				assert.Empty(t, r.stderr)
				assert.Equal(t, fromOpenSSL(t, want), r.stdout, "key of %d bytes", len(key)/2)
				checked++
			}
		})
	}
	t.Logf("%d HMAC runs matched openssl dgst", checked)
	assert.Positive(t, checked)
}

func TestHMACKnownAnswers(t *testing.T) {
	tests := []struct {
		name, alg, key, data, want string
	}{
		{ // RFC 4231, test case 2
			"rfc4231 case 2", "sha256", "4a656665", "what do ya want for nothing?",
			"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
		},
		{ // RFC 4231, test case 2
			"rfc4231 case 2 sha512", "SHA512", "4a656665", "what do ya want for nothing?",
			"164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
		},
		// HMAC-SHA-256 of "abc" under the empty key, as Go's crypto/hmac and
		// "openssl dgst -sha256 -hmac ''" compute it (written out: Go's
		// refuses an empty key under GODEBUG=fips140=only).
		{"empty key", "sha256", "", "abc", "fd7adb152c05ef80dccf50a1fa4c05d5a3ec6da95575fc312ae7c5d091836351"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := hazmat(t, tt.data, "hmac", "-a", tt.alg, "-K", tt.key)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Equal(t, tt.want+"  -\n", r.stdout)
			// -K=HEX is the same flag.
			r = hazmat(t, tt.data, "hmac", "-a", tt.alg, "-K="+tt.key, "-")
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Equal(t, tt.want+"  -\n", r.stdout)
		})
	}
}

func TestHMACErrors(t *testing.T) {
	f := writeFile(t, t.TempDir(), "abc", []byte("abc"))
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"bad hex", []string{"-a", "sha256", "-K", "zz", f}, []string{"hazmat: -K: invalid hex: character 1 is not a hex digit"}},
		{"bad hex with =", []string{"-a", "sha256", "-K=0g", f}, []string{"hazmat: -K: invalid hex: character 2 is not a hex digit"}},
		{"odd length", []string{"-a", "sha256", "-K", "abc", f}, []string{"hazmat: -K: invalid hex: odd number of digits"}},
		{"unknown algorithm", []string{"-a", "whirlpool", "-K", "00", f}, []string{`hazmat: unknown hash algorithm "whirlpool"`}},
		{"missing file", []string{"-a", "sha256", "-K", "00", f + ".missing"}, []string{"hazmat: " + f + ".missing: no such file or directory"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := hazmat(t, "", append([]string{"hmac"}, tt.args...)...)
			assertOneLineError(t, r, tt.want...)
			assert.Empty(t, r.stdout)
			// The key is never echoed.
			assert.NotContains(t, r.stderr, "zz")
		})
	}
}
