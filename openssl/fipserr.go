//go:build cgo

package openssl

import (
	"os"
	"path/filepath"
	"strings"
)

// fipsLoadError is the error of SetFIPS(true) when OpenSSL cannot load its
// FIPS provider: it says where OpenSSL looked, why the load failed as far
// as can be told, and what to do. It wraps [ErrFIPSProviderNotFound] and
// OpenSSL's *Error.
type fipsLoadError struct {
	msg string
	err error
}

func (e *fipsLoadError) Error() string   { return e.msg }
func (e *fipsLoadError) Unwrap() []error { return []error{ErrFIPSProviderNotFound, e.err} }

// fipsSetupAdvice is what makes a FIPS provider usable.
const fipsSetupAdvice = "install the openssl-provider-fips package, or set OPENSSL_MODULES to the folder " +
	"that holds fips.so and OPENSSL_CONF to a configuration that includes its fipsmodule.cnf " +
	"(scripts/fips-setup.sh prepares both)"

// newFIPSLoadError describes a failed load of the fips provider from
// ModulesDir. It tells three causes apart: no fips.so in the folder; a
// fips.so that OpenSSL found no configuration for (no fipsmodule.cnf from
// `openssl fipsinstall` included by OPENSSL_CONF); and a fips.so that failed
// its self-tests or could not be loaded for another reason, which OpenSSL's
// reasons then name. A configuration that gives the provider a module path
// of its own is not looked at.
func newFIPSLoadError(err error) error {
	dir := ModulesDir()
	from := "OpenSSL's built-in modules folder, as OPENSSL_MODULES is not set"
	if os.Getenv("OPENSSL_MODULES") != "" {
		from = "from OPENSSL_MODULES"
	}
	module := filepath.Join(dir, "fips.so")
	var why string
	reasons := ""
	if oe, ok := err.(*Error); ok {
		reasons = strings.Join(oe.Reasons, "; ")
	}
	switch _, statErr := os.Stat(module); {
	case statErr != nil:
		why = "no fips.so in " + dir + " (" + from + "): " + fipsSetupAdvice
	case strings.Contains(reasons, "missing config data"):
		why = module + " is there but not configured: OpenSSL has no fipsmodule.cnf data for it; " +
			"run `openssl fipsinstall -module " + module + " -out fipsmodule.cnf` and include that file " +
			"from the configuration OPENSSL_CONF names, with the fips provider activated " +
			"(scripts/fips-setup.sh does both)"
	case strings.Contains(reasons, "self test"), strings.Contains(reasons, "error state"):
		why = module + " is there but failed its self-tests: its fipsmodule.cnf may come from " +
			"another fips.so or the module may be damaged; run `openssl fipsinstall` again for this module " +
			"and check the configuration OPENSSL_CONF names (scripts/fips-setup.sh redoes both)"
	default:
		why = module + " is there but OpenSSL could not load it: " + fipsSetupAdvice
	}
	msg := "openssl: FIPS provider not available: " + why
	if reasons != "" {
		msg += " (OpenSSL: " + reasons + ")"
	}
	return &fipsLoadError{msg: msg, err: err}
}
