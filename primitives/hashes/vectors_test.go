package hashes_test

import (
	"encoding/hex"
	"hash/fnv"
	"io/fs"
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
)

// TestSupportPolicy pins which digests the default backend offers: in FIPS
// mode the approved SHA-1, SHA-2, SHA-3 and SHAKE and nothing else; in the
// default mode all of them (the OpenSSL these tests run against has them
// all), but for those the Go backend lacks (see notInGo).
func TestSupportPolicy(t *testing.T) {
	approved := []hashes.Algorithm{
		hashes.SHA1{}, hashes.SHA224{}, hashes.SHA256{}, hashes.SHA384{}, hashes.SHA512{},
		hashes.SHA512_224{}, hashes.SHA512_256{},
		hashes.SHA3_224{}, hashes.SHA3_256{}, hashes.SHA3_384{}, hashes.SHA3_512{},
		hashes.SHAKE128{Size: 32}, hashes.SHAKE256{Size: 64},
	}
	others := []hashes.Algorithm{hashes.MD5{}, hashes.RIPEMD160{}, hashes.BLAKE2b{}, hashes.BLAKE2s{}, hashes.SM3{}}
	if defaultbackend.Name() == defaultbackend.Go && gocrypto.Enforced() {
		// Under GODEBUG=fips140=only Go's module takes SHA-2 and SHA-3
		// only.
		approved, others = approved[1:], append(others, approved[0])
	}
	t.Logf("FIPS mode: %v", defaultbackend.FIPS())
	for _, alg := range approved {
		assert.True(t, hashes.Supported(alg), "%s must be supported", alg.Name())
	}
	for _, alg := range others {
		if goLacks(alg) {
			require.False(t, hashes.Supported(alg), "%s is not in Go's crypto", alg.Name())
			requireRefused(t, alg)
			continue
		}
		if defaultbackend.FIPS() {
			require.False(t, hashes.Supported(alg), "%s must be refused in FIPS mode", alg.Name())
			requireRefused(t, alg)
			_, err := hashes.Sum(alg, []byte("abc"))
			assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, alg.Name())
		} else {
			assert.True(t, hashes.Supported(alg), "%s must be supported outside FIPS mode", alg.Name())
		}
	}
}

// withSize returns alg with its output length set to n when it is an XOF.
func withSize(alg hashes.Algorithm, n int) hashes.Algorithm {
	switch alg.(type) {
	case hashes.SHAKE128:
		return hashes.SHAKE128{Size: n}
	case hashes.SHAKE256:
		return hashes.SHAKE256{Size: n}
	}
	return alg
}

// rngFor returns a deterministic generator for a file, so that a failing
// split can be replayed: the seed is the FNV-1a hash of name.
func rngFor(t *testing.T, name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	seed := h.Sum64()
	return rand.New(rand.NewPCG(seed, 0))
}

// split cuts msg into 2 or 3 pieces at random points (pieces may be empty).
func split(rng *rand.Rand, msg []byte) [][]byte {
	n := 2 + rng.IntN(2)
	cuts := make([]int, 0, n+1)
	cuts = append(cuts, 0)
	for range n - 1 {
		cuts = append(cuts, rng.IntN(len(msg)+1))
	}
	cuts = append(cuts, len(msg))
	for i := 1; i < len(cuts)-1; i++ { // sort the few inner cuts
		for j := i; j > 1 && cuts[j] < cuts[j-1]; j-- {
			cuts[j], cuts[j-1] = cuts[j-1], cuts[j]
		}
	}
	pieces := make([][]byte, 0, n)
	for i := range n {
		pieces = append(pieces, msg[cuts[i]:cuts[i+1]])
	}
	return pieces
}

// supportedOrRefused reports whether alg is supported; when it is not, it
// asserts that the constructors refuse it with ErrUnsupportedAlgorithm.
func supportedOrRefused(t *testing.T, alg hashes.Algorithm) bool {
	t.Helper()
	if hashes.Supported(alg) {
		return true
	}
	requireRefused(t, alg)
	_, err := hashes.Sum(alg, nil)
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
	t.Logf("%s refused (FIPS mode %v), as asserted", alg.Name(), defaultbackend.FIPS())
	return false
}

// checkHashVectors runs every vector through New/Update/Finalize, Sum,
// AppendSum, a streamed update in random pieces with a Sum before
// Finalize, and for XOFs Read in two parts.
func checkHashVectors(t *testing.T, alg hashes.Algorithm, vs []vectors.HashVector, rng *rand.Rand) {
	t.Helper()
	_, xof := alg.(backends.ExtendableOutputAlgorithm)
	for _, v := range vs {
		a := alg
		if xof {
			require.Positive(t, v.OutputLen, v.Name)
			a = withSize(alg, v.OutputLen)
		}
		want := hex.EncodeToString(v.MD)

		h, err := hashes.New(a)
		require.NoError(t, err, v.Name)
		require.NoError(t, h.Update(v.Msg), v.Name)
		got, err := h.Finalize()
		require.NoError(t, err, v.Name)
		assert.Equal(t, want, hex.EncodeToString(got), "New/Update/Finalize %s", v.Name)

		got, err = hashes.Sum(a, v.Msg)
		require.NoError(t, err, v.Name)
		assert.Equal(t, want, hex.EncodeToString(got), "Sum %s", v.Name)

		got, err = hashes.AppendSum([]byte("prefix"), a, v.Msg)
		require.NoError(t, err, v.Name)
		assert.Equal(t, hex.EncodeToString([]byte("prefix"))+want, hex.EncodeToString(got), "AppendSum %s", v.Name)

		h, err = hashes.New(a)
		require.NoError(t, err, v.Name)
		pieces := split(rng, v.Msg)
		for _, p := range pieces {
			n, err := h.Write(p)
			require.NoError(t, err, v.Name)
			require.Equal(t, len(p), n, v.Name)
		}
		assert.Equal(t, want, hex.EncodeToString(h.Sum(nil)), "Sum after %d pieces %s", len(pieces), v.Name)
		if xof {
			out := make([]byte, len(v.MD))
			cut := rng.IntN(len(out) + 1)
			n1, err := h.Read(out[:cut])
			require.NoError(t, err, v.Name)
			n2, err := h.Read(out[cut:])
			require.NoError(t, err, v.Name)
			assert.Equal(t, len(out), n1+n2, v.Name)
			assert.Equal(t, want, hex.EncodeToString(out), "Read after %d pieces %s", len(pieces), v.Name)
			continue
		}
		got, err = h.Finalize()
		require.NoError(t, err, v.Name)
		assert.Equal(t, want, hex.EncodeToString(got), "Finalize after %d pieces %s", len(pieces), v.Name)
	}
}

// TestTestdataVectors runs the project's own testdata/hashes files, which
// always run. A file's base name is its algorithm.
func TestTestdataVectors(t *testing.T) {
	dir, err := vectors.TestdataDir()
	require.NoError(t, err)
	t.Logf("testdata from %s", dir)
	files, err := filepath.Glob(filepath.Join(dir, "hashes", "*.txt"))
	require.NoError(t, err)
	require.Len(t, files, 18)
	names := map[string]bool{}
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(base, func(t *testing.T) {
			t.Parallel()
			alg, ok := hashes.ByName(base)
			require.True(t, ok, "no algorithm named %q", base)
			vs, err := vectors.LoadHash(f)
			require.NoError(t, err)
			require.NotEmpty(t, vs)
			if !supportedOrRefused(t, alg) {
				return
			}
			checkHashVectors(t, alg, vs, rngFor(t, base))
		})
		names[base] = true
	}
	// Every algorithm of All has its file.
	for _, alg := range hashes.All() {
		assert.True(t, names[alg.Name()], "no testdata file for %s", alg.Name())
	}
}

// TestCollectionVectors runs every hash file of the collection: the CAVP
// ShortMsg, LongMsg and VariableOut files of SHA-1, SHA-2, SHA-3 and SHAKE,
// the MD5, RIPEMD-160, BLAKE2 and SM3 files, and the Monte Carlo tests
// with hashes.Sum as the digest. It skips, saying so, when no collection
// is found.
func TestCollectionVectors(t *testing.T) {
	root := vectors.Path(t, "hashes")
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(filepath.Dir(root), p)
		if err != nil {
			return err
		}
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	require.NoError(t, err)
	kinds := map[string]int{}
	for _, rel := range files {
		kind := vectors.Kind(rel)
		kinds[kind]++
		if kind != vectors.KindHash && kind != vectors.KindHashMonte {
			continue
		}
		path := filepath.Join(filepath.Dir(root), filepath.FromSlash(rel))
		alg, ok := kat.HashAlgorithm(path)
		require.True(t, ok, "no algorithm for %s", rel)
		t.Run(strings.TrimPrefix(rel, "hashes/"), func(t *testing.T) {
			t.Parallel()
			if kind == vectors.KindHashMonte {
				runMonte(t, alg, path)
				return
			}
			vs, err := vectors.LoadHash(path)
			require.NoError(t, err)
			require.NotEmpty(t, vs)
			if !supportedOrRefused(t, withSize(alg, 16)) {
				return
			}
			checkHashVectors(t, alg, vs, rngFor(t, rel))
		})
	}
	assert.Equal(t, 33, kinds[vectors.KindHash], "hash files")
	assert.Equal(t, 13, kinds[vectors.KindHashMonte], "Monte Carlo files")
}

// runMonte runs the Monte Carlo test of the file at path with the vector
// runner, which uses hashes.Sum (for SHAKE, hashes.Sum with the output
// length each step asks for): every checkpoint must pass.
func runMonte(t *testing.T, alg hashes.Algorithm, path string) {
	t.Helper()
	m, err := vectors.LoadHashMonte(path)
	require.NoError(t, err)
	require.Len(t, m.Checkpoints, 100)
	if !supportedOrRefused(t, withSize(alg, 16)) {
		return
	}
	r := kat.Run(path, nil)
	passed, failed, skipped := r.Counts()
	assert.Equal(t, [3]int{100, 0, 0}, [3]int{passed, failed, skipped}, "passed, failed, skipped: %s", strings.Join(r.Failures(), "\n"))
}
