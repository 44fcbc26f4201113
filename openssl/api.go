package openssl

// This file holds what the package exports in every build, with or
// without cgo.

import (
	"errors"
	"strings"
)

// ErrNoCgo is the error of every function and method of a build without
// cgo (CGO_ENABLED=0), where the package is a stub that refuses everything:
// the OpenSSL backend calls OpenSSL's C library through cgo. A build with
// cgo never returns it.
var ErrNoCgo = errors.New("openssl: backend not built: this program was built with CGO_ENABLED=0; " +
	"build it with CGO_ENABLED=1, a C compiler and OpenSSL 3's development files (Debian: libssl-dev), " +
	"or use the Go backend (package gocrypto, HAZMAT_BACKEND=go)")

// ErrFIPSProviderNotFound is returned by [SetFIPS] when OpenSSL cannot load
// its FIPS provider.
var ErrFIPSProviderNotFound = errors.New("openssl: FIPS provider not available")

// NoLegacyEnv is the environment variable that keeps the legacy provider
// out of the process: set to anything but "" or "0" when the program
// starts, the package does not load it (as pyca/cryptography honours
// CRYPTOGRAPHY_OPENSSL_NO_LEGACY). The legacy algorithms are then
// unsupported, unless the OpenSSL configuration loads the provider itself.
const NoLegacyEnv = "HAZMAT_OPENSSL_NO_LEGACY"

// Provider describes a loaded OpenSSL provider.
type Provider struct {
	Name      string // e.g. "default", "fips", "legacy", "base"
	Version   string // the provider's own version, e.g. "3.0.19"
	BuildInfo string
	// Status is true when the provider reports itself usable (a FIPS
	// provider that failed its self tests reports false).
	Status bool
}

// Error is a failure reported by OpenSSL. It carries the name of the
// OpenSSL function that failed and the reasons OpenSSL queued for it.
type Error struct {
	// Func is the OpenSSL function (or helper step) that failed.
	Func string
	// Reasons holds one line per error that the failing call queued, first
	// queued first, such as "digital envelope routines: unsupported
	// (Algorithm (MD5 : 100))". Entries that were on the thread's queue
	// before the call (another library's) are not among them. OpenSSL's
	// text is kept whole up to 4095 bytes per entry, for up to 16 entries.
	Reasons []string
	// Codes holds OpenSSL's packed error codes, in the order of Reasons.
	Codes []uint64
}

func (e *Error) Error() string {
	if e == nil {
		return "openssl: <nil>"
	}
	s := "openssl: failed"
	if e.Func != "" {
		s = "openssl: " + e.Func + " failed"
	}
	if len(e.Reasons) > 0 {
		s += ": " + strings.Join(e.Reasons, "; ")
	}
	return s
}
