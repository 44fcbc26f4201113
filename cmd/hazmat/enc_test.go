//go:build cgo

package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
)

// encSizes are the input lengths every cipher name goes through; the
// large ones cross encChunk and run for every cipher and mode once: not
// for aliases nor for the 192- and 256-bit keys of AES and Camellia.
var (
	encSizes      = []int{0, 1, 15, 16, 17, 1000}
	encLargeSizes = []int{65537, 100<<10 + 3}
)

// opensslEncNames returns the names that "openssl enc -list" prints.
func opensslEncNames(t *testing.T, bin string) []string {
	t.Helper()
	out := output(t, bin, "enc", "-list")
	var names []string
	for _, f := range strings.Fields(out) {
		if strings.HasPrefix(f, "-") {
			names = append(names, strings.TrimPrefix(f, "-"))
		}
	}
	require.NotEmpty(t, names, "openssl enc -list printed no names:\n%s", out)
	return names
}

// opensslProviders are the flags that let the openssl command use the
// providers hazmat loads: the legacy one too, outside FIPS mode. In FIPS
// mode the command runs with the configuration of the environment, as
// hazmat does.
func opensslProviders() []string {
	if openssl.FIPS() {
		return nil
	}
	return []string{"-provider", "legacy", "-provider", "default"}
}

// opensslRun runs the openssl command and returns its exit status and
// standard error.
func opensslRun(t *testing.T, bin string, args ...string) (int, string) {
	t.Helper()
	var errOut bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stderr = &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, errOut.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), errOut.String()
	}
	require.NoError(t, err, "openssl %q", args)
	return -1, ""
}

// opensslEnc runs "openssl enc" with the providers flags, the direction
// ("-e" or "-d"), the cipher and the rest of args.
func opensslEnc(t *testing.T, bin, dir, name string, args ...string) (int, string) {
	t.Helper()
	full := append([]string{"enc"}, opensslProviders()...)
	full = append(full, dir, "-"+name)
	return opensslRun(t, bin, append(full, args...)...)
}

func randomBytes(t *testing.T, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return b
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	return b
}

// TestEncMatchesOpenSSL runs every cipher name that "openssl enc -list"
// prints and hazmat runs here through both tools, both ways, with and
// without -nopad: the ciphertexts must be the same bytes and each tool
// must decrypt the other's. A name that hazmat knows but refuses here
// must be refused by openssl as well.
func TestEncMatchesOpenSSL(t *testing.T) {
	bin := tool(t, "openssl")
	var tested, refused, unknown []string
	for _, name := range opensslEncNames(t, bin) {
		spec, err := lookupCipher(name)
		if err != nil {
			unknown = append(unknown, name)
			continue
		}
		key, iv := randomBytes(t, spec.keyLen), randomBytes(t, spec.ivLen)
		if _, err := sslCryptContext(spec, key, iv, true); err != nil {
			var ue *backends.UnsupportedAlgorithmError
			require.ErrorAs(t, err, &ue, "%s: hazmat fails for a reason other than support", name)
			refused = append(refused, name)
			t.Run(name+"/refused", func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				in := writeFile(t, dir, "in", []byte("x"))
				kv := []string{"-K", hex.EncodeToString(key)}
				if spec.ivLen > 0 {
					kv = append(kv, "-iv", hex.EncodeToString(iv))
				}
				code, stderr := opensslEnc(t, bin, "-e", name, append(kv, "-in", in, "-out", filepath.Join(dir, "out"))...)
				assert.NotEqual(t, 0, code, "hazmat refuses %s (%v) but openssl runs it: %s", name, err, stderr)
				r := sslHazmat(t, "", append([]string{"enc", "-" + name, "-in", in}, kv...)...)
				assert.Empty(t, r.stdout)
				assertOneLineError(t, r, spec.name+": ")
			})
			continue
		}
		tested = append(tested, name)
		sizes := encSizes
		if spec.aliasOf == "" && !strings.Contains(name, "-192-") && !strings.Contains(name, "-256-") {
			sizes = append(sizes[:len(sizes):len(sizes)], encLargeSizes...)
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			testEncCipher(t, bin, spec, name, key, iv, sizes)
		})
	}
	t.Logf("compared with openssl: %d names: %s", len(tested), strings.Join(tested, " "))
	t.Logf("refused by hazmat here: %s", strings.Join(refused, " "))
	t.Logf("not in hazmat's table: %s", strings.Join(unknown, " "))
	if openssl.FIPS() {
		assert.Contains(t, tested, "aes-256-cbc")
	} else {
		// Every cipher of OpenSSL's list that hazmat has a descriptor
		// and a mode for runs outside FIPS mode (IDEA excepted, which
		// this OpenSSL may lack, but then it does not list it).
		assert.Subset(t, tested, []string{"aes-128-cfb8", "camellia-256-ctr", "des-ede3-cfb8", "des3", "bf",
			"cast5-ofb", "seed-cfb", "sm4-ctr", "rc4", "rc4-40", "chacha20"})
		assert.GreaterOrEqual(t, len(tested), 70)
	}
	// The names hazmat lacks are the ciphers or modes it has no
	// descriptor for.
	for _, n := range unknown {
		assert.Regexp(t, `^(aria|des-|des$|desx|rc2|id-|.*wrap|.*cfb1$|des-ede-|des-ede$)`, n, "hazmat lacks %s", n)
	}
}

// testEncCipher is TestEncMatchesOpenSSL for one cipher name.
func testEncCipher(t *testing.T, bin string, spec cipherSpec, name string, key, iv []byte, sizes []int) {
	keyHex, ivHex := hex.EncodeToString(key), hex.EncodeToString(iv)
	kv := []string{"-K", keyHex}
	if spec.ivLen > 0 {
		kv = append(kv, "-iv", ivHex)
	}
	pads := [][]string{nil}
	if spec.padBits > 0 {
		pads = append(pads, []string{"-nopad"})
	}
	dir := t.TempDir()
	for _, size := range sizes {
		msg := randomBytes(t, size)
		in := writeFile(t, dir, "in"+strconv.Itoa(size), msg)
		for _, pad := range pads {
			label := strconv.Itoa(size) + strings.Join(pad, "")
			args := append(append([]string{}, kv...), pad...)
			hzOut := filepath.Join(dir, "hz"+label)
			osOut := filepath.Join(dir, "os"+label)
			var r result
			if size <= 16 { // through stdin and stdout
				r = sslHazmat(t, string(msg), append([]string{"enc", "-cipher", name}, args...)...)
				require.NoError(t, os.WriteFile(hzOut, []byte(r.stdout), 0o644))
			} else {
				r = sslHazmat(t, "", append([]string{"enc", "-" + name, "-in", in, "-out", hzOut}, args...)...)
				assert.Empty(t, r.stdout, label)
			}
			code, stderr := opensslEnc(t, bin, "-e", name, append(args, "-in", in, "-out", osOut)...)

			if pad != nil && size*8%spec.padBits != 0 {
				// -nopad with a partial block: both fail after the
				// whole blocks; openssl leaves them in its output,
				// hazmat leaves no output file.
				assert.Equal(t, 1, code, "%s openssl: %s", label, stderr)
				assert.Contains(t, stderr, "bad encrypt", label)
				assertOneLineError(t, r, "bad encrypt")
				if size > 16 {
					assert.NoFileExists(t, hzOut, label)
				}
				continue
			}
			require.Equal(t, 0, code, "%s openssl: %s", label, stderr)
			require.Equal(t, exitOK, r.code, "%s: %s", label, r.stderr)
			assert.Empty(t, r.stderr, label)
			ct := readFile(t, hzOut)
			if !assert.Equal(t, hex.EncodeToString(readFile(t, osOut)), hex.EncodeToString(ct), "%s ciphertext", label) {
				continue
			}

			// hazmat decrypts, through stdin for the small sizes.
			var pt []byte
			if size <= 16 {
				r = sslHazmat(t, string(ct), append([]string{"dec", "-" + name}, args...)...)
				pt = []byte(r.stdout)
			} else {
				hzPlain := filepath.Join(dir, "hzd"+label)
				r = sslHazmat(t, "", append([]string{"enc", "-d", "-cipher", name, "-in", hzOut, "-out", hzPlain}, args...)...)
				pt = readFile(t, hzPlain)
			}
			assert.Equal(t, exitOK, r.code, "%s dec: %s", label, r.stderr)
			assert.Equal(t, hex.EncodeToString(msg), hex.EncodeToString(pt), "%s hazmat dec", label)

			// openssl decrypts hazmat's ciphertext.
			osPlain := filepath.Join(dir, "osd"+label)
			code, stderr = opensslEnc(t, bin, "-d", name, append(args, "-in", hzOut, "-out", osPlain)...)
			assert.Equal(t, 0, code, "%s openssl -d: %s", label, stderr)
			assert.Equal(t, hex.EncodeToString(msg), hex.EncodeToString(readFile(t, osPlain)), "%s openssl -d", label)
		}
	}
}

// TestEncHexLikeOpenSSL gives -K and -iv values of the wrong length, odd
// digit counts and excess non-hex digits with -pad-key: hazmat warns and
// pads or cuts them as openssl does, and the outputs are the same.
func TestEncHexLikeOpenSSL(t *testing.T) {
	bin := tool(t, "openssl")
	const key16 = "000102030405060708090a0b0c0d0e0f"
	tests := []struct {
		name   string
		cipher string
		k, iv  string // "" iv: none given
		warns  []string
	}{
		{"short key", "aes-128-cbc", "0011", key16, []string{"-K: hex string is too short, padding with zero bytes to length"}},
		{"odd key", "aes-128-cbc", "001", key16, []string{"-K: hex string is too short"}},
		{"empty key", "aes-128-ctr", "", key16, []string{"-K: hex string is too short"}},
		{"long key", "aes-128-cbc", key16 + "ffzz", key16, []string{"-K: hex string is too long, ignoring excess"}},
		{"short iv", "aes-256-cbc", key16 + key16, "01", []string{"-iv: hex string is too short"}},
		{"long iv", "aes-128-ofb", key16, key16 + "zz", []string{"-iv: hex string is too long, ignoring excess"}},
		{"upper case", "AES-192-CFB", strings.ToUpper(key16 + "0011223344556677"), strings.ToUpper(key16), nil},
		{"iv for ecb", "aes-128-ecb", key16, "nothex", []string{"warning: iv not used by this cipher"}},
		{"iv for rc4", "rc4", key16, key16, []string{"warning: iv not used by this cipher"}},
		{"ecb without iv", "aes-128-ecb", key16, "", nil},
		{"3des short key", "des3", key16, "0001020304050607", []string{"-K: hex string is too short"}},
		{"chacha20 short iv", "chacha20", key16 + key16, "01000000", []string{"-iv: hex string is too short"}},
	}
	msg := randomBytes(t, 100)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec, err := lookupCipher(tt.cipher)
			require.NoError(t, err)
			if _, err := sslCryptContext(spec, make([]byte, spec.keyLen), make([]byte, spec.ivLen), true); err != nil {
				t.Skipf("%s not available here: %v", tt.cipher, err)
			}
			dir := t.TempDir()
			in := writeFile(t, dir, "in", msg)
			args := []string{"-K", tt.k}
			if tt.iv != "" {
				args = append(args, "-iv", tt.iv)
			}
			osOut := filepath.Join(dir, "os")
			code, stderr := opensslEnc(t, bin, "-e", strings.ToLower(tt.cipher), append(args, "-in", in, "-out", osOut)...)
			require.Equal(t, 0, code, stderr)

			r := sslHazmat(t, string(msg), append([]string{"enc", "-pad-key", "-cipher", tt.cipher}, args...)...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Equal(t, hex.EncodeToString(readFile(t, osOut)), hex.EncodeToString([]byte(r.stdout)))
			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			if r.stderr == "" {
				lines = nil
			}
			assert.Len(t, lines, len(tt.warns), "stderr %q", r.stderr)
			for _, w := range tt.warns {
				assert.Contains(t, r.stderr, "hazmat: "+w)
				// openssl says the same words.
				assert.Contains(t, stderr, strings.TrimPrefix(strings.TrimPrefix(w, "-K: "), "-iv: "))
			}
		})
	}
}

// TestEncErrors checks the refusals: each is one line on stderr with the
// exit status openssl gives (1), or a usage error for a wrong command
// line, and for the refusals openssl shares, its words.
func TestEncErrors(t *testing.T) {
	bin := tool(t, "openssl")
	const key16 = "000102030405060708090a0b0c0d0e0f"
	tests := []struct {
		name    string
		args    []string
		code    int
		stderr  string
		openssl string // what openssl enc says to the same arguments ("" not compared)
	}{
		{"unknown cipher", []string{"enc", "-cipher", "nosuch-128-cbc", "-K", key16}, exitFailure, `hazmat: unknown cipher "nosuch-128-cbc"`, "Unknown cipher"},
		{"unknown bare flag", []string{"enc", "-nosuch", "-K", key16}, exitUsage, "flag provided but not defined: -nosuch", ""},
		{"aes-gcm", []string{"enc", "-aes-128-gcm", "-K", key16, "-iv", key16}, exitFailure, "hazmat: aes-128-gcm: AEAD ciphers not supported", "AEAD ciphers not supported"},
		{"aes-ccm", []string{"dec", "-cipher", "AES-256-CCM", "-K", key16, "-iv", key16}, exitFailure, "hazmat: aes-256-ccm: AEAD ciphers not supported", "AEAD ciphers not supported"},
		{"chacha20-poly1305", []string{"enc", "-chacha20-poly1305", "-K", key16, "-iv", key16}, exitFailure, "AEAD ciphers not supported", "AEAD ciphers not supported"},
		{"xts", []string{"enc", "-aes-128-xts", "-K", key16 + key16, "-iv", key16}, exitFailure, "hazmat: aes-128-xts: XTS ciphers not supported", "XTS ciphers not supported"},
		{"bad hex key", []string{"enc", "-aes-128-cbc", "-K", "00zz", "-iv", key16}, exitFailure, "hazmat: -K: invalid hex: character 3 is not a hex digit", "invalid hex key value"},
		{"bad hex iv", []string{"enc", "-aes-128-cbc", "-K", key16, "-iv", "0x00"}, exitFailure, "hazmat: -iv: invalid hex: character 2 is not a hex digit", "invalid hex iv value"},
		{"missing -K", []string{"enc", "-aes-128-cbc", "-iv", key16}, exitUsage, "hazmat enc: -K is required", ""},
		{"missing -iv", []string{"dec", "-aes-128-cbc", "-K", key16}, exitUsage, "hazmat dec: -iv is required: aes-128-cbc takes a 16-byte IV", "iv undefined"},
		{"missing -iv chacha20", []string{"enc", "-chacha20", "-K", key16}, exitUsage, "-iv is required: chacha20 takes a 16-byte IV", "iv undefined"},
		{"no cipher", []string{"enc", "-K", key16}, exitUsage, "hazmat enc: no cipher given", ""},
		{"two ciphers", []string{"enc", "-aes-128-cbc", "-des3", "-K", key16}, exitUsage, "two ciphers given: -aes-128-cbc and -des3", ""},
		{"two ciphers -cipher", []string{"enc", "-cipher", "des3", "-aes-128-cbc", "-K", key16}, exitUsage, "two ciphers given: -cipher des3 and -aes-128-cbc", ""},
		{"-e and -d", []string{"enc", "-e", "-d", "-aes-128-ecb", "-K", key16}, exitUsage, "-e and -d exclude each other", ""},
		{"-e on dec", []string{"dec", "-e", "-aes-128-ecb", "-K", key16}, exitUsage, "flag provided but not defined: -e", ""},
		{"argument", []string{"enc", "-aes-128-ecb", "-K", key16, "file"}, exitUsage, `unexpected argument "file"`, ""},
		{"missing input", []string{"enc", "-aes-128-ecb", "-K", key16, "-in", "/nonexistent/x"}, exitFailure, "hazmat: -in: open /nonexistent/x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sslHazmat(t, "abc", tt.args...)
			assert.Empty(t, r.stdout)
			if tt.code == exitFailure {
				assertOneLineError(t, r, tt.stderr)
			} else {
				assert.Equal(t, tt.code, r.code, r.stderr)
				assert.Contains(t, r.stderr, tt.stderr)
			}
			if tt.openssl == "" {
				return
			}
			// openssl enc takes the same arguments, "-d" for dec.
			args := append([]string{"enc"}, tt.args[1:]...)
			if tt.args[0] == "dec" {
				args = append([]string{"enc", "-d"}, tt.args[1:]...)
			}
			for i, a := range args {
				if a == "-cipher" { // openssl takes the name as a flag only
					args = append(append(args[:i:i], "-"+strings.ToLower(args[i+1])), args[i+2:]...)
					break
				}
			}
			dir := t.TempDir()
			args = append(args, "-in", writeFile(t, dir, "in", []byte("abc")), "-out", filepath.Join(dir, "out"))
			code, stderr := opensslRun(t, bin, args...)
			assert.Equal(t, 1, code, "openssl %q", args)
			want := tt.openssl
			if want == "Unknown cipher" && opensslAtLeast(t, bin, 3, 2) {
				// OpenSSL 3.0 says "enc: Unknown cipher: x"; 3.2 and later
				// (3.5 on Debian 13) say "enc: Unknown option or cipher: x".
				want = "Unknown option or cipher"
			}
			assert.Contains(t, stderr, want)
		})
	}
}

// opensslAtLeast reports whether the openssl command bin is version
// major.minor or later ("OpenSSL 3.5.9 29 Sep 2026 (Library: ...)").
func opensslAtLeast(t *testing.T, bin string, major, minor int) bool {
	t.Helper()
	var maj, mn int
	v := output(t, bin, "version")
	_, err := fmt.Sscanf(v, "OpenSSL %d.%d", &maj, &mn)
	require.NoError(t, err, "openssl version: %q", v)
	return maj > major || maj == major && mn >= minor
}

// TestEncBadDecrypt decrypts data whose length or padding is wrong:
// "bad decrypt", exit status 1, as openssl says.
func TestEncBadDecrypt(t *testing.T) {
	bin := tool(t, "openssl")
	key := "000102030405060708090a0b0c0d0e0f"
	// A block that decrypts to 15 bytes then a padding byte of 0x00.
	zeroPad := sslHazmat(t, string(make([]byte, 16)), "enc", "-aes-128-ecb", "-nopad", "-K", key)
	require.Equal(t, exitOK, zeroPad.code, zeroPad.stderr)
	// Two blocks whose last one ends with 0x11, more than a block.
	bigPad := sslHazmat(t, string(bytes.Repeat([]byte{0x11}, 32)), "enc", "-aes-128-cbc", "-nopad", "-K", key, "-iv", key)
	require.Equal(t, exitOK, bigPad.code, bigPad.stderr)
	tests := []struct {
		name string
		in   string
		args []string
		// same: both tools write the same bytes before they fail (with
		// a partial block and padding, openssl writes the last whole
		// block, which hazmat holds back as the one that may be padded)
		same bool
	}{
		{"empty", "", []string{"-aes-128-cbc", "-iv", key}, true},
		{"partial block", strings.Repeat("x", 17), []string{"-aes-128-cbc", "-iv", key}, false},
		{"partial block nopad", strings.Repeat("x", 17), []string{"-aes-128-cbc", "-nopad", "-iv", key}, true},
		{"padding byte 0", zeroPad.stdout, []string{"-aes-128-ecb"}, true},
		{"padding longer than a block", bigPad.stdout, []string{"-aes-128-cbc", "-iv", key}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"dec", "-K", key}, tt.args...)
			r := sslHazmat(t, tt.in, args...)
			assertOneLineError(t, r, "hazmat: bad decrypt")

			dir := t.TempDir()
			in := writeFile(t, dir, "in", []byte(tt.in))
			out := filepath.Join(dir, "out")
			code, stderr := opensslRun(t, bin, append(append([]string{"enc", "-d"}, args[1:]...), "-in", in, "-out", out)...)
			assert.Equal(t, 1, code)
			assert.Contains(t, stderr, "bad decrypt")
			if !tt.same {
				return
			}
			// Both wrote the same blocks before the last one.
			assert.Equal(t, hex.EncodeToString(readFile(t, out)), hex.EncodeToString([]byte(r.stdout)))
		})
	}
	// -nopad decrypts the empty input to nothing, as openssl does.
	r := sslHazmat(t, "", "dec", "-aes-128-cbc", "-nopad", "-K", key, "-iv", key)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stdout)
}

// TestEncUnsupported finds a cipher of the table that this machine does
// not run (IDEA, or in FIPS mode Blowfish) and checks the one-line
// message that says why.
func TestEncUnsupported(t *testing.T) {
	for _, name := range cipherNames() {
		spec, err := lookupCipher(name)
		require.NoError(t, err)
		key, iv := randomBytes(t, spec.keyLen), randomBytes(t, spec.ivLen)
		_, err = sslCryptContext(spec, key, iv, true)
		what, ok := describeUnsupported(err)
		if !ok {
			continue
		}
		args := []string{"enc", "-" + name, "-K", hex.EncodeToString(key)}
		if spec.ivLen > 0 {
			args = append(args, "-iv", hex.EncodeToString(iv))
		}
		r := sslHazmat(t, "abc", args...)
		assert.Empty(t, r.stdout)
		assertOneLineError(t, r, "hazmat: "+name+": "+what)
		if openssl.FIPS() {
			assert.Contains(t, r.stderr, "FIPS")
		}
		return
	}
	if openssl.FIPS() {
		t.Fatal("no cipher of the table is refused in FIPS mode")
	}
	t.Skip("every cipher of the table runs here")
}

// TestCipherTable checks the table itself: every name builds with keys
// and IVs of its lengths, aliases mean what OpenSSL means, and names are
// found in any case.
func TestCipherTable(t *testing.T) {
	for _, name := range cipherNames() {
		spec, err := lookupCipher(strings.ToUpper(name))
		require.NoError(t, err, name)
		assert.Equal(t, name, spec.name)
		alg, mode, err := spec.build(make([]byte, spec.keyLen), make([]byte, spec.ivLen))
		if assert.NoError(t, err, name) && mode != nil {
			assert.NoError(t, mode.ValidateForAlgorithm(alg), name)
		}
	}
	same := map[string]string{
		"aes128": "aes-128-cbc", "aes256": "aes-256-cbc", "camellia192": "camellia-192-cbc",
		"des-ede3": "des-ede3-ecb", "des3": "des-ede3-cbc", "bf": "bf-cbc", "blowfish": "bf-cbc",
		"cast": "cast5-cbc", "cast-cbc": "cast5-cbc", "seed": "seed-cbc", "sm4": "sm4-cbc", "idea": "idea-cbc",
	}
	for alias, name := range same {
		a, err := lookupCipher(alias)
		require.NoError(t, err, alias)
		assert.Equal(t, name, a.aliasOf, alias)
		s, err := lookupCipher(name)
		require.NoError(t, err, name)
		assert.Empty(t, s.aliasOf, name)
		assert.Equal(t, []int{s.keyLen, s.ivLen, s.padBits}, []int{a.keyLen, a.ivLen, a.padBits}, alias)
	}
	rc4, err := lookupCipher("rc4-40")
	require.NoError(t, err)
	assert.Equal(t, 5, rc4.keyLen)
	for name, want := range map[string]error{
		"aes-128-gcm": errAEADCipher, "id-aes256-GCM": errAEADCipher, "aes-192-ccm": errAEADCipher,
		"aes-128-ocb": errAEADCipher, "aes-128-siv": errAEADCipher, "chacha20-poly1305": errAEADCipher,
		"aes-256-xts": errXTSCipher, "sm4-xts": errXTSCipher, "aria-128-cbc": errUnknownCipher,
		"aes-128-cfb1": errUnknownCipher, "": errUnknownCipher,
	} {
		_, err := lookupCipher(name)
		assert.ErrorIs(t, err, want, name)
	}
}

func TestParseHexArg(t *testing.T) {
	tests := []struct {
		in   string
		size int
		want string
		msg  string
		err  bool
	}{
		{"00112233", 4, "00112233", "", false},
		{"AbCd", 2, "abcd", "", false},
		{"001", 2, "0010", "too short", false},
		{"1", 2, "1000", "too short", false},
		{"", 3, "000000", "too short", false},
		{"0011zz", 2, "0011", "too long", false},
		{"0g", 2, "", "", true},
		{"zz", 0, "", "too long", false},
		{"0x11", 2, "", "", true},
	}
	for _, tt := range tests {
		b, msg, err := parseHexArg(tt.in, tt.size)
		if tt.err {
			assert.Error(t, err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, hex.EncodeToString(b), tt.in)
		if tt.msg == "" {
			assert.Empty(t, msg, tt.in)
		} else {
			assert.Contains(t, msg, tt.msg, tt.in)
		}
	}
}

// TestEncStreamsInChunks sends input through a reader that returns a few
// bytes at a time: the output does not depend on how the input arrives.
func TestEncStreamsInChunks(t *testing.T) {
	msg := randomBytes(t, 3*encChunk+5)
	key := "000102030405060708090a0b0c0d0e0f"
	for _, name := range []string{"aes-128-cbc", "aes-128-ctr"} {
		var whole, pieces, back bytes.Buffer
		args := []string{"-K", key, "-iv", key}
		require.Equal(t, exitOK, runEnc(append([]string{"-" + name}, args...), bytes.NewReader(msg), &whole, os.Stderr))
		require.Equal(t, exitOK, runEnc(append([]string{"-" + name}, args...), &trickle{b: msg}, &pieces, os.Stderr))
		assert.True(t, bytes.Equal(whole.Bytes(), pieces.Bytes()), name)
		require.Equal(t, exitOK, runDec(append([]string{"-" + name}, args...), &trickle{b: whole.Bytes()}, &back, os.Stderr))
		assert.True(t, bytes.Equal(msg, back.Bytes()), name)
	}
}

// trickle is a reader that returns at most 7 bytes per Read.
type trickle struct{ b []byte }

func (r *trickle) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), 7)], r.b)
	r.b = r.b[n:]
	return n, nil
}
