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

// fetchKey names an algorithm fetched under one FIPS mode. The cache is
// keyed by the mode too, so that SetFIPS never meets a stale entry.
type fetchKey struct {
	name string
	fips bool
}

// mdEntry is an EVP_MD fetched once and kept for the life of the process,
// or the reason it could not be fetched.
type mdEntry struct {
	goName    string // the lower-case name, as the recent-entry cache compares it
	md        *C.EVP_MD
	cname     *C.char // the name as passed to OpenSSL, for EVP_MAC params
	size      int
	blockSize int
	xof       bool
	err       error // non-nil: unsupported, an *backends.UnsupportedAlgorithmError

	hmacOnce sync.Once
	hmacErr  error // nil: HMAC with this digest works
}

var mdCache sync.Map // fetchKey -> *mdEntry

// mdRecent holds recently used entries, per FIPS mode, in slots picked by a
// cheap hash of the name: a hit costs a string comparison, where the map
// costs hashing, lower-casing and an interface comparison.
var mdRecent [2][16]atomic.Pointer[mdEntry]

// fetchMD returns the cached digest for name under the current FIPS mode.
func fetchMD(name string) *mdEntry {
	fips := FIPS()
	slot := &mdRecent[boolIndex(fips)][recentSlot(name)]
	if e := slot.Load(); e != nil && e.goName == name {
		return e
	}
	k := fetchKey{strings.ToLower(name), fips}
	v, ok := mdCache.Load(k)
	if !ok {
		e := newMDEntry(k)
		if prev, loaded := mdCache.LoadOrStore(k, e); loaded {
			// Another goroutine fetched it first: drop this copy.
			if e.md != nil {
				C.EVP_MD_free(e.md)
			}
			C.free(unsafe.Pointer(e.cname))
			v = prev
		} else {
			v = e
		}
	}
	e := v.(*mdEntry)
	if e.goName == name {
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

func newMDEntry(k fetchKey) *mdEntry {
	e := &mdEntry{goName: k.name, cname: C.CString(k.name)}
	if initErr != nil {
		e.err = &backends.UnsupportedAlgorithmError{Algorithm: k.name, Reason: backends.ReasonUnsupportedHash, Err: initErr}
		return e
	}
	info := C.go_md_fetch(e.cname)
	if info.md == nil {
		reason := backends.ReasonUnsupportedHash
		if k.fips && info.legacy_known == 1 {
			reason = backends.ReasonFIPSRefused
		}
		e.err = &backends.UnsupportedAlgorithmError{
			Algorithm: k.name,
			Reason:    reason,
			Err:       newError("EVP_MD_fetch", info.errq),
		}
		return e
	}
	e.md = info.md
	e.size = int(info.size)
	e.blockSize = int(info.block_size)
	e.xof = info.xof == 1
	return e
}
