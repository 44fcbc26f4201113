//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"

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

const (
	fipsProviderName = "fips"
	defaultQuery     = "-fips,?provider=default"
)

var (
	// In the default mode the fips property of the default properties is
	// dropped, and the default provider preferred where the FIPS provider
	// is loaded too: its implementations carry none of the FIPS
	// provider's checks (3DES encryption, HMAC key lengths).
	modeDefault = &fipsMode{fips: false, propq: defaultQuery, cq: C.CString(defaultQuery)}
	modeFIPS    = &fipsMode{fips: true, propq: "fips=yes", cq: C.CString("fips=yes"), prov: C.CString(fipsProviderName)}
)

// fetchMu keeps fetches apart from SetFIPS. OpenSSL 3.0 reads its global
// default properties during every fetch (explicit, or implicit as when an
// HMAC context fetches its digest) without a lock, while
// EVP_default_properties_enable_fips replaces them: run together, a fetch
// can read freed memory or fail for no reason. Fetches, which the caches
// make rare, hold the read side; SetFIPS holds the write side. A holder of
// the read side must not take it again (a waiting SetFIPS would deadlock
// them).
var fetchMu sync.RWMutex

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
func wrongProvider(what, name string, got [C.GO_PROV_NAME]C.char) error {
	return fmt.Errorf("openssl: %s %s is served by provider %q, not by the %s provider", what, name, provName(got), fipsProviderName)
}

// provName returns the NUL-terminated name in a (taken by value, so that
// the C result it comes from stays on the stack).
func provName(a [C.GO_PROV_NAME]C.char) string {
	b := make([]byte, 0, len(a))
	for _, c := range a {
		if c == 0 {
			break
		}
		b = append(b, byte(c))
	}
	return string(b)
}

// errModeChanged is returned by a context whose state lives in an
// implementation of a mode that is no longer in force.
func errModeChanged(name string) error {
	return fmt.Errorf("openssl: FIPS mode changed while %s held state computed before the change: %w", name, backends.ErrModeChanged)
}

// providerOf returns the name of the provider behind a C object of kind
// GO_OBJ_*, or "" (for the tests: where does a computation run).
func providerOf(kind C.int, obj unsafe.Pointer) string {
	return C.GoString(C.go_provider_of(kind, obj))
}

// fetchedProviders lists, for the tests, every algorithm in the fetch
// cache under mode m's property query ("md:sha256", "cipher:aes-128-gcm",
// "mac:hmac") with the provider that serves it; unsupported entries are
// left out.
func fetchedProviders(m *fipsMode) map[string]string {
	out := map[string]string{}
	fetched.Range(func(k, v any) bool {
		key := k.(fetchKey)
		if key.propq != m.propq {
			return true
		}
		switch e := v.(type) {
		case *mdEntry:
			if e.md != nil {
				out["md:"+key.name] = providerOf(C.GO_OBJ_MD, unsafe.Pointer(e.md))
			}
		case *cipherEntry:
			if e.cipher != nil {
				out["cipher:"+key.name] = providerOf(C.GO_OBJ_CIPHER, unsafe.Pointer(e.cipher))
			}
		case *macEntry:
			if e.mac != nil {
				out["mac:"+key.name] = providerOf(C.GO_OBJ_MAC, unsafe.Pointer(e.mac))
			}
		case *kdfEntry:
			if e.kdf != nil {
				out["kdf:"+key.name] = C.GoString(C.go_kdf_provider(e.kdf))
			}
		}
		return true
	})
	return out
}

// dropFetched empties the fetch cache, for the tests of first use. The
// entries are not freed: contexts may still hold them.
func dropFetched() {
	fetched.Range(func(k, _ any) bool {
		fetched.Delete(k)
		return true
	})
	for i := range mdRecent {
		for j := range mdRecent[i] {
			mdRecent[i][j].Store(nil)
		}
		hmacRecent[i].Store(nil)
	}
}

// implProvider names, for the tests, the provider a context or AEAD would
// compute its next operation with, without following a switch of mode.
func implProvider(v any) string {
	switch x := v.(type) {
	case *digestCtx:
		return providerOf(C.GO_OBJ_MD, unsafe.Pointer(x.e.md))
	case *macCtx:
		if x.ctx == nil {
			// Its next Sum runs on the C thread's context of the HMAC
			// fetched for its mode.
			mac, err := fetchHMAC(x.e.fm)
			if err != nil {
				return ""
			}
			return providerOf(C.GO_OBJ_MAC, unsafe.Pointer(mac))
		}
		return providerOf(C.GO_OBJ_MAC_CTX, unsafe.Pointer(x.ctx))
	case *cipherCtx:
		return providerOf(C.GO_OBJ_CIPHER_CTX, unsafe.Pointer(x.ctx))
	case *streamAEADCtx:
		return providerOf(C.GO_OBJ_CIPHER_CTX, unsafe.Pointer(x.ctx))
	case *aead:
		return providerOf(C.GO_OBJ_CIPHER, unsafe.Pointer(x.st.Load().e.cipher))
	case *randomNonceAEAD:
		return implProvider(x.a)
	}
	return ""
}
