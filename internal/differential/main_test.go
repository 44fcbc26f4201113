//go:build cgo

package differential_test

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/openssl"
)

var seedFlag = flag.Uint64("seed", 0, "seed of the random inputs (0: from the clock); each test logs the one it used")

// backend is what both backends serve.
type backend interface {
	backends.Backend
	backends.AEADBackend
	backends.RandomNonceAEADBackend
	backends.MACBackend
	backends.KDFBackend
}

// The two backends compared, each a fresh one with the default adapters.
var (
	ossl backend = openssl.NewBackend()
	gob  backend = gocrypto.NewBackend()
)

// both lists the two backends with their names, OpenSSL's first.
var both = []struct {
	name string
	b    backend
}{{"openssl", ossl}, {"go", gob}}

func TestMain(m *testing.M) {
	flag.Parse()
	fmt.Fprintf(os.Stderr, "OpenSSL: %s, FIPS mode: %v; Go's module: FIPS %v, enforced %v (%s)\n",
		openssl.Version(), openssl.FIPS(), gocrypto.FIPS(), gocrypto.Enforced(), gocrypto.Version())
	os.Exit(m.Run())
}

// fipsAny reports whether either backend runs in FIPS mode; the sets both
// serve are smaller then, and one may refuse parameters the other takes.
func fipsAny() bool { return openssl.FIPS() || gocrypto.FIPS() }

// newRand returns the random source of a test, seeded from -seed or the
// clock, and logs the seed.
func newRand(t *testing.T) *rand.Rand {
	t.Helper()
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (repeat with -seed=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// randBytes returns n random bytes of r.
func randBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// lengths returns the message lengths a comparison runs at: every length
// from 0 to 65, the lengths around 128, 256, 1024 and 4096, 5000, and
// extra random ones up to 5000.
func lengths(r *rand.Rand, extra int) []int {
	var ns []int
	for n := range 66 {
		ns = append(ns, n)
	}
	ns = append(ns, 127, 128, 129, 255, 256, 257, 1000, 1023, 1024, 1025, 4095, 4096, 4097, 5000)
	for range extra {
		ns = append(ns, r.IntN(5001))
	}
	return ns
}

// fewLengths is a shorter list for the slower comparisons (each length
// runs many parameter sets).
func fewLengths(r *rand.Rand) []int {
	ns := []int{0, 1, 15, 16, 17, 31, 32, 33, 64, 100, 255, 256, 1024, 4097}
	for range 4 {
		ns = append(ns, r.IntN(5001))
	}
	return ns
}

// splits cuts b at up to three random points.
func splits(r *rand.Rand, b []byte) [][]byte {
	cuts := []int{0, len(b)}
	for range r.IntN(4) {
		cuts = append(cuts, r.IntN(len(b)+1))
	}
	slices.Sort(cuts)
	var out [][]byte
	for i := 1; i < len(cuts); i++ {
		out = append(out, b[cuts[i-1]:cuts[i]])
	}
	return out
}

// tally records, for one area (hashes, ciphers, ...), the algorithms
// compared and those only one backend serves.
type tally struct {
	mu                 sync.Mutex
	compared           []string
	onlyOSSL, onlyGo   []string
	oneSidedRefusals   []string
	area               string
	minPlain, minFIPS  int
	minOnly            int
	refusalsAllowedNow bool
}

// newTally returns the tally of an area that must compare at least
// minPlain algorithms with both backends in their default modes, minFIPS
// when either runs in FIPS mode, and minOnly under GODEBUG=fips140=only
// (which refuses GCM with caller nonces, and GMAC with them).
func newTally(area string, minPlain, minFIPS, minOnly int) *tally {
	return &tally{area: area, minPlain: minPlain, minFIPS: minFIPS, minOnly: minOnly, refusalsAllowedNow: fipsAny()}
}

// served says whether both backends serve label (their Supported answers
// ossl and gob), noting it in the tally.
func (c *tally) served(label string, osslOK, goOK bool) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case osslOK && goOK:
		c.compared = append(c.compared, label)
		return true
	case osslOK:
		c.onlyOSSL = append(c.onlyOSSL, label)
	case goOK:
		c.onlyGo = append(c.onlyGo, label)
	}
	return false
}

// oneSided judges a case that one backend ran and the other refused
// (errOSSL or errGo is not nil, not both). In FIPS mode a refusal (an
// unsupported algorithm, a FIPS rule of a KDF, a key size that names FIPS)
// is a difference of the modules' rules and is noted; anything else fails
// the test.
func (c *tally) oneSided(t *testing.T, label string, errOSSL, errGo error) {
	t.Helper()
	err, who := errOSSL, "openssl"
	if err == nil {
		err, who = errGo, "go"
	}
	refusal := errors.Is(err, backends.ErrUnsupportedAlgorithm) || errors.Is(err, backends.ErrFIPSRule) ||
		errors.Is(err, backends.ErrInvalidKeySize) && strings.Contains(err.Error(), "FIPS") // HMAC keys under 112 bits
	if c.refusalsAllowedNow && refusal {
		c.mu.Lock()
		c.oneSidedRefusals = append(c.oneSidedRefusals, label+" (refused by "+who+")")
		c.mu.Unlock()
		return
	}
	t.Errorf("%s: only %s failed: %v", label, who, err)
}

// check logs what was compared and asserts that it is not trivially
// little.
func (c *tally) check(t *testing.T) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	t.Logf("%s compared on both backends (%d): %s", c.area, len(c.compared), strings.Join(c.compared, ", "))
	if len(c.onlyOSSL) > 0 {
		t.Logf("%s only the OpenSSL backend serves (%d): %s", c.area, len(c.onlyOSSL), strings.Join(c.onlyOSSL, ", "))
	}
	if len(c.onlyGo) > 0 {
		t.Logf("%s only the Go backend serves (%d): %s", c.area, len(c.onlyGo), strings.Join(c.onlyGo, ", "))
	}
	if len(c.oneSidedRefusals) > 0 {
		t.Logf("%s cases one backend's FIPS rules refused (%d): %s", c.area, len(c.oneSidedRefusals), strings.Join(firstN(c.oneSidedRefusals, 20), "; "))
	}
	want := c.minPlain
	switch {
	case gocrypto.Enforced():
		want = c.minOnly
	case fipsAny():
		want = c.minFIPS
	}
	assert.GreaterOrEqual(t, len(c.compared), want, "%s compared on both backends", c.area)
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("and %d more", len(s)-n))
	}
	return s
}
