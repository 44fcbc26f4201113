//go:build cgo

package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/gocrypto"
)

// benchRow matches one row of the table of "hazmat bench".
var benchRow = regexp.MustCompile(`^(\S+) +(\d+ (?:B|KiB)) +([0-9.]+) +([0-9.]+) +([0-9.]+)x +±([0-9.]+)%$`)

// benchGoRefused is the warning of a case whose Go peer Go refuses under
// GODEBUG=fips140=only: the Go peer of the GCM cases seals and opens with
// the caller's nonce, which Go's FIPS 140-only mode forbids.
var benchGoRefused = regexp.MustCompile(`^hazmat: bench AES128GCM(Seal|Open) (64 B|16 KiB): go: crypto/cipher: use of GCM with arbitrary IVs is not allowed in FIPS 140-only mode`)

// benchRefusedRow matches the row of a case that could not be measured.
var benchRefusedRow = regexp.MustCompile(`^(\S+) +(\d+ (?:B|KiB)) +- +- +- +-$`)

// TestBench runs "hazmat bench" and checks its table and progress. Under
// GODEBUG=fips140=only Go refuses the GCM cases' Go peer: those rows show
// dashes, a warning names Go's refusal, and the run fails.
func TestBench(t *testing.T) {
	goRefusesGCM := gocrypto.Enforced()
	r := hazmat(t, "", "bench", "-time", "2ms", "-count", "3")
	if goRefusesGCM {
		require.Equal(t, exitFailure, r.code, r.stderr)
	} else {
		require.Equal(t, exitOK, r.code, r.stderr)
	}

	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 1+18, r.stdout)
	assert.Regexp(t, `^OP +SIZE +HAZMAT MB/s +GO MB/s +RATIO +SPREAD$`, lines[0])
	var ops []string
	for _, line := range lines[1:] {
		if goRefusesGCM && strings.HasPrefix(line, "AES128GCM") {
			m := benchRefusedRow.FindStringSubmatch(line)
			if assert.NotNil(t, m, "row %q of a case Go refuses", line) {
				ops = append(ops, m[1]+" "+m[2])
			}
			continue
		}
		m := benchRow.FindStringSubmatch(line)
		if !assert.NotNil(t, m, "row %q", line) {
			continue
		}
		ops = append(ops, m[1]+" "+m[2])
		v := make([]float64, 4)
		for i, f := range m[3:] {
			var err error
			v[i], err = strconv.ParseFloat(f, 64)
			assert.NoError(t, err)
		}
		assert.Positive(t, v[0], "row %q", line)
		assert.Positive(t, v[1], "row %q", line)
		// RATIO's direction is TestBenchRatioConvention's: medians of
		// noisy rounds need not agree with the MB/s columns here.
		assert.Positive(t, v[2], "row %q", line)
		assert.GreaterOrEqual(t, v[3], 0.0, "row %q", line)
	}
	want := []string{}
	for _, op := range []string{"AES128GCMSeal", "AES128GCMOpen", "AES256CBCEncrypt", "AES128CTR",
		"SHA256", "SHA512", "SHA256Reuse", "HMACSHA256", "NewSHA256"} {
		want = append(want, op+" 64 B", op+" 16 KiB")
	}
	assert.Equal(t, want, ops)

	// Progress went to stderr, one line per case, in order, then perhaps
	// the noise warning; a case Go refuses adds its warning after its line.
	var progress, refused []string
	for _, line := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
		if goRefusesGCM && benchGoRefused.MatchString(line) {
			refused = append(refused, line)
			continue
		}
		progress = append(progress, line)
	}
	if goRefusesGCM {
		assert.Len(t, refused, 4, "a warning for each GCM case Go refuses:\n%s", r.stderr)
	}
	require.GreaterOrEqual(t, len(progress), 18, r.stderr)
	for i, p := range progress[:18] {
		assert.Equal(t, fmt.Sprintf("[%d/18] %s ...", i+1, want[i]), p)
	}
	if len(progress) > 18 {
		require.Len(t, progress, 19)
		assert.Contains(t, progress[18], "hazmat: warning: this machine is too noisy to judge")
	}
	assert.NotContains(t, r.stdout, "[1/18]")
}

// TestBenchRatioConvention: RATIO is hazmat's time over Go's, the median of
// the paired rounds' ratios, so a hazmat four times slower than Go shows
// 4.00x (the old convention, throughput over throughput, gave 0.25x).
func TestBenchRatioConvention(t *testing.T) {
	// Round 3 is disturbed for both (a burst of load elsewhere): pairing
	// keeps its ratio, and the median ignores the odd one out.
	hazmatNs := []float64{400, 404, 4000, 396, 400}
	goNs := []float64{100, 100, 500, 100, 101}
	r := benchSummary(4096, hazmatNs, goNs)
	assert.InDelta(t, 4.0, r.ratio, 0.01)
	assert.InDelta(t, 4096/400.0*1e3, r.hazmatMBps, 1)
	assert.InDelta(t, 4096/100.0*1e3, r.goMBps, 1)
	assert.Greater(t, r.goMBps, r.hazmatMBps)
	assert.Greater(t, r.spread, 0.5, "round 3's ratio of 8 widens the spread")
}

func TestBenchUsage(t *testing.T) {
	for _, args := range [][]string{{"-time", "0s"}, {"-time", "x"}, {"-count", "0"}, {"extra"}} {
		r := hazmat(t, "", append([]string{"bench"}, args...)...)
		assert.Equal(t, exitUsage, r.code, args)
		assert.Contains(t, r.stderr, "usage: hazmat [-fips] bench [-time D] [-count N]", args)
		assert.Empty(t, r.stdout, args)
	}
}

func TestBenchStatistics(t *testing.T) {
	calls := 0
	n := benchCalibrate(func() []byte { calls++; return nil }, 0)
	assert.Equal(t, 1, n, "a zero duration runs one batch of one")
	assert.Equal(t, 1, calls)
	assert.Equal(t, "64 B", sizeLabel(64))
	assert.Equal(t, "16 KiB", sizeLabel(16<<10))
	assert.InDelta(t, 2.0, median([]float64{3, 1, 2}), 1e-9)
	assert.InDelta(t, 2.5, median([]float64{4, 1, 3, 2}), 1e-9)
	assert.InDelta(t, 0.25, spread([]float64{1.5, 2.5, 2}, 2), 1e-9)
	assert.Zero(t, spread(nil, 1))
}
