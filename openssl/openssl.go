//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"os"
	"sort"
	"strings"
	"sync"
	"unsafe"
)

var (
	initErr error
	// fipsMu serialises SetFIPS and the provider loads it makes.
	fipsMu sync.Mutex
)

func init() {
	if C.go_init() != 1 {
		initErr = newError("OPENSSL_init_crypto", C.go_errq_take())
		curMode.Store(modeDefault)
		return
	}
	// The configuration (OPENSSL_CONF) may have put fips=yes in the default
	// properties: the process then starts in FIPS mode.
	curMode.Store(modeFor(C.go_fips_enabled() == 1))
	if !FIPS() {
		loadLegacy()
	}
}

// noLegacy reports whether NoLegacyEnv asks for no legacy provider.
func noLegacy() bool {
	v := os.Getenv(NoLegacyEnv)
	return v != "" && v != "0"
}

// loadLegacy loads OpenSSL 3's legacy provider (Blowfish, CAST5, SEED, IDEA,
// ARC4, ...) when it is installed, the default provider is in use and
// NoLegacyEnv does not opt out. Loading a provider explicitly turns off
// OpenSSL's automatic loading of the default one, so the default provider
// is loaded explicitly first.
func loadLegacy() {
	if noLegacy() {
		return
	}
	if C.go_provider_available(cDefault) != 1 {
		return
	}
	if C.go_provider_available(cLegacy) == 1 {
		return
	}
	if err := check("OSSL_PROVIDER_load(default)", C.go_load_provider(cDefault)); err != nil {
		return
	}
	// Not installed is fine: the legacy algorithms are then unsupported.
	_ = check("OSSL_PROVIDER_load(legacy)", C.go_load_provider(cLegacy))
}

var (
	cDefault = C.CString("default")
	cLegacy  = C.CString("legacy")
	cFIPS    = C.CString("fips")
	cBase    = C.CString("base")
)

// Init returns the error, if any, of OpenSSL's initialisation (which runs
// when the package is loaded, reading the configuration that OPENSSL_CONF
// names). Every backend call fails with this error when it is not nil.
func Init() error { return initErr }

// Version returns OpenSSL's version text, e.g. "OpenSSL 3.0.19 27 Jan 2026".
func Version() string { return C.GoString(C.go_version_text()) }

// VersionNumber returns OpenSSL's version as (major, minor, patch).
func VersionNumber() (major, minor, patch int) {
	n := uint64(C.go_version_num())
	return int(n >> 28 & 0xf), int(n >> 20 & 0xff), int(n >> 4 & 0xff)
}

// FIPS reports whether FIPS mode is on: the default properties of OpenSSL's
// default library context contain fips=yes, so that every algorithm is
// fetched from a FIPS provider.
func FIPS() bool { return current().fips }

// FIPSCapable reports whether a FIPS provider is loaded and answers requests
// for fips=yes algorithms (it serves SHA2-256 under that property).
func FIPSCapable() bool {
	fetchMu.RLock()
	defer fetchMu.RUnlock()
	return C.go_fips_capable() == 1
}

// SetFIPS turns FIPS mode on or off for the whole process. Turning it on
// loads the fips and base providers when they are not loaded yet, and
// fails with an error wrapping [ErrFIPSProviderNotFound] (and OpenSSL's
// [*Error]) when OpenSSL cannot load the FIPS provider: the message names
// the folder it looked in ([ModulesDir]), whether fips.so is missing there,
// not configured or failed its self-tests, and what to do. Turning it off
// loads the default provider if it is not loaded.
//
// The switch is total: once SetFIPS(true) has returned, no operation that
// starts afterwards computes outside the FIPS provider, on any object,
// whether made before or after the switch. An object whose algorithm the
// FIPS provider does not serve then fails with an error wrapping
// [backends.ErrUnsupportedAlgorithm] ("refused in FIPS mode"); one whose
// algorithm it serves continues on the FIPS provider's implementation, or,
// when its state was computed by the other mode's implementation (a hash
// or cipher context in the middle of a message), fails with an error
// wrapping [backends.ErrModeChanged]. SetFIPS(false) works the same way in
// the other direction. Operations running while SetFIPS runs finish in the
// mode they started in.
func SetFIPS(on bool) error {
	if initErr != nil {
		return initErr
	}
	fipsMu.Lock()
	defer fipsMu.Unlock()
	// No fetch may run while the providers and OpenSSL's default properties
	// change (see fetchMu).
	fetchMu.Lock()
	defer fetchMu.Unlock()
	if on {
		if C.go_provider_available(cFIPS) != 1 {
			if err := check("OSSL_PROVIDER_load(fips)", C.go_load_provider(cFIPS)); err != nil {
				return newFIPSLoadError(err)
			}
		}
		if C.go_provider_available(cBase) != 1 {
			if err := check("OSSL_PROVIDER_load(base)", C.go_load_provider(cBase)); err != nil {
				return err
			}
		}
	} else if C.go_provider_available(cDefault) != 1 {
		if err := check("OSSL_PROVIDER_load(default)", C.go_load_provider(cDefault)); err != nil {
			return err
		}
	}
	if err := check("EVP_default_properties_enable_fips", C.go_set_fips(boolInt(on))); err != nil {
		return err
	}
	if !on {
		// Before the mode is published, so that no fetch in the new mode
		// finds the legacy algorithms missing and caches that answer.
		loadLegacy()
	}
	// Publish the mode only now that OpenSSL's defaults are set: fetches
	// name their properties themselves, so none made meanwhile goes astray.
	curMode.Store(modeFor(C.go_fips_enabled() == 1))
	return nil
}

// ModulesDir returns the folder OpenSSL loads providers from: OPENSSL_MODULES
// when set, else the folder OpenSSL was built with. (OpenSSL 3.0's
// OPENSSL_info reports the built-in folder even when OPENSSL_MODULES
// overrides it.) A provider whose configuration section names a module
// path of its own is loaded from there instead.
func ModulesDir() string {
	if dir := os.Getenv("OPENSSL_MODULES"); dir != "" {
		return dir
	}
	return C.GoString(C.go_modules_dir())
}

// Providers returns the providers loaded in OpenSSL's default library
// context, sorted by name.
func Providers() []Provider {
	buf := make([]byte, 256)
	for {
		n := int(C.go_provider_names((*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))))
		if n <= len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, n)
	}
	var ps []Provider
	for _, name := range strings.Split(strings.TrimSuffix(string(buf), "\x00"), "\x00") {
		if name == "" {
			continue
		}
		ps = append(ps, Provider{
			Name:      name,
			Version:   providerParam(name, "version"),
			BuildInfo: providerParam(name, "buildinfo"),
			Status:    providerStatus(name),
		})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Name < ps[j].Name })
	return ps
}

// FIPSProviderVersion returns the version of the loaded FIPS provider, or
// "" when none is loaded.
func FIPSProviderVersion() string {
	if C.go_provider_available(cFIPS) != 1 {
		return ""
	}
	return providerParam("fips", "version")
}

func providerParam(prov, param string) string {
	cp, cparam := C.CString(prov), C.CString(param)
	defer C.free(unsafe.Pointer(cp))
	defer C.free(unsafe.Pointer(cparam))
	var buf [256]C.char
	if C.go_provider_param(cp, cparam, &buf[0], C.size_t(len(buf))) != 1 {
		return ""
	}
	return C.GoString(&buf[0])
}

func providerStatus(prov string) bool {
	cp := C.CString(prov)
	defer C.free(unsafe.Pointer(cp))
	return C.go_provider_status(cp) == 1
}

func boolInt(b bool) C.int {
	if b {
		return 1
	}
	return 0
}

// base returns a pointer to b's first byte, or nil for an empty slice.
func base(b []byte) *C.uchar {
	if len(b) == 0 {
		return nil
	}
	return (*C.uchar)(unsafe.Pointer(&b[0]))
}

func unsafePointer(p *C.char) unsafe.Pointer { return unsafe.Pointer(p) }
