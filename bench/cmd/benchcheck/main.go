// Command benchcheck checks hazmat's performance targets against the
// output of the side-by-side benchmarks of package bench.
//
// Usage:
//
//	go test ./bench -run '^$' -bench . -benchmem -count 3 | go run ./bench/cmd/benchcheck
//	go run ./bench/cmd/benchcheck [-markdown] [-time wall|cpu] [results.txt]
//
// It reads `go test -bench` output from the file named, or from standard
// input, takes the median of each benchmark's runs (several with -count),
// and prints each target with the measured values and PASS or FAIL. It
// exits with status 1 if any target fails or has no data, 2 on a usage or
// read error. The targets:
//
//   - at 16 KiB and 1 MiB, every hazmat operation reaches at least 97% of
//     the throughput (MB/s) of the C floor;
//   - at 64 bytes, every hazmat operation costs at most the C floor's time
//     plus 60 ns, and at most half of gofips' time for AESGCMSeal,
//     AESGCMOpen, SHA256, SHA256Hasher and HMACSHA256;
//   - every hazmat operation allocates nothing, except NewSHA256 (at most
//     one allocation).
//
// With -time cpu the time targets use the benchmarks' cpu-ns/op, the CPU
// time of the benchmark's thread per operation, instead of ns/op and MB/s:
// on a shared or loaded machine, wall-clock time also counts the time the
// benchmark waited for a CPU.
//
// With -markdown it prints instead the tables of BENCHMARKS.md: hazmat's
// ratios to the C floor, to Go's crypto and to golang-fips/openssl, and the
// target results.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Ops are the benchmarked operations, in the order of the reports.
var Ops = []string{
	"AESGCMSeal", "AESGCMOpen", "AESCBCEncrypt", "AESCTR",
	"SHA256", "SHA512", "SHA256Hasher", "HMACSHA256", "NewSHA256",
}

// Sizes are the benchmarked message lengths.
var Sizes = []int{64, 1024, 16384, 1048576}

// The targets.
const (
	minThroughputShare = 0.97 // of the C floor's MB/s at 16 KiB and 1 MiB
	maxExtraNs         = 60.0 // over the C floor's ns/op at 64 bytes
	maxGofipsShare     = 0.5  // of gofips' ns/op at 64 bytes, for gofipsOps
)

// gofipsOps are the operations held to half of gofips' time at 64 bytes.
var gofipsOps = []string{"AESGCMSeal", "AESGCMOpen", "SHA256", "SHA256Hasher", "HMACSHA256"}

// maxAllocs is the allocation budget of an operation.
func maxAllocs(op string) float64 {
	if op == "NewSHA256" {
		return 1
	}
	return 0
}

// Units of the benchmark output.
const (
	nsPerOp     = "ns/op"
	cpuNsPerOp  = "cpu-ns/op"
	mbPerS      = "MB/s"
	allocsPerOp = "allocs/op"
)

// Clock says which time the checks use: Wall, the benchmarks' ns/op and
// MB/s, or CPU, their cpu-ns/op (the CPU time of the benchmark's thread,
// which time spent descheduled on a loaded machine does not inflate) and
// the throughput it gives.
type Clock string

// The clocks.
const (
	Wall Clock = "wall"
	CPU  Clock = "cpu"
)

// Ns returns the median time per operation of k on clock c.
func (c Clock) Ns(r Results, k Key) (float64, bool) {
	if c == CPU {
		return r.Median(k, cpuNsPerOp)
	}
	return r.Median(k, nsPerOp)
}

// MBs returns the median throughput of k on clock c, in MB/s (10^6 bytes
// per second, like the benchmarks'): on the CPU clock, k's size over its
// median cpu-ns/op.
func (c Clock) MBs(r Results, k Key) (float64, bool) {
	if c != CPU {
		return r.Median(k, mbPerS)
	}
	ns, ok := r.Median(k, cpuNsPerOp)
	if !ok || ns <= 0 {
		return 0, false
	}
	return float64(k.Size) * 1e3 / ns, true
}

// Key names one sub-benchmark: Benchmark<Op>/<Impl>/<Size>.
type Key struct {
	Op, Impl string
	Size     int
}

// Results holds the runs of each sub-benchmark, by unit.
type Results map[Key]map[string][]float64

// Median returns the median of the runs of k in unit, and whether there
// was any.
func (r Results) Median(k Key, unit string) (float64, bool) {
	v := slices.Clone(r[k][unit])
	if len(v) == 0 {
		return 0, false
	}
	slices.Sort(v)
	m := len(v) / 2
	if len(v)%2 == 1 {
		return v[m], true
	}
	return (v[m-1] + v[m]) / 2, true
}

// nameRE matches a benchmark name with its optional -GOMAXPROCS suffix.
var nameRE = regexp.MustCompile(`^Benchmark([^/\s]+)/([^/\s]+)/(\d+)(?:-\d+)?$`)

// Parse reads `go test -bench` output. Lines that are not results of
// Benchmark<Op>/<Impl>/<Size> sub-benchmarks are skipped.
func Parse(rd io.Reader) (Results, error) {
	res := Results{}
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		// name, iterations, then value-unit pairs.
		if len(f) < 4 || len(f)%2 != 0 {
			continue
		}
		m := nameRE.FindStringSubmatch(f[0])
		if m == nil {
			continue
		}
		if _, err := strconv.ParseUint(f[1], 10, 64); err != nil {
			continue
		}
		size, err := strconv.Atoi(m[3])
		if err != nil {
			continue
		}
		k := Key{Op: m[1], Impl: m[2], Size: size}
		vals := map[string]float64{}
		ok := true
		for i := 2; i < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				ok = false
				break
			}
			vals[f[i+1]] = v
		}
		if !ok {
			continue
		}
		if res[k] == nil {
			res[k] = map[string][]float64{}
		}
		for u, v := range vals {
			res[k][u] = append(res[k][u], v)
		}
	}
	return res, sc.Err()
}

// Target is one checked target with its outcome.
type Target struct {
	Name   string // such as "AESGCMSeal/64"
	Kind   string // throughput, overhead, vs-gofips, allocs
	Detail string // the measured values and the target
	Pass   bool
}

// String formats t as a line of the report.
func (t Target) String() string {
	verdict := "FAIL"
	if t.Pass {
		verdict = "PASS"
	}
	return fmt.Sprintf("%s  %-22s %-10s %s", verdict, t.Name, t.Kind, t.Detail)
}

// Check evaluates every target on res, timed by clock c.
func Check(res Results, c Clock) []Target {
	var out []Target
	for _, op := range Ops {
		out = append(out, checkOverhead(res, c, op))
		if slices.Contains(gofipsOps, op) {
			out = append(out, checkGofips(res, c, op))
		}
		for _, size := range []int{16384, 1048576} {
			out = append(out, checkThroughput(res, c, op, size))
		}
		out = append(out, checkAllocs(res, op))
	}
	return out
}

func noData(t Target, keys ...Key) Target {
	var names []string
	for _, k := range keys {
		names = append(names, fmt.Sprintf("%s/%s/%d", k.Op, k.Impl, k.Size))
	}
	t.Detail = "no data for " + strings.Join(names, ", ")
	return t
}

func checkThroughput(res Results, clock Clock, op string, size int) Target {
	t := Target{Name: fmt.Sprintf("%s/%d", op, size), Kind: "throughput"}
	hk, ck := Key{op, "hazmat", size}, Key{op, "c", size}
	h, ok1 := clock.MBs(res, hk)
	c, ok2 := clock.MBs(res, ck)
	if !ok1 || !ok2 || c == 0 {
		return noData(t, hk, ck)
	}
	share := h / c
	t.Pass = share >= minThroughputShare
	t.Detail = fmt.Sprintf("hazmat %.1f MB/s = %.1f%% of c %.1f MB/s (target >= %.0f%%)",
		h, 100*share, c, 100*minThroughputShare)
	return t
}

func checkOverhead(res Results, clock Clock, op string) Target {
	t := Target{Name: op + "/64", Kind: "overhead"}
	hk, ck := Key{op, "hazmat", 64}, Key{op, "c", 64}
	h, ok1 := clock.Ns(res, hk)
	c, ok2 := clock.Ns(res, ck)
	if !ok1 || !ok2 {
		return noData(t, hk, ck)
	}
	t.Pass = h <= c+maxExtraNs
	t.Detail = fmt.Sprintf("hazmat %.1f ns = c %.1f ns %+.1f ns (target <= c + %.0f ns)", h, c, h-c, maxExtraNs)
	return t
}

func checkGofips(res Results, clock Clock, op string) Target {
	t := Target{Name: op + "/64", Kind: "vs-gofips"}
	hk, gk := Key{op, "hazmat", 64}, Key{op, "gofips", 64}
	h, ok1 := clock.Ns(res, hk)
	g, ok2 := clock.Ns(res, gk)
	if !ok1 || !ok2 || g == 0 {
		return noData(t, hk, gk)
	}
	t.Pass = h <= maxGofipsShare*g
	t.Detail = fmt.Sprintf("hazmat %.1f ns = %.2fx gofips %.1f ns (target <= %.2fx)", h, h/g, g, maxGofipsShare)
	return t
}

func checkAllocs(res Results, op string) Target {
	t := Target{Name: op + "/*", Kind: "allocs", Pass: true}
	limit := maxAllocs(op)
	var parts []string
	var missing []Key
	for _, size := range Sizes {
		k := Key{op, "hazmat", size}
		a, ok := res.Median(k, allocsPerOp)
		if !ok {
			missing = append(missing, k)
			continue
		}
		if a > limit {
			t.Pass = false
		}
		parts = append(parts, fmt.Sprintf("%d: %g", size, a))
	}
	if len(missing) > 0 {
		t.Pass = false
		return noData(t, missing...)
	}
	t.Detail = fmt.Sprintf("hazmat allocs/op %s (target <= %g)", strings.Join(parts, ", "), limit)
	return t
}

// Report prints the targets and a summary to w and returns the number
// that failed.
func Report(w io.Writer, targets []Target) int {
	failed := 0
	for _, t := range targets {
		fmt.Fprintln(w, t)
		if !t.Pass {
			failed++
		}
	}
	fmt.Fprintf(w, "%d targets, %d passed, %d failed\n", len(targets), len(targets)-failed, failed)
	return failed
}

// sizeName is a size as the tables show it.
func sizeName(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// cell formats a value for a table, or "–" when it is missing.
func cell(ok bool, format string, v float64) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf(format, v)
}

// Markdown prints the ratio tables and the targets as Markdown, timed by
// clock.
func Markdown(w io.Writer, res Results, clock Clock) {
	what := "wall-clock time (ns/op, MB/s)"
	if clock == CPU {
		what = "CPU time of the benchmark's thread (cpu-ns/op)"
	}
	fmt.Fprintf(w, "Medians of the runs; times are %s.\n", what)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "### hazmat against the C floor")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Time ratio and extra time at 64 B (1.00× is the floor); share of the floor's throughput at 16 KiB and 1 MiB.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| Op | 64 B time (× c) | 64 B extra ns | 16 KiB MB/s (% of c) | 1 MiB MB/s (% of c) |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	for _, op := range Ops {
		h, ok1 := clock.Ns(res, Key{op, "hazmat", 64})
		c, ok2 := clock.Ns(res, Key{op, "c", 64})
		row := []string{op, cell(ok1 && ok2 && c > 0, "%.2f×", h/c), cell(ok1 && ok2, "%+.0f", h-c)}
		for _, size := range []int{16384, 1048576} {
			h, ok1 := clock.MBs(res, Key{op, "hazmat", size})
			c, ok2 := clock.MBs(res, Key{op, "c", size})
			row = append(row, cell(ok1 && ok2 && c > 0, "%.1f%%", 100*h/c))
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
	}
	for _, peer := range []struct{ impl, title string }{
		{"go", "Go's crypto"},
		{"gofips", "golang-fips/openssl v2.0.3"},
	} {
		fmt.Fprintln(w)
		fmt.Fprintf(w, "### hazmat against %s\n", peer.title)
		fmt.Fprintln(w)
		fmt.Fprintf(w, "Time ratio hazmat / %s (ns/op; below 1.00× hazmat is faster).\n", peer.impl)
		fmt.Fprintln(w)
		head, rule := "| Op |", "|---|"
		for _, size := range Sizes {
			head += " " + sizeName(size) + " |"
			rule += "---:|"
		}
		fmt.Fprintln(w, head)
		fmt.Fprintln(w, rule)
		for _, op := range Ops {
			row := []string{op}
			for _, size := range Sizes {
				h, ok1 := clock.Ns(res, Key{op, "hazmat", size})
				p, ok2 := clock.Ns(res, Key{op, peer.impl, size})
				row = append(row, cell(ok1 && ok2 && p > 0, "%.2f×", h/p))
			}
			fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "### Targets")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "```")
	Report(w, Check(res, clock))
	fmt.Fprintln(w, "```")
}

func main() {
	markdown := flag.Bool("markdown", false, "print the ratio tables and targets as Markdown")
	clock := flag.String("time", string(Wall), "the time to check: wall (ns/op, MB/s) or cpu (cpu-ns/op)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: benchcheck [-markdown] [-time wall|cpu] [results.txt]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if c := Clock(*clock); c != Wall && c != CPU {
		fmt.Fprintf(os.Stderr, "benchcheck: -time %q: want wall or cpu\n", *clock)
		os.Exit(2)
	}
	var in io.Reader = os.Stdin
	switch flag.NArg() {
	case 0:
	case 1:
		f, err := os.Open(flag.Arg(0))
		if err != nil {
			fmt.Fprintln(os.Stderr, "benchcheck:", err)
			os.Exit(2)
		}
		defer f.Close()
		in = f
	default:
		flag.Usage()
		os.Exit(2)
	}
	res, err := Parse(in)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchcheck:", err)
		os.Exit(2)
	}
	if len(res) == 0 {
		fmt.Fprintln(os.Stderr, "benchcheck: no benchmark results in the input")
		os.Exit(2)
	}
	if *markdown {
		Markdown(os.Stdout, res, Clock(*clock))
		return
	}
	if Report(os.Stdout, Check(res, Clock(*clock))) > 0 {
		os.Exit(1)
	}
}
