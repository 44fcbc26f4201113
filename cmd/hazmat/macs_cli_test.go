//go:build cgo

package main

import (
	"encoding/base64"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/openssl"
)

// TestCLIMACMatchesOpenSSL runs "hazmat mac" and "openssl mac" with the
// same options on the same input, for every algorithm both have: the
// outputs (hex and -binary) are byte-identical, and where openssl fails
// (Poly1305 in FIPS mode) hazmat fails too, naming FIPS.
func TestCLIMACMatchesOpenSSL(t *testing.T) {
	bin := tool(t, "openssl")
	dir := t.TempDir()
	msg := make([]byte, 1000)
	for i := range msg {
		msg[i] = byte(i * 7)
	}
	in := writeFile(t, dir, "msg", msg)
	k16, k24, k32 := hex16, hex16+"1011121314151617", hex32
	cases := [][]string{
		{"-macopt", "cipher:AES-128-CBC", "-macopt", "hexkey:" + k16, "CMAC"},
		{"-macopt", "cipher:aes-192-cbc", "-macopt", "hexkey:" + k24, "CMAC"},
		{"-macopt", "cipher:AES-256-CBC", "-macopt", "hexkey:" + k32, "CMAC"},
		{"-macopt", "cipher:DES-EDE3-CBC", "-macopt", "hexkey:" + k24, "CMAC"},
		{"-macopt", "cipher:AES-128-GCM", "-macopt", "hexiv:" + hex16[:24], "-macopt", "hexkey:" + k16, "GMAC"},
		{"-macopt", "cipher:AES-256-GCM", "-macopt", "iv:0123456789ab", "-macopt", "hexkey:" + k32, "GMAC"},
		{"-macopt", "hexkey:" + k16, "KMAC128"},
		{"-macopt", "custom:My Tagged Application", "-macopt", "size:20", "-macopt", "hexkey:" + k32, "KMAC128"},
		{"-macopt", "hexcustom:00ff", "-macopt", "size:100", "-macopt", "key:a secret of some length", "KMAC256"},
		{"-macopt", "hexkey:" + k32, "KMAC-256"},
		{"-macopt", "hexkey:" + k32, "POLY1305"},
		{"-macopt", "digest:SHA256", "-macopt", "key:abc", "HMAC"},
		{"-macopt", "digest:SHA3-512", "-macopt", "hexkey:" + k32, "HMAC"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c, " "), func(t *testing.T) {
			for _, binary := range []bool{false, true} {
				args := append([]string{"-in", in}, c...)
				if binary {
					args = append([]string{"-binary"}, args...)
				}
				want := execResult(t, "", nil, "", bin, append([]string{"mac"}, args...)...)
				got := sslBinary(t, nil, "", append([]string{"mac"}, args...)...)
				if want.code != 0 {
					t.Logf("openssl mac fails: %s", strings.TrimSpace(want.stderr))
					assertOneLineError(t, got)
					if openssl.FIPS() {
						assert.Contains(t, got.stderr, "FIPS")
					}
					continue
				}
				require.Equal(t, exitOK, got.code, got.stderr)
				assert.Equal(t, hex.EncodeToString([]byte(want.stdout)), hex.EncodeToString([]byte(got.stdout)), "binary %v", binary)
			}
		})
	}
	if openssl.FIPS() {
		r := sslBinary(t, nil, "", "mac", "-in", in, "-macopt", "hexkey:"+k32, "POLY1305")
		assert.Equal(t, "hazmat: Poly1305: refused in FIPS mode\n", r.stderr)
		// Two-key TripleDES: openssl's FIPS provider computes it, hazmat
		// refuses it as its TripleDES ciphers do (SP 800-67 Rev. 2).
		r = sslBinary(t, nil, "", "mac", "-in", in, "-macopt", "cipher:DES-EDE3-CBC", "-macopt", "hexkey:"+hex16+hex16[:16], "CMAC")
		assertOneLineError(t, r, "FIPS mode takes TripleDES CMAC keys of three distinct 8-byte DES keys only")
	}
}

// TestCLIMACInputAndKeys: standard input, -out, and keys from env: and
// file: give the same MAC as the key on the command line.
func TestCLIMACInputAndKeys(t *testing.T) {
	dir := t.TempDir()
	keyFile := writeFile(t, dir, "key", []byte(" "+hex16+"\n"))
	out := filepath.Join(dir, "tag")
	base := sslBinary(t, nil, "hello", "mac", "-macopt", "cipher:AES-128-CBC", "-macopt", "hexkey:"+hex16, "CMAC")
	require.Equal(t, exitOK, base.code, base.stderr)
	assert.Regexp(t, `^[0-9A-F]{32}\n$`, base.stdout)
	env := sslBinary(t, []string{"MACKEY=" + hex16}, "hello", "mac", "-macopt", "cipher:AES-128-CBC", "-macopt", "hexkey:env:MACKEY", "CMAC")
	assert.Equal(t, base, env)
	file := sslBinary(t, nil, "hello", "mac", "-out", out, "-macopt", "cipher:AES-128-CBC", "-macopt", "hexkey:file:"+keyFile, "CMAC")
	assert.Equal(t, exitOK, file.code, file.stderr)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, base.stdout, string(got))
}

// TestCLIMACErrors: bad options fail in one line, never echoing a key.
func TestCLIMACErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-macopt", "hexkey:" + hex16, "CMAC"}, "CMAC needs -macopt cipher"},
		{[]string{"-macopt", "cipher:AES-256-CBC", "-macopt", "hexkey:" + hex16, "CMAC"}, "AES-256-CBC takes a 32-byte key, got 16 bytes"},
		{[]string{"-macopt", "cipher:AES-128-GCM", "-macopt", "hexkey:" + hex16, "GMAC"}, "GMAC needs -macopt iv"},
		{[]string{"-macopt", "hexkey:" + hex16, "-macopt", "size:0", "KMAC128"}, "-macopt size"},
		{[]string{"-macopt", "hexkey:" + hex16, "-macopt", "size:10", "POLY1305"}, "-macopt size does not apply to POLY1305"},
		{[]string{"-macopt", "hexkey:zz", "POLY1305"}, "invalid hex"},
		{[]string{"-macopt", "hexkey:" + hex16, "POLY1305"}, "Poly1305 key of 16 bytes"},
		{[]string{"-macopt", "hexkey:" + hex16, "SIPHASH"}, "unknown MAC"},
		{[]string{"-macopt", "colour:blue", "CMAC"}, "unknown parameter"},
		{[]string{"CMAC"}, "key:TEXT or hexkey:HEX is required"},
		// openssl mac keeps the first of repeated parameters; taking
		// another would give a different MAC without a word.
		{[]string{"-macopt", "cipher:AES-128-CBC", "-macopt", "hexkey:" + hex16, "-macopt", "hexkey:00" + hex16, "CMAC"}, "-macopt key given twice"},
		{[]string{"-macopt", "cipher:AES-128-CBC", "-macopt", "key:x", "-macopt", "hexkey:" + hex16, "CMAC"}, "-macopt key given twice"},
		{[]string{"-macopt", "cipher:AES-128-CBC", "-macopt", "cipher:AES-256-CBC", "-macopt", "hexkey:" + hex16, "CMAC"}, "-macopt cipher given twice"},
		{[]string{"-macopt", "hexkey:" + hex16, "-macopt", "size:abc", "KMAC128"}, "-macopt size: not a number"},
	} {
		r := sslBinary(t, nil, "hello", append([]string{"mac"}, c.args...)...)
		assertOneLineError(t, r, c.want)
		assert.NotContains(t, r.stderr, hex16)
		assert.NotRegexp(t, `^hazmat: [a-z0-9]+: `, r.stderr, "one prefix")
		assert.NotContains(t, r.stderr, "strconv")
		assert.Empty(t, r.stdout)
	}
}

// TestCLIRand: the formats of "openssl rand" (which cannot be compared
// byte for byte): raw N bytes, one line of hex, base64 in 64-character
// lines; two runs differ.
func TestCLIRand(t *testing.T) {
	bin := tool(t, "openssl")
	for _, n := range []string{"1", "16", "48", "100", "5000"} {
		for _, format := range []string{"", "-hex", "-base64"} {
			args := []string{"rand"}
			if format != "" {
				args = append(args, format)
			}
			args = append(args, n)
			want := execResult(t, "", nil, "", bin, args...)
			got := sslBinary(t, nil, "", args...)
			require.Equal(t, exitOK, got.code, got.stderr)
			require.Equal(t, 0, want.code, want.stderr)
			if format == "" {
				// Raw bytes have no shape to compare: random ones may
				// even read as a line of text (a single "\n").
				size, err := strconv.Atoi(n)
				require.NoError(t, err)
				assert.Len(t, got.stdout, size, "%v", args)
				assert.Len(t, want.stdout, size, "%v", args)
			} else {
				assert.Equal(t, shape(want.stdout), shape(got.stdout), "%v", args)
			}
			again := sslBinary(t, nil, "", args...)
			if n != "1" {
				assert.NotEqual(t, got.stdout, again.stdout)
			}
			if format == "-base64" {
				b, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(got.stdout, "\n", ""))
				require.NoError(t, err)
				want, err := strconv.Atoi(n)
				require.NoError(t, err)
				assert.Len(t, b, want)
			}
		}
	}
	out := filepath.Join(t.TempDir(), "r")
	r := sslBinary(t, nil, "", "rand", "-out", out, "32")
	require.Equal(t, exitOK, r.code, r.stderr)
	fi, err := os.Stat(out)
	require.NoError(t, err)
	assert.EqualValues(t, 32, fi.Size())
	for _, args := range [][]string{{"rand", "0"}, {"rand", "-1"}, {"rand", "x"}, {"rand", "-hex", "-base64", "4"}, {"rand"}} {
		r := sslBinary(t, nil, "", args...)
		assert.Equal(t, exitUsage, r.code, "%v", args)
		assert.Empty(t, r.stdout)
	}
}

// shape replaces every character of a text by its class, so that two
// random outputs of the same format compare equal: hex digits, other
// base64 characters, line ends; raw bytes by their count.
func shape(s string) string {
	if !regexp.MustCompile(`^[0-9a-zA-Z+/=\n]*$`).MatchString(s) || !strings.HasSuffix(s, "\n") {
		return "raw:" + strconv.Itoa(len(s))
	}
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '\n':
			b.WriteByte('\n')
		case c == '=':
			b.WriteByte('=')
		default:
			b.WriteByte('x')
		}
	}
	return b.String()
}

// TestCLIWrapMatchesOpenSSL: "hazmat wrap" and "hazmat unwrap" give the
// bytes of "openssl enc [-d] -id-aesNNN-wrap[-pad]" with the default IV,
// for every KEK size, in both modes, for keys of up to 4088 bytes (the
// help's bound: openssl enc wraps and unwraps longer input piecewise).
func TestCLIWrapMatchesOpenSSL(t *testing.T) {
	bin := tool(t, "openssl")
	dir := t.TempDir()
	for _, kek := range []string{hex16, hex16 + hex16[:16], hex32} {
		bits := strconv.Itoa(len(kek) * 4)
		for _, pad := range []bool{false, true} {
			for _, n := range []int{1, 7, 16, 24, 32, 40, 64, 4088} {
				if !pad && (n < 16 || n%8 != 0) {
					continue
				}
				key := make([]byte, n)
				for i := range key {
					key[i] = byte(i*13 + n)
				}
				in := writeFile(t, dir, "key", key)
				cipher, iv := "-id-aes"+bits+"-wrap", "A6A6A6A6A6A6A6A6"
				args := []string{"wrap", "-K", kek, "-in", in}
				if pad {
					cipher, iv = cipher+"-pad", "A65959A6"
					args = append(args, "-pad")
				}
				want := execResult(t, "", nil, "", bin, "enc", cipher, "-K", kek, "-iv", iv, "-in", in)
				got := sslBinary(t, nil, "", args...)
				if want.code != 0 {
					t.Logf("openssl enc %s fails: %s", cipher, strings.TrimSpace(want.stderr))
					assertOneLineError(t, got)
					continue
				}
				require.Equal(t, exitOK, got.code, got.stderr)
				assert.Equal(t, hex.EncodeToString([]byte(want.stdout)), hex.EncodeToString([]byte(got.stdout)), "%s %d", cipher, n)

				wrapped := writeFile(t, dir, "wrapped", []byte(got.stdout))
				uargs := []string{"unwrap", "-K", kek, "-in", wrapped}
				if pad {
					uargs = append(uargs, "-pad")
				}
				back := sslBinary(t, nil, "", uargs...)
				require.Equal(t, exitOK, back.code, back.stderr)
				assert.Equal(t, hex.EncodeToString(key), hex.EncodeToString([]byte(back.stdout)))
				ref := execResult(t, "", nil, "", bin, "enc", "-d", cipher, "-K", kek, "-iv", iv, "-in", wrapped)
				assert.Equal(t, ref.stdout, back.stdout)
			}
		}
	}
}

// TestCLIWrapLongKey: past 4088 bytes, where "openssl enc" works in
// pieces, hazmat wraps the whole key (8 bytes longer) and unwraps it.
func TestCLIWrapLongKey(t *testing.T) {
	dir := t.TempDir()
	key := make([]byte, 4104)
	for i := range key {
		key[i] = byte(i)
	}
	in := writeFile(t, dir, "key", key)
	for _, pad := range [][]string{nil, {"-pad"}} {
		w := sslBinary(t, nil, "", append([]string{"wrap", "-K", hex16, "-in", in}, pad...)...)
		require.Equal(t, exitOK, w.code, w.stderr)
		assert.Len(t, w.stdout, len(key)+8)
		wrapped := writeFile(t, dir, "wrapped", []byte(w.stdout))
		back := sslBinary(t, nil, "", append([]string{"unwrap", "-K", hex16, "-in", wrapped}, pad...)...)
		require.Equal(t, exitOK, back.code, back.stderr)
		assert.Equal(t, hex.EncodeToString(key), hex.EncodeToString([]byte(back.stdout)))
	}
	h := sslBinary(t, nil, "", "help", "wrap")
	assert.Contains(t, h.stdout, "up to 4088 bytes")
}

// TestCLIUnwrapFailure: a damaged wrapped key fails in one line and writes
// nothing, not even an empty -out file.
func TestCLIUnwrapFailure(t *testing.T) {
	dir := t.TempDir()
	w := sslBinary(t, nil, "0123456789abcdef", "wrap", "-K", hex16)
	require.Equal(t, exitOK, w.code, w.stderr)
	bad := []byte(w.stdout)
	bad[5] ^= 1
	out := filepath.Join(dir, "key")
	r := sslBinary(t, []string{"KEK=" + hex16}, string(bad), "unwrap", "-K", "env:KEK", "-out", out)
	assertOneLineError(t, r, "unwrap: the wrapped key is damaged")
	assert.Empty(t, r.stdout)
	assert.NoFileExists(t, out)
	r = sslBinary(t, nil, "short", "wrap", "-K", hex16)
	assertOneLineError(t, r, "AES key wrap takes a multiple of 8 bytes")
	r = sslBinary(t, nil, "0123456789abcdef", "wrap", "-K", hex16[:30])
	assertOneLineError(t, r, "16, 24 or 32-byte KEK, got 15 bytes")
}
