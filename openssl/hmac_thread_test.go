//go:build cgo

package openssl_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/goref"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// restKey is the public key a C thread's HMAC context holds between calls.
var restKey = make([]byte, 32)

// goHMAC computes HMAC with Go's crypto, the reference, even where
// GODEBUG=fips140=only makes Go refuse it (HMAC-SHA-1; see goref.Run).
func goHMAC(h func() hash.Hash, key, msg []byte) (out []byte) {
	goref.Run(func() {
		m := hmac.New(h, key)
		m.Write(msg)
		out = m.Sum(nil)
	})
	return out
}

// TestHMACThreadContextForgetsTheKey: an HMAC computed on the C thread's
// context (the one-shot MAC, and Sum of a new HMAC context) leaves that
// context keyed with the public resting key, not the caller's.
func TestHMACThreadContextForgetsTheKey(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b := openssl.DefaultBackend()
	key := bytes.Repeat([]byte{0xa5}, 20)
	msg := []byte("what the thread's context computes with the key it holds")
	want := goHMAC(sha256.New, key, msg)

	got, err := b.MAC(key, hashes.SHA256{}, msg, nil)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	held, n, ok := openssl.ThreadHMAC(hashes.SHA256{}, msg)
	require.True(t, ok, "the one-shot MAC ran on this thread's context")
	assert.Positive(t, n)
	assert.Equal(t, goHMAC(sha256.New, restKey, msg), held, "the context holds the resting key")
	assert.NotEqual(t, want, held)

	ctx, err := b.CreateHMACCtx(key, hashes.SHA256{})
	require.NoError(t, err)
	require.NoError(t, ctx.Update(msg))
	got, err = ctx.(backends.Summer).Sum(nil)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	held, _, ok = openssl.ThreadHMAC(hashes.SHA256{}, msg)
	require.True(t, ok)
	assert.Equal(t, goHMAC(sha256.New, restKey, msg), held, "after Sum of a new context too")
}

// TestHMACThreadContextsBounded: a thread keeps at most
// HMACThreadContexts HMAC contexts, one per digest; HMACs with more
// digests than that, taken in turn on one thread so that each use
// replaces a context, all stay right.
func TestHMACThreadContextsBounded(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b := openssl.DefaultBackend()
	type digest struct {
		alg hashes.Algorithm
		ref func() hash.Hash
	}
	all := []digest{
		{hashes.SHA256{}, sha256.New}, {hashes.SHA224{}, sha256.New224},
		{hashes.SHA384{}, sha512.New384}, {hashes.SHA512{}, sha512.New},
		{hashes.SHA512_224{}, sha512.New512_224}, {hashes.SHA512_256{}, sha512.New512_256},
		{hashes.SHA1{}, sha1.New}, {hashes.SHA3_256{}, nil}, {hashes.SHA3_512{}, nil},
		{hashes.SHA3_224{}, nil}, {hashes.SHA3_384{}, nil},
	}
	var ds []digest
	for _, d := range all {
		if b.HMACSupported(d.alg) {
			ds = append(ds, d)
		}
	}
	require.Greater(t, len(ds), openssl.HMACThreadContexts, "enough digests to replace contexts")
	first := map[string][]byte{}
	for round := range 3 {
		for i, d := range ds {
			key := []byte(fmt.Sprintf("key %d of round %d, longer than 112 bits", i, round))
			msg := []byte(fmt.Sprintf("message %d", i))
			got, err := b.MAC(key, d.alg, msg, nil)
			require.NoError(t, err, d.alg.Name())
			if d.ref != nil {
				assert.Equal(t, goHMAC(d.ref, key, msg), got, "%s, round %d", d.alg.Name(), round)
			}
			// The same HMAC through a streaming context of its own.
			ctx, err := b.CreateHMACCtx(key, d.alg)
			require.NoError(t, err)
			require.NoError(t, ctx.(backends.Resetter).Reset())
			require.NoError(t, ctx.Update(msg))
			own, err := ctx.Finalize()
			require.NoError(t, err)
			assert.Equal(t, own, got, "%s, round %d", d.alg.Name(), round)
			name := fmt.Sprintf("%s/%d", d.alg.Name(), i)
			if round == 0 {
				first[name] = got
			}
			_, n, ok := openssl.ThreadHMAC(d.alg, msg)
			require.True(t, ok, "%s: the context just used is kept", d.alg.Name())
			assert.LessOrEqual(t, n, openssl.HMACThreadContexts)
		}
	}
	_, n, ok := openssl.ThreadHMAC(ds[len(ds)-1].alg, nil)
	require.True(t, ok)
	assert.Equal(t, openssl.HMACThreadContexts, n, "every slot in use after more digests than slots")
	_, _, ok = openssl.ThreadHMAC(ds[0].alg, nil)
	assert.False(t, ok, "the context least recently made was replaced")
}

// TestNewHMACContextOwnsNoCContext: a new HMAC context MACs a short
// message on the C thread's context at Sum and makes none of its own; it
// makes one when Reset (it is used again) or when its data outgrows the
// Go buffer. Its answers are the same throughout, and a Copy taken at
// each stage computes what the original does.
func TestNewHMACContextOwnsNoCContext(t *testing.T) {
	b := openssl.DefaultBackend()
	key := bytes.Repeat([]byte{7}, 32)
	msg := []byte("a short message")
	want := goHMAC(sha256.New, key, msg)

	ctx, err := b.CreateHMACCtx(key, hashes.SHA256{})
	require.NoError(t, err)
	assert.False(t, openssl.HMACHasOwnContext(ctx), "made")
	require.NoError(t, ctx.Update(msg))
	c, err := ctx.Copy()
	require.NoError(t, err)
	assert.False(t, openssl.HMACHasOwnContext(c), "a copy of a context without one")
	got, err := ctx.(backends.Summer).Sum(nil)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.False(t, openssl.HMACHasOwnContext(ctx), "after Sum")
	cgot, err := c.Finalize()
	require.NoError(t, err)
	assert.Equal(t, want, cgot)

	require.NoError(t, ctx.(backends.Resetter).Reset())
	assert.True(t, openssl.HMACHasOwnContext(ctx), "after Reset")
	require.NoError(t, ctx.Update(msg))
	got, err = ctx.(backends.Summer).Sum(nil)
	require.NoError(t, err)
	assert.Equal(t, want, got)

	big := bytes.Repeat([]byte{1}, openssl.MACBufSize+1)
	ctx, err = b.CreateHMACCtx(key, hashes.SHA256{})
	require.NoError(t, err)
	require.NoError(t, ctx.Update(big[:10]))
	require.NoError(t, ctx.Update(big[10:]))
	assert.True(t, openssl.HMACHasOwnContext(ctx), "data beyond the Go buffer")
	got, err = ctx.Finalize()
	require.NoError(t, err)
	assert.Equal(t, goHMAC(sha256.New, key, big), got)
}

// TestNewHMACsConcurrently: goroutines MAC with keys of their own through
// new contexts and the one-shot MAC at once, so that the C threads'
// contexts serve one goroutine after another: every MAC is right.
func TestNewHMACsConcurrently(t *testing.T) {
	b := openssl.DefaultBackend()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				key := []byte(fmt.Sprintf("goroutine %d key %d: 128 bits+", g, i))
				msg := []byte(fmt.Sprintf("message %d of goroutine %d", i, g))
				want := goHMAC(sha256.New, key, msg)
				ctx, err := b.CreateHMACCtx(key, hashes.SHA256{})
				if !assert.NoError(t, err) {
					return
				}
				_ = ctx.Update(msg)
				got, err := ctx.(backends.Summer).Sum(nil)
				assert.NoError(t, err)
				assert.Equal(t, want, got)
				got, err = b.MAC(key, hashes.SHA256{}, msg, nil)
				assert.NoError(t, err)
				assert.Equal(t, want, got)
				if i%16 == 0 {
					runtime.Gosched()
				}
			}
		}()
	}
	wg.Wait()
}
