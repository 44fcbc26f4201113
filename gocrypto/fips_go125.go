//go:build !go1.26

package gocrypto

import (
	"os"
	"strings"
)

// Enforced reports whether GODEBUG=fips140=only is in force: Go then
// refuses every algorithm its FIPS module does not approve, and so does
// this backend. Go 1.25 has no crypto/fips140.Enforced; this reads the
// GODEBUG environment variable when the package is loaded (the last
// fips140 setting wins, as in Go), and does not see a godebug line of the
// main module's go.mod.
func Enforced() bool { return godebugOnly && FIPS() }

var godebugOnly = func() bool {
	only := false
	for _, kv := range strings.Split(os.Getenv("GODEBUG"), ",") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(kv), "fips140="); ok {
			only = v == "only"
		}
	}
	return only
}()

// Version returns the version of Go's FIPS 140-3 module in use. Go 1.25
// cannot report it (crypto/fips140.Version came with Go 1.26): the answer
// is "unknown".
func Version() string { return "unknown" }
