//go:build cgo

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// testInputs writes the files the comparisons digest: empty, short, and
// longer than the copy buffer, so that streaming is exercised.
func testInputs(t *testing.T, dir string) []string {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	long := make([]byte, 3*copyBufferSize+12345)
	for i := range long {
		long[i] = byte(rng.Uint32())
	}
	return []string{
		writeFile(t, dir, "empty", nil),
		writeFile(t, dir, "abc", []byte("abc")),
		writeFile(t, dir, "long.bin", long),
	}
}

// specialNames are file names that sha256sum escapes or that look like
// its own syntax.
var specialNames = []string{`back\slash`, "new\nline", "carriage\rreturn", "two  spaces", "*star", " lead", `both\and` + "\n"}

// opensslDigests lists the digest names that the local openssl CLI knows.
func opensslDigests(t *testing.T, bin string) []string {
	t.Helper()
	names := strings.Fields(output(t, bin, "list", "-digest-commands"))
	require.NotEmpty(t, names)
	return names
}

// TestHashMatchesOpenSSL compares "hazmat hash" with "openssl dgst -r" for
// every digest the openssl CLI knows.
func TestHashMatchesOpenSSL(t *testing.T) {
	bin := tool(t, "openssl")
	files := testInputs(t, t.TempDir())
	checked := 0
	for _, name := range opensslDigests(t, bin) {
		t.Run(name, func(t *testing.T) {
			alg, ok := hashes.ByName(name)
			if !ok {
				t.Skipf("openssl digest %s is not one of hazmat's", name)
			}
			dgst := []string{"dgst", "-" + name, "-r"}
			if _, xof := alg.(backends.ExtendableOutputAlgorithm); xof {
				dgst = append(dgst, "-xoflen", strconv.Itoa(alg.DigestSize()))
			}
			want, stderr, err := runTool(bin, append(dgst, files...)...)
			r := sslHazmat(t, "", append([]string{"hash", "-a", name}, files...)...)
			if err != nil {
				// openssl cannot either (FIPS mode): hazmat says so in one line.
				t.Logf("openssl dgst -%s: %v: %s", name, err, firstLine(stderr))
				assert.False(t, hashes.Supported(alg))
				assertOneLineError(t, r, "hazmat: "+alg.Name()+": ")
				assert.Empty(t, r.stdout)
				return
			}
			checked++
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Empty(t, r.stderr)
			assert.Equal(t, fromOpenSSL(t, want), r.stdout)
		})
	}
	t.Logf("%d digests matched openssl dgst", checked)
	assert.Positive(t, checked)
}

// TestHashXOFLen compares "hazmat hash -xoflen N" with "openssl dgst
// -xoflen N", and the default lengths with openssl's where openssl has one
// (OpenSSL 3.0's default provider prints 16 and 32 bytes; recent FIPS
// providers insist on -xoflen).
func TestHashXOFLen(t *testing.T) {
	bin := tool(t, "openssl")
	files := testInputs(t, t.TempDir())
	for _, name := range []string{"shake128", "shake256"} {
		t.Run(name, func(t *testing.T) {
			for _, n := range []string{"1", "16", "32", "200"} {
				want := output(t, bin, append([]string{"dgst", "-" + name, "-xoflen", n, "-r"}, files...)...)
				r := sslHazmat(t, "", append([]string{"hash", "-a", name, "-xoflen", n}, files...)...)
				require.Equal(t, exitOK, r.code, r.stderr)
				assert.Equal(t, fromOpenSSL(t, want), r.stdout, "-xoflen %s", n)
			}
			def := sslHazmat(t, "", "hash", "-a", name, files[1])
			require.Equal(t, exitOK, def.code, def.stderr)
			wantLen := map[string]int{"shake128": 32, "shake256": 64}[name]
			assert.Len(t, strings.Fields(def.stdout)[0], 2*wantLen, "default length")

			got, stderr, err := runTool(bin, "dgst", "-"+name, "-r", files[1])
			if err != nil {
				t.Logf("openssl dgst -%s has no default length here: %s", name, firstLine(stderr))
				return
			}
			r := sslHazmat(t, "", "hash", "-a", name, "-xoflen", strconv.Itoa(wantLen/2), files[1])
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Equal(t, fromOpenSSL(t, got), r.stdout, "openssl's default length")
		})
	}
}

// fromOpenSSL turns "openssl dgst -r" output ("<hex> *<name>" lines, names
// escaped like sha256sum's) into sha256sum's text-mode lines.
func fromOpenSSL(t *testing.T, out string) string {
	t.Helper()
	var b strings.Builder
	for _, line := range strings.SplitAfter(out, "\n") {
		if line == "" {
			continue
		}
		sum, name, ok := strings.Cut(line, " *")
		require.True(t, ok, "openssl line %q", line)
		b.WriteString(sum + "  " + name)
	}
	return b.String()
}

// TestHashMatchesCoreutils compares "hazmat hash" with sha256sum and its
// siblings byte for byte, special file names included.
func TestHashMatchesCoreutils(t *testing.T) {
	dir := t.TempDir()
	files := testInputs(t, dir)
	for _, n := range specialNames {
		files = append(files, writeFile(t, dir, n, []byte(n)))
	}
	for _, tc := range []struct{ alg, tool string }{
		{"sha1", "sha1sum"}, {"sha224", "sha224sum"}, {"sha256", "sha256sum"},
		{"sha384", "sha384sum"}, {"sha512", "sha512sum"}, {"md5", "md5sum"},
		{"blake2b512", "b2sum"},
	} {
		t.Run(tc.alg, func(t *testing.T) {
			bin := tool(t, tc.tool)
			alg, ok := hashes.ByName(tc.alg)
			require.True(t, ok)
			r := sslHazmat(t, "", append([]string{"hash", "-a", tc.alg}, files...)...)
			if !hashes.Supported(alg) {
				// md5 and blake2b512 in FIPS mode.
				require.True(t, openssl.FIPS(), "%s unsupported outside FIPS mode", tc.alg)
				assertOneLineError(t, r, "hazmat: "+tc.alg+": refused in FIPS mode")
				return
			}
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Equal(t, output(t, bin, files...), r.stdout)
		})
	}
}

func TestHashStdin(t *testing.T) {
	const abc256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	f := writeFile(t, t.TempDir(), "abc", []byte("abc"))
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no file", nil, abc256 + "  -\n"},
		{"dash", []string{"-"}, abc256 + "  -\n"},
		{"dash between files", []string{f, "-", f}, abc256 + "  " + f + "\n" + abc256 + "  -\n" + abc256 + "  " + f + "\n"},
		// Standard input is read once: a second "-" digests nothing.
		{"dash twice", []string{"-", "-"}, abc256 + "  -\n" + hex.EncodeToString(sha256.New().Sum(nil)) + "  -\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sslHazmat(t, "abc", append([]string{"hash", "-a", "sha256"}, tt.args...)...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Equal(t, tt.want, r.stdout)
			assert.Empty(t, r.stderr)
		})
	}
}

// TestHashAlgorithmNames checks that -a takes OpenSSL's spellings in any
// case, each giving the digest of its algorithm.
func TestHashAlgorithmNames(t *testing.T) {
	const abc256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	for _, name := range []string{"sha256", "SHA256", "Sha2-256", "sha-256"} {
		r := sslHazmat(t, "abc", "hash", "-a", name)
		assert.Equal(t, exitOK, r.code, name)
		assert.Equal(t, abc256+"  -\n", r.stdout, name)
	}
}

func TestHashErrors(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "abc", []byte("abc"))
	missing := filepath.Join(dir, "missing")

	t.Run("unknown algorithm", func(t *testing.T) {
		r := sslHazmat(t, "", "hash", "-a", "sha257", f)
		assertOneLineError(t, r, `hazmat: unknown digest algorithm "sha257"`)
		assert.Empty(t, r.stdout)
	})
	t.Run("missing file among others", func(t *testing.T) {
		r := sslHazmat(t, "", "hash", "-a", "sha256", f, missing, f)
		assertOneLineError(t, r, "hazmat: "+missing+": no such file or directory")
		line := "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  " + f + "\n"
		assert.Equal(t, line+line, r.stdout)
	})
	t.Run("directory", func(t *testing.T) {
		r := sslHazmat(t, "", "hash", "-a", "sha256", dir)
		assertOneLineError(t, r, "hazmat: "+dir+": is a directory")
		assert.Empty(t, r.stdout)
	})
	t.Run("name with newline in an error", func(t *testing.T) {
		r := sslHazmat(t, "", "hash", "-a", "sha256", filepath.Join(dir, "no\nsuch"))
		assertOneLineError(t, r, `no\nsuch`)
	})
	t.Run("shake without HMAC", func(t *testing.T) {
		r := sslHazmat(t, "", "hmac", "-a", "shake128", "-K", "00", f)
		assertOneLineError(t, r, "hazmat: shake128: MAC not offered by the backend")
	})
}

// TestHashMD5 checks MD5's fate: refused in one line in FIPS mode, computed
// otherwise.
func TestHashMD5(t *testing.T) {
	r := sslHazmat(t, "abc", "hash", "-a", "md5")
	if openssl.FIPS() {
		assert.Equal(t, exitFailure, r.code)
		assert.Equal(t, "hazmat: md5: refused in FIPS mode\n", r.stderr)
		assert.Empty(t, r.stdout)
		return
	}
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "900150983cd24fb0d6963f7d28e17f72  -\n", r.stdout) // RFC 1321 A.5
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
