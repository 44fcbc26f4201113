//go:build cgo

package main

// Tests that run the built hazmat binary, as a user's shell runs it.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/openssl"
)

const (
	hex16 = "000102030405060708090a0b0c0d0e0f"
	hex32 = hex16 + hex16
)

// TestCLIKeyLength: a key or IV of the wrong length is an error that names
// the length expected; ciphers with a variable key length take what they
// allow; -pad-key gives openssl's padding.
func TestCLIKeyLength(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"short key", []string{"enc", "-aes-256-cbc", "-K", "00", "-iv", "00"}, exitFailure,
			"hazmat: -K: aes-256-cbc takes a 32-byte key (64 hex digits), got 1 byte"},
		{"long key", []string{"enc", "-aes-128-ctr", "-K", hex32, "-iv", hex16}, exitFailure,
			"hazmat: -K: aes-128-ctr takes a 16-byte key (32 hex digits), got 32 bytes"},
		{"odd key", []string{"dec", "-aes-128-cbc", "-K", hex16[:31], "-iv", hex16}, exitFailure,
			"hazmat: -K: invalid hex: odd number of digits"},
		{"short iv", []string{"enc", "-aes-256-cbc", "-K", hex32, "-iv", "00"}, exitFailure,
			"hazmat: -iv: aes-256-cbc takes a 16-byte IV (32 hex digits), got 1 byte"},
		{"long iv", []string{"enc", "-chacha20", "-K", hex32, "-iv", hex32}, exitFailure,
			"hazmat: -iv: chacha20 takes a 16-byte IV (32 hex digits), got 32 bytes"},
		{"3des short", []string{"enc", "-des3", "-K", hex16, "-iv", hex16[:16]}, exitFailure,
			"hazmat: -K: des3 takes a 24-byte key (48 hex digits), got 16 bytes"},
		{"rc4 too short", []string{"enc", "-rc4", "-K", "00112233"}, exitFailure,
			"hazmat: -K: rc4 takes a key of 5 to 256 bytes (10 to 512 hex digits), got 4 bytes"},
		{"bf too long", []string{"enc", "-bf-cbc", "-K", strings.Repeat("00", 57), "-iv", hex16[:16]}, exitFailure,
			"hazmat: -K: bf-cbc takes a key of 4 to 56 bytes (8 to 112 hex digits), got 57 bytes"},
		{"padded", []string{"enc", "-aes-256-cbc", "-pad-key", "-K", "00", "-iv", "00"}, exitOK,
			"hazmat: -K: hex string is too short, padding with zero bytes to length"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runBinary(t, nil, "hello", tt.args...)
			assert.Equal(t, tt.code, r.code, "stderr %q", r.stderr)
			assert.Contains(t, r.stderr, tt.want)
			if tt.code != exitOK {
				assert.Empty(t, r.stdout)
				assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "stderr %q", r.stderr)
			}
		})
	}
}

// TestCLIVariableKeyLength: a 5-byte RC4 key and an 8-byte Blowfish key
// are used as given, as openssl enc uses them when told the length
// (-keylen is not an enc option, so the comparison is with Go's RC4).
func TestCLIVariableKeyLength(t *testing.T) {
	bin := tool(t, "openssl")
	short := runBinary(t, nil, "hello", "enc", "-rc4", "-K", "0102030405")
	if openssl.FIPS() {
		// RC4 is not approved: the length is accepted, the cipher refused.
		assertOneLineError(t, short, "hazmat: rc4: ARC4: refused in FIPS mode")
		return
	}
	require.Equal(t, exitOK, short.code, short.stderr)
	assert.Empty(t, short.stderr)
	// -pad-key pads to RC4's 16 bytes: another key, another stream, and
	// openssl's output.
	padded := runBinary(t, nil, "hello", "enc", "-rc4", "-pad-key", "-K", "0102030405")
	require.Equal(t, exitOK, padded.code, padded.stderr)
	assert.NotEqual(t, short.stdout, padded.stdout)
	dir := t.TempDir()
	in := writeFile(t, dir, "in", []byte("hello"))
	out := filepath.Join(dir, "out")
	if code, stderr := opensslEnc(t, bin, "-e", "rc4", "-K", "0102030405", "-in", in, "-out", out); code == 0 {
		assert.Equal(t, readFile(t, out), []byte(padded.stdout))
	} else {
		t.Logf("openssl has no rc4 here: %s", stderr)
	}
}

// TestCLIKeySources reads keys from the environment and from files, for
// enc, dec and hmac: the same output as with the key on the command line,
// and errors that name the source but never show the key.
func TestCLIKeySources(t *testing.T) {
	dir := t.TempDir()
	keyFile := writeFile(t, dir, "key", []byte(" "+hex32+"\n"))
	badFile := writeFile(t, dir, "bad", []byte("secretzz\n"))
	env := []string{"HAZMAT_TEST_KEY=" + hex32, "HAZMAT_TEST_BAD=secretzz"}
	msg := "attack at dawn"

	direct := runBinary(t, nil, msg, "enc", "-aes-256-ctr", "-K", hex32, "-iv", hex16)
	require.Equal(t, exitOK, direct.code, direct.stderr)
	for _, k := range []string{"env:HAZMAT_TEST_KEY", "file:" + keyFile} {
		r := runBinary(t, env, msg, "enc", "-aes-256-ctr", "-K", k, "-iv", hex16)
		assert.Equal(t, exitOK, r.code, "%s: %s", k, r.stderr)
		assert.Equal(t, direct.stdout, r.stdout, k)
		d := runBinary(t, env, r.stdout, "dec", "-aes-256-ctr", "-K", k, "-iv", hex16)
		assert.Equal(t, msg, d.stdout, k)
	}
	mac := runBinary(t, nil, msg, "hmac", "-a", "sha256", "-K", hex32)
	require.Equal(t, exitOK, mac.code, mac.stderr)
	for _, k := range []string{"env:HAZMAT_TEST_KEY", "file:" + keyFile} {
		r := runBinary(t, env, msg, "hmac", "-a", "sha256", "-K", k)
		assert.Equal(t, exitOK, r.code, "%s: %s", k, r.stderr)
		assert.Equal(t, mac.stdout, r.stdout, k)
	}

	errs := []struct {
		key  string
		want string
	}{
		{"env:HAZMAT_TEST_UNSET", "hazmat: -K: environment variable HAZMAT_TEST_UNSET is not set"},
		{"env:", "hazmat: -K: env: needs the name of an environment variable"},
		{"file:" + filepath.Join(dir, "missing"), "hazmat: -K: key file: " + filepath.Join(dir, "missing") + ": no such file or directory"},
		{"env:HAZMAT_TEST_BAD", "hazmat: -K: invalid hex: character 1 is not a hex digit"},
		{"file:" + badFile, "hazmat: -K: invalid hex: character 1 is not a hex digit"},
	}
	for _, e := range errs {
		for _, cmd := range [][]string{
			{"enc", "-aes-256-cbc", "-iv", hex16},
			{"hmac", "-a", "sha256"},
		} {
			r := runBinary(t, env, msg, append(cmd, "-K", e.key)...)
			assertOneLineError(t, r, e.want)
			assert.NotContains(t, r.stderr, "secret")
			assert.Empty(t, r.stdout)
		}
	}
}

// TestCLIBadHexWording: every command says the same words for bad hex.
func TestCLIBadHexWording(t *testing.T) {
	for _, args := range [][]string{
		{"enc", "-aes-128-cbc", "-K", "0g" + hex16[2:], "-iv", hex16},
		{"dec", "-aes-128-cbc", "-K", hex16, "-iv", "0g" + hex16[2:]},
		{"hmac", "-a", "sha256", "-K", "0g"},
	} {
		r := runBinary(t, nil, "", args...)
		assertOneLineError(t, r, ": invalid hex: character 2 is not a hex digit")
	}
}

// TestCLIVersion prints the four lines of hazmat version.
func TestCLIVersion(t *testing.T) {
	r := sslBinary(t, nil, "", "version")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.Regexp(t, `^hazmat: \S+.*\ngo: go1\.\d+.* linux/\w+\nopenssl: OpenSSL 3\.\d+\.\d+.*\nbackend: openssl \((default provider|FIPS mode)\)\n$`, r.stdout)
	r = runBinary(t, nil, "", "version", "extra")
	assert.Equal(t, exitUsage, r.code)
}

// TestCLIUsageErrors: a wrong command line gives two lines, the second
// pointing at the help, never the whole help.
func TestCLIUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"bogus"},
		{"-x", "info"},
		{"hash"},
		{"hash", "-z"},
		{"hmac", "-a", "sha256"},
		{"enc", "-K", hex16},
		{"info", "extra"},
		{"hash", "-a", "sha256", "--quiet"},
	} {
		r := runBinary(t, nil, "", args...)
		assert.Equal(t, exitUsage, r.code, "%q", args)
		lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
		assert.Len(t, lines, 2, "%q: stderr %q", args, r.stderr)
		assert.Regexp(t, `see "hazmat help( \w+)?"$`, lines[len(lines)-1], "%q", args)
		assert.NotContains(t, r.stderr, "Flags:", "%q", args)
		assert.Empty(t, r.stdout)
	}
}

// TestCLIHelpFlags: a command without flags of its own lists the global
// one, and no help ends with an empty "Flags:" heading.
func TestCLIHelpFlags(t *testing.T) {
	for _, c := range commands {
		r := runBinary(t, nil, "", c.name, "-h")
		require.Equal(t, exitOK, r.code, c.name)
		assert.NotRegexp(t, `Flags:\n*$`, r.stdout, c.name)
		assert.Contains(t, r.stdout, "-fips", c.name)
	}
}

// TestCLIFIPSAfterCommand: -fips is accepted after the command too, with
// the same effect as before it.
func TestCLIFIPSAfterCommand(t *testing.T) {
	before := runBinary(t, nil, "", "-fips", "info")
	after := runBinary(t, nil, "", "info", "-fips")
	assert.Equal(t, before.code, after.code, "before: %s\nafter: %s", before.stderr, after.stderr)
	assert.Equal(t, before.stdout, after.stdout)
	assert.Equal(t, before.stderr, after.stderr)
	if before.code == exitOK {
		assert.Regexp(t, `FIPS mode: +(on|yes)`, after.stdout)
	}
	hashAfter := runBinary(t, nil, "abc", "hash", "-a", "md5", "-fips")
	assert.Equal(t, exitFailure, hashAfter.code, hashAfter.stderr)
}

// TestCLINoFIPSProvider runs -fips with OPENSSL_MODULES naming an empty
// folder: the error says so, and a second line what to do.
func TestCLINoFIPSProvider(t *testing.T) {
	empty := t.TempDir()
	// A configuration that loads nothing, so that FIPS mode is off at the
	// start even when the tests run in FIPS mode.
	conf := writeFile(t, t.TempDir(), "openssl.cnf", nil)
	for _, args := range [][]string{{"-fips", "info"}, {"hash", "-fips", "-a", "sha256"}} {
		r := sslBinary(t, []string{"OPENSSL_MODULES=" + empty, "OPENSSL_CONF=" + conf}, "abc", args...)
		assert.Empty(t, r.stdout)
		assertNoFIPSProvider(t, r)
	}
}

// TestCLICheckOptionsMatchCoreutils runs hash -c with sha256sum's options
// and sha256sum itself on the same checksum files: the same exit status,
// the same standard output, as many lines on standard error. (Messages are
// not compared word for word: coreutils' wording changes between versions.)
func TestCLICheckOptionsMatchCoreutils(t *testing.T) {
	sha256sum := tool(t, "sha256sum")
	dir := t.TempDir()
	writeFile(t, dir, "a", []byte("a\n"))
	writeFile(t, dir, "b", []byte("b\n"))
	good := output(t, sha256sum, filepath.Join(dir, "a"), filepath.Join(dir, "b"))
	good = strings.ReplaceAll(good, dir+"/", "")
	zeros := strings.Repeat("0", 64)
	files := map[string]string{
		"good":    good,
		"mixed":   good + "junk line\n" + zeros + "  b\n" + zeros + "  missing\n",
		"missing": zeros + "  missing\n",
		"badonly": zeros + "  b\n" + zeros + "  missing\n",
		"junk":    good + "# comment\n\njunk\n",
		"nolines": "# comment\n\njunk\n",
		"empty":   "",
	}
	for name, data := range files {
		writeFile(t, dir, name+".sums", []byte(data))
	}
	options := [][]string{
		nil,
		{"--quiet"}, {"--status"}, {"--warn"}, {"--strict"}, {"--ignore-missing"},
		{"--status", "--warn"}, {"--warn", "--status"}, {"--quiet", "--warn"}, {"--warn", "--quiet"},
		{"--quiet", "--ignore-missing"}, {"--strict", "--status"}, {"--ignore-missing", "--status"},
		{"--strict", "--warn", "--ignore-missing"},
	}
	for name := range files {
		for _, opts := range options {
			label := name + " " + strings.Join(opts, " ")
			args := append(append([]string{"-c"}, opts...), name+".sums")
			want := execResult(t, dir, []string{"LC_ALL=C"}, "", sha256sum, args...)
			got := execResult(t, dir, nil, "", hazmatBinary(t), append([]string{"hash", "-a", "sha256"}, args...)...)
			assert.Equal(t, want.code, got.code, "%s: exit status; sha256sum said %q, hazmat %q", label, want.stderr, got.stderr)
			assert.Equal(t, want.stdout, got.stdout, label)
			assert.Equal(t, strings.Count(want.stderr, "\n"), strings.Count(got.stderr, "\n"),
				"%s: lines on stderr: sha256sum %q, hazmat %q", label, want.stderr, got.stderr)
		}
	}
	// hmac -c shares the options.
	mac := runBinary(t, nil, "", "hmac", "-a", "sha256", "-K", hex16, filepath.Join(dir, "a"))
	require.Equal(t, exitOK, mac.code, mac.stderr)
	sums := writeFile(t, dir, "mac.sums", []byte(mac.stdout+"junk\n"))
	r := runBinary(t, nil, "", "hmac", "-a", "sha256", "-K", hex16, "-c", "--status", sums)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stdout+r.stderr)
	r = runBinary(t, nil, "", "hmac", "-a", "sha256", "-K", hex16, "-c", "--strict", "--quiet", sums)
	assert.Equal(t, exitFailure, r.code, r.stderr)
	assert.Empty(t, r.stdout)
	assert.Equal(t, "hazmat: WARNING: 1 line is improperly formatted\n", r.stderr)
	r = runBinary(t, nil, "", "hmac", "-a", "sha256", "-K", hex16, "-c", "--warn", sums)
	assert.Contains(t, r.stderr, "hazmat: "+sums+": 2: improperly formatted HMAC-SHA256 checksum line\n")
}

// TestCLIOutputFile: enc and dec write -out through a temporary file, so
// that a failure leaves no output file and an existing one untouched.
func TestCLIOutputFile(t *testing.T) {
	dir := t.TempDir()
	ct := runBinary(t, nil, "secret message", "enc", "-aes-128-cbc", "-K", hex16, "-iv", hex16)
	require.Equal(t, exitOK, ct.code, ct.stderr)
	bad := writeFile(t, dir, "bad.enc", []byte(ct.stdout[:len(ct.stdout)-1])) // a partial block
	good := writeFile(t, dir, "good.enc", []byte(ct.stdout))
	out := filepath.Join(dir, "plain")

	r := runBinary(t, nil, "", "dec", "-aes-128-cbc", "-K", hex16, "-iv", hex16, "-in", bad, "-out", out)
	assertOneLineError(t, r, "hazmat: bad decrypt")
	assert.NoFileExists(t, out)

	require.NoError(t, os.WriteFile(out, []byte("keep me"), 0o640))
	r = runBinary(t, nil, "", "dec", "-aes-128-cbc", "-K", hex16, "-iv", hex16, "-in", bad, "-out", out)
	assertOneLineError(t, r, "hazmat: bad decrypt")
	assert.Equal(t, "keep me", string(readFile(t, out)))

	r = runBinary(t, nil, "", "dec", "-aes-128-cbc", "-K", hex16, "-iv", hex16, "-in", good, "-out", out)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "secret message", string(readFile(t, out)))
	fi, err := os.Stat(out)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), fi.Mode().Perm(), "an existing file keeps its mode")

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.ElementsMatch(t, []string{"bad.enc", "good.enc", "plain"}, names, "no temporary file is left")

	// A device is written in place.
	r = runBinary(t, nil, "", "dec", "-aes-128-cbc", "-K", hex16, "-iv", hex16, "-in", good, "-out", os.DevNull)
	assert.Equal(t, exitOK, r.code, r.stderr)
	// The help says so.
	h := runBinary(t, nil, "", "help", "enc")
	assert.Contains(t, h.stdout, "leaves no FILE behind")
}

// TestCLIProgress: progress shows on a terminal for a large input and
// never when standard error is not one; HAZMAT_PROGRESS forces it either
// way.
func TestCLIProgress(t *testing.T) {
	dir := t.TempDir()
	small := writeFile(t, dir, "small", []byte("abc"))

	r := runBinary(t, []string{"HAZMAT_PROGRESS=always"}, "", "hash", "-a", "sha256", small)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  "+small+"\n", r.stdout)
	assert.Contains(t, r.stderr, "hazmat: "+small+": 3 B of 3 B (100%)")
	assert.True(t, strings.HasSuffix(r.stderr, "\n"), "%q", r.stderr)

	r = runBinary(t, []string{"HAZMAT_PROGRESS=always"}, "", "enc", "-aes-128-ctr", "-K", hex16, "-iv", hex16, "-in", small, "-out", filepath.Join(dir, "small.enc"))
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stderr, "hazmat: "+small+": 3 B of 3 B (100%)")

	// A sparse file past the threshold.
	big := filepath.Join(dir, "big")
	f, err := os.Create(big)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(progressThreshold+1<<20))
	require.NoError(t, f.Close())

	r = runBinary(t, nil, "", "hash", "-a", "sha1", big)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr, "stderr is a pipe: no progress")
	sum := r.stdout

	r = runBinary(t, []string{"HAZMAT_PROGRESS=never"}, "", "hash", "-a", "sha1", big)
	assert.Empty(t, r.stderr)

	// On a terminal (script(1) gives the command one).
	script, err := exec.LookPath("script")
	if err != nil {
		t.Logf("no script(1): the terminal case is not run: %v", err)
		return
	}
	r = execResult(t, dir, nil, "", script, "-qec", hazmatBinary(t)+" hash -a sha1 big", os.DevNull)
	require.Equal(t, exitOK, r.code, r.stdout)
	assert.Contains(t, r.stdout, "hazmat: big: ")
	assert.Contains(t, r.stdout, "of 257.0 MiB (100%)")
	assert.Contains(t, r.stdout, strings.TrimSuffix(strings.ReplaceAll(sum, big, "big"), "\n"))
}

// TestCLIOutputSymlink: -out naming a symbolic link writes the file the
// link names, as "openssl enc" does, and leaves the link a link; a failed
// run leaves the target untouched; a dangling link's target is created.
func TestCLIOutputSymlink(t *testing.T) {
	dir := t.TempDir()
	ct := runBinary(t, nil, "secret message", "enc", "-aes-128-cbc", "-K", hex16, "-iv", hex16)
	require.Equal(t, exitOK, ct.code, ct.stderr)
	good := writeFile(t, dir, "good.enc", []byte(ct.stdout))
	bad := writeFile(t, dir, "bad.enc", []byte(ct.stdout[:len(ct.stdout)-1]))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	target := writeFile(t, filepath.Join(dir, "sub"), "target", []byte("keep me"))
	link := filepath.Join(dir, "link")
	require.NoError(t, os.Symlink("sub/target", link))

	r := runBinary(t, nil, "", "dec", "-aes-128-cbc", "-K", hex16, "-iv", hex16, "-in", bad, "-out", link)
	assertOneLineError(t, r, "hazmat: bad decrypt")
	assert.Equal(t, "keep me", string(readFile(t, target)))

	r = runBinary(t, nil, "", "dec", "-aes-128-cbc", "-K", hex16, "-iv", hex16, "-in", good, "-out", link)
	require.Equal(t, exitOK, r.code, r.stderr)
	fi, err := os.Lstat(link)
	require.NoError(t, err)
	assert.Equal(t, os.ModeSymlink, fi.Mode()&os.ModeSymlink, "the link is still a link")
	assert.Equal(t, "secret message", string(readFile(t, target)), "written through the link")

	dangling := filepath.Join(dir, "dangling")
	require.NoError(t, os.Symlink("sub/new", dangling))
	r = runBinary(t, nil, "", "dec", "-aes-128-cbc", "-K", hex16, "-iv", hex16, "-in", good, "-out", dangling)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "secret message", string(readFile(t, filepath.Join(dir, "sub", "new"))))
	fi, err = os.Lstat(dangling)
	require.NoError(t, err)
	assert.Equal(t, os.ModeSymlink, fi.Mode()&os.ModeSymlink, "the dangling link is still a link")

	entries, err := os.ReadDir(filepath.Join(dir, "sub"))
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.ElementsMatch(t, []string{"target", "new"}, names, "no temporary file is left")
}

// TestCLIOnePrefix: an error from the library reaches standard error with
// the command's prefix only, not stacked on the package's ("hazmat:
// openssl: ...").
func TestCLIOnePrefix(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in", []byte("hello"))
	for _, args := range [][]string{
		{"hash", "-a", "shake128", "-xoflen", "2147483648", in},
		{"mac", "-macopt", "hexkey:" + hex16, "POLY1305"},
	} {
		r := runBinary(t, nil, "hello", args...)
		assertOneLineError(t, r)
		assert.NotRegexp(t, `^hazmat: [a-z0-9]+: `, r.stderr, "%q", args)
	}
}
