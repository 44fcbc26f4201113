//go:build cgo

package openssl_test

import (
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// TestDroppedHashersStatesReused drops hashers whose message went to C,
// without Finalize, as a hash.Hash most often is; once the garbage
// collector has found their slabs unreachable, the next slab takes the C
// states one of them held (no new ones are made), and its hashers compute
// the right digests on them, of another digest than the states held
// before.
//
// The spare states wait in a sync.Pool, which may drop them: at garbage
// collections, and at random under the race detector (also when
// SpareDigestStates puts back the set it looked at). So an attempt in which
// a set was made anyway is tried again, a few times; an implementation that
// never reuses states fails every attempt.
func TestDroppedHashersStatesReused(t *testing.T) {
	b := openssl.DefaultBackend()
	msg := make([]byte, 4*openssl.DigestBufSize) // beyond the Go buffer: in C
	for i := range msg {
		msg[i] = byte(i * 13)
	}
	hashInC := func(t *testing.T, alg backends.HashAlgorithm) backends.HashContext {
		h, err := b.CreateHashCtx(alg)
		require.NoError(t, err)
		require.NoError(t, h.Update(msg))
		return h
	}
	want := sha256.Sum256(msg)
	const attempts = 8
	for attempt := 1; ; attempt++ {
		for range 4 * 32 { // several slabs' worth, dropped
			_, err := hashInC(t, hashes.SHA512{}).(backends.Summer).Sum(nil)
			require.NoError(t, err)
		}
		deadline := time.Now().Add(5 * time.Second)
		for !openssl.SpareDigestStates() {
			require.True(t, time.Now().Before(deadline), "no slab's states came back after the garbage collector ran")
			runtime.GC()
			time.Sleep(5 * time.Millisecond)
		}
		openssl.ForgetFreeScratches() // the hashers below take one new slab

		made := openssl.DigestStateSetsMade()
		kept := make([]backends.HashContext, 32) // one slab
		for i := range kept {
			kept[i] = hashInC(t, hashes.SHA256{})
		}
		for i, h := range kept {
			got, err := h.Finalize()
			require.NoError(t, err)
			require.Equal(t, hex.EncodeToString(want[:]), hex.EncodeToString(got), "hasher %d", i)
		}
		if openssl.DigestStateSetsMade() == made {
			return
		}
		require.Less(t, attempt, attempts, "C states made while a spare set waited, in each of %d attempts", attempts)
		t.Logf("attempt %d: a set of C states was made; the pool had dropped the spare one", attempt)
	}
}
