//go:build cgo

package openssl

import (
	"time"

	"github.com/go-hazmat/hazmat/backends"
)

// Hooks for the external tests of the package.

// DigestBufSize, DigestMoreSize and MACBufSize are how many bytes a new
// hash, a hash that was Reset and an HMAC context keep in Go before they
// feed their C context.
const (
	DigestBufSize  = digestBufSize
	DigestMoreSize = digestMoreSize
	MACBufSize     = macBufSize
)

// KDFContextsPrepared returns how many KDF contexts have been prepared.
func KDFContextsPrepared() int64 { return kdfCtxsPrepared.Load() }

// DropFetched empties the fetch cache, and the slots of recent entries in
// front of it, so that the next use of every algorithm is a first use.
func DropFetched() {
	dropFetched()
	for i := range kdfRecent {
		for j := range kdfRecent[i] {
			kdfRecent[i][j].Store(nil)
		}
	}
	for i := range kwRecent {
		for j := range kwRecent[i] {
			for k := range kwRecent[i][j] {
				kwRecent[i][j][k].Store(nil)
			}
		}
	}
}

// FetchedProviders lists the algorithms fetched for FIPS mode (fips true)
// or the default mode, with the provider that serves each.
func FetchedProviders(fips bool) map[string]string { return fetchedProviders(modeFor(fips)) }

// ImplProvider names the provider a context or AEAD computes with now.
var ImplProvider = implProvider

// ProvidedCipherNames lists every name of every cipher the loaded providers
// offer under the current default properties.
var ProvidedCipherNames = providedCipherNames

// ReferenceCipher runs an EVP cipher in one C call with ample room.
var ReferenceCipher = referenceCipher

// CipherLengths returns the key and IV lengths of the EVP cipher name, or
// why it cannot be fetched.
func CipherLengths(name string) (keyLen, ivLen int, err error) {
	e := fetchCipher(current(), name)
	if e.err != nil {
		return 0, 0, e.err
	}
	return e.keyLen, e.ivLen, nil
}

// UpdateBound is the buffer size UpdateInto asks of c for n bytes, or -1
// for a context of another backend.
func UpdateBound(c backends.CipherContext, n int) int {
	switch x := c.(type) {
	case *cipherCtx:
		return x.outLen(n)
	case *streamAEADCtx:
		return x.outLen(n)
	}
	return -1
}

// PushError leaves an error with text data on the calling thread's error
// queue; the caller locks its goroutine to the thread.
func PushError(data string) { testPushError(data) }

// LoadProvider loads a provider by name or module path.
func LoadProvider(name string) error { return testLoadProvider(name) }

// ErrBegin runs the error-queue check of the C helpers n times and returns
// the thread CPU time it took.
func ErrBegin(n int) time.Duration { return testErrBegin(n) }

// NewAEAD returns the one-shot AEAD of the EVP cipher name, its errors
// naming algName, as CreateAEADCtx does for a pair of descriptors.
func (b *Backend) NewAEAD(algName, name string, key []byte, tagLen int) (backends.AEADContext, error) {
	a, err := newAEAD(aeadName{evp: name, alg: algName}, key, tagLen)
	if err != nil {
		return nil, err
	}
	return a, nil
}

// SealIVGen seals plaintext with a, an AEAD of
// Backend.CreateRandomNonceAEADCtx, and returns what the provider said of
// its "iv-generated" indicator: 1, 0, or -1 when it does not say.
func SealIVGen(a backends.RandomNonceAEADContext, plaintext []byte) ([]byte, int, error) {
	return a.(*randomNonceAEAD).seal(nil, plaintext, nil)
}

// SetSealCount sets the number of messages a, an AEAD of
// Backend.CreateRandomNonceAEADCtx, counts as sealed under its key.
func SetSealCount(a backends.RandomNonceAEADContext, n uint64) {
	a.(*randomNonceAEAD).seals.Store(n)
}

// FailPerMessage makes a per-message digest or HMAC C helper fail on the
// calling thread, just after leaving an entry with text stale on its
// queue, and returns its error.
func FailPerMessage(which, stale string) error { return testFailPerMessage(which, stale) }

// DigestStateSetsMade returns how many slabs' worth of C digest states the
// package has made.
func DigestStateSetsMade() int64 { return setsMade.Load() }

// ForgetFreeScratches drops the pooled scratches and the newest slab's
// unused ones, so that the next context to need a C digest state takes a
// new slab, and with it a set of C states, spare or new.
func ForgetFreeScratches() {
	for scratchPool.Get() != nil {
	}
	slabMu.Lock()
	slabFree = nil
	slabMu.Unlock()
}

// SpareDigestStates reports whether a set of C digest states of a slab no
// longer reachable waits for the next slab.
func SpareDigestStates() bool {
	s, ok := spareStates.Get().(*stateSet)
	if ok {
		spareStates.Put(s)
	}
	return ok
}

// MaxFailedFetchEntries is how many failed fetches the cache keeps.
const MaxFailedFetchEntries = maxFailedEntries

// FailedFetchEntries returns the count of failed fetches the cache keeps
// by its counter, and by looking at every entry.
func FailedFetchEntries() (counted int64, inCache int) {
	fetched.Range(func(_, v any) bool {
		if f, ok := v.(fetchFailer); ok && f.fetchFailed() {
			inCache++
		}
		return true
	})
	return failedEntries.Load(), inCache
}

// MaxCachedMACNames is how many cipher names and trial outcomes the MACs
// keep.
const MaxCachedMACNames = maxCachedNames

// MACCacheSizes returns how many C cipher names and trial outcomes the MACs
// keep, counted in the caches themselves.
func MACCacheSizes() (names, probes int) {
	cstrings.Range(func(_, _ any) bool { names++; return true })
	macProbes.Range(func(_, _ any) bool { probes++; return true })
	return names, probes
}

// ThreadHMAC computes, on the calling thread (locked by the caller), the
// HMAC of msg under the key the thread's HMAC context for alg holds now,
// and the number of HMAC contexts the thread keeps; ok is false when it
// has none for alg.
var ThreadHMAC = testThreadHMAC

// HMACShortOut runs an HMAC on the calling thread's HMAC context (locked
// by the caller) with room for one byte of MAC, which EVP_MAC_final
// refuses, just after leaving an entry with text stale on the thread's
// queue, and returns its error.
var HMACShortOut = testHMACShortOut

// FailHMACRestKey makes the next n HMACs of the calling thread (locked by
// the caller) on its own HMAC contexts find the public resting key refused
// once the MAC is computed, as an allocation failure would.
var FailHMACRestKey = testFailHMACRestKey

// HMACHasOwnContext reports whether an HMAC context has an EVP_MAC_CTX of
// its own (rather than MACing on the C thread's context at Sum).
var HMACHasOwnContext = testHMACHasOwnContext

// HMACThreadContexts is how many HMAC contexts a C thread keeps at most.
const HMACThreadContexts = testThreadHMACs

// HoldFetches takes the write side of the lock that keeps fetches apart
// from SetFIPS, as SetFIPS does, until release is called.
func HoldFetches() (release func()) {
	fetchMu.Lock()
	return fetchMu.Unlock
}

// HMACContextFIPS reports whether an HMAC context of this backend belongs
// to FIPS mode (its next operation computes there, unless it follows a
// switch first).
func HMACContextFIPS(c any) bool {
	m, ok := c.(*macCtx)
	return ok && m.e != nil && m.e.fm.fips
}
