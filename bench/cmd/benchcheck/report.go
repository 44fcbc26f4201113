package main

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// formatValue formats a value of a target of kind k.
func formatValue(k Kind, v float64) string {
	switch k {
	case Throughput:
		return fmt.Sprintf("%.1f%%", 100*v)
	case Overhead:
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

// Ratio summarizes the per-round time ratio of hazmat to impl for one
// operation and size; N == 0 when either was not measured.
func (m *Measurements) Ratio(op, impl string, size int) Summary {
	h, p := m.NsPerOp[Key{op, "hazmat", size}], m.NsPerOp[Key{op, impl, size}]
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
	p("range (the middle half of the rounds).")
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
	for _, peer := range []struct{ impl, title string }{
		{"c", "the C floor"},
		{"go", "Go's crypto"},
		{"gofips", "golang-fips/openssl v2.0.3"},
	} {
		p("")
		p("### hazmat against %s", peer.title)
		p("")
		p("Time ratio hazmat / %s, median of the rounds and interquartile range (below 1.00× hazmat is faster).", peer.impl)
		p("")
		head, rule := "| Op |", "|---|"
		for _, size := range m.Sizes {
			head += " " + sizeName(size) + " |"
			rule += "---:|"
		}
		p("%s", head)
		p("%s", rule)
		for _, op := range m.Ops {
			row := []string{op}
			for _, size := range m.Sizes {
				row = append(row, ratioCell(m.Ratio(op, peer.impl, size)))
			}
			p("| %s |", strings.Join(row, " | "))
		}
	}
	p("")
	p("### Time per operation")
	p("")
	p("Median ns/op of the rounds.")
	p("")
	head, rule := "| Op | Impl |", "|---|---|"
	for _, size := range m.Sizes {
		head += " " + sizeName(size) + " |"
		rule += "---:|"
	}
	p("%s", head)
	p("%s", rule)
	for _, op := range m.Ops {
		for _, impl := range Impls {
			row := []string{op, impl}
			for _, size := range m.Sizes {
				v, ok := m.Median(Key{op, impl, size})
				row = append(row, cellf(ok, "%.0f", v))
			}
			p("| %s |", strings.Join(row, " | "))
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
}

// Readme prints README.md's performance table: hazmat's time against
// golang-fips/openssl's, the median of the per-round ratios, with the
// sentence that names the run.
func Readme(w io.Writer, m *Measurements) {
	fmt.Fprintf(w, "From that run (%s), time per operation as a ratio to\n", m.Machine)
	fmt.Fprintf(w, "golang-fips/openssl, median of %d paired rounds (below 1.00× hazmat is faster):\n\n", m.Rounds)
	head, rule := "| Op |", "|---|"
	for _, size := range m.Sizes {
		head += " " + sizeName(size) + " |"
		rule += "---:|"
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, rule)
	for _, op := range m.Ops {
		name := readmeNames[op]
		if name == "" {
			name = op
		}
		row := []string{name}
		for _, size := range m.Sizes {
			s := m.Ratio(op, "gofips", size)
			row = append(row, cellf(s.N > 0, "%.2f×", s.Median))
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
	}
}
