package backendtest

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/vectors"
)

// seed is the seed of the random keys, messages and split points. It is
// fixed so that a failure repeats; every test that uses it logs it.
const seed = 0x6861_7a6d_6174

// TestBackend runs [TestCipherBackend], [TestHashBackend] and
// [TestHMACBackend] on b, each as a subtest.
func TestBackend(t *testing.T, b backends.Backend) {
	t.Helper()
	require.NotNil(t, b, "backendtest: nil backend")
	t.Run("Cipher", func(t *testing.T) { TestCipherBackend(t, b) })
	t.Run("Hash", func(t *testing.T) { TestHashBackend(t, b) })
	t.Run("HMAC", func(t *testing.T) { TestHMACBackend(t, b) })
}

// newRand returns the suite's random source for the test t, logging its
// seed; salt separates the streams of different tests.
func newRand(t *testing.T, salt string) *rand.Rand {
	t.Helper()
	var s uint64 = seed
	for _, c := range []byte(salt) {
		s = s*1099511628211 + uint64(c)
	}
	t.Logf("random seed %#x (salt %q)", uint64(seed), salt)
	return rand.New(rand.NewPCG(s, seed))
}

func randBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// split cuts data into up to four parts at random points; some parts may
// be empty.
func split(r *rand.Rand, data []byte) [][]byte {
	cuts := r.IntN(4)
	var parts [][]byte
	rest := data
	for range cuts {
		n := 0
		if len(rest) > 0 {
			n = r.IntN(len(rest) + 1)
		}
		parts = append(parts, rest[:n])
		rest = rest[n:]
	}
	return append(parts, rest)
}

// lengths returns the message lengths of the differential tests: every
// length up to 64, then sparser ones up to a little over 1 KiB.
func lengths() []int {
	var ls []int
	for n := 0; n <= 1040; n += 1 + n/16 {
		ls = append(ls, n)
	}
	return ls
}

func hx(b []byte) string { return hex.EncodeToString(b) }

// guarded returns a buffer of n bytes filled with a guard pattern, and a
// copy of it to compare with after a call that must not write.
func guarded(n int) (buf, want []byte) {
	buf = bytes.Repeat([]byte{0xa5}, n)
	return buf, bytes.Clone(buf)
}

// assertUnsupported checks that err reports an unsupported algorithm as the
// contract says: it wraps [backends.ErrUnsupportedAlgorithm] and is an
// [*backends.UnsupportedAlgorithmError] with a reason.
func assertUnsupported(t *testing.T, err error, msgAndArgs ...any) bool {
	t.Helper()
	if !assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, msgAndArgs...) {
		return false
	}
	var ue *backends.UnsupportedAlgorithmError
	if !assert.ErrorAs(t, err, &ue, msgAndArgs...) {
		return false
	}
	return assert.NotZero(t, ue.Reason, "UnsupportedAlgorithmError without a Reason: %v", err)
}

// noPanic runs f and turns a panic into a test failure that names what.
func noPanic(t *testing.T, what string, f func()) {
	t.Helper()
	assert.NotPanics(t, f, "%s panicked", what)
}

// testdataFile returns the path of rel in the module's testdata folder.
// The files are part of the repository: a missing folder fails the test.
func testdataFile(t *testing.T, rel string) string {
	t.Helper()
	dir, err := vectors.TestdataDir()
	require.NoError(t, err, "backendtest: the known answers live in the testdata folder of the hazmat module")
	return filepath.Join(dir, filepath.FromSlash(rel))
}

// errNoAnswer is what a reference implementation returns when it has no
// answer for a case.
var errNoAnswer = errors.New("backendtest: no reference for this case")

// describe names a pair for its subtest by the descriptor's key size in
// bits: AES-256-XTS is XTS with two 128-bit AES keys (OpenSSL's
// aes-128-xts).
func describe(c backends.CipherAlgorithm, m backends.Mode) string {
	if m == nil {
		return fmt.Sprintf("%s-%d", c.Name(), c.KeySize())
	}
	return fmt.Sprintf("%s-%d-%s", c.Name(), c.KeySize(), m.Name())
}

// pastLengths are the output and message lengths of the checks that
// nothing is written past an output: every length up to 64, then the
// lengths around the larger block and rate boundaries (SHA-3's rates of
// 72 to 168 bytes, SHA-512's 128-byte block) and a few longer ones.
func pastLengths() []int {
	ls := make([]int, 0, 100)
	for n := 0; n <= 64; n++ {
		ls = append(ls, n)
	}
	return append(ls, 71, 72, 73, 95, 96, 97, 103, 104, 105, 127, 128, 129, 135, 136, 137,
		143, 144, 145, 167, 168, 169, 255, 256, 257, 1023, 1024, 1025)
}

// pastPrefix and pastSlack are the bytes a window leaves before dst and,
// when dst's capacity goes on past the output, after the output.
const pastPrefix, pastSlack = 5, 40

// patterned returns size bytes of a pattern with the top bit of every byte
// set, so that a stray zero, or any stray value but the one expected at
// that place, shows.
func patterned(size int) []byte {
	buf := make([]byte, size)
	for i := range buf {
		buf[i] = 0xA5 ^ byte(i&0x7f)
	}
	return buf
}

// pastBuffer returns a patterned buffer for an output of outLen bytes after
// [pastPrefix] bytes, with [pastSlack] bytes after it.
func pastBuffer(outLen int) []byte { return patterned(pastPrefix + outLen + pastSlack) }

// window returns dst for an output of outLen bytes appended after the
// first [pastPrefix] bytes of buf: its length is pastPrefix, and its
// capacity ends at the end of the output when exact is set, else at buf's
// end.
func window(buf []byte, outLen int, exact bool) []byte {
	if exact {
		return buf[: pastPrefix : pastPrefix+outLen]
	}
	return buf[:pastPrefix]
}

// intoWindow returns the buffer of exactly outLen bytes after the first
// [pastPrefix] bytes of buf, for a call that writes into its buffer rather
// than appending (UpdateInto, DeriveKey, RandBytes); its capacity ends
// with it when exact is set, else at buf's end.
func intoWindow(buf []byte, outLen int, exact bool) []byte {
	if exact {
		return buf[pastPrefix : pastPrefix+outLen : pastPrefix+outLen]
	}
	return buf[pastPrefix : pastPrefix+outLen]
}

// capacity names the window's kind in messages.
func capacity(exact bool) string {
	if exact {
		return "dst's capacity ending at the output"
	}
	return "dst's capacity going on past the output"
}

// assertNothingPast checks that buf, a [pastBuffer] after a call that wrote
// outLen bytes after its prefix, still holds the pattern before the output
// and from its end on.
func assertNothingPast(t *testing.T, buf []byte, outLen int, what string) bool {
	t.Helper()
	want := patterned(len(buf))
	okBefore := assert.Equal(t, hx(want[:pastPrefix]), hx(buf[:pastPrefix]), "%s: bytes before the output changed", what)
	return assert.Equal(t, hx(want[pastPrefix+outLen:]), hx(buf[pastPrefix+outLen:]),
		"%s: bytes past the output changed", what) && okBefore
}
