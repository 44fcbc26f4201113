package main

// The checksum-file format that hash and hmac share with GNU coreutils'
// sha256sum: writing "<hex>  <name>" lines, and checking them with -c.

import (
	"bufio"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"strings"
)

// copyBufferSize is the size of the buffer that streams each input into
// the digest: memory stays constant whatever the input's size.
const copyBufferSize = 64 << 10

// stdinName is the file name that means standard input.
const stdinName = "-"

// newHashFunc returns a fresh digest or MAC for each input.
type newHashFunc func() (hash.Hash, error)

// sumFiles writes a "<hex>  <name>" line for each file in names (standard
// input when names is empty or for "-"). A file that cannot be read is
// reported on stderr and skipped; the status is then exitFailure.
func sumFiles(names []string, newHash newHashFunc, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(names) == 0 {
		names = []string{stdinName}
	}
	buf := make([]byte, copyBufferSize)
	out := bufio.NewWriter(stdout)
	code := exitOK
	for _, name := range names {
		sum, err := sumFile(name, newHash, stdin, buf)
		if err != nil {
			// Keep stdout and stderr in order for a reader of both.
			out.Flush()
			warn(stderr, "%s", fileError(name, err))
			code = exitFailure
			continue
		}
		out.WriteString(formatSumLine(sum, name))
	}
	if err := out.Flush(); err != nil {
		return fail(stderr, "writing output: %v", err)
	}
	return code
}

// sumFile returns the digest of the file name ("-" for stdin).
func sumFile(name string, newHash newHashFunc, stdin io.Reader, buf []byte) ([]byte, error) {
	h, err := newHash()
	if err != nil {
		return nil, err
	}
	r := stdin
	if name != stdinName {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	// Hide any WriterTo of r, so that io.CopyBuffer uses buf.
	if _, err := io.CopyBuffer(h, struct{ io.Reader }{r}, buf); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// fileError describes the failure to read a file in one line, the way
// sha256sum does: "NAME: no such file or directory".
func fileError(name string, err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if name == stdinName {
		name = "standard input"
	}
	return displayName(name) + ": " + err.Error()
}

// formatSumLine returns the line sha256sum writes for sum and name (in
// text mode): "<hex>  <name>\n". A name holding a backslash, newline or
// carriage return is escaped as \\, \n and \r, and the line then starts
// with a backslash.
func formatSumLine(sum []byte, name string) string {
	escaped, changed := escapeName(name)
	prefix := ""
	if changed {
		prefix = `\`
	}
	return prefix + hex.EncodeToString(sum) + "  " + escaped + "\n"
}

var nameEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\r", `\r`)

// escapeName escapes name as sha256sum does, and reports whether it had to.
func escapeName(name string) (string, bool) {
	if !strings.ContainsAny(name, "\\\n\r") {
		return name, false
	}
	return nameEscaper.Replace(name), true
}

// unescapeName undoes escapeName. ok is false for an escape sequence that
// escapeName never writes.
func unescapeName(s string) (name string, ok bool) {
	if !strings.Contains(s, `\`) {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i++; i == len(s) {
			return "", false
		}
		switch s[i] {
		case '\\':
			b.WriteByte('\\')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			return "", false
		}
	}
	return b.String(), true
}

// parseSumLine parses one line of a checksum file (without its line end)
// whose digests have hexLen hex digits. It accepts "<hex>  <name>" (text
// mode), "<hex> *<name>" (binary mode) and "<hex> <name>", with leading
// blanks, a leading backslash when the name is escaped, and hex digits in
// either case. It returns the digest in lower case.
func parseSumLine(line string, hexLen int) (sum, name string, ok bool) {
	line = strings.TrimLeft(line, " \t")
	escaped := strings.HasPrefix(line, `\`)
	if escaped {
		line = line[1:]
	}
	if len(line) < hexLen+2 || line[hexLen] != ' ' {
		return "", "", false
	}
	sum = line[:hexLen]
	for i := 0; i < len(sum); i++ {
		if !isHexDigit(sum[i]) {
			return "", "", false
		}
	}
	name = line[hexLen+1:]
	if name[0] == ' ' || name[0] == '*' {
		name = name[1:]
	}
	if escaped {
		if name, ok = unescapeName(name); !ok {
			return "", "", false
		}
	}
	if name == "" {
		return "", "", false
	}
	return strings.ToLower(sum), name, true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// checkFiles reads the checksum files listed in names (standard input when
// names is empty or for "-") and checks every file they list, printing
// "NAME: OK", "NAME: FAILED" or "NAME: FAILED open or read" on stdout and
// sha256sum's warnings on stderr. The status is exitFailure when a file
// failed, could not be read, or a checksum file had no valid line.
func checkFiles(names []string, newHash newHashFunc, stdin io.Reader, stdout, stderr io.Writer) int {
	h, err := newHash()
	if err != nil {
		return fail(stderr, "%s", describeHashError(err))
	}
	hexLen := 2 * h.Size()
	if len(names) == 0 {
		names = []string{stdinName}
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	buf := make([]byte, copyBufferSize)
	code := exitOK
	for _, name := range names {
		if !checkFile(name, hexLen, newHash, stdin, out, stderr, buf) {
			code = exitFailure
		}
	}
	if err := out.Flush(); err != nil {
		return fail(stderr, "writing output: %v", err)
	}
	return code
}

// checkFile checks the files that one checksum file lists, and reports
// whether all of them matched.
func checkFile(name string, hexLen int, newHash newHashFunc, stdin io.Reader, out *bufio.Writer, stderr io.Writer, buf []byte) bool {
	var r io.Reader = stdin
	if name != stdinName {
		f, err := os.Open(name)
		if err != nil {
			out.Flush()
			warn(stderr, "%s", fileError(name, err))
			return false
		}
		defer f.Close()
		r = f
	}
	var (
		lines                  = bufio.NewReader(r)
		formatted, improper    int
		mismatched, unreadable int
	)
	for {
		line, readErr := lines.ReadString('\n')
		if readErr != nil && !errors.Is(readErr, io.EOF) {
			out.Flush()
			warn(stderr, "%s", fileError(name, readErr))
			return false
		}
		if line == "" && readErr != nil {
			break
		}
		line = strings.TrimSuffix(line, "\n")
		line = strings.TrimSuffix(line, "\r")
		if strings.HasPrefix(strings.TrimLeft(line, " \t"), "#") {
			continue
		}
		want, file, ok := parseSumLine(line, hexLen)
		if !ok {
			improper++
			continue
		}
		formatted++
		shown := file
		if strings.Contains(file, "\n") {
			// Only a name that would break the line is escaped in the
			// report, as sha256sum does.
			escaped, _ := escapeName(file)
			shown = `\` + escaped
		}
		sum, err := sumFile(file, newHash, stdin, buf)
		switch {
		case err != nil:
			out.Flush()
			warn(stderr, "%s", fileError(file, err))
			fmt.Fprintf(out, "%s: FAILED open or read\n", shown)
			unreadable++
		case hex.EncodeToString(sum) != want:
			fmt.Fprintf(out, "%s: FAILED\n", shown)
			mismatched++
		default:
			fmt.Fprintf(out, "%s: OK\n", shown)
		}
		if readErr != nil {
			break
		}
	}
	out.Flush()
	if formatted == 0 {
		display := displayName(name)
		if name == stdinName {
			display = "standard input"
		}
		warn(stderr, "%s: no properly formatted checksum lines found", display)
		return false
	}
	if improper > 0 {
		warn(stderr, "WARNING: %s", plural(improper, "line is improperly formatted", "lines are improperly formatted"))
	}
	if unreadable > 0 {
		warn(stderr, "WARNING: %s", plural(unreadable, "listed file could not be read", "listed files could not be read"))
	}
	if mismatched > 0 {
		warn(stderr, "WARNING: %s", plural(mismatched, "computed checksum did NOT match", "computed checksums did NOT match"))
	}
	return mismatched == 0 && unreadable == 0
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// describeHashError returns a one-line description of an error from
// creating or running a digest: "md5: refused in FIPS mode" for an
// unsupported algorithm, the error's text otherwise.
func describeHashError(err error) string {
	if s, ok := describeUnsupported(err); ok {
		return s
	}
	return err.Error()
}
