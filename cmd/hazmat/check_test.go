//go:build cgo

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const abc256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

// TestCheckRoundTrip writes a sum file with hazmat and checks it: all OK,
// then one file changed, then one file gone.
func TestCheckRoundTrip(t *testing.T) {
	for _, cmd := range [][]string{
		{"hash", "-a", "sha256"},
		{"hash", "-a", "sha3-512"},
		{"hash", "-a", "shake256", "-xoflen", "20"},
		{"hmac", "-a", "sha384", "-K", "000102030405060708090a0b0c0d0e0f"},
	} {
		t.Run(strings.Join(cmd, " "), func(t *testing.T) {
			dir := t.TempDir()
			files := testInputs(t, dir)
			for _, n := range specialNames {
				files = append(files, writeFile(t, dir, n, []byte(n)))
			}
			r := hazmat(t, "", append(cmd, files...)...)
			require.Equal(t, exitOK, r.code, r.stderr)
			sums := writeFile(t, dir, "SUMS", []byte(r.stdout))

			var ok strings.Builder
			for _, f := range files {
				ok.WriteString(checkName(f) + ": OK\n")
			}
			r = hazmat(t, "", append(cmd, "-c", sums)...)
			assert.Equal(t, exitOK, r.code, r.stderr)
			assert.Equal(t, ok.String(), r.stdout)
			assert.Empty(t, r.stderr)

			// The sum file on standard input, as "-" and as no file.
			data, err := os.ReadFile(sums)
			require.NoError(t, err)
			for _, args := range [][]string{{"-c", "-"}, {"-c"}} {
				r = hazmat(t, string(data), append(cmd, args...)...)
				assert.Equal(t, exitOK, r.code, r.stderr)
				assert.Equal(t, ok.String(), r.stdout)
			}

			// A changed file fails.
			require.NoError(t, os.WriteFile(files[1], []byte("abd"), 0o644))
			r = hazmat(t, "", append(cmd, "-c", sums)...)
			assert.Equal(t, exitFailure, r.code)
			assert.Contains(t, r.stdout, files[0]+": OK\n"+files[1]+": FAILED\n"+files[2]+": OK\n")
			assert.Equal(t, "hazmat: WARNING: 1 computed checksum did NOT match\n", r.stderr)

			// A missing file fails to open, and the others are still checked.
			require.NoError(t, os.Remove(files[2]))
			r = hazmat(t, "", append(cmd, "-c", sums)...)
			assert.Equal(t, exitFailure, r.code)
			assert.Contains(t, r.stdout, files[1]+": FAILED\n"+files[2]+": FAILED open or read\n"+files[3]+": OK\n")
			assert.Equal(t, "hazmat: "+files[2]+": no such file or directory\n"+
				"hazmat: WARNING: 1 listed file could not be read\n"+
				"hazmat: WARNING: 1 computed checksum did NOT match\n", r.stderr)
		})
	}
}

// checkName is how sha256sum -c shows a name: escaped only when it holds a
// newline.
func checkName(name string) string {
	if !strings.Contains(name, "\n") {
		return name
	}
	e, _ := escapeName(name)
	return `\` + e
}

// TestCheckMatchesCoreutils checks the same sum file, with good, bad,
// missing and malformed lines, with sha256sum -c and hazmat hash -c.
func TestCheckMatchesCoreutils(t *testing.T) {
	bin := tool(t, "sha256sum")
	dir := t.TempDir()
	abc := writeFile(t, dir, "abc", []byte("abc"))
	special := writeFile(t, dir, "new\nline", []byte("abc"))
	back := writeFile(t, dir, `back\slash`, []byte("abc"))
	missing := filepath.Join(dir, "missing")
	upper := strings.ToUpper(abc256)
	bad := "0" + abc256[1:]
	lines := []string{
		abc256 + "  " + abc,        // text mode
		abc256 + " *" + abc,        // binary mode
		abc256 + " " + abc,         // one space: not after two
		"  " + upper + "  " + abc,  // blanks before, upper case
		abc256 + "  " + abc + "\r", // CRLF line end
		"# a comment",              // ignored
		bad + "  " + abc,           // mismatch
		abc256 + "  " + missing,    // cannot be read
		`\` + abc256 + "  " + escapedOf(special),
		`\` + abc256 + "  " + escapedOf(back),
		abc256 + "  " + back,                // unescaped backslash is literal
		abc256[:63] + "  " + abc,            // short digest
		abc256 + "\t" + abc,                 // tab separator
		abc256 + "  ",                       // no name
		`\` + abc256 + "  " + `bad\qescape`, // unknown escape
		"",                                  // empty line: skipped
		"SHA256 (" + abc + ") = " + abc256,  // tagged, as sha256sum --tag writes
		"garbage",
	}
	sums := writeFile(t, dir, "SUMS", []byte(strings.Join(lines, "\n")+"\n"))
	want, wantErr, err := runTool(bin, "-c", sums)
	require.Error(t, err, "sha256sum -c must fail on this file")
	// coreutils 9.1 names itself as invoked (the full path), 9.7 by its
	// base name.
	errLines := strings.SplitAfter(wantErr, "\n")
	for i, l := range errLines {
		if rest, ok := strings.CutPrefix(l, bin+": "); ok {
			errLines[i] = "hazmat: " + rest
		} else if rest, ok := strings.CutPrefix(l, filepath.Base(bin)+": "); ok {
			errLines[i] = "hazmat: " + rest
		}
	}
	wantErr = strings.Join(errLines, "")
	// coreutils 9.4 and later escape a name that holds a backslash in the
	// report too (\/tmp/x/back\\slash: OK); hazmat, like coreutils up to
	// 9.3, escapes there only a name that holds a newline.
	if major, minor := coreutilsVersion(t, bin); major > 9 || major == 9 && minor >= 4 {
		e, _ := escapeName(back)
		require.Contains(t, want, `\`+e+": OK\n", "coreutils %d.%d escapes the name", major, minor)
		want = strings.ReplaceAll(want, `\`+e+": ", back+": ")
	}

	r := hazmat(t, "", "hash", "-a", "sha256", "-c", sums)
	assert.Equal(t, exitFailure, r.code)
	assert.Equal(t, want, r.stdout)
	// strerror and Go spell the reasons with different capitals.
	assert.Equal(t, strings.ToLower(wantErr), strings.ToLower(r.stderr))
	assert.Contains(t, r.stderr, "hazmat: WARNING: 6 lines are improperly formatted\n")
}

// coreutilsVersion returns the version of the coreutils program bin, from
// its --version line ("sha256sum (GNU coreutils) 9.7").
func coreutilsVersion(t *testing.T, bin string) (major, minor int) {
	t.Helper()
	first, _, _ := strings.Cut(output(t, bin, "--version"), "\n")
	fields := strings.Fields(first)
	require.NotEmpty(t, fields)
	_, err := fmt.Sscanf(fields[len(fields)-1], "%d.%d", &major, &minor)
	require.NoError(t, err, "version in %q", first)
	return major, minor
}

func escapedOf(name string) string {
	e, _ := escapeName(name)
	return e
}

func TestCheckErrors(t *testing.T) {
	dir := t.TempDir()
	abc := writeFile(t, dir, "abc", []byte("abc"))
	t.Run("no valid line", func(t *testing.T) {
		sums := writeFile(t, dir, "junk", []byte("junk\n\nmore junk\n"))
		r := hazmat(t, "", "hash", "-a", "sha256", "-c", sums)
		assertOneLineError(t, r, "hazmat: "+sums+": no properly formatted checksum lines found")
		assert.Empty(t, r.stdout)
	})
	t.Run("no valid line on stdin", func(t *testing.T) {
		r := hazmat(t, "junk\n", "hash", "-a", "sha256", "-c")
		assertOneLineError(t, r, "hazmat: standard input: no properly formatted checksum lines found")
	})
	t.Run("wrong digest length for the algorithm", func(t *testing.T) {
		sums := writeFile(t, dir, "sha256sums", []byte(abc256+"  "+abc+"\n"))
		r := hazmat(t, "", "hash", "-a", "sha512", "-c", sums)
		assertOneLineError(t, r, "no properly formatted checksum lines found")
	})
	t.Run("missing sum file, then a good one", func(t *testing.T) {
		sums := writeFile(t, dir, "good", []byte(abc256+"  "+abc+"\n"))
		r := hazmat(t, "", "hash", "-a", "sha256", "-c", filepath.Join(dir, "nosums"), sums)
		assertOneLineError(t, r, "hazmat: "+filepath.Join(dir, "nosums")+": no such file or directory")
		assert.Equal(t, abc+": OK\n", r.stdout)
	})
	t.Run("improper lines alone do not fail", func(t *testing.T) {
		sums := writeFile(t, dir, "mixed", []byte(abc256+"  "+abc+"\njunk\n"))
		r := hazmat(t, "", "hash", "-a", "sha256", "-c", sums)
		assert.Equal(t, exitOK, r.code)
		assert.Equal(t, abc+": OK\n", r.stdout)
		assert.Equal(t, "hazmat: WARNING: 1 line is improperly formatted\n", r.stderr)
	})
	t.Run("last line without newline", func(t *testing.T) {
		sums := writeFile(t, dir, "nonl", []byte(abc256+"  "+abc))
		r := hazmat(t, "", "hash", "-a", "sha256", "-c", sums)
		assert.Equal(t, exitOK, r.code, r.stderr)
		assert.Equal(t, abc+": OK\n", r.stdout)
	})
	t.Run("dash in the sum file is standard input", func(t *testing.T) {
		sums := writeFile(t, dir, "stdin", []byte(abc256+"  -\n"))
		r := hazmat(t, "abc", "hash", "-a", "sha256", "-c", sums)
		assert.Equal(t, exitOK, r.code, r.stderr)
		assert.Equal(t, "-: OK\n", r.stdout)
	})
}
