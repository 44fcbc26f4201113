package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = `goos: linux
goarch: amd64
pkg: github.com/go-hazmat/hazmat/bench
cpu: AMD EPYC
BenchmarkAESGCMSeal/hazmat/64-2         	  979594	       260.0 ns/op	 239.38 MB/s	       0 B/op	       0 allocs/op
BenchmarkAESGCMSeal/hazmat/64-2         	  979594	       250.0 ns/op	 239.38 MB/s	       0 B/op	       0 allocs/op
BenchmarkAESGCMSeal/hazmat/64-2         	  979594	       900.0 ns/op	 239.38 MB/s	       0 B/op	       0 allocs/op
BenchmarkAESGCMSeal/gofips/64-2         	  373922	       800.0 ns/op	  77.27 MB/s	       0 B/op	       0 allocs/op
BenchmarkAESGCMSeal/c/64-2              	 1000000	       200.0 ns/op	 297.47 MB/s	       0 B/op	       0 allocs/op
BenchmarkAESGCMSeal/hazmat/16384        	   10000	      5000 ns/op	 3000.00 MB/s	       0 B/op	       0 allocs/op
BenchmarkAESGCMSeal/c/16384             	   10000	      4900 ns/op	 3050.00 MB/s	       0 B/op	       0 allocs/op
BenchmarkAESGCMSeal/hazmat/1048576-2    	     300	    400000 ns/op	 2000.00 MB/s	       0 B/op	       0 allocs/op
BenchmarkAESGCMSeal/c/1048576-2         	     300	    300000 ns/op	 3000.00 MB/s	       0 B/op	       0 allocs/op
BenchmarkAESGCMSeal/hazmat/1024-2       	     300	      1000 ns/op	 1000.00 MB/s	       0 B/op	       1 allocs/op
BenchmarkNewSHA256/hazmat/64-2          	  177817	      1328 ns/op	  48.18 MB/s	     488 B/op	       1 allocs/op
BenchmarkNewSHA256/hazmat/64-2          	  177817	      1300 ns/op	  48.18 MB/s	     488 B/op	       1 allocs/op
BenchmarkNewSHA256/c/64-2               	 1553622	       153.2 ns/op	 417.77 MB/s	       0 B/op	       0 allocs/op
BenchmarkBroken/hazmat/64-2             	 notanumber	 1 ns/op
BenchmarkNoSize/hazmat-2                	 100	 1 ns/op
--- FAIL: something
PASS
ok  	github.com/go-hazmat/hazmat/bench	9.637s
`

func parseSample(t *testing.T) Results {
	t.Helper()
	res, err := Parse(strings.NewReader(sample))
	require.NoError(t, err)
	return res
}

func TestParse(t *testing.T) {
	res := parseSample(t)
	assert.Len(t, res, 10, "distinct sub-benchmarks; malformed lines skipped")
	k := Key{"AESGCMSeal", "hazmat", 64}
	assert.Equal(t, []float64{260, 250, 900}, res[k][nsPerOp])
	assert.Equal(t, []float64{0, 0, 0}, res[k][allocsPerOp])
	assert.Contains(t, res, Key{"AESGCMSeal", "hazmat", 16384}, "a name without -GOMAXPROCS")
	assert.NotContains(t, res, Key{"Broken", "hazmat", 64})
}

func TestMedian(t *testing.T) {
	res := parseSample(t)
	tests := []struct {
		key  Key
		unit string
		want float64
		ok   bool
	}{
		{Key{"AESGCMSeal", "hazmat", 64}, nsPerOp, 260, true}, // odd count: the middle one
		{Key{"NewSHA256", "hazmat", 64}, nsPerOp, 1314, true}, // even: the mean of the middle two
		{Key{"AESGCMSeal", "go", 64}, nsPerOp, 0, false},      // absent
		{Key{"AESGCMSeal", "hazmat", 64}, "widgets/op", 0, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.key, tt.unit), func(t *testing.T) {
			got, ok := res.Median(tt.key, tt.unit)
			assert.Equal(t, tt.ok, ok)
			assert.InDelta(t, tt.want, got, 1e-9)
		})
	}
	assert.Equal(t, []float64{260, 250, 900}, res[Key{"AESGCMSeal", "hazmat", 64}][nsPerOp], "Median must not reorder the runs")
}

func findTarget(t *testing.T, targets []Target, name, kind string) Target {
	t.Helper()
	for _, tg := range targets {
		if tg.Name == name && tg.Kind == kind {
			return tg
		}
	}
	require.FailNow(t, "no target", "%s %s", name, kind)
	return Target{}
}

func TestCheck(t *testing.T) {
	targets := Check(parseSample(t), Wall)
	tests := []struct {
		name, kind string
		pass       bool
		detail     string
	}{
		{"AESGCMSeal/64", "overhead", true, "+60.0 ns"},               // 260 = 200 + 60: at the limit
		{"AESGCMSeal/64", "vs-gofips", true, "0.33x gofips 800.0 ns"}, // 260 <= 400
		{"AESGCMSeal/16384", "throughput", true, "98.4% of c"},
		{"AESGCMSeal/1048576", "throughput", false, "66.7% of c"},
		{"AESGCMSeal/*", "allocs", false, "1024: 1"},
		{"NewSHA256/64", "overhead", false, "+1160.8 ns"},
		{"NewSHA256/*", "allocs", false, "no data for NewSHA256/hazmat/1024"},
		{"AESGCMOpen/64", "overhead", false, "no data"},
		{"SHA256/64", "vs-gofips", false, "no data"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" "+tt.kind, func(t *testing.T) {
			got := findTarget(t, targets, tt.name, tt.kind)
			assert.Equal(t, tt.pass, got.Pass, got.Detail)
			assert.Contains(t, got.Detail, tt.detail)
		})
	}
	// 9 ops × (overhead, 2 throughput, allocs) + 5 vs-gofips.
	assert.Len(t, targets, 9*4+5)
	for _, tg := range targets {
		if tg.Kind == "vs-gofips" {
			assert.Contains(t, gofipsOps, strings.TrimSuffix(tg.Name, "/64"))
		}
	}
}

func TestNewSHA256AllowsOneAlloc(t *testing.T) {
	var lines []string
	for _, size := range Sizes {
		lines = append(lines, fmt.Sprintf("BenchmarkNewSHA256/hazmat/%d-2 100 10 ns/op 1 allocs/op", size),
			fmt.Sprintf("BenchmarkSHA256/hazmat/%d-2 100 10 ns/op 1 allocs/op", size))
	}
	res, err := Parse(strings.NewReader(strings.Join(lines, "\n")))
	require.NoError(t, err)
	targets := Check(res, Wall)
	assert.True(t, findTarget(t, targets, "NewSHA256/*", "allocs").Pass)
	assert.False(t, findTarget(t, targets, "SHA256/*", "allocs").Pass)
}

func TestReport(t *testing.T) {
	var b strings.Builder
	failed := Report(&b, []Target{
		{Name: "A/64", Kind: "overhead", Detail: "fine", Pass: true},
		{Name: "B/64", Kind: "overhead", Detail: "slow", Pass: false},
	})
	assert.Equal(t, 1, failed)
	out := b.String()
	assert.Contains(t, out, "PASS  A/64")
	assert.Contains(t, out, "FAIL  B/64")
	assert.Contains(t, out, "2 targets, 1 passed, 1 failed")
}

func TestMarkdown(t *testing.T) {
	var b strings.Builder
	Markdown(&b, parseSample(t), Wall)
	out := b.String()
	assert.Contains(t, out, "| AESGCMSeal | 1.30× | +60 | 98.4% | 66.7% |")
	assert.Contains(t, out, "| AESGCMOpen | – | – | – | – |")
	assert.Contains(t, out, "| AESGCMSeal | 0.33× | – | – | – |", "the gofips table")
	assert.Contains(t, out, "| Op | 64 B | 1 KiB | 16 KiB | 1 MiB |")
	assert.Contains(t, out, "FAIL  AESGCMSeal/1048576")
}

func TestSizeName(t *testing.T) {
	for n, want := range map[int]string{64: "64 B", 1024: "1 KiB", 16384: "16 KiB", 1048576: "1 MiB", 1500: "1500 B"} {
		assert.Equal(t, want, sizeName(n))
	}
}

func TestCPUClock(t *testing.T) {
	in := `BenchmarkSHA256/hazmat/64-2 100 900 ns/op 71.11 MB/s 250 cpu-ns/op 0 B/op 0 allocs/op
BenchmarkSHA256/c/64-2 100 100 ns/op 640.00 MB/s 200 cpu-ns/op 0 B/op 0 allocs/op
BenchmarkSHA256/gofips/64-2 100 2000 ns/op 32.00 MB/s 400 cpu-ns/op 0 B/op 0 allocs/op
BenchmarkSHA256/hazmat/16384-2 100 16384 ns/op 1000.00 MB/s 10000 cpu-ns/op 0 B/op 0 allocs/op
BenchmarkSHA256/c/16384-2 100 8192 ns/op 2000.00 MB/s 9800 cpu-ns/op 0 B/op 0 allocs/op
`
	res, err := Parse(strings.NewReader(in))
	require.NoError(t, err)

	ns, ok := CPU.Ns(res, Key{"SHA256", "hazmat", 64})
	assert.True(t, ok)
	assert.InDelta(t, 250, ns, 1e-9)
	mbs, ok := CPU.MBs(res, Key{"SHA256", "hazmat", 16384})
	assert.True(t, ok)
	assert.InDelta(t, 1638.4, mbs, 1e-9, "16384 bytes in 10 µs")
	_, ok = CPU.MBs(res, Key{"SHA256", "go", 16384})
	assert.False(t, ok)

	wall, cpu := Check(res, Wall), Check(res, CPU)
	for _, tt := range []struct {
		name, kind      string
		wallOK, cpuOK   bool
		wallSub, cpuSub string
	}{
		{"SHA256/64", "overhead", false, true, "hazmat 900.0 ns", "c 200.0 ns +50.0 ns"},
		{"SHA256/64", "vs-gofips", true, false, "0.45x", "0.62x"},
		{"SHA256/16384", "throughput", false, true, "50.0% of c", "98.0% of c"},
	} {
		w, c := findTarget(t, wall, tt.name, tt.kind), findTarget(t, cpu, tt.name, tt.kind)
		assert.Equal(t, tt.wallOK, w.Pass, w.Detail)
		assert.Equal(t, tt.cpuOK, c.Pass, c.Detail)
		assert.Contains(t, w.Detail, tt.wallSub)
		assert.Contains(t, c.Detail, tt.cpuSub)
	}

	var b strings.Builder
	Markdown(&b, res, CPU)
	assert.Contains(t, b.String(), "cpu-ns/op")
	assert.Contains(t, b.String(), "| SHA256 | 1.25× | +50 | 98.0% | – |")
}
