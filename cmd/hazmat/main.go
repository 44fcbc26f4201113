package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/go-hazmat/hazmat/backends"
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
	{"info", "show OpenSSL, FIPS mode, providers and supported algorithms", runInfo},
	{"hash", "compute or check message digests, like sha256sum", runHash},
	{"hmac", "compute or check HMACs of files", runHMAC},
	{"enc", "encrypt a stream with a raw key, like openssl enc -e", runEnc},
	{"dec", "decrypt a stream with a raw key, like openssl enc -d", runDec},
	{"vectors", "run NIST CAVP and RFC test-vector files against OpenSSL", runVectors},
	{"bench", "compare hazmat with Go's crypto on this machine", runBench},
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

// run is hazmat's whole command line: global flags, then a command and its
// arguments. It returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("hazmat", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // usage is printed below, where it belongs
	fs.Usage = func() {}
	fips := fs.Bool("fips", false, "switch OpenSSL's FIPS mode on before running the command")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, fs)
			return exitOK
		}
		fmt.Fprintf(stderr, "hazmat: %v\n", err)
		usage(stderr, fs)
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "hazmat: no command given")
		usage(stderr, fs)
		return exitUsage
	}
	name, rest := fs.Arg(0), fs.Args()[1:]
	if name == "help" {
		return runHelp(rest, stdout, stderr, fs)
	}
	cmd, ok := lookupCommand(name)
	if !ok {
		fmt.Fprintf(stderr, "hazmat: unknown command %q\n", name)
		usage(stderr, fs)
		return exitUsage
	}
	if err := openssl.Init(); err != nil {
		return fail(stderr, "OpenSSL failed to initialise: %v", err)
	}
	if *fips {
		if err := openssl.SetFIPS(true); err != nil {
			if errors.Is(err, openssl.ErrFIPSProviderNotFound) {
				// The error names the folder, the cause and the remedy.
				return fail(stderr, "-fips: %s", strings.TrimPrefix(err.Error(), "openssl: "))
			}
			return fail(stderr, "-fips: cannot switch FIPS mode on: %v", err)
		}
	}
	return cmd.run(rest, stdin, stdout, stderr)
}

// runHelp runs "hazmat help [COMMAND]".
func runHelp(args []string, stdout, stderr io.Writer, fs *flag.FlagSet) int {
	if len(args) == 0 {
		usage(stdout, fs)
		return exitOK
	}
	cmd, ok := lookupCommand(args[0])
	if !ok {
		fmt.Fprintf(stderr, "hazmat: unknown command %q\n", args[0])
		usage(stderr, fs)
		return exitUsage
	}
	return cmd.run([]string{"-h"}, strings.NewReader(""), stdout, stderr)
}

// usage writes hazmat's usage: the global flags and the command table.
func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "usage: hazmat [-fips] COMMAND [ARGS...]")
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

// commandFlags returns a flag set for a command. synopsis is the usage line
// after "hazmat NAME", help the text that follows it in the command's help.
// Parse the arguments with [parseCommandFlags].
func commandFlags(name, synopsis, help string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("hazmat "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintln(w, strings.TrimSpace("usage: hazmat [-fips] "+name+" "+synopsis))
		if help != "" {
			fmt.Fprintln(w)
			fmt.Fprint(w, strings.TrimLeft(help, "\n"))
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Flags:")
		fs.PrintDefaults()
	}
	return fs
}

// parseCommandFlags parses a command's arguments. When it returns ok false,
// the command must return code: exitOK after -h (help printed on stdout),
// exitUsage after a bad flag (error and help printed on stderr).
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
		fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), err)
		fs.Usage()
		return exitUsage, false
	}
	return exitOK, true
}

// usageError reports a wrong command line of a command: a one-line error,
// then the command's help, on stderr. It returns exitUsage.
func usageError(fs *flag.FlagSet, format string, a ...any) int {
	fmt.Fprintf(fs.Output(), "%s: %s\n", fs.Name(), fmt.Sprintf(format, a...))
	fs.Usage()
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
func describeUnsupported(err error) (string, bool) {
	var ue *backends.UnsupportedAlgorithmError
	if !errors.As(err, &ue) {
		return "", false
	}
	what := ue.Algorithm
	if ue.Mode != "" {
		what += " in " + ue.Mode + " mode"
	}
	return what + ": " + ue.Reason.String(), true
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
