package kat

import (
	"errors"
	"fmt"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
)

// Status is the outcome of one record.
type Status int

// The outcomes of a record.
const (
	Pass Status = iota
	Fail
	Skip
)

// String returns "pass", "fail" or "skip".
func (s Status) String() string {
	switch s {
	case Pass:
		return "pass"
	case Fail:
		return "fail"
	case Skip:
		return "skip"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// FileRecord is the name of the record that stands for a whole file when
// the file cannot be read, parsed or run to its end.
const FileRecord = "(file)"

// Record is the outcome of one record of a file.
type Record struct {
	// Name is the record's name (such as "COUNT=3" or "Len=8"), or
	// [FileRecord]; records of a file skipped whole have no name.
	Name   string
	Status Status
	// Reason says why a skipped record did not run.
	Reason string
	// Err says what went wrong with a failed record; for a record skipped
	// because the backend refused its algorithm, it is the refusal (an
	// error wrapping [backends.ErrUnsupportedAlgorithm]), so that a caller
	// can tell why the backend refused.
	Err error
}

// Result is the outcome of running one file.
type Result struct {
	Path    string
	Records []Record
	// Err is the file-level error (unreadable, malformed, a panic), also
	// counted as one failing [FileRecord]; nil otherwise.
	Err error
}

// Failed returns the Result of a file that could not be run at all: one
// failing [FileRecord] carrying err.
func Failed(path string, err error) *Result {
	r := &Result{Path: path}
	r.fileError(err)
	return r
}

// Counts returns how many records passed, failed and were skipped.
func (r *Result) Counts() (passed, failed, skipped int) {
	for _, rec := range r.Records {
		switch rec.Status {
		case Pass:
			passed++
		case Fail:
			failed++
		case Skip:
			skipped++
		}
	}
	return passed, failed, skipped
}

// Summary is a one-line account of the file: "N passed, N failed, N
// skipped", followed by the skip reasons in parentheses, each with its
// count when there are several, in the order first met.
func (r *Result) Summary() string {
	passed, failed, skipped := r.Counts()
	s := fmt.Sprintf("%d passed, %d failed, %d skipped", passed, failed, skipped)
	var reasons []string
	count := map[string]int{}
	for _, rec := range r.Records {
		if rec.Status != Skip {
			continue
		}
		if count[rec.Reason] == 0 {
			reasons = append(reasons, rec.Reason)
		}
		count[rec.Reason]++
	}
	switch len(reasons) {
	case 0:
	case 1:
		s += " (" + reasons[0] + ")"
	default:
		parts := make([]string, len(reasons))
		for i, why := range reasons {
			parts[i] = fmt.Sprintf("%d %s", count[why], why)
		}
		s += " (" + strings.Join(parts, "; ") + ")"
	}
	return s
}

// Failures returns one line per failing record: its name and what
// differed, on one line.
func (r *Result) Failures() []string {
	var out []string
	for _, rec := range r.Records {
		if rec.Status == Fail {
			out = append(out, rec.Name+": "+OneLine(rec.Err.Error()))
		}
	}
	return out
}

func (r *Result) pass(name string) {
	r.Records = append(r.Records, Record{Name: name, Status: Pass})
}

func (r *Result) fail(name string, err error) {
	r.Records = append(r.Records, Record{Name: name, Status: Fail, Err: err})
}

// skip skips n records without names for reason.
func (r *Result) skip(reason string, n int) {
	for range n {
		r.Records = append(r.Records, Record{Status: Skip, Reason: reason})
	}
}

// fileError records a file-level error as one failure.
func (r *Result) fileError(err error) {
	r.Err = err
	r.fail(FileRecord, err)
}

// record counts the outcome of one record: nil passes, a skipError or an
// error wrapping [backends.ErrUnsupportedAlgorithm] skips, anything else
// fails.
func (r *Result) record(name string, err error) {
	var se skipError
	switch {
	case err == nil:
		r.pass(name)
	case errors.As(err, &se):
		r.Records = append(r.Records, Record{Name: name, Status: Skip, Reason: string(se)})
	case errors.Is(err, backends.ErrUnsupportedAlgorithm):
		r.Records = append(r.Records, Record{Name: name, Status: Skip, Reason: unsupportedReason(err), Err: err})
	default:
		r.fail(name, err)
	}
}

// skipError says why a record cannot run here; it is not a failure.
type skipError string

func (e skipError) Error() string { return "skipped: " + string(e) }

// Reasons for skipping records and files.
const (
	ReasonCFB1       = "CFB1 is bit-oriented; hazmat works on bytes"
	ReasonXTSBits    = "XTS data unit not a whole number of bytes"
	ReasonMonteTxt   = "Monte Carlo .txt file: the .rsp test again, with debugging values"
	ReasonNotVectors = "not a vector file hazmat runs"
	ReasonTDESKey    = "TDES key refused here: FIPS mode takes three distinct keys only"
	ReasonHMACKey    = "HMAC key refused here: FIPS mode may take keys of 112 bits or more only"
)

// DescribeUnsupported returns the short text for an error that says an
// algorithm is unsupported, e.g. "md5: refused in FIPS mode", and false
// for other errors. A cause that is one short clause, such as the Go
// backend's "not in Go's crypto", is kept at the end; a longer one (a
// library's error chain) is left to the full error.
func DescribeUnsupported(err error) (string, bool) {
	var ue *backends.UnsupportedAlgorithmError
	if !errors.As(err, &ue) {
		return "", false
	}
	what := ue.Algorithm
	if ue.Mode != "" {
		what += " in " + ue.Mode + " mode"
	}
	s := what + ": " + ue.Reason.String()
	if ue.Err != nil {
		if cause := ue.Err.Error(); cause != "" && len(cause) <= 80 && !strings.Contains(cause, ": ") {
			s += ": " + cause
		}
	}
	return s, true
}

// unsupportedReason is the skip reason for an unsupported algorithm,
// e.g. "unsupported here: md5: refused in FIPS mode".
func unsupportedReason(err error) string {
	if s, ok := DescribeUnsupported(err); ok {
		return "unsupported here: " + s
	}
	return "unsupported here"
}

// OneLine folds line breaks so that an error fits on one line.
func OneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// differ describes two outputs that should be equal.
func differ(what string, got, want []byte) error {
	return fmt.Errorf("%s: got %s, want %s", what, ShortHex(got), ShortHex(want))
}

// ShortHex is b in hex, cut after 32 bytes (with the length), or
// "(empty)".
func ShortHex(b []byte) string {
	const limit = 32
	if len(b) == 0 {
		return "(empty)"
	}
	if len(b) > limit {
		return fmt.Sprintf("%x... (%d bytes)", b[:limit], len(b))
	}
	return fmt.Sprintf("%x", b)
}
