package main

import (
	"hash"
	"io"
	"strings"

	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

const hmacHelp = `
Print the HMAC of each FILE (standard input with no FILE, or for "-") under
the key KEY, in sha256sum's format: "<hex>  <name>" per line. With -c,
read such lines from the FILEs and check the files they name.

ALG is the hash as OpenSSL names it (sha256, sha3-256, sha512-256, ...;
see "hazmat info"). KEY is the key in hex, of any length; -K '' is the
empty key. A key on the command line is visible to other users of this
machine in its process list: prefer env:NAME or file:PATH.

` + keySourceHelp + `

-c takes sha256sum's options --quiet, --status, --ignore-missing, --strict
and --warn, with its exit statuses.
`

// runHMAC runs "hazmat hmac".
func runHMAC(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := commandFlags("hmac", "-a ALG -K KEY [-c [CHECK-OPTIONS]] [FILE...]", hmacHelp, stderr)
	algName := fs.String("a", "", "the hash `ALG`, e.g. sha256 (required)")
	var keyArg hexKey
	fs.Var(&keyArg, "K", "the `KEY` in hex, or env:NAME, or file:PATH (required; '' is the empty key)")
	check := fs.Bool("c", false, "check the MACs listed in the FILEs")
	opts := checkFlags(fs)
	if code, ok := parseCommandFlags(fs, args, stdout); !ok {
		return code
	}
	if *algName == "" {
		return usageError(fs, "-a ALG is required")
	}
	if !keyArg.set {
		return usageError(fs, "-K KEY is required")
	}
	if !*check && opts.given() {
		return usageError(fs, "%s applies to -c only", opts.first)
	}
	key, err := keyArg.Key()
	if err != nil {
		return fail(stderr, "-K: %v", err)
	}
	alg, ok := hashes.ByName(*algName)
	if !ok {
		return fail(stderr, "unknown hash algorithm %q (hazmat info lists them)", *algName)
	}
	newHash := func() (hash.Hash, error) { return hmac.NewWithBackend(key, alg, backend) }
	if _, err := newHash(); err != nil {
		return fail(stderr, "%s", describeHashError(err))
	}
	p := newProgress(stderr)
	if *check {
		return checkFiles(fs.Args(), newHash, "", "HMAC-"+strings.ToUpper(alg.Name()), *opts, p, stdin, stdout, stderr)
	}
	return sumFiles(fs.Args(), newHash, p, stdin, stdout, stderr)
}
