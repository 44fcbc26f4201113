package main

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/bench/internal/peers"
)

func TestJudge(t *testing.T) {
	s := func(q1, med, q3 float64) Summary { return Summary{N: 31, Q1: q1, Median: med, Q3: q3} }
	tests := []struct {
		name   string
		s      Summary
		limit  float64
		higher bool
		want   Verdict
	}{
		{"at least: all above", s(0.99, 1.0, 1.01), 0.98, true, Pass},
		{"at least: Q1 on the limit", s(0.98, 0.99, 1.0), 0.98, true, Pass},
		{"at least: straddles", s(0.97, 0.99, 1.0), 0.98, true, Unjudgeable},
		{"at least: median below, straddles", s(0.96, 0.97, 0.985), 0.98, true, Unjudgeable},
		{"at least: all below", s(0.90, 0.95, 0.979), 0.98, true, Fail},
		{"at most: all below", s(10, 20, 30), 40, false, Pass},
		{"at most: Q3 on the limit", s(10, 20, 40), 40, false, Pass},
		{"at most: straddles", s(30, 35, 41), 40, false, Unjudgeable},
		{"at most: Q1 on the limit", s(40, 50, 60), 40, false, Unjudgeable},
		{"at most: all above", s(41, 50, 60), 40, false, Fail},
		{"too few rounds", Summary{N: minRounds - 1, Q1: 1, Median: 1, Q3: 1}, 40, false, Unjudgeable},
		{"enough rounds", Summary{N: minRounds, Q1: 1, Median: 1, Q3: 1}, 40, false, Pass},
		{"no rounds", Summary{}, 40, false, NoData},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Judge(tt.s, tt.limit, tt.higher))
		})
	}
}

// allSizes returns every size of every operation, in increasing order.
func allSizes() []int {
	var sizes []int
	for _, o := range peers.Ops {
		for _, n := range o.SizesOf() {
			if !slices.Contains(sizes, n) {
				sizes = append(sizes, n)
			}
		}
	}
	slices.Sort(sizes)
	return sizes
}

func TestTargets(t *testing.T) {
	var names []string
	for _, o := range peers.Ops {
		names = append(names, o.Name)
	}
	ts := Targets(names, allSizes())
	// Per operation at the four message sizes: overhead at 64 B and 1 KiB,
	// throughput at 16 KiB and 1 MiB, allocations, hazmat-go against Go's
	// crypto at 64 B and 1 KiB; three operations against
	// golang-fips/openssl. Then the key operations at their own sizes.
	assert.Len(t, ts, 10*(5+2)+3+2+2+3+2+3)
	find := func(name string, k Kind) Target {
		t.Helper()
		for _, tg := range ts {
			if tg.Name() == name && tg.Kind == k {
				return tg
			}
		}
		require.FailNow(t, "no target", "%s %s", name, k)
		return Target{}
	}
	assert.InDelta(t, 40, find("AESCTR/64", Overhead).Limit, 0)
	assert.InDelta(t, 40, find("HMACSHA256/1024", Overhead).Limit, 0)
	assert.InDelta(t, 120, find("NewSHA256/64", Overhead).Limit, 0)
	assert.InDelta(t, 120, find("NewSHA256/1024", Overhead).Limit, 0)
	assert.InDelta(t, 0.98, find("SHA512/1048576", Throughput).Limit, 0)
	assert.InDelta(t, 0.98, find("AESCBCEncrypt/16384", Throughput).Limit, 0)
	for _, op := range []string{"AESGCMSeal", "AESGCMOpen", "HMACSHA256"} {
		assert.InDelta(t, 0.5, find(op+"/64", VsGofips).Limit, 0)
	}
	assert.InDelta(t, 40, find("AESGCMOpen/64", VsGo).Limit, 0)
	assert.InDelta(t, 40, find("SHA256Hasher/1024", VsGo).Limit, 0)
	assert.InDelta(t, 120, find("NewSHA256/64", VsGo).Limit, 0)
	assert.InDelta(t, 0, find("SHA256/*", Allocs).Limit, 0)
	assert.InDelta(t, 1, find("NewSHA256/*", Allocs).Limit, 0)
	assert.InDelta(t, 120, find("NewHMACSHA256/1024", Overhead).Limit, 0)
	assert.InDelta(t, 120, find("NewHMACSHA256/64", VsGo).Limit, 0)
	assert.InDelta(t, 4, find("NewHMACSHA256/*", Allocs).Limit, 0)
	var vsGofips []string
	for _, tg := range ts {
		if tg.Kind == VsGofips {
			vsGofips = append(vsGofips, tg.Name())
		}
	}
	assert.Equal(t, []string{"AESGCMSeal/64", "AESGCMOpen/64", "HMACSHA256/64"}, vsGofips)
	vsGo := map[string]bool{}
	for _, tg := range ts {
		if tg.Kind == VsGo {
			vsGo[tg.Op] = true
			assert.Contains(t, []int{64, 1024}, tg.Size, tg.Name())
		}
	}
	assert.Len(t, vsGo, 10, "every operation at message sizes that Go's crypto has: %v", vsGo)
	assert.False(t, vsGo["CMACAES128"], "Go's crypto has no CMAC")
}

// TestKeyTargets checks the targets of the KDFs, CMAC, key wrap and random
// bytes: each at its own sizes only, PBKDF2 per 1,000 iterations.
func TestKeyTargets(t *testing.T) {
	var got []string
	for _, tg := range Targets([]string{"HKDFSHA256", "PBKDF2SHA256", "CMACAES128", "AESKeyWrap", "RandBytes"}, allSizes()) {
		got = append(got, fmt.Sprintf("%s %s %g", tg.Name(), tg.Kind, tg.Limit))
	}
	assert.Equal(t, []string{
		"HKDFSHA256/32 overhead 40", "HKDFSHA256/* allocs 4",
		"PBKDF2SHA256/1000 throughput 0.98", "PBKDF2SHA256/* allocs 4",
		"CMACAES128/64 overhead 40", "CMACAES128/16384 throughput 0.98", "CMACAES128/* allocs 0",
		"AESKeyWrap/32 overhead 40", "AESKeyWrap/* allocs 1",
		"RandBytes/32 overhead 40", "RandBytes/1048576 throughput 0.98", "RandBytes/* allocs 0",
	}, got)
	// A size an operation is not measured at gives it no target.
	assert.Empty(t, Targets([]string{"HKDFSHA256"}, []int{64, 1024}))
	assert.Empty(t, Targets([]string{"SHA256"}, []int{32}))
}

func TestTargetsAtSomeSizes(t *testing.T) {
	var names []string
	for _, tg := range Targets([]string{"AESGCMSeal", "SHA256"}, []int{64, 16384}) {
		names = append(names, tg.Name()+" "+tg.Kind.String())
	}
	assert.Equal(t, []string{
		"AESGCMSeal/64 overhead", "AESGCMSeal/64 vs-gofips", "AESGCMSeal/64 vs-go", "AESGCMSeal/16384 throughput", "AESGCMSeal/* allocs",
		"SHA256/64 overhead", "SHA256/64 vs-go", "SHA256/16384 throughput", "SHA256/* allocs",
	}, names)
	one := Targets([]string{"SHA256"}, []int{1024})
	require.Len(t, one, 3, "1 KiB has an overhead target, a vs-go target and no other")
	assert.Equal(t, Overhead, one[0].Kind)
	assert.Equal(t, VsGo, one[1].Kind)
	assert.Equal(t, Allocs, one[2].Kind)
	assert.Empty(t, Targets([]string{"SHA256"}, nil))
}

// rounds returns n rounds of value v, with spread added: v-spread,
// v, v+spread, ... in turn.
func rounds(n int, v, spread float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v + float64(i%3-1)*spread
	}
	return out
}

// synthetic are measurements made up for the tests: AESGCMSeal at 64 B
// and 1 MiB, NewSHA256 at 64 B.
func synthetic() *Measurements {
	const n = 31
	return &Measurements{
		Rounds: n,
		Ops:    []string{"AESGCMSeal", "NewSHA256"},
		Sizes:  []int{64, 1048576},
		NsPerOp: map[Key][]float64{
			{"AESGCMSeal", "hazmat", 64}:      rounds(n, 200, 5), // c + 20 ns
			{"AESGCMSeal", "c", 64}:           rounds(n, 180, 5),
			{"AESGCMSeal", "gofips", 64}:      rounds(n, 500, 5), // 0.40x
			{"AESGCMSeal", "go", 64}:          rounds(n, 100, 5),
			{"AESGCMSeal", "hazmat-go", 64}:   rounds(n, 150, 5),       // go + 50 ns
			{"AESGCMSeal", "hazmat", 1048576}: rounds(n, 300000, 1000), // 97% of c
			{"AESGCMSeal", "c", 1048576}:      rounds(n, 291000, 1000),
			{"NewSHA256", "hazmat", 64}:       rounds(n, 400, 100), // c + 100 to c + 300 ns
			{"NewSHA256", "c", 64}:            rounds(n, 200, 0),
			{"NewSHA256", "go", 64}:           rounds(n, 150, 0),
			{"NewSHA256", "hazmat-go", 64}:    rounds(n, 200, 10), // go + 40 to go + 60 ns
		},
		Allocs: map[Key]float64{
			{"AESGCMSeal", "hazmat", 64}:      0,
			{"AESGCMSeal", "hazmat", 1048576}: 1,
			{"NewSHA256", "hazmat", 64}:       1,
			{"NewSHA256", "hazmat", 1048576}:  1,
		},
	}
}

func TestCheck(t *testing.T) {
	m := synthetic()
	rs := Check(m, Targets(m.Ops, m.Sizes))
	byName := map[string]Result{}
	for _, r := range rs {
		byName[r.Name()+" "+r.Kind.String()] = r
	}
	tests := []struct {
		target  string
		verdict Verdict
		median  float64
	}{
		{"AESGCMSeal/64 overhead", Pass, 20},
		{"AESGCMSeal/64 vs-gofips", Pass, 0.4},
		{"AESGCMSeal/64 vs-go", Fail, 50},
		{"NewSHA256/64 vs-go", Pass, 50},
		{"AESGCMSeal/1048576 throughput", Fail, 0.97},
		{"AESGCMSeal/* allocs", Fail, 1},
		{"NewSHA256/64 overhead", Unjudgeable, 200}, // IQR [100, 300] holds 120
		{"NewSHA256/* allocs", Pass, 1},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			r, ok := byName[tt.target]
			require.True(t, ok)
			assert.Equal(t, tt.verdict, r.Verdict)
			assert.InDelta(t, tt.median, r.Summary.Median, 0.01)
		})
	}
	nd := byName["NewSHA256/1048576 throughput"]
	assert.Equal(t, NoData, nd.Verdict)
	assert.Equal(t, []Key{{"NewSHA256", "c", 1048576}, {"NewSHA256", "hazmat", 1048576}}, nd.Missing)
	assert.Len(t, rs, 9)
	assert.Equal(t, exitFail, ExitStatus(rs))
}

// TestCheckOwnSizes checks the allocation target of operations measured
// at different sizes: each is judged on its own sizes, not found missing
// at the sizes of another.
func TestCheckOwnSizes(t *testing.T) {
	m := &Measurements{
		Ops:   []string{"HKDFSHA256", "CMACAES128"},
		Sizes: []int{32, 64, 16384},
		Allocs: map[Key]float64{
			{"HKDFSHA256", "hazmat", 32}:    4,
			{"CMACAES128", "hazmat", 64}:    0,
			{"CMACAES128", "hazmat", 16384}: 1,
		},
	}
	got := map[string]Verdict{}
	for _, r := range Check(m, []Target{{"HKDFSHA256", 0, Allocs, 4}, {"CMACAES128", 0, Allocs, 0}}) {
		got[r.Name()] = r.Verdict
		assert.Empty(t, r.Missing, r.Name())
	}
	assert.Equal(t, map[string]Verdict{"HKDFSHA256/*": Pass, "CMACAES128/*": Fail}, got)
}

// TestPairing checks that a load shared by the implementations of a round
// cancels out: hazmat at 99% of the C floor's throughput in every round,
// while the load makes both ten times slower in some rounds, passes; the
// medians of the two series, taken apart, would pair a slow round of one
// with a fast round of the other.
func TestPairing(t *testing.T) {
	var h, c []float64
	for i := range 31 {
		load := 1 + 9*float64(i%2)
		c = append(c, 1000*load)
		h = append(h, 1000*load/0.99)
	}
	m := &Measurements{NsPerOp: map[Key][]float64{{"SHA256", "hazmat", 16384}: h, {"SHA256", "c", 16384}: c}}
	r := check(m, Target{"SHA256", 16384, Throughput, 0.98})
	assert.Equal(t, Pass, r.Verdict)
	assert.InDelta(t, 0.99, r.Summary.Median, 1e-9)
	assert.InDelta(t, 0, r.Summary.IQR(), 1e-9)

	// The same times, unpaired: rounds shuffled against each other.
	shifted := append(append([]float64(nil), c[1:]...), c[0])
	m.NsPerOp[Key{"SHA256", "c", 16384}] = shifted
	r = check(m, Target{"SHA256", 16384, Throughput, 0.98})
	assert.Equal(t, Unjudgeable, r.Verdict, "without pairing the load swamps the 2%% margin: %+v", r.Summary)
}

func TestExitStatus(t *testing.T) {
	r := func(v ...Verdict) []Result {
		var rs []Result
		for _, x := range v {
			rs = append(rs, Result{Verdict: x})
		}
		return rs
	}
	tests := []struct {
		rs   []Result
		want int
	}{
		{r(Pass, Pass), exitPass},
		{r(Pass, Unjudgeable), exitUnjudgeable},
		{r(Unjudgeable, Fail), exitFail},
		{r(Pass, NoData), exitFail},
		{nil, exitPass},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(Tally(tt.rs)), func(t *testing.T) {
			assert.Equal(t, tt.want, ExitStatus(tt.rs))
		})
	}
}
