package main

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

const infoHelp = `
Show the OpenSSL library in use, whether FIPS mode is on, the providers
loaded, and which algorithms work on this machine in the current mode
(run "hazmat -fips info" to see FIPS mode's answers).
`

// infoSections are the parts of "hazmat info", in order. Each writes a
// heading and its lines to w; one that has nothing to say writes nothing.
var infoSections = []func(w io.Writer) error{
	writeLibrary,
	writeProviders,
	writeHashTable,
	writeCipherMatrix,
}

// runInfo runs "hazmat info".
func runInfo(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := commandFlags("info", "", infoHelp, stderr)
	if code, ok := parseCommandFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(fs, "unexpected argument %q", fs.Arg(0))
	}
	wrote := false
	for _, section := range infoSections {
		sw := &sectionWriter{w: stdout, blankLine: wrote}
		if err := section(sw); err != nil {
			return fail(stderr, "info: %v", err)
		}
		wrote = wrote || sw.started
	}
	return exitOK
}

// sectionWriter writes one section of info: when blankLine is set, a blank
// line goes before its first bytes, so that a section that writes nothing
// leaves no trace.
type sectionWriter struct {
	w         io.Writer
	blankLine bool
	started   bool
}

func (s *sectionWriter) Write(p []byte) (int, error) {
	if !s.started && len(p) > 0 {
		s.started = true
		if !s.blankLine {
			return s.w.Write(p)
		}
		if _, err := io.WriteString(s.w, "\n"); err != nil {
			return 0, err
		}
	}
	return s.w.Write(p)
}

// writeLibrary writes the OpenSSL version and the FIPS mode.
func writeLibrary(w io.Writer) error {
	major, minor, patch := openssl.VersionNumber()
	fips := "off"
	if openssl.FIPS() {
		fips = "on"
	}
	if v := openssl.FIPSProviderVersion(); v != "" {
		fips += " (FIPS provider " + v + " loaded)"
	}
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	fmt.Fprintf(tw, "OpenSSL:\t%s (%d.%d.%d)\n", openssl.Version(), major, minor, patch)
	fmt.Fprintf(tw, "FIPS mode:\t%s\n", fips)
	return tw.Flush()
}

// writeProviders writes the table of loaded providers.
func writeProviders(w io.Writer) error {
	fmt.Fprintln(w, "Providers:")
	ps := openssl.Providers()
	if len(ps) == 0 {
		fmt.Fprintln(w, "  (none loaded)")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  NAME\tVERSION\tSTATUS")
	for _, p := range ps {
		version := p.Version
		if version == "" {
			version = "-"
		}
		status := "active"
		if !p.Status {
			status = "not usable"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", p.Name, version, status)
	}
	return tw.Flush()
}

// writeHashTable writes, for every hash algorithm hazmat knows, whether
// hashing and HMAC with it work now.
func writeHashTable(w io.Writer) error {
	fmt.Fprintln(w, "Hash algorithms:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  ALGORITHM\tBYTES\tHASH\tHMAC")
	for _, alg := range hashes.All() {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", alg.Name(), strconv.Itoa(alg.DigestSize()),
			yesNo(hashes.Supported(alg)), yesNo(hmac.Supported(alg)))
	}
	return tw.Flush()
}

// writeCipherMatrix is where the table of ciphers × modes, each marked
// supported or not, will be written: a heading, then one row per cipher
// and key size and one column per mode, with tabwriter as in
// writeHashTable. It writes nothing yet.
func writeCipherMatrix(w io.Writer) error {
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
