package openssl

// #include "shims.h"
import "C"

import (
	"strings"
	"sync"

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

// fetchMD returns the cached digest for name under the current FIPS mode.
func fetchMD(name string) *mdEntry {
	k := fetchKey{strings.ToLower(name), FIPS()}
	if e, ok := mdCache.Load(k); ok {
		return e.(*mdEntry)
	}
	e := newMDEntry(k)
	if prev, loaded := mdCache.LoadOrStore(k, e); loaded {
		if e.md != nil {
			C.EVP_MD_free(e.md)
		}
		return prev.(*mdEntry)
	}
	return e
}

func newMDEntry(k fetchKey) *mdEntry {
	e := &mdEntry{cname: C.CString(k.name)}
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
