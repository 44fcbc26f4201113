//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/go-hazmat/hazmat/backends"
)

// fetchKind tells apart the kinds of algorithm object in the fetch cache.
type fetchKind uint8

const (
	kindMD fetchKind = iota + 1
	kindCipher
	kindMAC
	kindKDF
)

// fetchKey names an algorithm fetched under one property query: every
// entry of the cache was fetched with exactly the query of its key.
type fetchKey struct {
	kind  fetchKind
	name  string // lower case
	propq string
}

// fetched is the one cache of fetched algorithms (EVP_MD, EVP_CIPHER,
// EVP_MAC): fetchKey -> *mdEntry, *cipherEntry or *macEntry. Entries live
// for the life of the process, so that a context that still holds one after
// a mode switch never sees it freed.
var fetched sync.Map

// maxFailedEntries bounds how many failed fetches the cache keeps. Names
// come from descriptors and adapters, which a program may build from its
// input; a name no provider has must not take memory for the life of the
// process each time it is invented. Past the bound a failed fetch is
// returned, and released, without being kept: asking again fetches again,
// which only errors pay.
const maxFailedEntries = 1024

// failedEntries counts the failed fetches in the cache.
var failedEntries atomic.Int64

// fetchFailer is an entry that can tell it holds a failed fetch.
type fetchFailer interface{ fetchFailed() bool }

func (e *mdEntry) fetchFailed() bool     { return e.err != nil }
func (e *cipherEntry) fetchFailed() bool { return e.err != nil }
func (e *macEntry) fetchFailed() bool    { return e.err != nil }
func (e *kdfEntry) fetchFailed() bool    { return e.err != nil }

// fetchEntry returns the cached entry for k, fetching it with newEntry on
// first use. When two goroutines race, one entry wins and the other is
// released with drop. A failed fetch is kept while fewer than
// maxFailedEntries are; past that it is released with drop and returned,
// and its caller must use nothing of it but its error.
func fetchEntry[E any](k fetchKey, newEntry func(fetchKey, *fipsMode) *E, drop func(*E), m *fipsMode) *E {
	if v, ok := fetched.Load(k); ok {
		return v.(*E)
	}
	fetchMu.RLock()
	e := newEntry(k, m)
	fetchMu.RUnlock()
	failed := false
	if f, ok := any(e).(fetchFailer); ok && f.fetchFailed() {
		failed = true
		if failedEntries.Add(1) > maxFailedEntries {
			failedEntries.Add(-1)
			drop(e)
			return e
		}
	}
	if prev, loaded := fetched.LoadOrStore(k, e); loaded {
		if failed {
			failedEntries.Add(-1)
		}
		drop(e)
		return prev.(*E)
	}
	return e
}

// mdEntry is an EVP_MD fetched once and kept for the life of the process,
// or the reason it could not be fetched.
type mdEntry struct {
	fm        *fipsMode // the mode it was fetched for
	goName    string    // the lower-case name, as the recent-entry cache compares it
	md        *C.EVP_MD
	cname     *C.char // the name as passed to OpenSSL, for EVP_MAC params
	size      int
	blockSize int
	xof       bool
	err       error // non-nil: unsupported, an *backends.UnsupportedAlgorithmError

	hmacOnce sync.Once
	hmacErr  error // nil: HMAC with this digest works

	// kdfCtxs pool the KDF contexts prepared with this digest, per
	// kdfPoolSlot (see kdf.go).
	kdfCtxs [kdfPoolSlots]sync.Pool // of *kdfCtx
}

// mdRecent holds recently used entries, per mode, in slots picked by a
// cheap hash of the name: a hit costs a string comparison, where the map
// costs hashing, lower-casing and an interface comparison.
var mdRecent [2][16]atomic.Pointer[mdEntry]

// fetchMD returns the cached digest for name in the mode in force.
func fetchMD(name string) *mdEntry { return fetchMDIn(current(), name) }

func fetchMDIn(m *fipsMode, name string) *mdEntry {
	slot := &mdRecent[boolIndex(m.fips)][recentSlot(name)]
	if e := slot.Load(); e != nil && e.goName == name {
		return e
	}
	e := fetchEntry(fetchKey{kindMD, strings.ToLower(name), m.propq}, newMDEntry, freeMDEntry, m)
	if e.goName == name && e.err == nil {
		slot.Store(e)
	}
	return e
}

func recentSlot(name string) int {
	if name == "" {
		return 0
	}
	return (len(name)*7 + int(name[len(name)-1])) & 15
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

func freeMDEntry(e *mdEntry) {
	if e.md != nil {
		C.go_md_free(e.md)
		e.md = nil
	}
	C.free(unsafe.Pointer(e.cname))
	e.cname = nil
}

func newMDEntry(k fetchKey, m *fipsMode) *mdEntry {
	e := &mdEntry{fm: m, goName: k.name, cname: C.CString(k.name)}
	if initErr != nil {
		e.err = &backends.UnsupportedAlgorithmError{Algorithm: k.name, Reason: backends.ReasonUnsupportedHash, Err: initErr}
		return e
	}
	info := C.go_md_fetch(e.cname, m.cq, m.prov)
	if info.md == nil {
		reason := backends.ReasonUnsupportedHash
		if m.fips && info.legacy_known == 1 {
			reason = backends.ReasonFIPSRefused
		}
		var err error = newError("EVP_MD_fetch", info.errq)
		if info.errq == nil && info.wrong_provider[0] != 0 {
			reason = backends.ReasonFIPSRefused
			err = wrongProvider("digest", k.name, info.wrong_provider)
		}
		e.err = &backends.UnsupportedAlgorithmError{Algorithm: k.name, Reason: reason, Err: err}
		return e
	}
	e.md = info.md
	e.size = int(info.size)
	e.blockSize = int(info.block_size)
	e.xof = info.xof == 1
	return e
}

// macEntry is an EVP_MAC fetched once per mode.
type macEntry struct {
	fm    *fipsMode
	name  string
	cname *C.char
	mac   *C.EVP_MAC
	err   error
}

// hmacRecent holds each mode's HMAC entry once fetched: fetchHMAC is on
// the path of every one-shot and new HMAC, where the map costs hashing the
// key and an interface comparison.
var hmacRecent [2]atomic.Pointer[macEntry]

// fetchHMAC returns the EVP_MAC for HMAC in mode m.
func fetchHMAC(m *fipsMode) (*C.EVP_MAC, error) {
	slot := &hmacRecent[boolIndex(m.fips)]
	if e := slot.Load(); e != nil && e.fm == m {
		return e.mac, nil
	}
	e := fetchMAC(m, "hmac")
	if e.err == nil {
		slot.Store(e)
	}
	return e.mac, e.err
}

// fetchMAC returns the cached EVP_MAC named name (lower case: "hmac",
// "cmac", "kmac-128", ...) in mode m.
func fetchMAC(m *fipsMode, name string) *macEntry {
	return fetchEntry(fetchKey{kindMAC, name, m.propq}, newMACEntry, func(e *macEntry) {
		if e.mac != nil {
			C.go_mac_free(e.mac)
		}
		C.free(unsafe.Pointer(e.cname))
	}, m)
}

func newMACEntry(k fetchKey, m *fipsMode) *macEntry {
	e := &macEntry{fm: m, name: k.name, cname: C.CString(k.name)}
	if initErr != nil {
		e.err = initErr
		return e
	}
	info := C.go_mac_fetch(e.cname, m.cq, m.prov)
	switch {
	case info.mac != nil:
		e.mac = info.mac
	case info.errq == nil && info.wrong_provider[0] != 0:
		e.err = wrongProvider("MAC", strings.ToUpper(k.name), info.wrong_provider)
	default:
		e.err = newError("EVP_MAC_fetch("+strings.ToUpper(k.name)+")", info.errq)
	}
	return e
}
