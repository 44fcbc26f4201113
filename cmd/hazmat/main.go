package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"text/tabwriter"

	// Imported first of the module by initialisation order: a bad
	// HAZMAT_BACKEND is a one-line error there, not the library's panic.
	_ "github.com/go-hazmat/hazmat/cmd/hazmat/internal/envguard"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/kat"
	"github.com/go-hazmat/hazmat/openssl"
)

// Exit statuses, as sha256sum and most Unix tools use them.
const (
	exitOK      = 0 // success
	exitFailure = 1 // the work failed: bad input, unreadable file, mismatch
	exitUsage   = 2 // the command line was wrong
)

// A command is one subcommand of hazmat. To add one, write its run function
// in a file of its own (enc.go, bench.go, ...) and add a line to [commands].
type command struct {
	// name is the word that selects the command: hazmat NAME ....
	name string
	// summary is the one-line description shown in hazmat's usage.
	summary string
	// run executes the command with the arguments that follow its name. It
	// reads standard input from stdin only, writes only to stdout and
	// stderr, and returns the exit status; it never calls os.Exit. -h and
	// -help print the command's help on stdout and return exitOK.
	run func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

// commands is the command table, in the order usage lists them.
var commands = []command{
	{"info", "show the backend, its FIPS mode, OpenSSL's providers and supported algorithms", runInfo},
	{"hash", "compute or check message digests, like sha256sum", runHash},
	{"hmac", "compute or check HMACs of files", runHMAC},
	{"kdf", "derive a key with HKDF, PBKDF2, KBKDF, X9.63, SSKDF or scrypt, like openssl kdf", runKDF},
	{"enc", "encrypt a stream with a raw key, like openssl enc -e", runEnc},
	{"dec", "decrypt a stream with a raw key, like openssl enc -d", runDec},
	{"mac", "compute a CMAC, GMAC, KMAC, Poly1305 or HMAC, like openssl mac", runMAC},
	{"rand", "write random bytes from the backend's DRBG, like openssl rand", runRand},
	{"wrap", "wrap a key with AES key wrap, RFC 3394 or with -pad RFC 5649", runWrap},
	{"unwrap", "unwrap a key wrapped with AES key wrap", runUnwrap},
	{"vectors", "run NIST CAVP and RFC test-vector files against the backend", runVectors},
	{"bench", "compare hazmat with Go's crypto on this machine", runBench},
	{"version", "show the versions of hazmat, Go and the backend's module", runVersion},
}

func lookupCommand(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// backend is the backend every command runs on, and backendName its name
// (defaultbackend.OpenSSL or defaultbackend.Go): the global flag -backend
// chooses it, by default the default backend (HAZMAT_BACKEND, else the
// build's). Commands pass it to the primitives' WithBackend constructors.
var (
	backend     defaultbackend.Backend
	backendName string
)

// runMu keeps one run at a time in a process: backend and backendName
// belong to the run that set them. The tool makes one run per process;
// its tests make many, some at once.
var runMu sync.Mutex

// run is hazmat's whole command line: global flags, then a command and its
// arguments. It returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	runMu.Lock()
	defer runMu.Unlock()
	fs := flag.NewFlagSet("hazmat", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // usage is printed below, where it belongs
	fs.Usage = func() {}
	fips := fs.Bool("fips", false, "switch OpenSSL's FIPS mode on before running the command (with -backend go: check that Go's FIPS module is on)")
	chosen := fs.String("backend", defaultbackend.Name(), "run on the `BACKEND` go (Go's crypto and its FIPS 140-3 module) or openssl; the default comes from "+defaultbackend.Env+", else the build (openssl with cgo, go without)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, fs)
			return exitOK
		}
		return topUsageError(stderr, "%v", err)
	}
	if fs.NArg() == 0 {
		return topUsageError(stderr, "no command given")
	}
	name, rest := fs.Arg(0), fs.Args()[1:]
	if name == "help" {
		return runHelp(rest, stdout, stderr, fs)
	}
	cmd, ok := lookupCommand(name)
	if !ok {
		return topUsageError(stderr, "unknown command %q", name)
	}
	b, err := defaultbackend.Lookup(*chosen)
	if err != nil {
		return topUsageError(stderr, "-backend: %v", err)
	}
	backend, backendName = b, *chosen
	if backendName == defaultbackend.OpenSSL {
		if err := openssl.Init(); err != nil {
			return fail(stderr, "OpenSSL failed to initialise: %v", err)
		}
	}
	if *fips {
		if code := enableFIPS(stderr); code != exitOK {
			return code
		}
	}
	return cmd.run(rest, stdin, stdout, stderr)
}

// fipsHint is the remedy printed after a failure to load the FIPS provider.
const fipsHint = "install the FIPS provider (Debian: openssl-provider-fips), or point OPENSSL_MODULES at the folder that holds fips.so and OPENSSL_CONF at a configuration that includes its fipsmodule.cnf (in a checkout: eval \"$(scripts/fips-setup.sh)\")"

// goFIPSHint says how FIPS mode of the Go backend is switched on.
const goFIPSHint = "Go's FIPS 140-3 module is chosen when the program starts and cannot be switched on afterwards: run hazmat with GODEBUG=fips140=on (or fips140=only to refuse every algorithm it does not approve)"

// enableFIPS switches OpenSSL's FIPS mode on for -fips. On failure it
// prints the library's error and, unless that error already says what to
// do, a line with the remedy, and returns exitFailure. With the Go backend
// it only checks that Go's module is in FIPS mode, which it cannot switch.
func enableFIPS(stderr io.Writer) int {
	if backendName == defaultbackend.Go {
		if gocrypto.FIPS() {
			return exitOK
		}
		return fail(stderr, "-fips with -backend go: FIPS mode is off; %s", goFIPSHint)
	}
	if openssl.FIPS() {
		return exitOK
	}
	err := openssl.SetFIPS(true)
	if err == nil {
		return exitOK
	}
	if errors.Is(err, openssl.ErrFIPSProviderNotFound) {
		msg := strings.TrimPrefix(err.Error(), "openssl: ")
		if !strings.Contains(msg, openssl.ModulesDir()) {
			msg = fmt.Sprintf("no FIPS provider found in %s: %s", openssl.ModulesDir(), msg)
		}
		warn(stderr, "-fips: %s", msg)
		if !strings.Contains(msg, "OPENSSL_MODULES") {
			warn(stderr, "hint: %s", fipsHint)
		}
		return exitFailure
	}
	return fail(stderr, "-fips: cannot switch FIPS mode on: %v", err)
}

// topUsageError reports a wrong command line before any command: one line
// saying what is wrong, one saying where help is.
func topUsageError(stderr io.Writer, format string, a ...any) int {
	fmt.Fprintf(stderr, "hazmat: %s\n", fmt.Sprintf(format, a...))
	fmt.Fprintln(stderr, `usage: hazmat [-backend go|openssl] [-fips] COMMAND [ARGS...]; see "hazmat help"`)
	return exitUsage
}

// runHelp runs "hazmat help [COMMAND]".
func runHelp(args []string, stdout, stderr io.Writer, fs *flag.FlagSet) int {
	if len(args) == 0 {
		usage(stdout, fs)
		return exitOK
	}
	cmd, ok := lookupCommand(args[0])
	if !ok {
		return topUsageError(stderr, "unknown command %q", args[0])
	}
	return cmd.run([]string{"-h"}, strings.NewReader(""), stdout, stderr)
}

// usage writes hazmat's usage: the global flags and the command table.
func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "usage: hazmat [-backend go|openssl] [-fips] COMMAND [ARGS...]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Global flags:")
	printDefaults(w, fs)
	fmt.Fprintln(w)
	fmt.Fprintln(w, `Run "hazmat help COMMAND" or "hazmat COMMAND -h" for a command's flags.`)
}

// printDefaults writes fs's flags to w (the flag package writes to the flag
// set's output only).
func printDefaults(w io.Writer, fs *flag.FlagSet) {
	out := fs.Output()
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(out)
}

// globalFIPSFlag is the name of the global flag -fips, which every command
// also accepts among its own flags (hazmat info -fips).
const globalFIPSFlag = "fips"

// commandFlags returns a flag set for a command. synopsis is the usage line
// after "hazmat NAME", help the text that follows it in the command's help.
// The set also holds the global flag -fips. Parse the arguments with
// [parseCommandFlags].
func commandFlags(name, synopsis, help string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("hazmat "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Bool(globalFIPSFlag, false, "switch OpenSSL's FIPS mode on first, as the global flag -fips does")
	synopses.Store(fs, synopsis)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintln(w, synopsisLine(name, synopsis))
		if help != "" {
			fmt.Fprintln(w)
			fmt.Fprint(w, strings.TrimLeft(help, "\n"))
		}
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(w)
			fmt.Fprintln(w, "Flags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// synopses maps each command's flag set to its synopsis, for usageError.
var synopses sync.Map

// synopsisLine returns the usage line of command name.
func synopsisLine(name, synopsis string) string {
	return strings.TrimSpace("usage: hazmat [-fips] " + name + " " + synopsis)
}

// commandName returns the name of the command whose flag set is fs.
func commandName(fs *flag.FlagSet) string {
	return strings.TrimPrefix(fs.Name(), "hazmat ")
}

// parseCommandFlags parses a command's arguments and, for -fips, switches
// FIPS mode on. When it returns ok false, the command must return code:
// exitOK after -h (help printed on stdout), exitUsage after a bad flag
// (two lines on stderr, see [usageError]), exitFailure when FIPS mode
// cannot be switched on.
func parseCommandFlags(fs *flag.FlagSet, args []string, stdout io.Writer) (code int, ok bool) {
	stderr := fs.Output()
	fs.SetOutput(io.Discard) // the flag package would print the help itself
	err := fs.Parse(args)
	fs.SetOutput(stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		fs.SetOutput(stderr)
		return exitOK, false
	case err != nil:
		return usageError(fs, "%v", err), false
	}
	if f := fs.Lookup(globalFIPSFlag); f != nil && f.Value.String() == "true" {
		if code := enableFIPS(stderr); code != exitOK {
			return code, false
		}
	}
	return exitOK, true
}

// usageError reports a wrong command line of a command in two lines on
// stderr: what is wrong, then the command's usage line and where its help
// is. It returns exitUsage.
func usageError(fs *flag.FlagSet, format string, a ...any) int {
	w := fs.Output()
	fmt.Fprintf(w, "%s: %s\n", fs.Name(), fmt.Sprintf(format, a...))
	name := commandName(fs)
	synopsis, _ := synopses.Load(fs)
	syn, _ := synopsis.(string)
	fmt.Fprintf(w, "%s; see \"hazmat help %s\"\n", synopsisLine(name, syn), name)
	return exitUsage
}

// fail writes a one-line error "hazmat: ..." on stderr and returns
// exitFailure.
func fail(stderr io.Writer, format string, a ...any) int {
	warn(stderr, format, a...)
	return exitFailure
}

// warn writes a one-line message "hazmat: ..." on stderr.
func warn(stderr io.Writer, format string, a ...any) {
	msg := fmt.Sprintf(format, a...)
	msg = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(msg)
	fmt.Fprintf(stderr, "hazmat: %s\n", msg)
}

// describeUnsupported returns the short text for an error that says an
// algorithm is unsupported, e.g. "md5: refused in FIPS mode", and false
// for other errors.
// libraryPackages are the packages whose errors start with their name.
var libraryPackages = []string{"openssl", "gocrypto", "hashes", "hmac", "mac", "macalg", "kdf", "kdfalg",
	"keywrap", "aead", "ciphers", "modes", "algorithms", "padding", "rand"}

// withoutPackage returns msg without the package prefix a library error
// starts with ("openssl: "), so that the command's "hazmat: " is the one
// prefix of the line.
func withoutPackage(msg string) string {
	for _, p := range libraryPackages {
		if rest, ok := strings.CutPrefix(msg, p+": "); ok {
			return rest
		}
	}
	return msg
}

func describeUnsupported(err error) (string, bool) {
	return kat.DescribeUnsupported(err)
}

// displayName returns a file name fit for a one-line message: quoted when
// it holds control characters, as is otherwise.
func displayName(name string) string {
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return fmt.Sprintf("%q", name)
		}
	}
	return name
}
