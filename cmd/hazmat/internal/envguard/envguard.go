// Package envguard checks the environment variable HAZMAT_BACKEND before
// package internal/defaultbackend reads it, so that hazmat answers a value
// its build cannot serve with a one-line error and exit status 2 rather
// than the library's panic (with its goroutine dump) at start.
//
// It works by Go's package initialisation order (The Go Programming
// Language Specification, "Package initialization", Go 1.21 and later):
// packages are initialised one at a time, each time the first, in the
// order of their import paths, whose imports are all initialised. This
// package imports only the standard library, and its path
// (.../cmd/hazmat/internal/envguard) sorts before
// .../internal/defaultbackend, which imports more of the module: its init
// always runs first. hazmat imports it for that effect alone.
//
// The values it takes are those of package defaultbackend, which cannot be
// imported here without initialising it first; a test of hazmat holds the
// two answers equal.
package envguard

import (
	"fmt"
	"os"
)

// Env, Go and OpenSSL are defaultbackend.Env, defaultbackend.Go and
// defaultbackend.OpenSSL.
const (
	Env     = "HAZMAT_BACKEND"
	Go      = "go"
	OpenSSL = "openssl"
)

// Check returns nil when the library takes value of Env as its choice of
// backend in this build ("" for unset, "go", and "openssl" with cgo), and
// otherwise the error hazmat prints.
func Check(value string) error {
	switch {
	case value == "" || value == Go:
		return nil
	case value == OpenSSL && cgoEnabled:
		return nil
	case value == OpenSSL:
		return fmt.Errorf("%s=%q: this program was built with CGO_ENABLED=0 and has no OpenSSL backend; unset %s or set it to %q", Env, value, Env, Go)
	case cgoEnabled:
		return fmt.Errorf("%s=%q: unknown backend; unset %s or set it to %q or %q", Env, value, Env, Go, OpenSSL)
	}
	return fmt.Errorf("%s=%q: unknown backend; unset %s or set it to %q", Env, value, Env, Go)
}

func init() {
	if err := Check(os.Getenv(Env)); err != nil {
		fmt.Fprintf(os.Stderr, "hazmat: %v\n", err)
		os.Exit(2)
	}
}
