package backendtest

import (
	"bytes"
	stdhmac "crypto/hmac"
	"fmt"
	"hash"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
)

// goBackend is a small hash and HMAC backend over Go's crypto, written the
// way a second backend would be, to hold the suite itself to account: it
// must pass a correct backend and fail a broken one. flaw names the defect
// a broken one has ("" for none).
type goBackend struct{ flaw string }

var (
	_ backends.HashBackend = goBackend{}
	_ backends.HMACBackend = goBackend{}
)

func (b goBackend) check(alg backends.HashAlgorithm, mac bool) (func() hash.Hash, error) {
	if alg == nil {
		return nil, fmt.Errorf("gobackend: nil algorithm: %w", backends.ErrInvalidArgument)
	}
	reason := backends.ReasonUnsupportedHash
	if mac {
		reason = backends.ReasonUnsupportedMAC
	}
	f := goHash(alg)
	if b.flaw == "supported lies" && alg.Name() == "md5" {
		f = nil
	}
	if f == nil || f().Size() != alg.DigestSize() {
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: alg.Name(), Reason: reason}
	}
	// Under GODEBUG=fips140=only Go panics on what its module refuses
	// (SHA-1 and MD5, and HMAC over them): refuse it first.
	if goPanics(func() { f().Sum(nil) }) || mac && goPanics(func() { stdhmac.New(f, make([]byte, minFIPSKey)).Sum(nil) }) {
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: alg.Name(), Reason: backends.ReasonFIPSRefused}
	}
	return f, nil
}

// goPanics reports whether f panics.
func goPanics(f func()) (panicked bool) {
	defer func() {
		if recover() != nil {
			panicked = true
		}
	}()
	f()
	return false
}

func (b goBackend) HashSupported(alg backends.HashAlgorithm) bool {
	if b.flaw == "supported lies" && alg != nil && alg.Name() == "md5" {
		return true
	}
	_, err := b.check(alg, false)
	return err == nil
}

func (b goBackend) CreateHashCtx(alg backends.HashAlgorithm) (backends.HashContext, error) {
	f, err := b.check(alg, false)
	if err != nil {
		return nil, err
	}
	return goHashCtx{&goCtx{b: b, alg: alg, sum: func(data []byte) []byte {
		h := f()
		h.Write(data)
		return h.Sum(nil)
	}}}, nil
}

func (b goBackend) HMACSupported(alg backends.HashAlgorithm) bool {
	_, err := b.check(alg, true)
	return err == nil
}

func (b goBackend) CreateHMACCtx(key []byte, alg backends.HashAlgorithm) (backends.HMACContext, error) {
	f, err := b.check(alg, true)
	if err != nil {
		return nil, err
	}
	if goPanics(func() { stdhmac.New(f, key) }) {
		// Go refuses keys shorter than 112 bits under fips140=only.
		return nil, fmt.Errorf("gobackend: HMAC key of %d bytes refused: %w", len(key), backends.ErrInvalidKeySize)
	}
	key = bytes.Clone(key)
	return goHMACCtx{&goCtx{b: b, alg: alg, sum: func(data []byte) []byte {
		h := stdhmac.New(f, key)
		h.Write(data)
		return h.Sum(nil)
	}}}, nil
}

// goCtx keeps the data written and computes at Finalize, which makes Copy
// trivial; it serves both hashes and HMAC.
type goCtx struct {
	b    goBackend
	alg  backends.HashAlgorithm
	sum  func([]byte) []byte
	data []byte
	done bool
}

func (c *goCtx) Algorithm() backends.HashAlgorithm { return c.alg }

func (c *goCtx) Update(p []byte) error {
	if c.done {
		return backends.ErrAlreadyFinalized
	}
	c.data = append(c.data, p...)
	return nil
}

func (c *goCtx) copy() *goCtx {
	d := *c
	d.data = bytes.Clone(c.data)
	return &d
}

func (c *goCtx) Finalize() ([]byte, error) {
	if c.done && c.b.flaw != "finalize twice" {
		return nil, backends.ErrAlreadyFinalized
	}
	c.done = true
	out := c.sum(c.data)
	if c.b.flaw == "wrong digest" && len(c.data) > 64 {
		out[0] ^= 1
	}
	return out, nil
}

// goHashCtx and goHMACCtx give goCtx the Copy of each contract.
type goHashCtx struct{ *goCtx }

func (c goHashCtx) Copy() (backends.HashContext, error) { return goHashCtx{c.copy()}, nil }

type goHMACCtx struct{ *goCtx }

func (c goHMACCtx) Copy() (backends.HMACContext, error) { return goHMACCtx{c.copy()}, nil }

func TestGoBackendConforms(t *testing.T) {
	t.Run("Hash", func(t *testing.T) { TestHashBackend(t, goBackend{}) })
	t.Run("HMAC", func(t *testing.T) { TestHMACBackend(t, goBackend{}) })
}

const brokenChild = "HAZMAT_BACKENDTEST_FLAW"

// TestSuiteCatchesBrokenBackends runs the suite, in a child process, on
// backends with one defect each, and expects it to fail naming the defect.
func TestSuiteCatchesBrokenBackends(t *testing.T) {
	if os.Getenv(brokenChild) != "" {
		t.Skip("the parent test runs this one")
	}
	for _, c := range []struct {
		flaw, want string
	}{
		{"finalize twice", "second Finalize"},
		{"supported lies", "--- FAIL: TestBrokenBackendChild/md5/KnownAnswers"},
		{"wrong digest", "--- FAIL: TestBrokenBackendChild/sha256/MatchesGo"},
	} {
		t.Run(c.flaw, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestBrokenBackendChild$", "-test.v")
			cmd.Env = append(os.Environ(), brokenChild+"="+c.flaw)
			out, err := cmd.CombinedOutput()
			require.Error(t, err, "the suite passed a backend with the flaw %q:\n%s", c.flaw, out)
			assert.Contains(t, string(out), c.want)
		})
	}
}

// TestBrokenBackendChild is the child of TestSuiteCatchesBrokenBackends.
func TestBrokenBackendChild(t *testing.T) {
	flaw := os.Getenv(brokenChild)
	if flaw == "" {
		t.Skip("run by TestSuiteCatchesBrokenBackends")
	}
	TestHashBackend(t, goBackend{flaw: flaw})
}
