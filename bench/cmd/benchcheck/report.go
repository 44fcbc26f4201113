package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/go-hazmat/hazmat/bench/internal/peers"
)

// formatValue formats a value of a target of kind k.
func formatValue(k Kind, v float64) string {
	switch k {
	case Throughput:
		return fmt.Sprintf("%.1f%%", 100*v)
	case Overhead, VsGo:
		return fmt.Sprintf("%+.1f ns", v)
	case VsGofips:
		return fmt.Sprintf("%.2fx", v)
	}
	return fmt.Sprintf("%g", v)
}

// formatLimit formats the limit of t, with its direction.
func formatLimit(t Target) string {
	switch t.Kind {
	case Throughput:
		return fmt.Sprintf(">= %.0f%% of c", 100*t.Limit)
	case Overhead:
		return fmt.Sprintf("<= c + %.0f ns", t.Limit)
	case VsGofips:
		return fmt.Sprintf("<= %.2fx gofips", t.Limit)
	case VsGo:
		return fmt.Sprintf("<= go + %.0f ns", t.Limit)
	}
	return fmt.Sprintf("<= %g per op", t.Limit)
}

// Cells returns the median, spread and limit of r as the reports show
// them. The spread is the interquartile range [Q1, Q3]; allocation
// targets, measured once, have none.
func (r Result) Cells() (median, spread, limit string) {
	limit = formatLimit(r.Target)
	switch {
	case r.Verdict == NoData:
		names := make([]string, len(r.Missing))
		for i, k := range r.Missing {
			names[i] = fmt.Sprintf("%s/%s/%d", k.Op, k.Impl, k.Size)
		}
		return "no data for " + strings.Join(names, ", "), "", limit
	case r.Kind == Allocs:
		return formatValue(Allocs, r.Summary.Median), "", limit
	}
	return formatValue(r.Kind, r.Summary.Median),
		fmt.Sprintf("[%s, %s]", formatValue(r.Kind, r.Summary.Q1), formatValue(r.Kind, r.Summary.Q3)),
		limit
}

// Report prints one line per result and a summary line to w.
func Report(w io.Writer, rs []Result) {
	fmt.Fprintf(w, "%-11s  %-22s %-10s %11s  %-26s %s\n", "VERDICT", "TARGET", "KIND", "MEDIAN", "IQR", "LIMIT")
	for _, r := range rs {
		med, spread, limit := r.Cells()
		fmt.Fprintf(w, "%-11s  %-22s %-10s %11s  %-26s %s\n", r.Verdict, r.Name(), r.Kind, med, spread, limit)
	}
	fmt.Fprintln(w, Summary1(rs))
	writeFloors(w, rs)
}

// Summary1 is the one-line count of the verdicts.
func Summary1(rs []Result) string {
	c := Tally(rs)
	return fmt.Sprintf("%d targets: %d passed, %d failed, %d unjudgeable, %d without data",
		len(rs), c[Pass], c[Fail], c[Unjudgeable], c[NoData])
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

// sizeLabel is a size of the operation op as the tables show it: a
// length, or a count of iterations for an operation per iteration.
func sizeLabel(op string, n int) string {
	if perIteration(op) {
		return fmt.Sprintf("%d iterations", n)
	}
	return sizeName(n)
}

// opGroup is operations measured at the same sizes, which share a table.
type opGroup struct {
	ops   []string
	sizes []int
}

// head returns the header and rule lines of g's tables, after the
// leading columns lead (such as "Op" or "Op | Impl").
func (g opGroup) head(lead string) (head, rule string) {
	head, rule = "| "+lead+" |", "|"+strings.Repeat("---|", strings.Count(lead, "|")+1)
	for _, size := range g.sizes {
		head += " " + sizeLabel(g.ops[0], size) + " |"
		rule += "---:|"
	}
	return head, rule
}

// groups returns m's operations grouped by the sizes they were measured
// at (and whether those count iterations), in the order of m.Ops;
// operations measured at no size are left out.
func (m *Measurements) groups() []opGroup {
	var gs []opGroup
next:
	for _, op := range m.Ops {
		sizes := opSizes(op, m.Sizes)
		if len(sizes) == 0 {
			continue
		}
		for i, g := range gs {
			if slices.Equal(g.sizes, sizes) && perIteration(g.ops[0]) == perIteration(op) {
				gs[i].ops = append(gs[i].ops, op)
				continue next
			}
		}
		gs = append(gs, opGroup{[]string{op}, sizes})
	}
	return gs
}

// Ratio summarizes the per-round time ratio of hazmat to impl for one
// operation and size; N == 0 when either was not measured.
func (m *Measurements) Ratio(op, impl string, size int) Summary {
	return m.RatioOf(op, "hazmat", impl, size)
}

// RatioOf summarizes the per-round time ratio of impl a to impl b for one
// operation and size; N == 0 when either was not measured.
func (m *Measurements) RatioOf(op, a, b string, size int) Summary {
	h, p := m.NsPerOp[Key{op, a, size}], m.NsPerOp[Key{op, b, size}]
	return Summarize(PerRound(h, p, func(h, p float64) float64 { return h / p }))
}

// Median returns the median time per operation of k, in ns, and whether
// it was measured.
func (m *Measurements) Median(k Key) (float64, bool) {
	s := Summarize(m.NsPerOp[k])
	return s.Median, s.N > 0
}

// Markdown prints the method, the targets and the ratio tables of
// BENCHMARKS.md.
func Markdown(w io.Writer, m *Measurements, rs []Result) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	p("Machine: %s.", m.Machine)
	p("")
	p("Each operation and size ran %d paired rounds of about %v per implementation, the", m.Rounds, m.RoundTime)
	p("implementations alternating in one process in an order that rotates each round. A")
	p("ratio is the median of the per-round ratios; the interval is their interquartile")
	p("range (the middle half of the rounds). Besides hazmat, its Go backend (hazmat-go), Go's")
	p("crypto, golang-fips/openssl and the C floor (c: the operation's loop in C, one call from")
	p("Go per round), the rounds run c-call: the C floor's own function called from Go once per")
	p("operation, the least a Go API that makes one call into C per operation can cost.")
	p("")
	p("### Targets")
	p("")
	p("%s.", Summary1(rs))
	p("")
	p("| Target | Kind | Median | IQR | Limit | Verdict |")
	p("|---|---|---:|---:|---|---|")
	for _, r := range rs {
		med, spread, limit := r.Cells()
		p("| %s | %s | %s | %s | %s | %s |", r.Name(), r.Kind, med, spread, limit, r.Verdict)
	}
	if names, notes := unmet(rs); len(names) > 0 {
		p("")
		p("#### Targets not met, and their floors")
		p("")
		p("Each note is led by what this run measured of the floor: the C floor's own C function called from Go once per operation")
		p("(c-call: the C floor plus one crossing per operation, and whatever the crossing costs the C code after it), against the C floor,")
		p("and hazmat against it. The rest is from profiles: callgrind's instruction counts per operation, hazmat against the C floor, and CPU profiles.")
		p("One call from Go into C costs about 745 instructions, 32 to 43 ns, here; the C floor pays it once per round, hazmat at least once per operation.")
		p("")
		for i := range names {
			p("- **%s**: %s.", names[i], notes[i])
		}
	}
	for _, peer := range []struct{ self, impl, heading string }{
		{"hazmat", "c", "hazmat against the C floor"},
		{peers.CCall, "c", "the C floor called from Go once per operation (c-call) against the C floor"},
		{"hazmat", peers.CCall, "hazmat against the C floor called from Go once per operation (c-call)"},
		{"hazmat", "go", "hazmat against Go's crypto"},
		{"hazmat", "gofips", "hazmat against golang-fips/openssl v2.0.3"},
		{peers.HazmatGo, "go", "hazmat on the Go backend (hazmat-go) against Go's crypto"},
	} {
		p("")
		p("### %s", peer.heading)
		p("")
		p("Time ratio %s / %s, median of the rounds and interquartile range (below 1.00× %s is faster).", peer.self, peer.impl, peer.self)
		for _, g := range m.groups() {
			var rows []string
			for _, op := range g.ops {
				if lacks(op, peer.impl) || lacks(op, peer.self) {
					continue
				}
				row := []string{op}
				for _, size := range g.sizes {
					row = append(row, ratioCell(m.RatioOf(op, peer.self, peer.impl, size)))
				}
				rows = append(rows, "| "+strings.Join(row, " | ")+" |")
			}
			if len(rows) == 0 {
				continue
			}
			head, rule := g.head("Op")
			p("")
			p("%s", head)
			p("%s", rule)
			p("%s", strings.Join(rows, "\n"))
		}
	}
	p("")
	p("### Time per operation")
	p("")
	p("Median ns/op of the rounds.")
	for _, g := range m.groups() {
		head, rule := g.head("Op | Impl")
		p("")
		p("%s", head)
		p("%s", rule)
		for _, op := range g.ops {
			for _, impl := range Impls {
				row := []string{op, impl}
				for _, size := range g.sizes {
					v, ok := m.Median(Key{op, impl, size})
					row = append(row, cellf(ok, "%.0f", v))
				}
				p("| %s |", strings.Join(row, " | "))
			}
		}
	}
}

// ratioCell formats a ratio summary as "1.02× (0.99–1.05)".
func ratioCell(s Summary) string {
	if s.N == 0 || math.IsNaN(s.Median) {
		return "–"
	}
	return fmt.Sprintf("%.2f× (%.2f–%.2f)", s.Median, s.Q1, s.Q3)
}

// cellf formats a value for a table, or "–" when it is missing.
func cellf(ok bool, format string, v float64) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf(format, v)
}

// readmeNames are the operations as README.md's table names them.
var readmeNames = map[string]string{
	"AESGCMSeal":    "AES-128-GCM seal",
	"AESGCMOpen":    "AES-128-GCM open",
	"AESCBCEncrypt": "AES-256-CBC",
	"AESCTR":        "AES-128-CTR",
	"SHA256":        "SHA-256 one-shot",
	"SHA512":        "SHA-512 one-shot",
	"SHA256Hasher":  "SHA-256 reused hasher",
	"HMACSHA256":    "HMAC-SHA256 reused",
	"NewSHA256":     "new SHA-256 hasher per message",
	"NewHMACSHA256": "new HMAC-SHA256 per message",
	"HKDFSHA256":    "HKDF-SHA256, 32-byte key",
	"PBKDF2SHA256":  "PBKDF2-HMAC-SHA256, 32-byte key",
	"CMACAES128":    "CMAC-AES-128 reused",
	"AESKeyWrap":    "AES-128 key wrap of a key",
	"RandBytes":     "random bytes",
}

// Readme prints README.md's performance table: hazmat's time against
// golang-fips/openssl's, the median of the per-round ratios, with the
// sentence that names the run.
func Readme(w io.Writer, m *Measurements) {
	fmt.Fprintf(w, "From that run (%s), time per operation as a ratio to\n", m.Machine)
	fmt.Fprintf(w, "golang-fips/openssl, median of %d paired rounds (below 1.00× hazmat is faster):\n", m.Rounds)
	for _, g := range m.groups() {
		var rows []string
		for _, op := range g.ops {
			if lacks(op, "gofips") {
				continue // golang-fips/openssl lacks the operation
			}
			name := readmeNames[op]
			if name == "" {
				name = op
			}
			row := []string{name}
			for _, size := range g.sizes {
				s := m.Ratio(op, "gofips", size)
				row = append(row, cellf(s.N > 0, "%.2f×", s.Median))
			}
			rows = append(rows, "| "+strings.Join(row, " | ")+" |")
		}
		if len(rows) == 0 {
			continue
		}
		head, rule := g.head("Op")
		fmt.Fprintf(w, "\n%s\n%s\n%s\n", head, rule, strings.Join(rows, "\n"))
	}
}

// lacks says whether package peers knows op and has no implementation
// impl of it (Go's crypto and golang-fips/openssl have no CMAC).
func lacks(op, impl string) bool {
	if impl == peers.CCall {
		impl = "c" // measured wherever the C floor is
	}
	o, ok := peers.Named(op)
	if !ok {
		return false
	}
	_, has := o.Peer(impl)
	return !has
}
