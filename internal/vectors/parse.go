package vectors

import (
	"bufio"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ErrMalformed is wrapped by the errors that [Parse], [ParseFile], the
// [Record] accessors and the typed loaders return for data they cannot
// read: a line of no known form, a bad hex or decimal value, a missing
// field, a length that contradicts its section.
var ErrMalformed = errors.New("vectors: malformed vector file")

// ErrUnsupportedFormat is wrapped by the errors that the typed loaders
// return for a file whose layout they deliberately do not serve, such as
// the TDES interleaved and pipelined modes (IV1/IV2/IV3) that EVP ciphers
// do not implement. Callers skip such files.
var ErrUnsupportedFormat = errors.New("vectors: unsupported vector format")

// ErrTooLarge is wrapped by the errors that the typed loaders return for a
// record that asks for more work than any real vector file does, such as a
// SHAKE Monte Carlo test with output lengths of a gigabyte. Such a record is
// refused, never run: callers report it as a failure.
var ErrTooLarge = errors.New("vectors: record asks for too much work")

// maxLine bounds one line of input; the longest line in the collection is
// about 34 KB (a SHAKE128 LongMsg message).
const maxLine = 16 << 20

// Record is one record of a vector file: a group of `NAME = value` lines
// ended by a blank line.
//
// Section holds the parameters of the bracket sections in force, keyed by
// lower-case name: `[ENCRYPT]` gives "encrypt" → "", `[L = 32]` gives
// "l" → "32". Section lines that follow each other with no record between
// them (blank lines and comments may come between) form one group whose
// parameters all apply, as with the five lines that open each GCM group; a
// section line after a record starts a new group that replaces the
// previous one. The map is shared by all records of one group: do not
// modify it.
//
// Fields holds the record's fields, keyed by lower-case name, with values
// trimmed of surrounding white space. Fail is set by a bare `FAIL` line.
//
// The Camellia ECB files in NTT's native layout are read too: a
// `K No.NNN : xx xx ...` line acts as a section line with the parameter
// "k" (the key in hex, spaces removed), and `P No.NNN : ...` and
// `C No.NNN : ...` lines become the fields "p" and "c", with "count" set to
// NNN.
type Record struct {
	File    string // the name given to Parse (ParseFile: the file's path)
	Line    int    // line of the record's first field, counting from 1
	Section map[string]string
	Fields  map[string]string
	Fail    bool
}

// ParseFile reads the vector file at path. See [Parse].
func ParseFile(path string) ([]Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("vectors: %w", err)
	}
	defer f.Close()
	return Parse(f, path)
}

// Parse reads a vector file from r; name is the file's name for errors and
// for [Record.File]. It returns the records in file order, dropping those
// that have no fields (such as a lone `FAIL`).
//
// Lines may end in LF or CRLF. A line that starts with `#` is a comment. A
// `NAME = value` line indented with a tab is an intermediate value printed
// for debugging, and is skipped. A
// line of no known form (not a comment, section, field, `FAIL` or NTT
// line) is an error wrapping [ErrMalformed] that names the file and line.
func Parse(r io.Reader, name string) ([]Record, error) {
	p := parser{name: name, section: map[string]string{}}
	br := bufio.NewReaderSize(r, 64<<10)
	for {
		line, err := readLine(br)
		if len(line) > 0 || err == nil {
			p.lineNo++
			if perr := p.line(line); perr != nil {
				return nil, perr
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("vectors: %s:%d: %w", name, p.lineNo+1, err)
		}
	}
	p.flush()
	return p.records, nil
}

// readLine returns the next line without its line ending. At the end of
// input it returns the last (possibly empty) line with io.EOF.
func readLine(br *bufio.Reader) (string, error) {
	var sb strings.Builder
	for {
		chunk, isPrefix, err := br.ReadLine()
		sb.Write(chunk)
		if sb.Len() > maxLine {
			return "", fmt.Errorf("line longer than %d bytes: %w", maxLine, ErrMalformed)
		}
		if err != nil {
			return sb.String(), err
		}
		if !isPrefix {
			return sb.String(), nil
		}
	}
}

type parser struct {
	name    string
	lineNo  int
	records []Record

	section map[string]string
	// inGroup reports that the last non-blank, non-comment line was a
	// section line, so the next one joins the same group.
	inGroup bool

	cur *Record
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("vectors: %s:%d: %s: %w", p.name, p.lineNo, fmt.Sprintf(format, args...), ErrMalformed)
}

func (p *parser) flush() {
	if p.cur != nil && len(p.cur.Fields) > 0 {
		p.records = append(p.records, *p.cur)
	}
	p.cur = nil
}

func (p *parser) record() *Record {
	if p.cur == nil {
		p.cur = &Record{File: p.name, Line: p.lineNo, Section: p.section, Fields: map[string]string{}}
	}
	return p.cur
}

// setSection adds a section parameter, starting a new group unless the
// previous significant line was a section line too.
func (p *parser) setSection(key, value string) {
	p.flush()
	if !p.inGroup {
		p.section = map[string]string{}
	}
	p.section[key] = value
	p.inGroup = true
}

func (p *parser) setField(key, value string) error {
	if key == "" {
		return p.errorf("field with no name")
	}
	rec := p.record()
	if _, dup := rec.Fields[key]; dup {
		return p.errorf("field %q given twice in one record", key)
	}
	rec.Fields[key] = value
	p.inGroup = false
	return nil
}

func (p *parser) line(line string) error {
	if strings.HasPrefix(line, "\t") && strings.Contains(line, "=") {
		// An intermediate value printed for debugging (the KDF files'
		// `Binary rep of i`, `Counter`, `Hash input`; the SHAVS Monte
		// .txt files' inner loop), which repeats within a record.
		return nil
	}
	line = strings.TrimSpace(line)
	switch {
	case line == "":
		p.flush()
		return nil
	case line[0] == '#':
		return nil
	case line[0] == '[':
		if line[len(line)-1] != ']' {
			return p.errorf("section line without closing bracket")
		}
		body := line[1 : len(line)-1]
		key, value, _ := strings.Cut(body, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		if key == "" {
			return p.errorf("empty section name")
		}
		p.setSection(key, strings.TrimSpace(value))
		return nil
	case line == "FAIL":
		p.record().Fail = true
		p.inGroup = false
		return nil
	}
	if tag, value, ok := nttLine(line); ok {
		return p.ntt(tag, value)
	}
	key, value, ok := strings.Cut(line, "=")
	if !ok {
		return p.errorf("unrecognised line %q", truncate(line))
	}
	return p.setField(strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(value))
}

// nttLine recognises NTT's Camellia layout, `X No.NNN : xx xx ...`, and
// returns X and the rest of the line after the colon.
func nttLine(line string) (tag byte, rest string, ok bool) {
	if len(line) < 6 || line[1] != ' ' || !strings.HasPrefix(line[2:], "No.") {
		return 0, "", false
	}
	switch line[0] {
	case 'K', 'P', 'C':
	default:
		return 0, "", false
	}
	return line[0], line[5:], true
}

func (p *parser) ntt(tag byte, rest string) error {
	num, data, ok := strings.Cut(rest, ":")
	num = strings.TrimSpace(num)
	if !ok || num == "" {
		return p.errorf("NTT line without number and colon")
	}
	n, err := strconv.ParseUint(num, 10, 32)
	if err != nil {
		return p.errorf("NTT line number %q is not decimal", truncate(num))
	}
	data = strings.Join(strings.Fields(data), "")
	switch tag {
	case 'K':
		p.setSection("k", data)
		return nil
	case 'P':
		if !p.record().Has("count") {
			if err := p.setField("count", strconv.FormatUint(n, 10)); err != nil {
				return err
			}
		}
		return p.setField("p", data)
	default:
		return p.setField("c", data)
	}
}

func truncate(s string) string {
	const limit = 40
	if len(s) > limit {
		return s[:limit] + "..."
	}
	return s
}

// where names the record's place in errors: "file:line".
func (r *Record) where() string {
	return fmt.Sprintf("%s:%d", r.File, r.Line)
}

func (r *Record) errorf(format string, args ...any) error {
	return fmt.Errorf("vectors: %s: %s: %w", r.where(), fmt.Sprintf(format, args...), ErrMalformed)
}

// Name names the record for test names and messages: the base name of its
// file, its line, and its COUNT when it has one, as in
// "CBCGFSbox128.rsp:10#0" or "SHA256ShortMsg.rsp:8".
func (r *Record) Name() string {
	name := fmt.Sprintf("%s:%d", filepath.Base(r.File), r.Line)
	if c, ok := r.Fields["count"]; ok {
		name += "#" + c
	}
	return name
}

// Has reports whether the record has the field name (compared without
// regard to case).
func (r *Record) Has(name string) bool {
	_, ok := r.Fields[strings.ToLower(name)]
	return ok
}

// Hex decodes the field name (compared without regard to case) as hex of
// either case. An empty value gives an empty, non-nil slice. A missing
// field or bad hex gives an error wrapping [ErrMalformed].
func (r *Record) Hex(name string) ([]byte, error) {
	v, ok := r.Fields[strings.ToLower(name)]
	if !ok {
		return nil, r.errorf("missing field %s", name)
	}
	b, err := hex.DecodeString(v)
	if err != nil {
		return nil, r.errorf("field %s: bad hex: %v", name, err)
	}
	if b == nil {
		b = []byte{}
	}
	return b, nil
}

// Int parses the field name (compared without regard to case) as a
// decimal int. A missing field or a bad number gives an error wrapping
// [ErrMalformed].
func (r *Record) Int(name string) (int, error) {
	v, ok := r.Fields[strings.ToLower(name)]
	if !ok {
		return 0, r.errorf("missing field %s", name)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, r.errorf("field %s: %q is not a decimal integer", name, truncate(v))
	}
	return n, nil
}

// Uint64 parses the field name (compared without regard to case) as a
// decimal uint64, such as ChaCha20's INITIAL_BLOCK_COUNTER. A missing
// field or a bad number gives an error wrapping [ErrMalformed].
func (r *Record) Uint64(name string) (uint64, error) {
	v, ok := r.Fields[strings.ToLower(name)]
	if !ok {
		return 0, r.errorf("missing field %s", name)
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, r.errorf("field %s: %q is not a decimal uint64", name, truncate(v))
	}
	return n, nil
}

// SectionInt parses the section parameter name (compared without regard
// to case) as a decimal int; ok is false when the parameter is absent. A
// parameter that is present but not a number gives an error wrapping
// [ErrMalformed].
func (r *Record) SectionInt(name string) (n int, ok bool, err error) {
	v, ok := r.Section[strings.ToLower(name)]
	if !ok {
		return 0, false, nil
	}
	n, err = strconv.Atoi(v)
	if err != nil {
		return 0, true, r.errorf("section [%s]: %q is not a decimal integer", name, truncate(v))
	}
	return n, true, nil
}

// optHex decodes name when present and returns nil when it is absent.
func (r *Record) optHex(name string) ([]byte, error) {
	if !r.Has(name) {
		return nil, nil
	}
	return r.Hex(name)
}

// firstHex decodes the first of names that the record has.
func (r *Record) firstHex(names ...string) ([]byte, error) {
	for _, n := range names {
		if r.Has(n) {
			return r.Hex(n)
		}
	}
	return nil, r.errorf("missing field %s", strings.Join(names, " or "))
}
