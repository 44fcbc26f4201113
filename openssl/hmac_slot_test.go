//go:build cgo

package openssl_test

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// TestHMACSlotFollowsMode: the per-mode slot in front of the HMAC fetch
// never hands one mode the other's HMAC, while SetFIPS switches and the
// fetch cache (with the slots) is emptied under it. Goroutines make new
// HMAC contexts (as hmac.New does, beside a value of theirs, and through
// CreateHMACCtx) and one-shot MACs: a new context with its message in Go
// computes with the provider of the mode it belongs to, one that was Reset
// (with a C context of its own) too, and every MAC that succeeds is Go's.
// (Under -asan the cache is not emptied: see asanBuild.)
func TestHMACSlotFollowsMode(t *testing.T) {
	needSwitch(t)
	b := openssl.DefaultBackend()
	var stop atomic.Bool
	var checked, wrong atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer stop.Store(true)
		for i := range 150 {
			assert.NoError(t, openssl.SetFIPS(i%2 == 0))
			if i%3 == 0 && !asanBuild {
				openssl.DropFetched()
			}
			for range 10 {
				runtime.Gosched()
			}
		}
	}()
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				key := []byte(fmt.Sprintf("key of goroutine %d, HMAC %d", g, i))
				msg := []byte(fmt.Sprintf("message %d", i))
				var ctx backends.HMACContext
				var err error
				if i%2 == 0 {
					_, ctx, err = openssl.NewHMACCtxBeside[[3]int](key, hashes.SHA256{})
				} else {
					ctx, err = b.CreateHMACCtx(key, hashes.SHA256{})
				}
				if err != nil {
					assert.Fail(t, "new HMAC", "%v", err)
					return
				}
				if i%4 == 1 {
					if !assert.NoError(t, ctx.(backends.Resetter).Reset()) {
						return
					}
				}
				fips := openssl.HMACContextFIPS(ctx)
				prov := openssl.ImplProvider(ctx)
				if (prov == "fips") != fips {
					if wrong.Add(1) > 3 {
						return
					}
					t.Errorf("an HMAC context of FIPS mode %v computes with provider %q (own context: %v)", fips, prov, openssl.HMACHasOwnContext(ctx))
				}
				checked.Add(1)
				if i%8 == 3 {
					// A long message: the context takes one of its own,
					// which Finalize frees (never Reset) or keeps.
					msg = bytes.Repeat(msg, openssl.MACBufSize/len(msg)+1)
				}
				if !assert.NoError(t, ctx.Update(msg)) {
					return
				}
				got, err := ctx.Finalize()
				if err == nil {
					assert.Equal(t, i%4 == 1, openssl.HMACHasOwnContext(ctx), "an own context after Finalize only when Reset")
					if !bytes.Equal(got, goHMAC(sha256.New, key, msg)) {
						wrong.Add(1)
					}
				} else if !errors.Is(err, backends.ErrModeChanged) {
					// A context whose message is in Go follows a switch.
					assert.NoError(t, err)
				}
				if got, err := b.MAC(key, hashes.SHA512{}, msg, nil); assert.NoError(t, err) && !bytes.Equal(got, goHMAC(sha512.New, key, msg)) {
					wrong.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("%d contexts checked", checked.Load())
	assert.Positive(t, checked.Load())
	assert.Zero(t, wrong.Load())
	// Once nothing races: first uses of each mode fetch for their mode.
	if !asanBuild {
		openssl.DropFetched()
	}
	for _, fips := range []bool{true, false} {
		require.NoError(t, openssl.SetFIPS(fips))
		ctx, err := b.CreateHMACCtx(bytes.Repeat([]byte{1}, 32), hashes.SHA256{})
		require.NoError(t, err)
		assert.Equal(t, fips, openssl.ImplProvider(ctx) == "fips", "FIPS mode %v after the race", fips)
		assert.Equal(t, fips, openssl.FetchedProviders(fips)["mac:hmac"] == "fips", "FIPS mode %v: the cache", fips)
	}
}
