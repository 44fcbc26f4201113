package main

import (
	"fmt"
	"io"
	"runtime"
	"strconv"
	"text/tabwriter"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

const infoHelp = `
Show the backend in use (-backend): for OpenSSL its version, whether FIPS
mode is on and the providers loaded (run "hazmat -fips info" to see FIPS
mode's answers); for Go's crypto its FIPS 140-3 module, that module's
mode (off, on or only: GODEBUG=fips140) and the Go version. Then which
algorithms work on this machine in the current mode, as the backend
answers.
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

// writeLibrary writes the backend in use, its module's version and its
// FIPS mode.
func writeLibrary(w io.Writer) error {
	if backendName == defaultbackend.Go {
		tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
		fmt.Fprintf(tw, "Backend:\tgo\n")
		fmt.Fprintf(tw, "Module:\t%s %s\n", gocrypto.ModuleName, gocrypto.Version())
		fmt.Fprintf(tw, "FIPS mode:\t%s\n", goFIPSMode())
		fmt.Fprintf(tw, "Go:\t%s\n", runtime.Version())
		return tw.Flush()
	}
	major, minor, patch := openssl.VersionNumber()
	fips := "off"
	if openssl.FIPS() {
		fips = "on"
	}
	if v := openssl.FIPSProviderVersion(); v != "" {
		fips += " (FIPS provider " + v + " loaded)"
	}
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	fmt.Fprintf(tw, "Backend:\topenssl\n")
	fmt.Fprintf(tw, "OpenSSL:\t%s (%d.%d.%d)\n", openssl.Version(), major, minor, patch)
	fmt.Fprintf(tw, "FIPS mode:\t%s\n", fips)
	return tw.Flush()
}

// goFIPSMode names the mode of Go's FIPS 140-3 module, as GODEBUG=fips140
// spells it: "off", "on" or "only".
func goFIPSMode() string {
	switch {
	case gocrypto.Enforced():
		return "only"
	case gocrypto.FIPS():
		return "on"
	}
	return "off"
}

// writeProviders writes the table of loaded OpenSSL providers, and nothing
// for another backend.
func writeProviders(w io.Writer) error {
	if backendName != defaultbackend.OpenSSL {
		return nil
	}
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
// hashing and HMAC with it work now on the backend in use.
func writeHashTable(w io.Writer) error {
	fmt.Fprintln(w, "Hash algorithms:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  ALGORITHM\tBYTES\tHASH\tHMAC")
	for _, alg := range hashes.All() {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", alg.Name(), strconv.Itoa(alg.DigestSize()),
			yesNo(backend.HashSupported(alg)), yesNo(backend.HMACSupported(alg)))
	}
	return tw.Flush()
}

// writeCipherMatrix writes which block cipher and mode pairs work now,
// one row per cipher and key size and one column per mode ("yes", "no",
// or "-" where the mode refuses the cipher, such as GCM with a 64-bit
// block), then the stream ciphers and the AEADs.
func writeCipherMatrix(w io.Writer) error {
	fmt.Fprintln(w, "Block ciphers and modes (-: no such pair):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "  CIPHER")
	for _, m := range matrixModes {
		fmt.Fprint(tw, "\t"+m.name)
	}
	fmt.Fprintln(tw)
	for _, r := range matrixRows() {
		fmt.Fprint(tw, "  "+r.name)
		for _, m := range matrixModes {
			fmt.Fprint(tw, "\t"+blockCell(r, m))
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w)
	fmt.Fprintln(w, "Stream ciphers and AEADs:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  CIPHER\tSUPPORTED")
	for _, c := range otherCiphers {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, yesNo(c.supported()))
	}
	return tw.Flush()
}

// A matrixMode is a column of the cipher matrix: a mode built with an IV
// (or tweak) of ivLen bytes, the cipher's block size.
type matrixMode struct {
	name  string
	build func(iv []byte) (backends.Mode, error)
}

var matrixModes = []matrixMode{
	{"ECB", func([]byte) (backends.Mode, error) { return modes.NewECB(), nil }},
	{"CBC", func(iv []byte) (backends.Mode, error) { return modes.NewCBC(iv) }},
	{"CTR", func(iv []byte) (backends.Mode, error) { return modes.NewCTR(iv) }},
	{"OFB", func(iv []byte) (backends.Mode, error) { return modes.NewOFB(iv) }},
	{"CFB", func(iv []byte) (backends.Mode, error) { return modes.NewCFB(iv) }},
	{"CFB8", func(iv []byte) (backends.Mode, error) { return modes.NewCFB8(iv) }},
	{"GCM", func(iv []byte) (backends.Mode, error) { return modes.NewGCM(iv[:min(len(iv), 12)], nil) }},
	{"XTS", func([]byte) (backends.Mode, error) { return modes.NewXTS(make([]byte, 16)) }},
}

// A matrixRow is a row of the cipher matrix: a block cipher with a key of
// keyLen bytes (XTS takes twice as many).
type matrixRow struct {
	name      string
	keyLen    int
	blockSize int // bytes
	newAlg    func(key []byte) (backends.CipherAlgorithm, error)
}

func matrixRows() []matrixRow {
	aes := func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewAES(k) }
	camellia := func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewCamellia(k) }
	return []matrixRow{
		{"AES-128", 16, 16, aes},
		{"AES-192", 24, 16, aes},
		{"AES-256", 32, 16, aes},
		{"Camellia-128", 16, 16, camellia},
		{"Camellia-192", 24, 16, camellia},
		{"Camellia-256", 32, 16, camellia},
		{"TripleDES", 24, 8, func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewTripleDES(k) }},
		{"Blowfish", 16, 8, func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewBlowfish(k) }},
		{"CAST5", 16, 8, func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewCAST5(k) }},
		{"SEED", 16, 16, func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewSEED(k) }},
		{"IDEA", 16, 8, func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewIDEA(k) }},
		{"SM4", 16, 16, func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewSM4(k) }},
	}
}

// blockCell answers one cell: "-" when the mode refuses the cipher (or no
// descriptor of that key size exists, as for AES-192-XTS), else whether
// the backend runs the pair now.
func blockCell(r matrixRow, m matrixMode) string {
	keyLen := r.keyLen
	if m.name == "XTS" {
		keyLen *= 2
	}
	alg, err := r.newAlg(matrixKey(keyLen))
	if err != nil {
		return "-"
	}
	mode, err := m.build(make([]byte, r.blockSize))
	if err != nil || mode.ValidateForAlgorithm(alg) != nil {
		return "-"
	}
	return yesNo(backend.CipherSupported(alg, mode))
}

// matrixKey returns a key of n bytes with no repeated 8-byte part, so that
// no check of weak or repeated keys (XTS halves, TripleDES parts) refuses
// it.
func matrixKey(n int) []byte {
	k := make([]byte, n)
	for i := range k {
		k[i] = byte(i*37 + 11)
	}
	return k
}

// otherCiphers are the rows of the second table: the ciphers that take no
// mode and the AEADs of package aead.
var otherCiphers = []struct {
	name      string
	supported func() bool
}{
	{"ARC4", func() bool {
		c, err := algorithms.NewARC4(matrixKey(16))
		return err == nil && backend.CipherSupported(c, nil)
	}},
	{"ChaCha20", func() bool {
		c, err := algorithms.NewChaCha20(matrixKey(32), make([]byte, 16))
		return err == nil && backend.CipherSupported(c, nil)
	}},
	{"AES-GCM", func() bool { _, err := aead.NewAESGCMWithBackend(matrixKey(16), backend); return err == nil }},
	{"AES-CCM", func() bool { _, err := aead.NewAESCCMWithBackend(matrixKey(16), 16, backend); return err == nil }},
	{"ChaCha20-Poly1305", func() bool { _, err := aead.NewChaCha20Poly1305WithBackend(matrixKey(32), backend); return err == nil }},
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
