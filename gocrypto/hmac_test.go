package gocrypto_test

import (
	stdhmac "crypto/hmac"
	"crypto/sha256"
	"crypto/sha3"
	"encoding/hex"
	"hash"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/blake2b"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// TestConformanceHMACCopyAfterReset: a context copies the data written since its last
// Reset and nothing before, whether Go's HMAC clones its state (SHA-256) or
// the context replays what it kept (SHA-3, BLAKE2b); Finalize forgets the
// data, and a copy is independent of its source.
func TestConformanceHMACCopyAfterReset(t *testing.T) {
	b := gocrypto.NewBackend()
	key := []byte("a key of more than fourteen bytes")
	for _, c := range []struct {
		alg backends.HashAlgorithm
		ref func() hash.Hash
	}{
		{hashes.SHA256{}, sha256.New},
		{hashes.SHA3_256{}, func() hash.Hash { return sha3.New256() }},
		{hashes.BLAKE2b{}, func() hash.Hash { h, _ := blake2b.New512(nil); return h }},
	} {
		t.Run(c.alg.Name(), func(t *testing.T) {
			if !b.HMACSupported(c.alg) {
				assert.True(t, gocrypto.FIPS(), "HMAC-%s refused outside FIPS mode", c.alg.Name())
				return
			}
			want := func(parts ...string) string {
				m := stdhmac.New(c.ref, key)
				for _, p := range parts {
					m.Write([]byte(p))
				}
				return hex.EncodeToString(m.Sum(nil))
			}
			ctx, err := b.CreateHMACCtx(key, c.alg)
			require.NoError(t, err)
			require.NoError(t, ctx.Update([]byte("before reset")))
			require.NoError(t, ctx.(backends.Resetter).Reset())
			require.NoError(t, ctx.Update([]byte("one")))
			cp, err := ctx.Copy()
			require.NoError(t, err)
			require.NoError(t, ctx.Update([]byte("two")))
			require.NoError(t, cp.Update([]byte("three")))
			cp2, err := cp.Copy()
			require.NoError(t, err)
			got, err := ctx.Finalize()
			require.NoError(t, err)
			assert.Equal(t, want("one", "two"), hex.EncodeToString(got), "source")
			got, err = cp.Finalize()
			require.NoError(t, err)
			assert.Equal(t, want("one", "three"), hex.EncodeToString(got), "copy")
			require.NoError(t, cp2.Update([]byte("four")))
			got, err = cp2.Finalize()
			require.NoError(t, err)
			assert.Equal(t, want("one", "three", "four"), hex.EncodeToString(got), "copy of the copy")
			require.NoError(t, ctx.(backends.Resetter).Reset())
			require.NoError(t, ctx.Update([]byte("five")))
			got, err = ctx.Finalize()
			require.NoError(t, err)
			assert.Equal(t, want("five"), hex.EncodeToString(got), "after Finalize and Reset")
		})
	}
}
