package hashes_test

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/internal/goref"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

type goHash struct {
	alg hashes.Algorithm
	new func() hash.Hash
}

func goHashes() []goHash {
	return []goHash{
		{hashes.SHA1{}, sha1.New},
		{hashes.SHA224{}, sha256.New224},
		{hashes.SHA256{}, sha256.New},
		{hashes.SHA384{}, sha512.New384},
		{hashes.SHA512{}, sha512.New},
		{hashes.SHA512_224{}, sha512.New512_224},
		{hashes.SHA512_256{}, sha512.New512_256},
		{hashes.SHA3_224{}, func() hash.Hash { return sha3.New224() }},
		{hashes.SHA3_256{}, func() hash.Hash { return sha3.New256() }},
		{hashes.SHA3_384{}, func() hash.Hash { return sha3.New384() }},
		{hashes.SHA3_512{}, func() hash.Hash { return sha3.New512() }},
		{hashes.MD5{}, md5.New},
	}
}

// TestDifferential compares every length from 0 to 4 KiB with Go's crypto:
// one-shot, streamed at random split points, and Sum in the middle of a
// stream (which must not change the state).
func TestDifferential(t *testing.T) {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	for _, g := range goHashes() {
		t.Run(g.alg.Name(), func(t *testing.T) {
			if !hashes.Supported(g.alg) {
				requireRefused(t, g.alg)
				return
			}
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 1))
			msg := make([]byte, 4096)
			for i := range msg {
				msg[i] = byte(rng.Uint32())
			}
			h, err := hashes.New(g.alg)
			require.NoError(t, err)
			for n := 0; n <= len(msg); n++ {
				m := msg[:n]
				want := hex.EncodeToString(goSum(g.new, m))

				got, err := hashes.Sum(g.alg, m)
				require.NoError(t, err)
				require.Equal(t, want, hex.EncodeToString(got), "one-shot, length %d", n)

				h.Reset()
				split := 0
				if n > 0 {
					split = rng.IntN(n + 1)
				}
				_, err = h.Write(m[:split])
				require.NoError(t, err)
				require.Equal(t, hex.EncodeToString(goSum(g.new, m[:split])), hex.EncodeToString(h.Sum(nil)), "Sum at %d of %d", split, n)
				_, err = h.Write(m[split:])
				require.NoError(t, err)
				require.Equal(t, want, hex.EncodeToString(h.Sum(nil)), "streamed, split %d of %d", split, n)
			}
		})
	}
}

func TestDifferentialSHAKE(t *testing.T) {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	for _, tc := range []struct {
		alg func(int) hashes.Algorithm
		ref func() *sha3.SHAKE
	}{
		{func(n int) hashes.Algorithm { return hashes.SHAKE128{Size: n} }, sha3.NewSHAKE128},
		{func(n int) hashes.Algorithm { return hashes.SHAKE256{Size: n} }, sha3.NewSHAKE256},
	} {
		t.Run(tc.alg(1).Name(), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 2))
			for n := 0; n <= 1024; n++ {
				msg := make([]byte, n)
				for i := range msg {
					msg[i] = byte(rng.Uint32())
				}
				outLen := 1 + rng.IntN(300)
				ref := tc.ref()
				ref.Write(msg)
				want := make([]byte, outLen)
				ref.Read(want)

				got, err := hashes.Sum(tc.alg(outLen), msg)
				require.NoError(t, err)
				require.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))

				// Streaming output through hash.XOF in uneven reads.
				h, err := hashes.New(tc.alg(outLen))
				require.NoError(t, err)
				h.Write(msg)
				stream := make([]byte, 0, 3*outLen)
				for len(stream) < cap(stream) {
					buf := make([]byte, min(1+rng.IntN(70), cap(stream)-len(stream)))
					k, err := h.Read(buf)
					require.NoError(t, err)
					stream = append(stream, buf[:k]...)
				}
				long := make([]byte, 3*outLen)
				ref2 := tc.ref()
				ref2.Write(msg)
				ref2.Read(long)
				require.Equal(t, hex.EncodeToString(long), hex.EncodeToString(stream))
			}
		})
	}
}

func TestCopyIsIndependent(t *testing.T) {
	h, err := hashes.New(hashes.SHA256{})
	require.NoError(t, err)
	big := make([]byte, 64<<10) // beyond the Go-side buffer: state lives in C
	for _, prefix := range [][]byte{[]byte("short"), big} {
		h.Reset()
		h.Write(prefix)
		c, err := h.Copy()
		require.NoError(t, err)
		h.Write([]byte("one"))
		c.Write([]byte("two"))
		a, err := h.Finalize()
		require.NoError(t, err)
		b, err := c.Finalize()
		require.NoError(t, err)
		wa := sha256.Sum256(append(append([]byte{}, prefix...), "one"...))
		wb := sha256.Sum256(append(append([]byte{}, prefix...), "two"...))
		assert.Equal(t, hex.EncodeToString(wa[:]), hex.EncodeToString(a))
		assert.Equal(t, hex.EncodeToString(wb[:]), hex.EncodeToString(b))
	}
}

// goSum returns Go's digest of msg, computed even where
// GODEBUG=fips140=only makes Go refuse it (SHA-1, MD5; see goref.Run).
func goSum(newHash func() hash.Hash, msg []byte) (out []byte) {
	goref.Run(func() {
		h := newHash()
		h.Write(msg)
		out = h.Sum(nil)
	})
	return out
}
