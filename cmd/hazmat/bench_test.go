package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// benchRow matches one row of the table of "hazmat bench".
var benchRow = regexp.MustCompile(`^(\S+) +(\d+ (?:B|KiB)) +([0-9.]+) +([0-9.]+) +([0-9.]+)$`)

func TestBench(t *testing.T) {
	r := hazmat(t, "", "bench", "-time", "5ms")
	require.Equal(t, exitOK, r.code, r.stderr)

	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 1+18, r.stdout)
	assert.Regexp(t, `^OP +SIZE +HAZMAT MB/s +GO MB/s +RATIO$`, lines[0])
	var ops []string
	for _, line := range lines[1:] {
		m := benchRow.FindStringSubmatch(line)
		if !assert.NotNil(t, m, "row %q", line) {
			continue
		}
		ops = append(ops, m[1]+" "+m[2])
		for _, f := range m[3:] {
			v, err := strconv.ParseFloat(f, 64)
			assert.NoError(t, err)
			assert.Positive(t, v, "row %q", line)
		}
	}
	want := []string{}
	for _, op := range []string{"AES128GCMSeal", "AES128GCMOpen", "AES256CBCEncrypt", "AES128CTR",
		"SHA256", "SHA512", "SHA256Reuse", "HMACSHA256", "NewSHA256"} {
		want = append(want, op+" 64 B", op+" 16 KiB")
	}
	assert.Equal(t, want, ops)

	// Progress went to stderr, one line per case, in order.
	progress := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	require.Len(t, progress, 18, r.stderr)
	for i, p := range progress {
		assert.Equal(t, fmt.Sprintf("[%d/18] %s ...", i+1, want[i]), p)
	}
	assert.NotContains(t, r.stdout, "[1/18]")
}

func TestBenchUsage(t *testing.T) {
	for _, args := range [][]string{{"-time", "0s"}, {"-time", "x"}, {"extra"}} {
		r := hazmat(t, "", append([]string{"bench"}, args...)...)
		assert.Equal(t, exitUsage, r.code, args)
		assert.Contains(t, r.stderr, "usage: hazmat [-fips] bench [-time D]", args)
		assert.Empty(t, r.stdout, args)
	}
}

func TestBenchTime(t *testing.T) {
	calls := 0
	per := benchTime(func() []byte { calls++; return nil }, 0)
	assert.Equal(t, 1, calls, "a zero duration runs one batch of one")
	assert.GreaterOrEqual(t, int64(per), int64(0))
	assert.Equal(t, "64 B", sizeLabel(64))
	assert.Equal(t, "16 KiB", sizeLabel(16<<10))
	assert.InDelta(t, 64.0, mbps(64, 1000), 1e-9) // 64 bytes per µs
}
