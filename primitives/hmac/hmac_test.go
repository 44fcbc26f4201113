package hmac_test

import (
	stdhmac "crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/goref"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

func TestMain(m *testing.M) {
	fmt.Fprintln(os.Stderr, defaultbackend.Describe())
	os.Exit(m.Run())
}

var goHashes = []struct {
	alg hashes.Algorithm
	new func() hash.Hash
}{
	{hashes.SHA1{}, sha1.New},
	{hashes.SHA224{}, sha256.New224},
	{hashes.SHA256{}, sha256.New},
	{hashes.SHA384{}, sha512.New384},
	{hashes.SHA512{}, sha512.New},
	{hashes.SHA512_224{}, sha512.New512_224},
	{hashes.SHA512_256{}, sha512.New512_256},
	{hashes.SHA3_256{}, func() hash.Hash { return sha3.New256() }},
	{hashes.SHA3_512{}, func() hash.Hash { return sha3.New512() }},
	{hashes.MD5{}, md5.New},
}

// TestDifferential compares with Go's crypto/hmac for every message length
// from 0 to 4 KiB, with keys of random length (0 to 2 blocks and more),
// one-shot and streamed at random split points.
func TestDifferential(t *testing.T) {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	for _, g := range goHashes {
		t.Run(g.alg.Name(), func(t *testing.T) {
			if !hmac.Supported(g.alg) {
				_, err := hmac.New(make([]byte, 32), g.alg)
				require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
				return
			}
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 3))
			msg := make([]byte, 4096)
			for i := range msg {
				msg[i] = byte(rng.Uint32())
			}
			for n := 0; n <= len(msg); n++ {
				key := make([]byte, 14+rng.IntN(3*g.alg.BlockSize()))
				for i := range key {
					key[i] = byte(rng.Uint32())
				}
				m := msg[:n]
				wantMAC := goHMAC(g.new, key, m)
				want := hex.EncodeToString(wantMAC)

				got, err := hmac.Sum(key, g.alg, m)
				require.NoError(t, err)
				require.Equal(t, want, hex.EncodeToString(got), "one-shot, length %d", n)

				h, err := hmac.New(key, g.alg)
				require.NoError(t, err)
				split := rng.IntN(n + 1)
				h.Write(m[:split])
				h.Write(m[split:])
				require.Equal(t, want, hex.EncodeToString(h.Sum(nil)))
				h.Reset()
				h.Write(m)
				require.NoError(t, h.Verify(wantMAC))
			}
		})
	}
}

func TestEmptyAndNilKeys(t *testing.T) {
	for _, key := range [][]byte{nil, {}} {
		got, err := hmac.Sum(key, hashes.SHA256{}, []byte("msg"))
		if goShortKeysRefused() {
			require.ErrorIs(t, err, backends.ErrInvalidKeySize)
			assert.Contains(t, err.Error(), "FIPS")
			assert.Nil(t, got)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, hex.EncodeToString(goHMAC(sha256.New, nil, []byte("msg"))), hex.EncodeToString(got))
	}
}

func TestVerify(t *testing.T) {
	key := []byte("a key of reasonable length!")
	h, err := hmac.New(key, hashes.SHA256{})
	require.NoError(t, err)
	h.Write([]byte("data"))
	good := h.Sum(nil)
	for name, sig := range map[string][]byte{
		"flipped": append(append([]byte{}, good[:31]...), good[31]^1),
		"short":   good[:31],
		"long":    append(append([]byte{}, good...), 0),
		"empty":   nil,
	} {
		h2, err := hmac.New(key, hashes.SHA256{})
		require.NoError(t, err)
		h2.Write([]byte("data"))
		assert.ErrorIs(t, h2.Verify(sig), backends.ErrInvalidSignature, name)
	}
	require.NoError(t, h.Verify(good))
	assert.ErrorIs(t, h.Verify(good), backends.ErrAlreadyFinalized)
}

func TestMisuse(t *testing.T) {
	key := make([]byte, 32)
	h, err := hmac.New(key, hashes.SHA256{})
	require.NoError(t, err)
	_, err = h.Finalize()
	require.NoError(t, err)
	_, err = h.Finalize()
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
	assert.ErrorIs(t, h.Update([]byte("x")), backends.ErrAlreadyFinalized)
	_, err = h.Copy()
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
	h.Reset()
	assert.NoError(t, h.Update([]byte("x")))

	for _, alg := range []hashes.Algorithm{hashes.SHAKE128{Size: 32}, hashes.SHAKE256{Size: 64}} {
		_, err = hmac.New(key, alg)
		assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
		assert.False(t, hmac.Supported(alg))
	}
	_, err = hmac.New(key, nil)
	assert.ErrorIs(t, err, backends.ErrInvalidArgument)
}

func TestCopy(t *testing.T) {
	key := []byte("0123456789abcdef0123")
	for _, prefix := range [][]byte{[]byte("short"), make([]byte, 20000)} { // 20000: beyond the Go-side buffer
		h, err := hmac.New(key, hashes.SHA512{})
		require.NoError(t, err)
		h.Write(prefix)
		c, err := h.Copy()
		require.NoError(t, err)
		h.Write([]byte("a"))
		c.Write([]byte("b"))
		for _, tc := range []struct {
			h      *hmac.HMAC
			suffix string
		}{{h, "a"}, {c, "b"}} {
			ref := stdhmac.New(sha512.New, key)
			ref.Write(prefix)
			ref.Write([]byte(tc.suffix))
			got, err := tc.h.Finalize()
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(ref.Sum(nil)), hex.EncodeToString(got))
		}
	}
}

func TestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are checked without -race (scripts/test.sh runs that pass too)")
	}
	h, err := hmac.New(make([]byte, 32), hashes.SHA256{})
	require.NoError(t, err)
	msg, out := make([]byte, 64), make([]byte, 0, 32)
	allocs := testing.AllocsPerRun(100, func() {
		h.Reset()
		h.Write(msg)
		out = h.Sum(out[:0])
	})
	assert.Zero(t, allocs)
	// A new HMAC per message: with the OpenSSL backend the HMAC and its
	// context are one allocation, the copy of the key one more and the
	// buffer that holds the message until Sum a third.
	if defaultbackend.Name() != defaultbackend.OpenSSL {
		return
	}
	key := make([]byte, 32)
	allocs = testing.AllocsPerRun(100, func() {
		h, _ := hmac.New(key, hashes.SHA256{})
		h.Write(msg)
		out = h.Sum(out[:0])
	})
	assert.Equal(t, 3.0, allocs, "New, Write, Sum")
}

// goHMAC returns Go's HMAC of msg, computed even where GODEBUG=fips140=only
// makes Go refuse it (SHA-1, MD5, keys shorter than 112 bits; see
// goref.Run).
func goHMAC(newHash func() hash.Hash, key, msg []byte) (out []byte) {
	goref.Run(func() {
		h := stdhmac.New(newHash, key)
		h.Write(msg)
		out = h.Sum(nil)
	})
	return out
}
