package main

// Progress of long work on standard error, as pv shows it: for an input of
// more than progressThreshold bytes, when standard error is a terminal.

import (
	"fmt"
	"io"
	"os"
	"time"
)

const (
	// progressThreshold is the input size from which progress shows.
	progressThreshold = 256 << 20
	// progressInterval is the time between two progress lines.
	progressInterval = 500 * time.Millisecond
	// progressEnv overrides the terminal test: "always" shows progress for
	// every input, whatever standard error is; "never" never does.
	progressEnv = "HAZMAT_PROGRESS"
)

// progressHelp is the paragraph of help that hash, hmac, enc and dec share.
const progressHelp = `On an input larger than 256 MiB, progress shows on standard error when it
is a terminal (never otherwise); HAZMAT_PROGRESS=always or =never in the
environment overrides that.`

// progress writes progress lines to a terminal. A nil *progress shows
// nothing.
type progress struct {
	w         io.Writer
	threshold int64
}

// newProgress returns where progress goes: stderr when it is a terminal
// (or HAZMAT_PROGRESS=always), else nil.
func newProgress(stderr io.Writer) *progress {
	switch os.Getenv(progressEnv) {
	case "always":
		return &progress{w: stderr}
	case "never":
		return nil
	}
	if f, ok := stderr.(*os.File); ok && isTerminal(f) {
		return &progress{w: stderr, threshold: progressThreshold}
	}
	return nil
}

// reader returns r, counting what is read from it, for the input called
// name. Call done when the input is finished. The reader hides any
// WriterTo of r, so that io.CopyBuffer uses its buffer.
func (p *progress) reader(name string, r io.Reader) *progressReader {
	pr := &progressReader{r: r, p: p, name: name, size: -1}
	if p == nil {
		return pr
	}
	if name == stdinName {
		pr.name = "standard input"
	}
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			pr.size = fi.Size()
		}
	}
	pr.start = time.Now()
	return pr
}

// A progressReader counts the bytes read through it and shows them.
type progressReader struct {
	r     io.Reader
	p     *progress
	name  string
	size  int64 // -1 when unknown
	n     int64
	start time.Time
	last  time.Time
	shown bool
}

func (pr *progressReader) Read(b []byte) (int, error) {
	n, err := pr.r.Read(b)
	if pr.p == nil {
		return n, err
	}
	pr.n += int64(n)
	if pr.n >= pr.p.threshold || pr.size >= pr.p.threshold {
		if now := time.Now(); !pr.shown || now.Sub(pr.last) >= progressInterval {
			pr.last = now
			pr.show("\r")
		}
	}
	return n, err
}

// done ends the progress line of the input, if one was shown.
func (pr *progressReader) done() {
	if pr.p == nil || !pr.shown {
		return
	}
	pr.show("\r")
	fmt.Fprint(pr.p.w, "\n")
}

// show writes the progress line, starting with lead.
func (pr *progressReader) show(lead string) {
	pr.shown = true
	line := fmt.Sprintf("hazmat: %s: %s", displayName(pr.name), sizeText(pr.n))
	if pr.size >= 0 {
		pct := 100.0
		if pr.size > 0 {
			pct = 100 * float64(pr.n) / float64(pr.size)
		}
		line += fmt.Sprintf(" of %s (%.0f%%)", sizeText(pr.size), pct)
	}
	if secs := time.Since(pr.start).Seconds(); secs > 0 {
		line += fmt.Sprintf(", %.0f MB/s", float64(pr.n)/secs/1e6)
	}
	// \033[K clears what a longer previous line left.
	fmt.Fprintf(pr.p.w, "%s%s\033[K", lead, line)
}

// sizeText writes a byte count as "512 B", "3.2 MiB", "1.5 GiB".
func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
