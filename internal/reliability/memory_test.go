package reliability_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/internal/cmem"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

const (
	// leakRounds objects of each of the five kinds: 200,000 in all. A leak
	// of even 100 bytes each would be 20 MB.
	leakRounds = 40_000
	// leakBound is the growth of C memory in use that the test tolerates:
	// allocator bookkeeping and OpenSSL's per-thread state for threads the
	// Go runtime starts during the run.
	leakBound = 2 << 20
)

// settle runs the garbage collector until the cleanups of unreachable
// contexts have run (they run in a goroutine of their own, after the
// collection), which shows as C memory in use no longer going down, and
// returns the C memory in use.
func settle() int64 {
	last := cmem.InUse()
	for range 50 {
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
		now := cmem.InUse()
		if now >= last-4096 && now <= last+4096 {
			return now
		}
		last = now
	}
	return last
}

// churn creates n contexts of each kind on the OpenSSL backend, whichever
// backend is the default (its C memory is what is measured): SHA-256
// hashes and HMAC-SHA-256s fed more than the bytes they keep in Go (1 KiB
// and 16 KiB, so that the C context is used), AES-CBC and AES-GCM cipher
// contexts, and aead.AESGCM objects (each holding a keyed context in its
// pool), and abandons them or, with finalize, ends each. It collects garbage every 10,000 objects. With
// keep, it returns the objects instead, all reachable.
func churn(t *testing.T, n int, finalize bool, keep ...bool) []any {
	var kept []any
	b := openssl.DefaultBackend()
	key := []byte("0123456789abcdef0123456789abcdef")
	msg := make([]byte, 300)
	long := make([]byte, 16<<10+1)
	aes, err := algorithms.NewAES(key)
	require.NoError(t, err)
	cbcMode, err := modes.NewCBC(key[:16])
	require.NoError(t, err)
	gcmMode, err := modes.NewGCM(key[:12], nil)
	require.NoError(t, err)
	cbc, err := ciphers.NewCipherWithBackend(aes, cbcMode, b)
	require.NoError(t, err)
	gcm, err := ciphers.NewCipherWithBackend(aes, gcmMode, b)
	require.NoError(t, err)
	for i := range n {
		h, err := hashes.NewWithBackend(hashes.SHA256{}, b)
		require.NoError(t, err)
		require.NoError(t, h.Update(long))

		m, err := hmac.NewWithBackend(key, hashes.SHA256{}, b)
		require.NoError(t, err)
		require.NoError(t, m.Update(long))

		enc, err := cbc.Encryptor()
		require.NoError(t, err)
		_, err = enc.Update(msg[:32])
		require.NoError(t, err)

		dec, err := gcm.Decryptor()
		require.NoError(t, err)
		_, err = dec.Update(msg[:20])
		require.NoError(t, err)

		a, err := aead.NewAESGCMWithBackend(key, b)
		require.NoError(t, err)
		_ = a.Seal(nil, key[:12], msg[:16], nil)

		if finalize {
			_, err = h.Finalize()
			require.NoError(t, err)
			_, err = m.Finalize()
			require.NoError(t, err)
			_, err = enc.Finalize()
			require.NoError(t, err)
			_, err = dec.FinalizeWithTag(make([]byte, 16))
			require.Error(t, err) // a wrong tag, but the context is ended
		}
		if len(keep) > 0 {
			kept = append(kept, h, m, enc, dec, a)
		} else if i%10_000 == 9_999 {
			runtime.GC()
		}
	}
	return kept
}

// TestCMemoryComesBack abandons 200,000 contexts of five kinds without
// finalizing them and checks that the C memory in use returns to where it
// was: the cleanups free every C object.
func TestCMemoryComesBack(t *testing.T) {
	checkCMemory(t, false)
}

// TestCMemoryComesBackFinalized is TestCMemoryComesBack with every context
// ended by Finalize (which frees the C object at once, and stops the
// cleanup).
func TestCMemoryComesBackFinalized(t *testing.T) {
	checkCMemory(t, true)
}

func checkCMemory(t *testing.T, finalize bool) {
	if cmem.InUse() < 0 {
		t.Skip("cmem.InUse returns -1: the C library cannot report memory in use")
	}
	churn(t, 2_000, finalize) // warm up: fetch caches, pools, thread state
	before := settle()

	// The meter sees these objects: 1,000 of each kind held reachable
	// take far more C memory than the bound (abandoned ones must give it
	// back).
	kept := churn(t, 1_000, false, true)
	held := settle()
	runtime.KeepAlive(kept)
	t.Logf("C memory in use with 5,000 live contexts: %d (%d bytes each)", held, (held-before)/5_000)
	require.Greater(t, held-before, int64(5_000*100), "live contexts do not show in the C memory in use")
	before = settle()

	start := time.Now()
	churn(t, leakRounds, finalize)
	after := settle()
	t.Logf("C memory in use: before %d, after %d, bound %d (%d objects in %v)",
		before, after, leakBound, 5*leakRounds, time.Since(start).Round(time.Millisecond))
	assert.Less(t, after-before, int64(leakBound), "C memory grew by %d bytes", after-before)
}
