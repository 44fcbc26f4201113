//go:build cgo

package hmac_test

import (
	"bytes"
	stdhmac "crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

// TestSetFIPSRaceWithNew switches FIPS mode on and off while goroutines
// (some on threads that end with them) MAC with HMACs from New, which
// share one allocation with the OpenSSL backend's context, and hash with
// Hashes from hashes.New, switching between Write and Finalize, Reset and
// Copy. Messages under the backends' Go buffers follow a switch: they
// must succeed and be right; longer ones may fail with
// ErrModeChanged, never give a wrong result.
func TestSetFIPSRaceWithNew(t *testing.T) {
	if defaultbackend.Name() != defaultbackend.OpenSSL {
		t.Skip("the default backend is not OpenSSL's")
	}
	was := openssl.FIPS()
	if err := openssl.SetFIPS(true); err != nil {
		t.Skipf("FIPS mode cannot be switched on here (scripts/fips-env.sh runs this test): %v", err)
	}
	t.Cleanup(func() { require.NoError(t, openssl.SetFIPS(was)) })
	goMAC := func(key, msg []byte) []byte {
		m := stdhmac.New(sha256.New, key)
		m.Write(msg)
		return m.Sum(nil)
	}
	var stop atomic.Bool
	var wrong, done, changed atomic.Int64
	var unexpected atomic.Value
	fail := func(err error, long bool) {
		if long && errors.Is(err, backends.ErrModeChanged) {
			changed.Add(1)
			return
		}
		unexpected.CompareAndSwap(nil, err.Error())
	}
	var wg sync.WaitGroup
	switches := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ; switches < 300 && !stop.Load(); switches++ {
			assert.NoError(t, openssl.SetFIPS(switches%2 == 0))
			for range 20 {
				runtime.Gosched()
			}
		}
		stop.Store(true)
	}()
	for g := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				ended := make(chan struct{})
				go func() {
					defer close(ended)
					if i%3 == 0 {
						runtime.LockOSThread() // the thread ends with the goroutine
					}
					key := []byte(fmt.Sprintf("key of goroutine %d, HMAC %d", g, i))
					msg := []byte(fmt.Sprintf("message %d", i))
					long := i%4 == 3
					if long {
						msg = bytes.Repeat(msg, 1000) // past the Go buffers
					}
					h, err := hmac.New(key, hashes.SHA256{})
					if err != nil {
						fail(err, long)
						return
					}
					_, err = h.Write(msg[:len(msg)/2])
					runtime.Gosched()
					if err == nil {
						_, err = h.Write(msg[len(msg)/2:])
					}
					var c *hmac.HMAC
					if err == nil {
						c, err = h.Copy()
					}
					runtime.Gosched()
					var got []byte
					if err == nil {
						got, err = h.Finalize()
					}
					if err != nil {
						fail(err, long)
					} else if done.Add(1); !bytes.Equal(got, goMAC(key, msg)) {
						wrong.Add(1)
					}
					if c != nil {
						c.Reset()
						runtime.Gosched()
						if _, err := c.Write(msg[:9]); err != nil {
							fail(err, false)
						} else if got, err := c.Finalize(); err != nil {
							fail(err, false)
						} else if done.Add(1); !bytes.Equal(got, goMAC(key, msg[:9])) {
							wrong.Add(1)
						}
					}
					d, err := hashes.New(hashes.SHA256{})
					if err != nil {
						fail(err, long)
						return
					}
					_, err = d.Write(msg)
					runtime.Gosched()
					if err == nil {
						got, err = d.Finalize()
					}
					want := sha256.Sum256(msg)
					if err != nil {
						fail(err, long)
					} else if done.Add(1); !bytes.Equal(got, want[:]) {
						wrong.Add(1)
					}
				}()
				<-ended
			}
		}()
	}
	wg.Wait()
	t.Logf("%d switches, %d results, %d ErrModeChanged", switches, done.Load(), changed.Load())
	assert.Nil(t, unexpected.Load(), "an error other than ErrModeChanged")
	assert.Positive(t, done.Load())
	assert.Zero(t, wrong.Load(), "wrong results")
}
