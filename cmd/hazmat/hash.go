package main

import (
	"flag"
	"hash"
	"io"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

const hashHelp = `
Print the digest of each FILE (standard input with no FILE, or for "-") as
sha256sum does: "<hex>  <name>" per line. With -c, read such lines (or
"<hex> *<name>", or tagged "SHA256 (<name>) = <hex>" lines) from the FILEs
and check the files they name, as sha256sum -c does.

ALG is the digest as OpenSSL names it, in any case: sha1, sha224, sha256,
sha384, sha512, sha512-224, sha512-256, sha3-224, sha3-256, sha3-384,
sha3-512, shake128, shake256, blake2b512, blake2s256, md5, rmd160, sm3.
"hazmat info" shows which of them work on this machine.

shake128 and shake256 print 32 and 64 bytes (their full security strength)
unless -xoflen says otherwise. "openssl dgst" with OpenSSL 3.0's default
provider prints 16 and 32 bytes: -xoflen 16 and -xoflen 32 match it.

-c takes sha256sum's options --quiet (no line for a file that is OK),
--status (no output: the exit status says it all), --ignore-missing (a
listed file that does not exist is neither reported nor a failure, but a
checksum file none of whose files exist is), --strict (an improperly
formatted line is a failure) and --warn (one warning per such line). The
last of --quiet, --status and --warn given wins, as in sha256sum.
`

// runHash runs "hazmat hash".
func runHash(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := commandFlags("hash", "-a ALG [-c [CHECK-OPTIONS]] [-xoflen N] [FILE...]", hashHelp, stderr)
	algName := fs.String("a", "", "the digest `ALG`, e.g. sha256 (required)")
	check := fs.Bool("c", false, "check the checksums listed in the FILEs")
	xoflen := fs.Int("xoflen", 0, "output length `N` in bytes of shake128 and shake256 (default 32 and 64)")
	opts := checkFlags(fs)
	if code, ok := parseCommandFlags(fs, args, stdout); !ok {
		return code
	}
	if *algName == "" {
		return usageError(fs, "-a ALG is required")
	}
	if !*check && opts.given() {
		return usageError(fs, "%s applies to -c only", opts.first)
	}
	alg, ok := hashes.ByName(*algName)
	if !ok {
		return fail(stderr, "unknown digest algorithm %q (hazmat info lists them)", *algName)
	}
	if flagSet(fs, "xoflen") {
		if _, xof := alg.(backends.ExtendableOutputAlgorithm); !xof {
			return usageError(fs, "-xoflen applies to shake128 and shake256 only, not %s", alg.Name())
		}
		if *xoflen <= 0 {
			return usageError(fs, "-xoflen must be positive, got %d", *xoflen)
		}
		switch alg.(type) {
		case hashes.SHAKE128:
			alg = hashes.SHAKE128{Size: *xoflen}
		case hashes.SHAKE256:
			alg = hashes.SHAKE256{Size: *xoflen}
		}
	}
	newHash := func() (hash.Hash, error) { return hashes.NewWithBackend(alg, backend) }
	// Fail once, before reading any file, when the algorithm is unusable.
	if _, err := newHash(); err != nil {
		return fail(stderr, "%s", describeHashError(err))
	}
	p := newProgress(stderr)
	if *check {
		return checkFiles(fs.Args(), newHash, alg.Name(), strings.ToUpper(alg.Name()), *opts, p, stdin, stdout, stderr)
	}
	return sumFiles(fs.Args(), newHash, p, stdin, stdout, stderr)
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			found = true
		}
	})
	return found
}
