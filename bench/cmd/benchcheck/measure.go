package main

import (
	"bufio"
	"cmp"
	"crypto/fips140"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/go-hazmat/hazmat/bench/internal/peers"
	"github.com/go-hazmat/hazmat/openssl"
)

// Key names one measured case: an operation through an implementation at
// a message size.
type Key struct {
	Op, Impl string
	Size     int
}

func cmpKey(a, b Key) int {
	return cmp.Or(cmp.Compare(a.Op, b.Op), cmp.Compare(a.Impl, b.Impl), cmp.Compare(a.Size, b.Size))
}

// Impls are the implementations, in the order of the reports.
// peers.CCall is the C floor's own function called once per operation,
// a reference that the floors of the report compare hazmat with.
var Impls = []string{"hazmat", peers.HazmatGo, "c", peers.CCall, "go", "gofips"}

// Machine describes where measurements were made.
type Machine struct {
	CPU     string // model name from /proc/cpuinfo
	Cores   int
	Go      string
	OpenSSL string
	FIPS    bool // OpenSSL's FIPS mode was on
	GoFIPS  bool // Go's FIPS 140-3 module was on (GODEBUG=fips140), for go and hazmat-go
	Date    time.Time
}

// String is the machine's line in reports.
func (m Machine) String() string {
	ossl := m.OpenSSL
	if m.FIPS {
		ossl += " in FIPS mode"
	}
	goVersion := m.Go
	if m.GoFIPS {
		goVersion += " with its FIPS 140-3 module on"
	}
	return fmt.Sprintf("%s, %d cores; %s; %s; %s", m.CPU, m.Cores, ossl, goVersion, m.Date.UTC().Format("2006-01-02 15:04 UTC"))
}

// ThisMachine describes the machine the program runs on.
func ThisMachine() Machine {
	return Machine{
		CPU:     cpuModel(),
		Cores:   runtime.NumCPU(),
		Go:      runtime.Version(),
		OpenSSL: openssl.Version(),
		FIPS:    openssl.FIPS(),
		GoFIPS:  fips140.Enabled(),
		Date:    time.Now().UTC(),
	}
}

// cpuModel returns the first "model name" of /proc/cpuinfo, or GOARCH.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(name) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return runtime.GOARCH
}

// Measurements are the results of one run of paired rounds.
type Measurements struct {
	Machine   Machine
	Rounds    int           // paired rounds per operation and size
	RoundTime time.Duration // the time each implementation aims at per round
	Ops       []string
	// Sizes are the sizes measured, of any operation, in increasing
	// order; an operation was measured at those of its own sizes.
	Sizes []int
	// NsPerOp holds each case's time per operation in each round, in
	// round order: NsPerOp[k][i] for every implementation of one
	// operation and size were measured in the same round i.
	NsPerOp map[Key][]float64
	// Allocs holds hazmat's allocations per operation.
	Allocs map[Key]float64
}

// Config says what to measure and how long.
type Config struct {
	Ops []peers.Op
	// Sizes limits each operation to those of its sizes listed; nil
	// measures every operation at all of its sizes.
	Sizes     []int
	Rounds    int
	RoundTime time.Duration
	Progress  io.Writer // a line per operation and size, or nil
}

// Measure runs the paired rounds. For each operation and each of its
// sizes (those also in cfg.Sizes, when set) it prepares every
// implementation, calibrates each to take about cfg.RoundTime per round,
// runs one warm-up round, then cfg.Rounds rounds
// in which every implementation runs once, in an order that rotates by
// one place each round (so that none is always first after a pause, or
// always last). It then counts hazmat's allocations per operation.
func Measure(cfg Config) (m *Measurements, err error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	m = &Measurements{
		Machine:   ThisMachine(),
		Rounds:    cfg.Rounds,
		RoundTime: cfg.RoundTime,
		NsPerOp:   map[Key][]float64{},
		Allocs:    map[Key]float64{},
	}
	for _, o := range cfg.Ops {
		m.Ops = append(m.Ops, o.Name)
		for _, n := range o.SizesOf() {
			if cfg.Sizes != nil && !slices.Contains(cfg.Sizes, n) {
				continue
			}
			if !slices.Contains(m.Sizes, n) {
				m.Sizes = append(m.Sizes, n)
				slices.Sort(m.Sizes)
			}
			if cfg.Progress != nil {
				fmt.Fprintf(cfg.Progress, "benchcheck: %s/%d\n", o.Name, n)
			}
			if err := measureCase(m, cfg, o, n); err != nil {
				return nil, fmt.Errorf("benchcheck: %s/%d: %w", o.Name, n, err)
			}
		}
	}
	return m, nil
}

// fatal is the panic value of runner.Fatal.
type fatal struct{ msg string }

// runner is the peers.TB of a measurement: Fatal panics with a fatal
// value, which measureCase recovers as an error.
type runner struct{ cleanups []func() }

func (*runner) Helper()            {}
func (*runner) Fatal(args ...any)  { panic(fatal{strings.TrimSuffix(fmt.Sprintln(args...), "\n")}) }
func (r *runner) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }
func (r *runner) close() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}

// timed is one implementation ready for timed rounds.
type timed struct {
	impl  string
	run   peers.Run
	iters int
}

func measureCase(m *Measurements, cfg Config, o peers.Op, n int) (err error) {
	tb := &runner{}
	defer tb.close()
	defer func() {
		if p := recover(); p != nil {
			f, ok := p.(fatal)
			if !ok {
				panic(p)
			}
			err = fmt.Errorf("%s", f.msg)
		}
	}()
	var ts []timed
	for _, impl := range Impls {
		name := impl
		if impl == peers.CCall {
			name = "c"
		}
		p, ok := o.Peer(name)
		if !ok {
			continue
		}
		r := p.Prepare(tb, n)
		if impl == peers.CCall {
			if r.Many == nil {
				continue
			}
			r = peers.PerCall(r)
		}
		ts = append(ts, timed{impl: impl, run: r, iters: calibrate(r, cfg.RoundTime)})
	}
	runtime.GC()
	round := func(i int) []float64 {
		ns := make([]float64, len(ts))
		for j := range ts {
			k := (i + j) % len(ts)
			t := ts[k]
			start := time.Now()
			t.run.Times(t.iters)
			ns[k] = float64(time.Since(start).Nanoseconds()) / float64(t.iters)
		}
		return ns
	}
	round(0) // warm-up, not recorded
	for i := range cfg.Rounds {
		for k, ns := range round(i) {
			key := Key{o.Name, ts[k].impl, n}
			m.NsPerOp[key] = append(m.NsPerOp[key], ns)
		}
	}
	for _, t := range ts {
		if t.impl == "hazmat" {
			m.Allocs[Key{o.Name, t.impl, n}] = allocsPerOp(t.run, allocRuns)
		}
	}
	return nil
}

// calibrate returns how many operations of r take about d.
func calibrate(r peers.Run, d time.Duration) int {
	r.Times(1)
	iters := 1
	for {
		start := time.Now()
		r.Times(iters)
		el := time.Since(start)
		if el >= d/8 || iters >= 1<<30 {
			per := max(float64(el.Nanoseconds())/float64(iters), 1)
			return max(1, int(float64(d.Nanoseconds())/per))
		}
		iters *= 2
	}
}

// allocRuns is how many operations allocsPerOp averages over: enough that
// an allocation made elsewhere in the process in the meantime (a cleanup,
// the runtime) does not count as one per operation.
const allocRuns = 100

// allocsPerOp returns the heap allocations of one operation of r,
// averaged over runs and rounded down, as testing.AllocsPerRun counts
// them: with GOMAXPROCS 1, after one operation to warm up.
func allocsPerOp(r peers.Run, runs int) float64 {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	runs = max(runs, 1)
	r.Times(1)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r.Times(runs)
	runtime.ReadMemStats(&after)
	return float64((after.Mallocs - before.Mallocs) / uint64(runs))
}
