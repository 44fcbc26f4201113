package hmac_test

import (
	stdhmac "crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"fmt"
	"hash"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/blake2b"
	"golang.org/x/crypto/blake2s"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/backendenv"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

// lifeHashes is every digest of package hashes with the Go hash that
// computes the reference HMAC, or nil where Go has none (SM3: the
// backend's one-shot MAC is the reference).
var lifeHashes = []struct {
	alg hashes.Algorithm
	new func() hash.Hash
}{
	{hashes.MD5{}, md5.New},
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
	{hashes.BLAKE2b{}, func() hash.Hash { h, _ := blake2b.New512(nil); return h }},
	{hashes.BLAKE2s{}, func() hash.Hash { h, _ := blake2s.New256(nil); return h }},
	{hashes.SM3{}, nil},
}

// lifeBackends are both of hazmat's backends, each as hmac.New reaches it
// (one allocation for the HMAC and its context), whichever is the default.
func lifeBackends() []struct {
	name string
	b    backends.HMACBackend
} {
	out := []struct {
		name string
		b    backends.HMACBackend
	}{{"go", gocrypto.NewBackend()}}
	if backendenv.CgoEnabled {
		out = append(out, struct {
			name string
			b    backends.HMACBackend
		}{"openssl", openssl.DefaultBackend()})
	}
	return out
}

// TestLifeEveryDigestAndKey drives an HMAC of each backend through its
// whole life (streamed Write, Sum, Copy, Finalize, misuse after Finalize,
// Reset and Finalize again, a Copy finished after the original, an empty
// message after Reset) for every digest, keys of 0, 1, 13 and 14 bytes, of
// one block, longer and of 5000 bytes, and messages around the 4 KiB the
// OpenSSL backend keeps in Go, against Go's crypto/hmac (or the one-shot MAC where Go has
// no such digest). A refusal must be one of the refusals the backend
// documents: an unsupported digest, or a short key in a FIPS mode.
func TestLifeEveryDigestAndKey(t *testing.T) {
	msg := make([]byte, 9000)
	for i := range msg {
		msg[i] = byte(i*7 + i>>8)
	}
	tail := []byte("a tail written to the copy")
	for _, be := range lifeBackends() {
		for _, g := range lifeHashes {
			t.Run(be.name+"/"+g.alg.Name(), func(t *testing.T) {
				if !be.b.HMACSupported(g.alg) {
					_, err := hmac.NewWithBackend(make([]byte, 32), g.alg, be.b)
					require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
					return
				}
				bs := g.alg.BlockSize()
				for _, kl := range []int{0, 1, 13, 14, bs, bs + 1, 2*bs + 3, 5000} {
					key := make([]byte, kl)
					for i := range key {
						key[i] = byte(0xa0 + i)
					}
					ref := func(parts ...[]byte) []byte {
						var m []byte
						for _, p := range parts {
							m = append(m, p...)
						}
						if g.new != nil {
							return goHMAC(g.new, key, m)
						}
						out, err := hmac.SumWithBackend(key, g.alg, m, be.b)
						require.NoError(t, err)
						return out
					}
					for _, n := range []int{0, 1, 63, 4096, 4097, 9000} {
						lifeOnce(t, be.b, g.alg, key, msg[:n], tail, ref)
					}
				}
			})
		}
	}
}

func lifeOnce(t *testing.T, b backends.HMACBackend, alg hashes.Algorithm, key, m, tail []byte, ref func(...[]byte) []byte) {
	t.Helper()
	what := fmt.Sprintf("key of %d bytes, message of %d", len(key), len(m))
	h, err := hmac.NewWithBackend(key, alg, b)
	if err != nil {
		require.Less(t, len(key), 14, "%s: %v", what, err)
		require.ErrorIs(t, err, backends.ErrInvalidKeySize, what)
		require.Contains(t, err.Error(), "FIPS", what)
		_, err = hmac.SumWithBackend(key, alg, m, b)
		require.ErrorIs(t, err, backends.ErrInvalidKeySize, "%s: the one-shot refuses it too", what)
		return
	}
	want := ref(m)
	h.Write(m[:len(m)/2])
	h.Write(m[len(m)/2:])
	assert.Equal(t, want, h.Sum(nil), "%s: Sum", what)
	c, err := h.Copy()
	require.NoError(t, err, what)
	got, err := h.Finalize()
	require.NoError(t, err, what)
	assert.Equal(t, want, got, "%s: Finalize", what)
	_, err = h.Finalize()
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, what)
	_, err = h.Write([]byte("x"))
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, what)
	_, err = h.Copy()
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, what)

	// The copy taken before Finalize goes on.
	c.Write(tail)
	cwant := ref(m, tail)
	got, err = c.Finalize()
	require.NoError(t, err, what)
	assert.Equal(t, cwant, got, "%s: the copy, finished after the original", what)

	// Reset, the same message, Finalize; Reset, nothing, Finalize.
	for i := range 2 {
		h.Reset()
		h.Write(m)
		got, err = h.Finalize()
		require.NoError(t, err, what)
		assert.Equal(t, want, got, "%s: after Reset %d", what, i)
	}
	h.Reset()
	got, err = h.Finalize()
	require.NoError(t, err, what)
	assert.Equal(t, ref(), got, "%s: empty message after Reset", what)

	// The copy, Reset: a copy of it finishes as it does.
	c.Reset()
	c.Write(tail)
	c2, err := c.Copy()
	require.NoError(t, err, what)
	assert.Equal(t, ref(tail), c.Sum(nil), "%s: Sum of the copy after Reset", what)
	got, err = c.Finalize()
	require.NoError(t, err, what)
	got2, err := c2.Finalize()
	require.NoError(t, err, what)
	assert.Equal(t, ref(tail), got, what)
	assert.Equal(t, ref(tail), got2, what)
	h.Reset()
	h.Write(m)
	assert.NoError(t, h.Verify(want), "%s: Verify after Reset", what)
	assert.ErrorIs(t, h.Verify(want), backends.ErrAlreadyFinalized, what)
}

// TestLifeReplayLimit: on the Go backend, whose HMAC over SHA-3 and
// BLAKE2 cannot copy its state, an HMAC from New keeps up to 1 MiB written
// since its last Reset to replay on Copy: a Copy at exactly 1 MiB is
// right, one byte more refuses Copy (an error wrapping
// ErrUnsupportedAlgorithm) while Sum, Finalize and Verify stay right, and
// Reset lifts the refusal. The key is the one New was given, though the
// caller's slice changed since.
func TestLifeReplayLimit(t *testing.T) {
	const limit = 1 << 20
	b := gocrypto.NewBackend()
	chunk := make([]byte, 64<<10)
	for i := range chunk {
		chunk[i] = byte(i ^ i>>9)
	}
	for _, g := range lifeHashes {
		switch g.alg.(type) {
		case hashes.SHA3_256, hashes.SHA3_512, hashes.BLAKE2b, hashes.BLAKE2s:
		default:
			continue
		}
		t.Run(g.alg.Name(), func(t *testing.T) {
			if !b.HMACSupported(g.alg) {
				_, err := hmac.NewWithBackend(make([]byte, 32), g.alg, b)
				require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
				return
			}
			key := []byte("a key of twenty bytes")
			orig := append([]byte{}, key...)
			h, err := hmac.NewWithBackend(key, g.alg, b)
			require.NoError(t, err)
			key[0] ^= 0xff // the HMAC copied it
			var all []byte
			for len(all) < limit {
				h.Write(chunk)
				all = append(all, chunk...)
			}
			c, err := h.Copy()
			require.NoError(t, err, "at exactly 1 MiB")
			c.Write([]byte("!"))
			assert.Equal(t, goHMAC(g.new, orig, append(append([]byte{}, all...), '!')), c.Sum(nil))

			h.Write([]byte{1})
			all = append(all, 1)
			_, err = h.Copy()
			require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "past 1 MiB")
			want := goHMAC(g.new, orig, all)
			assert.Equal(t, want, h.Sum(nil), "Sum past the limit")
			h.Write(chunk[:5])
			all = append(all, chunk[:5]...)
			want = goHMAC(g.new, orig, all)
			_, err = c.Copy()
			require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "the copy, one byte past 1 MiB, too")
			assert.Equal(t, goHMAC(g.new, orig, append(all[:limit:limit], '!')), c.Sum(nil), "the copy's Sum")
			assert.NoError(t, h.Verify(want), "Verify past the limit")

			h.Reset()
			h.Write(chunk[:100])
			c, err = h.Copy()
			require.NoError(t, err, "Copy again after Reset")
			got, err := h.Finalize()
			require.NoError(t, err)
			assert.Equal(t, goHMAC(g.new, orig, chunk[:100]), got)
			c.Write(chunk[100:200])
			got, err = c.Finalize()
			require.NoError(t, err)
			assert.Equal(t, goHMAC(g.new, orig, chunk[:200]), got)
		})
	}
}

// TestNewAllocsGoBackend: hmac.New on the Go backend makes the HMAC and
// its context in one allocation, beside what crypto/hmac's own New makes.
func TestNewAllocsGoBackend(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are checked without -race (scripts/test.sh runs that pass too)")
	}
	b := gocrypto.NewBackend()
	key := make([]byte, 32)
	goAllocs := testing.AllocsPerRun(100, func() { _ = stdhmac.New(sha256.New, key) })
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := hmac.NewWithBackend(key, hashes.SHA256{}, b); err != nil {
			panic(err)
		}
	})
	assert.Equal(t, goAllocs+1, allocs)
}
