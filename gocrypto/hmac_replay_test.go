package gocrypto_test

import (
	"bytes"
	"encoding/hex"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// heapInUse returns the bytes of live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestConformanceHMACReplayBounded: Go's HMAC over SHA-3 or BLAKE2 cannot
// copy its state, so the context keeps what was written to replay it on
// Copy; it must keep a bounded amount, not the whole stream (an HMAC of a
// large file must not hold the file in memory). The MAC stays right past
// the bound; Copy then refuses with an UnsupportedAlgorithmError, and works
// again after Reset.
func TestConformanceHMACReplayBounded(t *testing.T) {
	b := gocrypto.NewBackend()
	const total, chunk = 32 << 20, 64 << 10
	data := bytes.Repeat([]byte{0x5a}, chunk)
	key := testKey(32)
	for _, alg := range []backends.HashAlgorithm{hashes.SHA3_256{}, hashes.BLAKE2b{}} {
		t.Run(alg.Name(), func(t *testing.T) {
			if !b.HMACSupported(alg) {
				t.Logf("HMAC-%s refused in this setting (TestConformanceHashRefusals)", alg.Name())
				_, err := b.CreateHMACCtx(key, alg)
				require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
				return
			}
			ctx, err := b.CreateHMACCtx(key, alg)
			require.NoError(t, err)
			before := heapInUse()
			for range total / chunk {
				require.NoError(t, ctx.Update(data))
			}
			grown := int64(heapInUse()) - int64(before)
			assert.Less(t, grown, int64(8<<20), "the context holds %d bytes after %d written", grown, total)

			_, err = ctx.Copy()
			assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "Copy past the bound")
			got, err := ctx.Finalize()
			require.NoError(t, err)
			want, err := b.MAC(key, alg, bytes.Repeat(data, total/chunk), nil)
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))

			require.NoError(t, ctx.(backends.Resetter).Reset())
			require.NoError(t, ctx.Update([]byte("abc")))
			cp, err := ctx.Copy()
			require.NoError(t, err, "Copy after Reset")
			require.NoError(t, cp.Update([]byte("def")))
			got, err = cp.Finalize()
			require.NoError(t, err)
			want, err = b.MAC(key, alg, []byte("abcdef"), nil)
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))
			runtime.KeepAlive(ctx)
		})
	}
}
