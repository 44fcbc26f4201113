//go:build cgo

package openssl_test

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"fmt"
	"hash"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// TestHMACOwnContextAtFinalize: for every digest and keys of 0, 1, 13, 14
// and more than a block, a context never Reset has no C context of its own
// after Finalize, whether a long message or a short FIPS-mode key made it
// take one; one that was Reset keeps it; a Copy taken before Finalize
// lives on and, never Reset itself, frees its own at its Finalize. Every
// MAC is Go's (or the one-shot MAC's for SM3), and after Finalize only
// Reset makes the context usable again.
func TestHMACOwnContextAtFinalize(t *testing.T) {
	b := openssl.DefaultBackend()
	long := make([]byte, openssl.MACBufSize+100)
	for i := range long {
		long[i] = byte(i * 13)
	}
	for _, g := range []struct {
		alg hashes.Algorithm
		new func() hash.Hash
	}{
		{hashes.MD5{}, md5.New},
		{hashes.SHA1{}, sha1.New},
		{hashes.SHA256{}, sha256.New},
		{hashes.SHA512_224{}, sha512.New512_224},
		{hashes.SHA512{}, sha512.New},
		{hashes.SHA3_256{}, func() hash.Hash { return sha3.New256() }},
		{hashes.SM3{}, nil},
	} {
		t.Run(g.alg.Name(), func(t *testing.T) {
			if !b.HMACSupported(g.alg) {
				_, err := b.CreateHMACCtx(make([]byte, 32), g.alg)
				require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
				return
			}
			for _, kl := range []int{0, 1, 13, 14, g.alg.BlockSize() + 1} {
				key := bytes.Repeat([]byte{0x5c ^ byte(kl)}, kl)
				ref := func(m []byte) []byte {
					if g.new != nil {
						return goHMAC(g.new, key, m)
					}
					out, err := b.MAC(key, g.alg, m, nil)
					require.NoError(t, err)
					return out
				}
				for _, msg := range [][]byte{long[:3], long} {
					what := fmt.Sprintf("key of %d bytes, message of %d, FIPS mode %v", kl, len(msg), openssl.FIPS())
					h, err := b.CreateHMACCtx(key, g.alg)
					if err != nil {
						require.Less(t, kl, 14, what)
						require.ErrorIs(t, err, backends.ErrInvalidKeySize, what)
						continue
					}
					f := asFinalizer(t, h)
					// A short key in FIPS mode is judged at once, on a
					// context of its own; the default mode keys none
					// until a message outgrows the buffer.
					assert.Equal(t, openssl.FIPS() && kl < 14, openssl.HMACHasOwnContext(h), "%s: own context when new", what)
					require.NoError(t, f.Update(msg))
					own := openssl.HMACHasOwnContext(h)
					assert.Equal(t, (openssl.FIPS() && kl < 14) || len(msg) > openssl.MACBufSize, own, what)
					c, err := h.Copy()
					require.NoError(t, err, what)
					assert.Equal(t, own, openssl.HMACHasOwnContext(c), "%s: the copy has its own as the original does", what)
					got, err := f.Finalize()
					require.NoError(t, err, what)
					assert.Equal(t, ref(msg), got, what)
					assert.False(t, openssl.HMACHasOwnContext(h), "%s: freed at Finalize, never Reset", what)
					_, err = f.Sum(nil)
					assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, what)
					assert.ErrorIs(t, f.Update(msg), backends.ErrAlreadyFinalized, what)
					_, err = h.Copy()
					assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, what)

					// The copy goes on after the original is spent.
					cf := asFinalizer(t, c)
					require.NoError(t, cf.Update(msg), what)
					got, err = cf.Finalize()
					require.NoError(t, err, what)
					assert.Equal(t, ref(append(append([]byte{}, msg...), msg...)), got, "%s: copy", what)
					assert.False(t, openssl.HMACHasOwnContext(c), "%s: the copy, never Reset, frees its own", what)

					// Reset: a context of its own, kept through Finalize,
					// and the same MAC twice.
					for i := range 2 {
						require.NoError(t, f.Reset(), what)
						assert.True(t, openssl.HMACHasOwnContext(h), "%s: Reset keys one", what)
						require.NoError(t, f.Update(msg), what)
						got, err = f.Finalize()
						require.NoError(t, err, what)
						assert.Equal(t, ref(msg), got, "%s: message %d after Reset", what, i)
						assert.True(t, openssl.HMACHasOwnContext(h), "%s: kept once Reset", what)
					}
					// A copy of a context that was Reset, never Reset
					// itself, frees its own at Finalize; the original
					// keeps its.
					require.NoError(t, f.Reset(), what)
					require.NoError(t, f.Update(msg), what)
					c, err = h.Copy()
					require.NoError(t, err, what)
					got, err = c.Finalize()
					require.NoError(t, err, what)
					assert.Equal(t, ref(msg), got, "%s: copy after Reset", what)
					assert.False(t, openssl.HMACHasOwnContext(c), what)
					got, err = f.Finalize()
					require.NoError(t, err, what)
					assert.Equal(t, ref(msg), got, what)
					assert.True(t, openssl.HMACHasOwnContext(h), what)
				}
			}
		})
	}
}

// TestHMACFreedAtFinalizeThenCollected: C contexts freed at Finalize are
// not freed again when the collector finds their HMAC, and those kept
// (Reset, or copies never finalized) are freed by it once: HMACs of every
// kind of life, on several goroutines, dropped and collected. Every MAC is
// Go's; under -asan a second free or a use after one would abort.
func TestHMACFreedAtFinalizeThenCollected(t *testing.T) {
	b := openssl.DefaultBackend()
	key := bytes.Repeat([]byte{0x36}, 20)
	long := bytes.Repeat([]byte("collected "), openssl.MACBufSize/10+1)
	want := goHMAC(sha256.New, key, long)
	var wg sync.WaitGroup
	var wrong atomic.Int64
	for g := range 4 {
		wg.Go(func() {
			for i := range 200 {
				h, err := b.CreateHMACCtx(key, hashes.SHA256{})
				if !assert.NoError(t, err) {
					return
				}
				f := h.(finalizer)
				if (i+g)%3 == 1 {
					_ = f.Reset()
				}
				_ = f.Update(long)
				c, err := h.Copy()
				if !assert.NoError(t, err) {
					return
				}
				got, err := f.Finalize()
				if err != nil || !bytes.Equal(got, want) {
					wrong.Add(1)
				}
				if i%2 == 0 {
					if got, err := c.Finalize(); err != nil || !bytes.Equal(got, want) {
						wrong.Add(1)
					}
				}
				if i%5 == 0 {
					runtime.GC()
				}
			}
		})
	}
	wg.Wait()
	for range 3 {
		runtime.GC()
		time.Sleep(time.Millisecond) // cleanups run on their own goroutine
	}
	assert.Zero(t, wrong.Load(), "wrong MACs")
}
