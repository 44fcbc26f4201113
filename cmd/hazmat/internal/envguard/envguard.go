// Package envguard checks the environment variable HAZMAT_BACKEND before
// package internal/defaultbackend reads it, so that hazmat answers a value
// its build cannot serve with a one-line error and exit status 2 rather
// than the library's panic (with its goroutine dump) at start.
//
// It works by Go's package initialisation order (The Go Programming
// Language Specification, "Package initialization", Go 1.21 and later):
// packages are initialised one at a time, each time the first, in the
// order of their import paths, whose imports are all initialised. This
// package imports only the standard library and internal/backendenv (which
// imports only the standard library), and its path
// (.../cmd/hazmat/internal/envguard) sorts before
// .../internal/defaultbackend, which imports more of the module: its init
// always runs first. hazmat imports it for that effect alone.
//
// The rule is package backendenv's, which defaultbackend applies too.
package envguard

import (
	"fmt"
	"os"

	"github.com/go-hazmat/hazmat/internal/backendenv"
)

// Env, Go and OpenSSL are backendenv's.
const (
	Env     = backendenv.Env
	Go      = backendenv.Go
	OpenSSL = backendenv.OpenSSL
)

// Check returns nil when the library takes value of Env as its choice of
// backend in this build ("" for unset, "go", and "openssl" with cgo), and
// otherwise the error hazmat prints.
func Check(value string) error { return backendenv.Check(value) }

func init() {
	if err := Check(os.Getenv(Env)); err != nil {
		fmt.Fprintf(os.Stderr, "hazmat: %v\n", err)
		os.Exit(2)
	}
}
