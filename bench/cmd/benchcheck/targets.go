package main

import (
	"fmt"
	"math"
	"slices"

	"github.com/go-hazmat/hazmat/bench/internal/peers"
)

// Kind is what a target compares.
type Kind int

// The kinds of target.
const (
	// Throughput: hazmat's throughput as a share of the C floor's, per
	// round c ns/op / hazmat ns/op; at least Limit.
	Throughput Kind = iota
	// Overhead: hazmat's extra time over the C floor, per round
	// hazmat ns/op - c ns/op; at most Limit nanoseconds.
	Overhead
	// VsGofips: hazmat's time as a share of golang-fips/openssl's, per
	// round hazmat ns/op / gofips ns/op; at most Limit.
	VsGofips
	// Allocs: hazmat's allocations per operation, measured once; at most
	// Limit.
	Allocs
	// VsGo: the extra time of hazmat on its Go backend (hazmat-go) over
	// Go's own crypto, per round hazmat-go ns/op - go ns/op; at most Limit
	// nanoseconds.
	VsGo
)

// String names the kind as the reports do.
func (k Kind) String() string {
	switch k {
	case Throughput:
		return "throughput"
	case Overhead:
		return "overhead"
	case VsGofips:
		return "vs-gofips"
	case Allocs:
		return "allocs"
	case VsGo:
		return "vs-go"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// higherIsBetter says whether a value above the limit passes.
func (k Kind) higherIsBetter() bool { return k == Throughput }

// Verdict is the outcome of a target.
type Verdict int

// The verdicts.
const (
	// Pass: the middle half of the rounds (from Q1 to Q3) is on the
	// target's side of its limit; a limit equal to a quartile passes.
	Pass Verdict = iota
	// Fail: the middle half of the rounds is beyond the limit.
	Fail
	// Unjudgeable: the limit lies strictly inside the interquartile range
	// (or there were fewer than minRounds rounds): the spread of the
	// rounds is too wide to tell on which side the operation is.
	Unjudgeable
	// NoData: an implementation the target needs was not measured.
	NoData
)

// String names the verdict as the reports do.
func (v Verdict) String() string {
	switch v {
	case Pass:
		return "PASS"
	case Fail:
		return "FAIL"
	case Unjudgeable:
		return "UNJUDGEABLE"
	case NoData:
		return "NO DATA"
	}
	return fmt.Sprintf("Verdict(%d)", int(v))
}

// minRounds is the fewest paired rounds a time target is judged on:
// quartiles of fewer values say little about the spread.
const minRounds = 5

// The targets' limits.
const (
	minThroughputShare = 0.98  // of the C floor's throughput at bulk sizes and per iteration
	maxOverheadNs      = 40.0  // over the C floor at small sizes, reused objects
	maxNewHasherNs     = 120.0 // over the C floor at small sizes, a new hasher or HMAC
	maxGofipsShare     = 0.5   // of golang-fips/openssl's time at 64 B, gofipsOps
	// hazmat-go over Go's own crypto at goSizes, reused objects: the same
	// budget as hazmat's over the C floor. Both sides run the same Go
	// code; what hazmat-go adds is the layer (the descriptor's checks, an
	// interface call into the backend, its argument and FIPS checks),
	// which should cost tens of nanoseconds and not grow with the message:
	// 40 ns is about half of Go's own AES-GCM seal or SHA-256 of 64 bytes.
	maxGoOverheadNs = 40.0
	// The same for a new hasher or HMAC per message (newObjectOps), with the budget
	// of hazmat's new hasher over the C floor: hazmat's Hash and the
	// backend's context are one allocation more than Go's sha256.New
	// makes (two against one).
	maxGoNewHasherNs = 120.0
)

// goSizes are the sizes of the VsGo targets: where the fixed cost of the
// layer shows (64 B) and a common message size (1 KiB).
var goSizes = []int{64, 1024}

// The sizes of the time targets: at a small size the fixed cost of an
// operation dominates and is held to an overhead over the C floor; at a
// bulk size the work is, and its throughput is held to a share of the
// floor's. An operation per iteration (PBKDF2) is held to a share of the
// floor's throughput at every size. Other sizes have no time target.
var (
	smallSizes = []int{32, 64, 1024}
	bulkSizes  = []int{16384, 1048576}
)

// newObjectOps are the operations that create their object per message (a
// hasher, an HMAC); every other one reuses an object (an AEAD, a context,
// a hasher, an algorithm).
var newObjectOps = []string{"NewSHA256", "NewHMACSHA256"}

// gofipsOps are the operations held to half of golang-fips/openssl's time
// at 64 bytes.
var gofipsOps = []string{"AESGCMSeal", "AESGCMOpen", "HMACSHA256"}

// Target is one performance target: an operation at a size, a kind and
// its limit. Size 0 stands for every size (allocation targets).
type Target struct {
	Op    string
	Size  int
	Kind  Kind
	Limit float64
}

// Name is the target's name in reports, such as "AESGCMSeal/64".
func (t Target) Name() string {
	if t.Size == 0 {
		return t.Op + "/*"
	}
	return fmt.Sprintf("%s/%d", t.Op, t.Size)
}

// opSizes returns the sizes of sizes that the operation op is measured
// at (all of sizes for an operation package peers does not know), in the
// order of sizes.
func opSizes(op string, sizes []int) []int {
	o, ok := peers.Named(op)
	if !ok {
		return sizes
	}
	var out []int
	for _, n := range sizes {
		if slices.Contains(o.SizesOf(), n) {
			out = append(out, n)
		}
	}
	return out
}

// perIteration says whether op's sizes count iterations.
func perIteration(op string) bool {
	o, ok := peers.Named(op)
	return ok && o.PerIteration
}

// hasGoPeers says whether op is measured through Go's crypto and through
// hazmat on the Go backend.
func hasGoPeers(op string) bool {
	o, ok := peers.Named(op)
	if !ok {
		return false
	}
	_, goPeer := o.Peer("go")
	_, hazmatGo := o.Peer(peers.HazmatGo)
	return goPeer && hazmatGo
}

// Targets returns the targets for the operations ops at the sizes of
// sizes each is measured at, in report order: overheads at small sizes,
// the comparisons with golang-fips/openssl and (hazmat-go) with Go's
// crypto, throughputs at bulk sizes (or per iteration), then allocations. The allocation target of an operation
// covers every size it was measured at.
func Targets(ops []string, sizes []int) []Target {
	var ts []Target
	for _, op := range ops {
		own := opSizes(op, sizes)
		at := func(size int) bool { return slices.Contains(own, size) }
		extra := maxOverheadNs
		if slices.Contains(newObjectOps, op) {
			extra = maxNewHasherNs
		}
		if perIteration(op) {
			for _, size := range own {
				ts = append(ts, Target{op, size, Throughput, minThroughputShare})
			}
		} else {
			for _, size := range smallSizes {
				if at(size) {
					ts = append(ts, Target{op, size, Overhead, extra})
				}
			}
			if slices.Contains(gofipsOps, op) && at(64) {
				ts = append(ts, Target{op, 64, VsGofips, maxGofipsShare})
			}
			if hasGoPeers(op) {
				limit := maxGoOverheadNs
				if slices.Contains(newObjectOps, op) {
					limit = maxGoNewHasherNs
				}
				for _, size := range goSizes {
					if at(size) {
						ts = append(ts, Target{op, size, VsGo, limit})
					}
				}
			}
			for _, size := range bulkSizes {
				if at(size) {
					ts = append(ts, Target{op, size, Throughput, minThroughputShare})
				}
			}
		}
		if len(own) > 0 {
			ts = append(ts, Target{op, 0, Allocs, maxAllocs(op)})
		}
	}
	return ts
}

// allocBudgets are the allocation budgets of the operations whose hazmat
// API allocates by design; every other operation has none.
var allocBudgets = map[string]float64{
	// A hasher made per message: the hasher.
	"NewSHA256": 1,
	// An HMAC made per message: the HMAC with its context (1) and the copy
	// of the key it keys OpenSSL with (1); then, for a message that fits
	// the 4 KiB it keeps in Go, the buffer that holds it until Sum (1), or,
	// for a longer one, the cleanup of the EVP_MAC_CTX of its own it then
	// needs (2).
	"NewHMACSHA256": 4,
	// hkdf.Key and pbkdf2.Key return a new key (1), call the hash
	// constructor they are given to tell its algorithm (1), copy the info
	// or password string into the []byte of kdfalg's descriptor (1), and
	// pass the descriptor to the backend as a backends.KDFAlgorithm
	// interface value (1).
	"HKDFSHA256":   4,
	"PBKDF2SHA256": 4,
	// keywrap.Wrap returns a new wrapped key.
	"AESKeyWrap": 1,
}

// maxAllocs is the allocation budget of an operation.
func maxAllocs(op string) float64 {
	return allocBudgets[op]
}

// Result is a target judged on a set of measurements.
type Result struct {
	Target
	Summary Summary // of the per-round values (Allocs: the one value)
	Verdict Verdict
	Missing []Key // what NoData lacked
	// Call is the measured floor of an overhead or throughput target,
	// when the run has the C floor called once per operation
	// (peers.CCall) at its size; nil otherwise.
	Call *CallFloor
}

// CallFloor splits an overhead or throughput target at the C floor
// called from Go once per operation (peers.CCall), the least a Go API
// that performs one operation per call into C can cost: Floor is that
// reference against the C floor, Rest hazmat against that reference,
// each in the target's own statistic (extra nanoseconds, or a share of
// the other's throughput), per round.
type CallFloor struct {
	Floor, Rest Summary
}

// Judge applies the verdict rule to a summary of per-round values
// against a limit; see [Verdict].
func Judge(s Summary, limit float64, higherIsBetter bool) Verdict {
	if s.N == 0 || math.IsNaN(s.Median) {
		return NoData
	}
	if s.N < minRounds {
		return Unjudgeable
	}
	lo, hi := s.Q1, s.Q3
	if higherIsBetter {
		switch {
		case lo >= limit:
			return Pass
		case hi < limit:
			return Fail
		}
		return Unjudgeable
	}
	switch {
	case hi <= limit:
		return Pass
	case lo > limit:
		return Fail
	}
	return Unjudgeable
}

// Check judges every target on m.
func Check(m *Measurements, targets []Target) []Result {
	out := make([]Result, 0, len(targets))
	for _, t := range targets {
		out = append(out, check(m, t))
	}
	return out
}

func check(m *Measurements, t Target) Result {
	r := Result{Target: t}
	if t.Kind == Allocs {
		var worst float64
		own := opSizes(t.Op, m.Sizes)
		for _, size := range own {
			k := Key{t.Op, "hazmat", size}
			a, ok := m.Allocs[k]
			if !ok {
				r.Missing = append(r.Missing, k)
				continue
			}
			worst = max(worst, a)
		}
		if len(r.Missing) > 0 || len(own) == 0 {
			r.Verdict = NoData
			return r
		}
		r.Summary = Summary{N: 1, Q1: worst, Median: worst, Q3: worst}
		if worst <= t.Limit {
			r.Verdict = Pass
		} else {
			r.Verdict = Fail
		}
		return r
	}
	impl, peer := "hazmat", "c"
	switch t.Kind {
	case VsGofips:
		peer = "gofips"
	case VsGo:
		impl, peer = peers.HazmatGo, "go"
	}
	hk, pk := Key{t.Op, impl, t.Size}, Key{t.Op, peer, t.Size}
	h, p := m.NsPerOp[hk], m.NsPerOp[pk]
	for k, v := range map[Key][]float64{hk: h, pk: p} {
		if len(v) == 0 {
			r.Missing = append(r.Missing, k)
		}
	}
	if len(r.Missing) > 0 {
		slices.SortFunc(r.Missing, func(a, b Key) int { return cmpKey(a, b) })
		r.Verdict = NoData
		return r
	}
	r.Summary = Summarize(PerRound(h, p, statistic(t.Kind)))
	r.Verdict = Judge(r.Summary, t.Limit, t.Kind.higherIsBetter())
	if t.Kind == Overhead || t.Kind == Throughput {
		if cc := m.NsPerOp[Key{t.Op, peers.CCall, t.Size}]; len(cc) > 0 {
			f := statistic(t.Kind)
			r.Call = &CallFloor{
				Floor: Summarize(PerRound(cc, p, f)),
				Rest:  Summarize(PerRound(h, cc, f)),
			}
		}
	}
	return r
}

// statistic returns the per-round value of a time target from hazmat's
// and its peer's ns/op in that round.
func statistic(k Kind) func(h, p float64) float64 {
	switch k {
	case Throughput:
		return func(h, p float64) float64 { return p / h }
	case Overhead, VsGo:
		return func(h, p float64) float64 { return h - p }
	}
	return func(h, p float64) float64 { return h / p }
}

// PerRound pairs a and b round by round (a[i] with b[i], measured in the
// same round) and returns f of each pair; rounds missing from either are
// left out.
func PerRound(a, b []float64, f func(a, b float64) float64) []float64 {
	n := min(len(a), len(b))
	out := make([]float64, 0, n)
	for i := range n {
		out = append(out, f(a[i], b[i]))
	}
	return out
}

// Tally counts the results by verdict.
func Tally(rs []Result) map[Verdict]int {
	c := map[Verdict]int{}
	for _, r := range rs {
		c[r.Verdict]++
	}
	return c
}
