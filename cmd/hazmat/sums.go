package main

// The checksum-file format that hash and hmac share with GNU coreutils'
// sha256sum: writing "<hex>  <name>" lines, and checking them with -c.

import (
	"bufio"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"strconv"
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
// Progress goes to p (nil for none).
func sumFiles(names []string, newHash newHashFunc, p *progress, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(names) == 0 {
		names = []string{stdinName}
	}
	buf := make([]byte, copyBufferSize)
	out := bufio.NewWriter(stdout)
	code := exitOK
	for _, name := range names {
		sum, err := sumFile(name, newHash, p, stdin, buf)
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

// sumFile returns the digest of the file name ("-" for stdin), showing
// progress on p (nil for none).
func sumFile(name string, newHash newHashFunc, p *progress, stdin io.Reader, buf []byte) ([]byte, error) {
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
	pr := p.reader(name, r)
	defer pr.done()
	// pr hides any WriterTo of r, so that io.CopyBuffer uses buf.
	if _, err := io.CopyBuffer(h, pr, buf); err != nil {
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

// checkOutput is what a check prints, set by sha256sum's --quiet, --status
// and --warn, of which the last given wins.
type checkOutput int

const (
	checkNormal checkOutput = iota // a line per file
	checkQuiet                     // --quiet: no line for a file that is OK
	checkStatus                    // --status: nothing on stdout, no summary warnings
	checkWarn                      // --warn: a warning per improperly formatted line
)

// checkOptions are sha256sum's options of -c.
type checkOptions struct {
	output checkOutput
	// ignoreMissing: a listed file that does not exist is skipped without
	// a word; a checksum file that verified no file fails.
	ignoreMissing bool
	// strict: an improperly formatted line fails the check.
	strict bool
	// first is the first of these options given ("" for none), for the
	// error of one given without -c.
	first string
}

// given reports whether any option was given.
func (o *checkOptions) given() bool { return o.first != "" }

// checkFlag is one of sha256sum's options as a boolean flag.
type checkFlag struct {
	opts *checkOptions
	name string
	set  func(o *checkOptions)
}

func (f *checkFlag) IsBoolFlag() bool { return true }
func (f *checkFlag) String() string   { return "false" }

func (f *checkFlag) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	if f.opts.first == "" {
		f.opts.first = "--" + f.name
	}
	if on {
		f.set(f.opts)
	}
	return nil
}

// checkFlags defines sha256sum's options of -c on fs. The flag package
// takes them with one dash or two (--quiet, as sha256sum spells them).
func checkFlags(fs *flag.FlagSet) *checkOptions {
	o := &checkOptions{}
	for _, f := range []struct {
		name, usage string
		set         func(o *checkOptions)
	}{
		{"quiet", "with -c, print nothing for a file that is OK", func(o *checkOptions) { o.output = checkQuiet }},
		{"status", "with -c, print nothing: the exit status says it all", func(o *checkOptions) { o.output = checkStatus }},
		{"warn", "with -c, warn about each improperly formatted line", func(o *checkOptions) { o.output = checkWarn }},
		{"strict", "with -c, fail when a line is improperly formatted", func(o *checkOptions) { o.strict = true }},
		{"ignore-missing", "with -c, skip listed files that do not exist", func(o *checkOptions) { o.ignoreMissing = true }},
	} {
		fs.Var(&checkFlag{opts: o, name: f.name, set: f.set}, f.name, f.usage)
	}
	return o
}

// checkFiles reads the checksum files listed in names (standard input when
// names is empty or for "-") and checks every file they list, printing
// "NAME: OK", "NAME: FAILED" or "NAME: FAILED open or read" on stdout and
// sha256sum's warnings on stderr, as opts say. The status is exitFailure
// when a file failed, could not be read, or a checksum file had no valid
// line (and, with --strict, an improper one; with --ignore-missing, no file
// that exists).
//
// tagAlg is the algorithm's name for lines in the tagged format ("SHA256
// (name) = <hex>"), or "" when that format does not apply (HMAC). kind
// names the checksums in --warn's warnings ("SHA256").
func checkFiles(names []string, newHash newHashFunc, tagAlg, kind string, opts checkOptions, pr *progress, stdin io.Reader, stdout, stderr io.Writer) int {
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
		c := &checker{
			parser:  sumParser{hexLen: hexLen, tagAlg: tagAlg},
			newHash: newHash, kind: kind, opts: opts, progress: pr,
			stdin: stdin, out: out, stderr: stderr, buf: buf,
		}
		if !c.checkFile(name) {
			code = exitFailure
		}
	}
	if err := out.Flush(); err != nil {
		return fail(stderr, "writing output: %v", err)
	}
	return code
}

// A checker checks the files that checksum files list.
type checker struct {
	parser   sumParser
	newHash  newHashFunc
	kind     string
	opts     checkOptions
	progress *progress
	stdin    io.Reader
	out      *bufio.Writer
	stderr   io.Writer
	buf      []byte
}

// warn writes a warning on stderr after what stdout holds so far.
func (c *checker) warn(format string, a ...any) {
	c.out.Flush()
	warn(c.stderr, format, a...)
}

// checkFile checks the files that one checksum file lists, and reports
// whether the check passed.
func (c *checker) checkFile(name string) bool {
	var r = c.stdin
	if name != stdinName {
		f, err := os.Open(name)
		if err != nil {
			c.warn("%s", fileError(name, err))
			return false
		}
		defer f.Close()
		r = f
	}
	display := displayName(name)
	if name == stdinName {
		display = "standard input"
	}
	status := c.opts.output == checkStatus
	var (
		lines                  = bufio.NewReader(r)
		lineNo                 int
		formatted, improper    int
		mismatched, unreadable int
		matched                int
	)
	for {
		line, readErr := lines.ReadString('\n')
		if readErr != nil && !errors.Is(readErr, io.EOF) {
			c.warn("%s", fileError(name, readErr))
			return false
		}
		if line == "" && readErr != nil {
			break
		}
		lineNo++
		// Comments start in the first column; empty lines are skipped too.
		if strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimSuffix(line, "\n")
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			continue
		}
		want, file, ok := c.parser.parse(line)
		if !ok {
			improper++
			if c.opts.output == checkWarn {
				c.warn("%s: %d: improperly formatted %s checksum line", display, lineNo, c.kind)
			}
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
		sum, err := sumFile(file, c.newHash, c.progress, c.stdin, c.buf)
		switch {
		case err != nil && c.opts.ignoreMissing && errors.Is(err, fs.ErrNotExist):
			// Skipped without a word, as sha256sum --ignore-missing does.
		case err != nil:
			c.warn("%s", fileError(file, err))
			if !status {
				fmt.Fprintf(c.out, "%s: FAILED open or read\n", shown)
			}
			unreadable++
		case hex.EncodeToString(sum) != want:
			if !status {
				fmt.Fprintf(c.out, "%s: FAILED\n", shown)
			}
			mismatched++
		default:
			if !status && c.opts.output != checkQuiet {
				fmt.Fprintf(c.out, "%s: OK\n", shown)
			}
			matched++
		}
		if readErr != nil {
			break
		}
	}
	c.out.Flush()
	if formatted == 0 {
		warn(c.stderr, "%s: no properly formatted checksum lines found", display)
		return false
	}
	if !status {
		if improper > 0 {
			warn(c.stderr, "WARNING: %s", plural(improper, "line is improperly formatted", "lines are improperly formatted"))
		}
		if unreadable > 0 {
			warn(c.stderr, "WARNING: %s", plural(unreadable, "listed file could not be read", "listed files could not be read"))
		}
		if mismatched > 0 {
			warn(c.stderr, "WARNING: %s", plural(mismatched, "computed checksum did NOT match", "computed checksums did NOT match"))
		}
		if c.opts.ignoreMissing && matched == 0 {
			warn(c.stderr, "%s: no file was verified", display)
		}
	}
	return mismatched == 0 && unreadable == 0 &&
		(!c.opts.strict || improper == 0) &&
		(!c.opts.ignoreMissing || matched > 0)
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
	return withoutPackage(err.Error())
}
