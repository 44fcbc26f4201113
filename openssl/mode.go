package openssl

// #include "shims.h"
import "C"

import (
	"fmt"
	"sync/atomic"

	"github.com/go-hazmat/hazmat/backends"
)

// fipsMode is one of the two settings of FIPS mode. Every fetch names the
// property query of the mode it is made for, so that what it returns does
// not depend on the process-wide default properties, which SetFIPS changes
// while other goroutines may be fetching; in FIPS mode the fetched
// algorithm must also come from the FIPS provider.
//
// Everything fetched records the mode it was fetched for, and every object
// that holds fetched algorithms compares that mode with the current one (a
// single atomic load) before each operation; when they differ the object
// follows the new mode or fails (see SECURITY.md, "FIPS mode switches").
type fipsMode struct {
	fips  bool
	propq string  // the property query of every fetch in this mode
	cq    *C.char // propq for C
	prov  *C.char // FIPS mode: the provider every fetch must come from; else nil
}

const fipsProviderName = "fips"

var (
	modeDefault = &fipsMode{fips: false, propq: "-fips", cq: C.CString("-fips")}
	modeFIPS    = &fipsMode{fips: true, propq: "fips=yes", cq: C.CString("fips=yes"), prov: C.CString(fipsProviderName)}
)

// curMode is the mode in force. SetFIPS changes it after OpenSSL's default
// properties, under fipsMu.
var curMode atomic.Pointer[fipsMode]

func modeFor(fips bool) *fipsMode {
	if fips {
		return modeFIPS
	}
	return modeDefault
}

// current returns the mode in force.
func current() *fipsMode { return curMode.Load() }

// wrongProvider builds the error for an algorithm that a FIPS-mode fetch
// found in a provider other than the FIPS provider.
func wrongProvider(what, name string, got *C.char) error {
	return fmt.Errorf("openssl: %s %s is served by provider %q, not by the %s provider", what, name, C.GoString(got), fipsProviderName)
}

// errModeChanged is returned by a context whose state lives in an
// implementation of a mode that is no longer in force.
func errModeChanged(name string) error {
	return fmt.Errorf("openssl: FIPS mode changed while %s held state computed before the change: %w", name, backends.ErrModeChanged)
}
