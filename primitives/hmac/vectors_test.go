package hmac_test

import (
	"encoding/hex"
	"hash/fnv"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/kat"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

// TestSupportPolicy pins which HMACs the default backend offers: in FIPS
// mode HMAC over SHA-1, SHA-2 and SHA-3 but not over MD5 or RIPEMD-160; in
// the default mode all of them.
func TestSupportPolicy(t *testing.T) {
	approved := []hashes.Algorithm{
		hashes.SHA1{}, hashes.SHA224{}, hashes.SHA256{}, hashes.SHA384{}, hashes.SHA512{},
		hashes.SHA512_224{}, hashes.SHA512_256{},
		hashes.SHA3_224{}, hashes.SHA3_256{}, hashes.SHA3_384{}, hashes.SHA3_512{},
	}
	others := []hashes.Algorithm{hashes.MD5{}, hashes.RIPEMD160{}}
	if goShortKeysRefused() {
		// Under GODEBUG=fips140=only Go's module takes HMAC over SHA-2
		// and SHA-3 only.
		approved, others = approved[1:], append(others, approved[0])
	}
	t.Logf("FIPS mode: %v", defaultbackend.FIPS())
	for _, alg := range approved {
		assert.True(t, hmac.Supported(alg), "HMAC-%s must be supported", alg.Name())
	}
	for _, alg := range others {
		if defaultbackend.Name() == defaultbackend.Go && alg.Name() == "ripemd160" {
			// Go's RIPEMD-160 is deprecated: the Go backend lacks it.
			require.False(t, hmac.Supported(alg), "HMAC-%s is not in Go's crypto", alg.Name())
			requireRefused(t, alg)
			continue
		}
		if defaultbackend.FIPS() {
			require.False(t, hmac.Supported(alg), "HMAC-%s must be refused in FIPS mode", alg.Name())
			requireRefused(t, alg)
		} else {
			assert.True(t, hmac.Supported(alg), "HMAC-%s must be supported outside FIPS mode", alg.Name())
		}
	}
}

// requireRefused asserts that New and Sum refuse HMAC with alg.
func requireRefused(t *testing.T, alg hashes.Algorithm) {
	t.Helper()
	key := make([]byte, 32)
	_, err := hmac.New(key, alg)
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, alg.Name())
	_, err = hmac.Sum(key, alg, []byte("abc"))
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, alg.Name())
}

// splitMsg cuts msg into 2 or 3 pieces at random points (pieces may be
// empty).
func splitMsg(rng *rand.Rand, msg []byte) [][]byte {
	a, b := rng.IntN(len(msg)+1), rng.IntN(len(msg)+1)
	if a > b {
		a, b = b, a
	}
	if rng.IntN(2) == 0 {
		return [][]byte{msg[:a], msg[a:]}
	}
	return [][]byte{msg[:a], msg[a:b], msg[b:]}
}

// rngFor returns a generator seeded with the FNV-1a hash of name, so that
// a failing split can be replayed.
func rngFor(name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(h.Sum64(), 1))
}

// checkHMACVectors runs every vector through New/Update/Finalize, Sum, a
// streamed update in random pieces, and Verify: the right MAC passes, one
// with a flipped bit fails with ErrInvalidSignature. A truncated vector
// (RFC 4231 Test Case 5) is compared with the first Truncate bytes of the
// MAC, and Verify must reject the truncated MAC: it checks whole MACs only.
func checkHMACVectors(t *testing.T, alg hashes.Algorithm, vs []vectors.HMACVector, rng *rand.Rand) {
	t.Helper()
	for _, v := range vs {
		if goShortKeysRefused() && len(v.Key) < 14 {
			// Go's module takes HMAC keys of 112 bits or more under
			// GODEBUG=fips140=only.
			_, err := hmac.New(v.Key, alg)
			require.ErrorIs(t, err, backends.ErrInvalidKeySize, v.Name)
			assert.Contains(t, err.Error(), "FIPS", v.Name)
			continue
		}
		want := hex.EncodeToString(v.MD)
		cut := func(mac []byte) string {
			if v.Truncate != 0 {
				require.Greater(t, len(mac), v.Truncate, v.Name)
				mac = mac[:v.Truncate]
			}
			return hex.EncodeToString(mac)
		}

		h, err := hmac.New(v.Key, alg)
		require.NoError(t, err, v.Name)
		require.NoError(t, h.Update(v.Msg), v.Name)
		full, err := h.Finalize()
		require.NoError(t, err, v.Name)
		assert.Len(t, full, alg.DigestSize(), v.Name)
		assert.Equal(t, want, cut(full), "New/Update/Finalize %s", v.Name)

		got, err := hmac.Sum(v.Key, alg, v.Msg)
		require.NoError(t, err, v.Name)
		assert.Equal(t, want, cut(got), "Sum %s", v.Name)

		streamed := func() *hmac.HMAC {
			h, err := hmac.New(v.Key, alg)
			require.NoError(t, err, v.Name)
			for _, p := range splitMsg(rng, v.Msg) {
				n, err := h.Write(p)
				require.NoError(t, err, v.Name)
				require.Equal(t, len(p), n, v.Name)
			}
			return h
		}
		h = streamed()
		assert.Equal(t, want, cut(h.Sum(nil)), "Sum after pieces %s", v.Name)
		assert.NoError(t, h.Verify(full), "Verify %s", v.Name)

		if v.Truncate != 0 {
			assert.ErrorIs(t, streamed().Verify(v.MD), backends.ErrInvalidSignature, "Verify truncated %s", v.Name)
		} else {
			assert.NoError(t, streamed().Verify(v.MD), "Verify %s", v.Name)
		}
		bad := append([]byte(nil), full...)
		bit := rng.IntN(8 * len(bad))
		bad[bit/8] ^= 1 << (bit % 8)
		assert.ErrorIs(t, streamed().Verify(bad), backends.ErrInvalidSignature, "Verify with bit %d flipped %s", bit, v.Name)
	}
}

// supportedOrRefused reports whether HMAC with alg is supported; when it
// is not, it asserts the refusal.
func supportedOrRefused(t *testing.T, alg hashes.Algorithm) bool {
	t.Helper()
	if hmac.Supported(alg) {
		return true
	}
	requireRefused(t, alg)
	t.Logf("HMAC-%s refused (FIPS mode %v), as asserted", alg.Name(), defaultbackend.FIPS())
	return false
}

// TestTestdataVectors runs the project's testdata/hmac files, which always
// run. A file's base name is its hash.
func TestTestdataVectors(t *testing.T) {
	dir, err := vectors.TestdataDir()
	require.NoError(t, err)
	t.Logf("testdata from %s", dir)
	files, err := filepath.Glob(filepath.Join(dir, "hmac", "*.txt"))
	require.NoError(t, err)
	require.Len(t, files, 6)
	truncated := 0
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".txt")
		alg, ok := hashes.ByName(base)
		require.True(t, ok, "no hash named %q", base)
		vs, err := vectors.LoadHMAC(f)
		require.NoError(t, err)
		require.Len(t, vs, 7, base)
		for _, v := range vs {
			if v.Truncate != 0 {
				truncated++
			}
		}
		t.Run(base, func(t *testing.T) {
			t.Parallel()
			if !supportedOrRefused(t, alg) {
				return
			}
			checkHMACVectors(t, alg, vs, rngFor(base))
		})
	}
	assert.Equal(t, 4, truncated, "RFC 4231 Test Case 5 in the four SHA-2 files")
}

// TestCollectionVectors runs the collection's HMAC files (RFC 2202, RFC
// 2286, RFC 4231). It skips, saying so, when no collection is found.
func TestCollectionVectors(t *testing.T) {
	dir := vectors.Path(t, "HMAC")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	require.NoError(t, err)
	require.Len(t, files, 7)
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".txt")
		require.Equal(t, vectors.KindHMAC, vectors.Kind("HMAC/"+filepath.Base(f)))
		// rfc-2202-md5 → md5, rfc-4231-sha256 → sha256
		alg, ok := kat.HMACAlgorithm(f)
		require.True(t, ok, "no hash for %s", base)
		t.Run(base, func(t *testing.T) {
			t.Parallel()
			vs, err := vectors.LoadHMAC(f)
			require.NoError(t, err)
			require.NotEmpty(t, vs)
			if !supportedOrRefused(t, alg) {
				return
			}
			checkHMACVectors(t, alg, vs, rngFor(base))
		})
	}
}

// goShortKeysRefused reports whether the default backend is the Go backend
// under GODEBUG=fips140=only, where Go's module refuses HMAC keys shorter
// than 112 bits and HMAC over SHA-1.
func goShortKeysRefused() bool {
	return defaultbackend.Name() == defaultbackend.Go && gocrypto.Enforced()
}
