// Package backendenv holds the rule for the environment variable
// HAZMAT_BACKEND: its name, the backends' names and which values a build
// takes. It imports only the standard library, so that the hazmat tool can
// check the variable (cmd/hazmat/internal/envguard) before
// internal/defaultbackend, which applies the same rule, reads it.
package backendenv

import "fmt"

// Env is the environment variable that chooses the default backend.
const Env = "HAZMAT_BACKEND"

// Names of the backends, as Env and the command line's -backend spell them.
const (
	OpenSSL = "openssl"
	Go      = "go"
)

// CgoEnabled reports whether the program was built with cgo, and so has
// the OpenSSL backend.
const CgoEnabled = cgoEnabled

// Check returns nil when value is one Env may take in this build ("" for
// unset, "go", and "openssl" with cgo), and otherwise an error that says
// what to set instead.
func Check(value string) error {
	switch {
	case value == "" || value == Go:
		return nil
	case value == OpenSSL && CgoEnabled:
		return nil
	case value == OpenSSL:
		return fmt.Errorf("%s=%q: this program was built with CGO_ENABLED=0 and has no OpenSSL backend; unset %s or set it to %q", Env, value, Env, Go)
	case CgoEnabled:
		return fmt.Errorf("%s=%q: unknown backend; unset %s or set it to %q or %q", Env, value, Env, Go, OpenSSL)
	}
	return fmt.Errorf("%s=%q: unknown backend; unset %s or set it to %q", Env, value, Env, Go)
}
