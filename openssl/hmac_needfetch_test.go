//go:build cgo

package openssl_test

import (
	"bytes"
	"crypto/sha256"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// TestHMACThreadFirstUseStaleQueue: a thread's first HMAC with a digest
// (the C call that may not fetch does nothing, and the one that may runs
// next) whose EVP_MAC_final fails reports that failure with OpenSSL's
// reasons and not an entry another library left on the queue before the
// first call, and leaves the thread a context for the digest; the next
// HMAC on that thread is right. Run on threads that end, each with the
// first digest it has no context for.
func TestHMACThreadFirstUseStaleQueue(t *testing.T) {
	b := openssl.DefaultBackend()
	key := bytes.Repeat([]byte{0x3c}, 20)
	msg := []byte("a first MAC that does not fit")
	// More digests than a thread keeps contexts for, so that whatever
	// thread a goroutine locks (a thread that ran other HMACs before, too)
	// lacks one of them.
	candidates := threadCandidates(t, b)
	for i := range 4 {
		type result struct {
			alg      hashes.Algorithm
			err      error
			had      bool
			mac, ref []byte
		}
		done := make(chan result, 1)
		go func() {
			runtime.LockOSThread() // the thread ends with the goroutine
			var r result
			for _, alg := range candidates {
				if _, _, ok := openssl.ThreadHMAC(alg, nil); !ok {
					r.alg = alg
					break
				}
			}
			if r.alg == nil {
				done <- r
				return
			}
			r.err = openssl.HMACShortOut(r.alg, key, msg, "stale entry left by another library")
			_, _, r.had = openssl.ThreadHMAC(r.alg, nil)
			r.mac, _ = b.MAC(key, hashes.SHA256{}, msg, nil)
			r.ref = goHMAC(sha256.New, key, msg)
			done <- r
		}()
		r := <-done
		require.NotNil(t, r.alg, "run %d: a thread with a context for every candidate digest", i)
		var oe *openssl.Error
		require.ErrorAs(t, r.err, &oe, "run %d, %s", i, r.alg.Name())
		assert.Contains(t, r.err.Error(), "EVP_MAC_final failed")
		assert.NotContains(t, r.err.Error(), "stale entry")
		assert.True(t, r.had, "the thread keeps its new context for %s", r.alg.Name())
		assert.Equal(t, r.ref, r.mac)
	}
}

// threadCandidates returns the digests other than SHA-256 that HMAC is
// served with now: more than a C thread keeps HMAC contexts for, so that
// any thread lacks a context for one of them. Their entries are fetched
// here, so that looking them up later fetches nothing.
func threadCandidates(t *testing.T, b *openssl.Backend) []hashes.Algorithm {
	t.Helper()
	var out []hashes.Algorithm
	for _, alg := range []hashes.Algorithm{
		hashes.SHA1{}, hashes.SHA224{}, hashes.SHA384{}, hashes.SHA512{}, hashes.SHA512_224{}, hashes.SHA512_256{},
		hashes.SHA3_224{}, hashes.SHA3_256{}, hashes.SHA3_384{}, hashes.SHA3_512{}, hashes.MD5{},
	} {
		if b.HMACSupported(alg) {
			out = append(out, alg)
		}
	}
	require.Greater(t, len(out), openssl.HMACThreadContexts, "more digests than a thread keeps contexts for")
	return out
}
