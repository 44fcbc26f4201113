package main

import (
	"crypto/sha256"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// benchRow matches one row of the table of "hazmat bench".
var benchRow = regexp.MustCompile(`^(\S+) +(\d+ (?:B|KiB)) +([0-9.]+) +([0-9.]+) +([0-9.]+)x +±([0-9.]+)%$`)

func TestBench(t *testing.T) {
	r := hazmat(t, "", "bench", "-time", "2ms", "-count", "3")
	require.Equal(t, exitOK, r.code, r.stderr)

	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 1+18, r.stdout)
	assert.Regexp(t, `^OP +SIZE +HAZMAT MB/s +GO MB/s +RATIO +SPREAD$`, lines[0])
	var ops []string
	for _, line := range lines[1:] {
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
	// the noise warning.
	progress := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
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

// TestBenchRatioConvention: RATIO is hazmat's time over Go's, so a
// "hazmat" that does four times Go's work shows a ratio well above 1 (and
// the old convention, throughput over throughput, well below).
func TestBenchRatioConvention(t *testing.T) {
	msg := make([]byte, 4<<10)
	work := func(times int) benchImpl {
		return func(int) (func() []byte, error) {
			return func() []byte {
				var s [32]byte
				for range times {
					s = sha256.Sum256(msg)
				}
				return s[:1]
			}, nil
		}
	}
	c := benchCase{name: "work", hazmat: work(4), golang: work(1)}
	r, err := benchPair(c, len(msg), 10*time.Millisecond, 5)
	require.NoError(t, err)
	assert.Greater(t, r.ratio, 1.5, "ratio %v", r.ratio)
	assert.Less(t, r.ratio, 10.0, "ratio %v", r.ratio)
	assert.Greater(t, r.goMBps, r.hazmatMBps)
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
