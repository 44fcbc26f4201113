package main

import (
	"encoding/hex"
	"hash"
	"io"
	"strings"

	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

const hmacHelp = `
Print the HMAC of each FILE (standard input with no FILE, or for "-") under
the key HEXKEY, in sha256sum's format: "<hex>  <name>" per line. With -c,
read such lines from the FILEs and check the files they name.

ALG is the hash as OpenSSL names it (sha256, sha3-256, sha512-256, ...;
see "hazmat info"). HEXKEY is the key in hex; -K '' is the empty key. The
key is visible to other users of this machine in its process list.
`

// hexKey is the value of -K: a key in hex, whether -K was given, and why
// its value is not hex. Set keeps that error rather than returning it, so
// that a bad key is a failure (exit status 1) rather than a usage error,
// and the key is never echoed in a message.
type hexKey struct {
	key []byte
	set bool
	err error
}

func (k *hexKey) String() string { return "" } // never show a key in help

func (k *hexKey) Set(s string) error {
	b, err := hex.DecodeString(s)
	k.key, k.set, k.err = b, true, nil
	if err != nil {
		k.key, k.err = nil, errBadHex{err}
	}
	return nil
}

// errBadHex says a -K value is not hex, without the encoding/hex prefix.
type errBadHex struct{ err error }

func (e errBadHex) Error() string {
	return "not a hex key: " + strings.TrimPrefix(e.err.Error(), "encoding/hex: ")
}

// runHMAC runs "hazmat hmac".
func runHMAC(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := commandFlags("hmac", "-a ALG -K HEXKEY [-c] [FILE...]", hmacHelp, stderr)
	algName := fs.String("a", "", "the hash `ALG`, e.g. sha256 (required)")
	var key hexKey
	fs.Var(&key, "K", "the key in `HEX` (required; '' is the empty key)")
	check := fs.Bool("c", false, "check the MACs listed in the FILEs")
	if code, ok := parseCommandFlags(fs, args, stdout); !ok {
		return code
	}
	if key.err != nil {
		return fail(stderr, "-K: %v", key.err)
	}
	if *algName == "" {
		return usageError(fs, "-a ALG is required")
	}
	if !key.set {
		return usageError(fs, "-K HEXKEY is required")
	}
	alg, ok := hashes.ByName(*algName)
	if !ok {
		return fail(stderr, "unknown hash algorithm %q (hazmat info lists them)", *algName)
	}
	newHash := func() (hash.Hash, error) { return hmac.New(key.key, alg) }
	if _, err := newHash(); err != nil {
		return fail(stderr, "%s", describeHashError(err))
	}
	if *check {
		return checkFiles(fs.Args(), newHash, "", stdin, stdout, stderr)
	}
	return sumFiles(fs.Args(), newHash, stdin, stdout, stderr)
}
