//go:build go1.26

package gocrypto

import "crypto/fips140"

// Enforced reports whether GODEBUG=fips140=only is in force: Go then
// refuses every algorithm its FIPS module does not approve, and so does
// this backend.
func Enforced() bool { return fips140.Enforced() }

// Version returns the version of Go's FIPS 140-3 module in use, such as
// "v1.0.0", or "latest" for the module built from the Go release's own
// sources (see GOFIPS140).
func Version() string { return fips140.Version() }
