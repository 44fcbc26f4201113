// Command benchcheck measures hazmat against the C floor and its peers in
// paired, interleaved rounds, and checks the performance targets.
//
// Usage:
//
//	go run ./cmd/benchcheck [-rounds 31] [-round 4ms] [-ops A,B] [-sizes 64,1024]
//	                        [-markdown] [-svg FILE] [-readme FILE] [-q]
//
// (from the bench module's folder). For each operation and message size
// it prepares hazmat, hazmat on its Go backend (hazmat-go), the C floor,
// Go's crypto and golang-fips/openssl (package bench/internal/peers, the
// code the benchmarks of package bench run), calibrates each to take about -round per round, and runs -rounds
// rounds in one process, every implementation once per round in an order
// that rotates each round. Sequential benchmark runs on a shared machine
// move by ±5%, more than the margins judged; two implementations measured
// in the same round meet the same load, so their ratio in that round is
// steadier than either time. It then counts hazmat's allocations per
// operation.
//
// A target's value is computed per round: hazmat's share of the C floor's
// throughput (c ns/op ÷ hazmat ns/op), hazmat's extra time over the floor
// (hazmat ns/op − c ns/op), its share of golang-fips/openssl's time
// (hazmat ns/op ÷ gofips ns/op), or hazmat-go's extra time over Go's own
// crypto (hazmat-go ns/op − go ns/op). The report gives the median of the rounds
// and their interquartile range [Q1, Q3], and the verdict:
//
//   - PASS when the whole interquartile range is on the target's side of
//     its limit (a quartile equal to the limit counts as on its side);
//   - FAIL when the whole range is beyond it;
//   - UNJUDGEABLE when the limit lies strictly inside the range, or there
//     were fewer than 5 rounds: the spread does not allow a verdict;
//   - NO DATA when an implementation the target needs was not measured.
//
// Allocation targets are measured once and are PASS or FAIL.
//
// Each operation is measured at its own sizes (package peers): the
// ciphers, digests and HMAC at 64 B, 1 KiB, 16 KiB and 1 MiB; HKDF-SHA256
// deriving 32 bytes; PBKDF2-HMAC-SHA256 at 1,000 iterations; CMAC-AES-128
// at 64 B and 16 KiB; AES key wrap of a 32-byte key; random bytes, 32 B
// and 1 MiB. -sizes keeps, of each operation's sizes, those it lists.
//
// The targets:
//
//   - at the bulk sizes, 16 KiB and 1 MiB, every operation reaches at
//     least 98% of the C floor's throughput; so does PBKDF2 per 1,000
//     iterations;
//   - at the small sizes, 32 B, 64 B and 1 KiB, every operation on a
//     reused object (or a one-shot derivation, wrap or draw) costs at most
//     the C floor's time plus 40 ns, and a new hasher (NewSHA256) at most
//     the floor's time plus 120 ns;
//   - at 64 B, AESGCMSeal, AESGCMOpen and HMACSHA256 take at most half the
//     time of golang-fips/openssl;
//   - at 64 B and 1 KiB, every operation that Go's crypto has costs, on
//     hazmat's Go backend (hazmat-go), at most Go's own time plus 40 ns,
//     and a new hasher (NewSHA256) at most Go's plus 120 ns: the cost of
//     hazmat's layer over the same Go code;
//   - no operation allocates, except those whose API returns a new value:
//     NewSHA256 (the hasher, once), AESKeyWrap (the wrapped key, once),
//     HKDFSHA256 and PBKDF2SHA256 (four times: the key, the hash their
//     constructor argument makes, the info or password string as bytes,
//     and the algorithm descriptor as an interface value).

// The exit status is 0 when every target passes, 1 when one fails or has
// no data, 3 when none fails but some cannot be judged, and 2 on a usage
// error or a failure to measure. With -markdown it prints the machine,
// the targets and the ratio tables of BENCHMARKS.md instead, and exits 0
// whatever the verdicts. -svg FILE also writes the bar chart of the same
// run to FILE, and -readme FILE the table of README.md (bench/gen.sh
// writes all three from one run).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/go-hazmat/hazmat/bench/internal/peers"
)

// Exit statuses.
const (
	exitPass        = 0
	exitFail        = 1
	exitUsage       = 2
	exitUnjudgeable = 3
)

// ExitStatus returns the exit status for results rs.
func ExitStatus(rs []Result) int {
	c := Tally(rs)
	switch {
	case c[Fail] > 0 || c[NoData] > 0:
		return exitFail
	case c[Unjudgeable] > 0:
		return exitUnjudgeable
	}
	return exitPass
}

// parseOps returns the operations named in the comma-separated list s, or
// all of them when s is empty.
func parseOps(s string) ([]peers.Op, error) {
	if s == "" {
		return peers.Ops, nil
	}
	var ops []peers.Op
	for _, name := range strings.Split(s, ",") {
		o, ok := peers.Named(strings.TrimSpace(name))
		if !ok {
			return nil, fmt.Errorf("benchcheck: -ops: no operation %q", name)
		}
		ops = append(ops, o)
	}
	return ops, nil
}

// parseSizes returns the sizes of the comma-separated list s, or nil
// (every operation at all of its sizes) when s is empty.
func parseSizes(s string) ([]int, error) {
	if s == "" {
		return nil, nil
	}
	var sizes []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("benchcheck: -sizes: %q is not a positive size", f)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("benchcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rounds := fs.Int("rounds", 31, "paired rounds per operation and size")
	round := fs.Duration("round", 4*time.Millisecond, "time each implementation aims at per round")
	opsFlag := fs.String("ops", "", "comma-separated operations to measure (default all)")
	sizesFlag := fs.String("sizes", "", "comma-separated sizes: each operation runs at those of its sizes listed (default all of them)")
	markdown := fs.Bool("markdown", false, "print the tables of BENCHMARKS.md instead of the report")
	svg := fs.String("svg", "", "also write the bar chart of the run to this file")
	readme := fs.String("readme", "", "also write README.md's table of the run to this file")
	quiet := fs.Bool("q", false, "no progress lines on standard error")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 || *rounds < 1 || *round <= 0 {
		fmt.Fprintln(stderr, "benchcheck: want -rounds >= 1, -round > 0 and no arguments")
		return exitUsage
	}
	ops, err := parseOps(*opsFlag)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	sizes, err := parseSizes(*sizesFlag)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	cfg := Config{Ops: ops, Sizes: sizes, Rounds: *rounds, RoundTime: *round}
	if !*quiet {
		cfg.Progress = stderr
	}
	return measureAndReport(cfg, *markdown, outputs{svg: *svg, readme: *readme}, stdout, stderr)
}

// outputs are the files a run writes besides its report: the chart and
// README.md's table, when named.
type outputs struct{ svg, readme string }

// write writes the files named in o from m.
func (o outputs) write(m *Measurements) error {
	for _, f := range []struct {
		name  string
		write func(io.Writer, *Measurements) error
	}{
		{o.svg, SVG},
		{o.readme, func(w io.Writer, m *Measurements) error { Readme(w, m); return nil }},
	} {
		if f.name == "" {
			continue
		}
		var b bytes.Buffer
		if err := f.write(&b, m); err != nil {
			return err
		}
		if err := os.WriteFile(f.name, b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func measureAndReport(cfg Config, markdown bool, files outputs, stdout, stderr io.Writer) int {
	m, err := Measure(cfg)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	rs := Check(m, Targets(m.Ops, m.Sizes))
	if err := files.write(m); err != nil {
		fmt.Fprintln(stderr, "benchcheck:", err)
		return exitUsage
	}
	if markdown {
		Markdown(stdout, m, rs)
		return exitPass
	}
	fmt.Fprintf(stdout, "benchcheck: %d paired rounds of about %v per implementation; %s\n", m.Rounds, m.RoundTime, m.Machine)
	Report(stdout, rs)
	return ExitStatus(rs)
}
