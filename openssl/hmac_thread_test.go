//go:build cgo

package openssl_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/cmem"
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
	assert.False(t, ok, "the context least recently used was replaced")
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

// TestHMACRestKeyRefusedAfterTheMAC: when a thread's HMAC context cannot
// take the resting key after it computed the MAC (memory short for a
// moment), the context is dropped (so it holds no caller's key) and the
// MAC computed is the answer. The MAC is not computed a second time: by
// then it may have overwritten the message or the key, which a caller may
// pass in the memory of dst.
func TestHMACRestKeyRefusedAfterTheMAC(t *testing.T) {
	b := openssl.DefaultBackend()
	msg := []byte("a message in the memory the MAC is written to, longer than the MAC")
	key := bytes.Repeat([]byte{0x3c}, 32)
	for _, tc := range []struct {
		name string
		mac  func() ([]byte, []byte, error) // returns want, got
	}{
		{"separate buffers", func() ([]byte, []byte, error) {
			got, err := b.MAC(key, hashes.SHA256{}, msg, nil)
			return goHMAC(sha256.New, key, msg), got, err
		}},
		{"dst over the message", func() ([]byte, []byte, error) {
			buf := append([]byte{}, msg...)
			got, err := b.MAC(key, hashes.SHA256{}, buf, buf[:0])
			return goHMAC(sha256.New, key, msg), got, err
		}},
		{"dst over the key", func() ([]byte, []byte, error) {
			buf := append([]byte{}, key...)
			got, err := b.MAC(buf, hashes.SHA256{}, msg, buf[:0])
			return goHMAC(sha256.New, key, msg), got, err
		}},
		{"Sum of a new context", func() ([]byte, []byte, error) {
			ctx, err := b.CreateHMACCtx(key, hashes.SHA384{})
			if err != nil {
				return nil, nil, err
			}
			if err := ctx.Update(msg); err != nil {
				return nil, nil, err
			}
			got, err := ctx.(backends.Summer).Sum(nil)
			return goHMAC(sha512.New384, key, msg), got, err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// A subtest runs on a goroutine of its own: the hook and the
			// context it checks are its thread's.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			openssl.FailHMACRestKey(1)
			defer openssl.FailHMACRestKey(0)
			want, got, err := tc.mac()
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))
			alg := hashes.Algorithm(hashes.SHA256{})
			if strings.HasPrefix(tc.name, "Sum") {
				alg = hashes.SHA384{}
			}
			_, _, ok := openssl.ThreadHMAC(alg, msg)
			assert.False(t, ok, "a context that refused the resting key is dropped")
		})
	}
}

// TestHMACThreadContextFailedFinal: an HMAC on the thread's context whose
// EVP_MAC_final fails reports that failure with OpenSSL's reasons and not
// an entry another library left on the queue, and leaves the context
// keyed with the public resting key, not the caller's.
func TestHMACThreadContextFailedFinal(t *testing.T) {
	key := bytes.Repeat([]byte{0x5a}, 24)
	msg := []byte("a message whose MAC does not fit")
	for i, d := range []struct {
		alg hashes.Algorithm
		ref func() hash.Hash
	}{
		{hashes.SHA256{}, sha256.New},
		{hashes.SHA512{}, sha512.New},
		{hashes.SHA3_256{}, func() hash.Hash { return sha3.New256() }},
	} {
		alg := d.alg
		t.Run(alg.Name(), func(t *testing.T) {
			runtime.LockOSThread() // a subtest runs on a goroutine of its own
			defer runtime.UnlockOSThread()
			stale := fmt.Sprintf("stale entry %d left by another library", i)
			err := openssl.HMACShortOut(alg, key, msg, stale)
			var oe *openssl.Error
			require.ErrorAs(t, err, &oe)
			assert.Contains(t, err.Error(), "EVP_MAC_final failed")
			assert.NotContains(t, err.Error(), "stale entry")
			held, _, ok := openssl.ThreadHMAC(alg, msg)
			require.True(t, ok, "the context stays, keyed again")
			assert.Equal(t, hex.EncodeToString(goHMAC(d.ref, restKey, msg)), hex.EncodeToString(held),
				"the context holds the resting key")
		})
	}
}

// TestHMACThreadContextsFreedWithTheThread: a goroutine that locks its
// thread and returns without unlocking ends the thread; the HMAC contexts
// that thread made are freed with it (the C memory in use does not grow
// with the threads ended), and the MACs on such threads are right.
func TestHMACThreadContextsFreedWithTheThread(t *testing.T) {
	if cmem.InUse() < 0 {
		t.Skip("cmem.InUse returns -1: the C library cannot report memory in use")
	}
	b := openssl.DefaultBackend()
	key := bytes.Repeat([]byte{0x11}, 20)
	msg := []byte("a MAC on a thread that ends")
	algs := []hashes.Algorithm{hashes.SHA256{}, hashes.SHA1{}, hashes.SHA384{}, hashes.SHA512{}, hashes.SHA3_256{}}
	want := goHMAC(sha256.New, key, msg)
	threads := func(n int) (wrong int) {
		for range n {
			got := make(chan []byte)
			go func() {
				runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
				for _, alg := range algs[1:] {
					if _, err := b.MAC(key, alg, msg, nil); err != nil {
						got <- nil
						return
					}
				}
				ctx, err := b.CreateHMACCtx(key, algs[0])
				if err != nil {
					got <- nil
					return
				}
				_ = ctx.Update(msg)
				sum, _ := ctx.(backends.Summer).Sum(nil)
				got <- sum
			}()
			if !bytes.Equal(<-got, want) {
				wrong++
			}
		}
		return wrong
	}
	require.Zero(t, threads(50))
	before := cmem.InUse()
	assert.Zero(t, threads(1000), "MACs on threads that end")
	grown := cmem.InUse() - before
	t.Logf("C memory in use grew by %d bytes over 1,000 threads with %d HMAC contexts each", grown, len(algs))
	// Kept contexts would be 5,000 of them, several MB.
	assert.Less(t, grown, int64(1<<20))
}

// TestSetFIPSRaceWithHMACs switches FIPS mode on and off while goroutines
// MAC through new contexts and the one-shot MAC, some of them on threads
// that end when they return (so that thread contexts are made, used across
// switches and freed all the time). Every MAC that succeeds is right;
// under ASan nothing is used after it is freed. (It does not empty the
// fetch cache as TestSetFIPSRaceWithFetches does: DropFetched leaves the C
// names of the entries it drops allocated, which LeakSanitizer reports.)
func TestSetFIPSRaceWithHMACs(t *testing.T) {
	needSwitch(t)
	b := openssl.DefaultBackend()
	var stop atomic.Bool
	var wrong, macs atomic.Int64
	var wg sync.WaitGroup
	switches := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ; switches < 1000 && !stop.Load(); switches++ {
			assert.NoError(t, openssl.SetFIPS(switches%2 == 0))
			for range 20 {
				runtime.Gosched() // let the MACs run between switches
			}
		}
		stop.Store(true)
	}()
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				done := make(chan struct{})
				go func() {
					defer close(done)
					if i%3 == 0 {
						runtime.LockOSThread() // the thread ends with the goroutine
					}
					key := []byte(fmt.Sprintf("key of goroutine %d, MAC %d", g, i))
					msg := []byte(fmt.Sprintf("message %d", i))
					if ctx, err := b.CreateHMACCtx(key, hashes.SHA256{}); err == nil {
						_ = ctx.Update(msg)
						runtime.Gosched()
						if got, err := ctx.(backends.Summer).Sum(nil); err == nil {
							macs.Add(1)
							if !bytes.Equal(got, goHMAC(sha256.New, key, msg)) {
								wrong.Add(1)
							}
						}
					}
					if got, err := b.MAC(key, hashes.SHA512{}, msg, nil); err == nil {
						macs.Add(1)
						if !bytes.Equal(got, goHMAC(sha512.New, key, msg)) {
							wrong.Add(1)
						}
					}
					_, _ = b.MAC(key, hashes.MD5{}, msg, nil) // refused in FIPS mode
				}()
				<-done
			}
		}()
	}
	wg.Wait()
	t.Logf("%d switches, %d MACs", switches, macs.Load())
	assert.Positive(t, macs.Load())
	assert.Zero(t, wrong.Load(), "wrong MACs")
}

// TestHMACThreadContextTakesNoLock: once a thread has its context for a
// digest, an HMAC on it takes no lock, so that HMACs on many cores do not
// contend on one: it completes while the lock SetFIPS takes is held. A
// thread's first HMAC with a digest, which fetches it, waits for it.
func TestHMACThreadContextTakesNoLock(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b := openssl.DefaultBackend()
	key, msg := bytes.Repeat([]byte{3}, 16), []byte("abc")
	_, err := b.MAC(key, hashes.SHA256{}, msg, nil) // the thread's context
	require.NoError(t, err)
	// Their entries are fetched now; there are more of them than a thread
	// keeps contexts for, so that the thread the goroutine below locks
	// (which may have run other HMACs before) lacks one.
	candidates := threadCandidates(t, b)

	held := openssl.HoldFetches()
	var once sync.Once
	release := func() { once.Do(held) }
	// Should the HMAC below wait for the lock, this lets it go on, late.
	timer := time.AfterFunc(5*time.Second, release)
	defer timer.Stop()
	type result struct {
		alg hashes.Algorithm
		out []byte
	}
	done := make(chan result, 1)
	go func() {
		// Locked to the end: the thread ends with the goroutine.
		runtime.LockOSThread()
		for _, alg := range candidates {
			if _, _, ok := openssl.ThreadHMAC(alg, nil); !ok {
				out, _ := b.MAC(key, alg, msg, nil)
				done <- result{alg, out}
				return
			}
		}
		done <- result{}
	}()
	start := time.Now()
	got, err := b.MAC(key, hashes.SHA256{}, msg, nil)
	require.NoError(t, err, "with the lock held")
	assert.Equal(t, goHMAC(sha256.New, key, msg), got)
	require.Less(t, time.Since(start), 4*time.Second, "the HMAC waited for the lock")
	select {
	case r := <-done:
		release()
		require.NotNil(t, r.alg, "a thread with a context for every candidate digest")
		t.Fatalf("a thread's first HMAC-%s ran while fetches were held", r.alg.Name())
	case <-time.After(50 * time.Millisecond):
	}
	release()
	select {
	case r := <-done:
		require.NotNil(t, r.alg)
		want, err := b.MAC(key, r.alg, msg, nil)
		require.NoError(t, err)
		assert.Equal(t, want, r.out)
	case <-time.After(10 * time.Second):
		t.Fatal("the first HMAC did not run once fetches were released")
	}
}
