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

	"github.com/go-hazmat/hazmat/primitives/hashes"
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

// sumParser parses the lines of one checksum file the way sha256sum does.
type sumParser struct {
	// hexLen is the number of hex digits of a digest.
	hexLen int
	// tagAlg is the name of the algorithm that tagged lines
	// ("SHA256 (name) = <hex>") must name; "" accepts no tagged line.
	tagAlg string
	// layout is what the first untagged line set: layoutUnknown, then
	// layoutFlag for "<hex>  <name>" and "<hex> *<name>", or layoutReversed
	// for "<hex> <name>". A file may not mix the two, so that a name
	// cannot gain or lose a leading space or star.
	layout int
}

const (
	layoutUnknown = iota
	layoutFlag
	layoutReversed
)

// parse parses one line (without its line end). It accepts, after optional
// blanks and a backslash that says the name is escaped: "<hex>  <name>"
// (text mode), "<hex> *<name>" (binary mode), "<hex> <name>", and
// "TAG (<name>) = <hex>", hex digits in either case. It returns the digest
// in lower case.
func (p *sumParser) parse(line string) (sum, name string, ok bool) {
	line = strings.TrimLeft(line, " \t")
	escaped := strings.HasPrefix(line, `\`)
	if escaped {
		line = line[1:]
	}
	if sum, name, ok, tagged := p.parseTagged(line); tagged {
		if ok && escaped {
			name, ok = unescapeName(name)
		}
		return strings.ToLower(sum), name, ok
	}
	if len(line) < p.hexLen+2 || !isBlank(line[p.hexLen]) || !isHex(line[:p.hexLen]) {
		return "", "", false
	}
	sum, name = line[:p.hexLen], line[p.hexLen+1:]
	if len(name) == 1 || name[0] != ' ' && name[0] != '*' {
		if p.layout == layoutFlag {
			return "", "", false
		}
		p.layout = layoutReversed
	} else if p.layout != layoutReversed {
		p.layout = layoutFlag
		name = name[1:]
	}
	if escaped {
		if name, ok = unescapeName(name); !ok {
			return "", "", false
		}
	}
	if strings.IndexByte(name, 0) >= 0 {
		return "", "", false
	}
	return strings.ToLower(sum), name, true
}

// parseTagged parses a line of the tagged format that sha256sum --tag
// writes, "SHA256 (<name>) = <hex>". tagged is false when the line does not
// start with a tag that names the algorithm.
func (p *sumParser) parseTagged(line string) (sum, name string, ok, tagged bool) {
	open := strings.IndexByte(line, '(')
	if p.tagAlg == "" || open < 1 {
		return "", "", false, false
	}
	alg, known := hashes.ByName(strings.TrimSuffix(line[:open], " "))
	if !known || alg.Name() != p.tagAlg {
		return "", "", false, false
	}
	rest := line[open+1:]
	end := strings.LastIndexByte(rest, ')')
	if end < 0 {
		return "", "", false, true
	}
	name = rest[:end]
	rest = strings.TrimLeft(rest[end+1:], " \t")
	if !strings.HasPrefix(rest, "=") {
		return "", "", false, true
	}
	sum = strings.TrimLeft(rest[1:], " \t")
	if len(sum) != p.hexLen || !isHex(sum) || strings.IndexByte(name, 0) >= 0 {
		return "", "", false, true
	}
	return sum, name, true, true
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return false
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// checkFiles reads the checksum files listed in names (standard input when
// names is empty or for "-") and checks every file they list, printing
// "NAME: OK", "NAME: FAILED" or "NAME: FAILED open or read" on stdout and
// sha256sum's warnings on stderr. The status is exitFailure when a file
// failed, could not be read, or a checksum file had no valid line.
//
// tagAlg is the algorithm's name for lines in the tagged format ("SHA256
// (name) = <hex>"), or "" when that format does not apply (HMAC).
func checkFiles(names []string, newHash newHashFunc, tagAlg string, stdin io.Reader, stdout, stderr io.Writer) int {
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
		p := &sumParser{hexLen: hexLen, tagAlg: tagAlg}
		if !checkFile(name, p, newHash, stdin, out, stderr, buf) {
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
func checkFile(name string, p *sumParser, newHash newHashFunc, stdin io.Reader, out *bufio.Writer, stderr io.Writer, buf []byte) bool {
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
		// Comments start in the first column; empty lines are skipped too.
		if strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimSuffix(line, "\n")
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			continue
		}
		want, file, ok := p.parse(line)
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
