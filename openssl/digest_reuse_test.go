//go:build cgo

package openssl_test

import (
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// TestDroppedHashersStatesReused drops hashers whose message went to C,
// without Finalize, as a hash.Hash most often is; once the garbage
// collector has found their slabs unreachable, new hashers take the C
// states those slabs held (no new ones are made), and compute the right
// digests on them, of another digest than the states held before.
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

	made := openssl.DigestStateSetsMade()
	want := sha256.Sum256(msg)
	kept := make([]backends.HashContext, 32) // at most one new slab
	for i := range kept {
		kept[i] = hashInC(t, hashes.SHA256{})
	}
	for i, h := range kept {
		got, err := h.Finalize()
		require.NoError(t, err)
		assert.Equal(t, hex.EncodeToString(want[:]), hex.EncodeToString(got), "hasher %d", i)
	}
	assert.Equal(t, made, openssl.DigestStateSetsMade(), "C states made while a spare set waited")
}
