package hashid

import (
	stdhmac "crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"fmt"
	"hash"
	"hash/crc32"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

func TestOf(t *testing.T) {
	cases := []struct {
		h    hash.Hash
		want string
	}{
		{sha1.New(), "sha1"}, {sha256.New224(), "sha224"}, {sha256.New(), "sha256"},
		{sha512.New384(), "sha384"}, {sha512.New(), "sha512"},
		{sha512.New512_224(), "sha512-224"}, {sha512.New512_256(), "sha512-256"},
		{sha3.New224(), "sha3-224"}, {sha3.New256(), "sha3-256"}, {sha3.New384(), "sha3-384"}, {sha3.New512(), "sha3-512"},
		{md5.New(), "md5"},
	}
	for _, c := range cases {
		alg, err := Of(c.h)
		require.NoError(t, err, c.want)
		assert.Equal(t, c.want, alg.Name())
		assert.Equal(t, c.h.Size(), alg.DigestSize(), c.want)
	}
	h, err := hashes.New(hashes.SHA3_384{})
	require.NoError(t, err)
	alg, err := Of(h)
	require.NoError(t, err)
	assert.Equal(t, "sha3-384", alg.Name())

	_, err = Of(crc32.NewIEEE().(hash.Hash))
	assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
	_, err = Of(nil)
	assert.ErrorIs(t, err, backends.ErrInvalidArgument)
	var nilHash *hashes.Hash
	_, err = Of(nilHash)
	assert.ErrorIs(t, err, backends.ErrInvalidArgument)
}

// embedsHash is a caller's hash.Hash that wraps a hash of package hashes
// and so has its Algorithm method.
type embedsHash struct{ *hashes.Hash }

// TestOfRefusesKeyedHashes: a keyed HMAC is a hash.Hash whose Algorithm
// names its inner hash; taking it for that hash would derive with another
// function than the one the caller's constructor computes.
func TestOfRefusesKeyedHashes(t *testing.T) {
	h, err := hmac.New([]byte("a key of 128 bits"), hashes.SHA256{})
	require.NoError(t, err)
	inner, err := hashes.New(hashes.SHA256{})
	require.NoError(t, err)
	for name, c := range map[string]hash.Hash{
		"primitives/hmac": h,
		"crypto/hmac":     stdhmac.New(sha256.New, []byte("a key of 128 bits")),
		"wrapper":         embedsHash{inner},
	} {
		alg, err := Of(c)
		assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, name)
		assert.Nil(t, alg, name)
	}
}

// TestOfFunc: a constructor of Go's standard library gives the same answer
// on its first use and when it is known by its code; closures, whose code
// is shared by constructors of different hashes, are asked each time.
func TestOfFunc(t *testing.T) {
	check := func(name string, got backends.HashAlgorithm, err error, want string) {
		t.Helper()
		require.NoError(t, err, name)
		assert.Equal(t, want, got.Name(), name)
	}
	for i := range 2 {
		for _, c := range []struct {
			name string
			of   func() (backends.HashAlgorithm, error)
			want string
		}{
			{"sha1.New", func() (backends.HashAlgorithm, error) { return OfFunc(sha1.New) }, "sha1"},
			{"sha256.New224", func() (backends.HashAlgorithm, error) { return OfFunc(sha256.New224) }, "sha224"},
			{"sha256.New", func() (backends.HashAlgorithm, error) { return OfFunc(sha256.New) }, "sha256"},
			{"sha512.New384", func() (backends.HashAlgorithm, error) { return OfFunc(sha512.New384) }, "sha384"},
			{"sha512.New", func() (backends.HashAlgorithm, error) { return OfFunc(sha512.New) }, "sha512"},
			{"sha512.New512_224", func() (backends.HashAlgorithm, error) { return OfFunc(sha512.New512_224) }, "sha512-224"},
			{"sha512.New512_256", func() (backends.HashAlgorithm, error) { return OfFunc(sha512.New512_256) }, "sha512-256"},
			{"sha3.New224", func() (backends.HashAlgorithm, error) { return OfFunc(sha3.New224) }, "sha3-224"},
			{"sha3.New256", func() (backends.HashAlgorithm, error) { return OfFunc(sha3.New256) }, "sha3-256"},
			{"sha3.New384", func() (backends.HashAlgorithm, error) { return OfFunc(sha3.New384) }, "sha3-384"},
			{"sha3.New512", func() (backends.HashAlgorithm, error) { return OfFunc(sha3.New512) }, "sha3-512"},
			{"md5.New", func() (backends.HashAlgorithm, error) { return OfFunc(md5.New) }, "md5"},
		} {
			alg, err := c.of()
			check(fmt.Sprintf("%s, use %d", c.name, i+1), alg, err, c.want)
		}
	}

	// One closure's code, two hashes: each constructor is asked.
	new256, err := hashes.NewFunc(hashes.SHA256{})
	require.NoError(t, err)
	new384, err := hashes.NewFunc(hashes.SHA384{})
	require.NoError(t, err)
	calls := 0
	alternating := func() hash.Hash {
		calls++
		if calls%2 == 1 {
			return sha256.New()
		}
		return sha512.New()
	}
	for range 3 {
		alg, err := OfFunc(new256)
		check("hashes.NewFunc(SHA256)", alg, err, "sha256")
		alg, err = OfFunc(new384)
		check("hashes.NewFunc(SHA384)", alg, err, "sha384")
	}
	for i, want := range []string{"sha256", "sha512", "sha256", "sha512"} {
		alg, err := OfFunc(alternating)
		check(fmt.Sprintf("alternating closure, call %d", i+1), alg, err, want)
	}
	assert.Equal(t, 4, calls, "the closure is called on each use")

	_, err = OfFunc(func() hash.Hash { return crc32.NewIEEE() })
	assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
}

// TestOfFuncAllocs: a constructor of Go's standard library, once known,
// costs no allocation.
func TestOfFuncAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are checked by the run without -race (scripts/test.sh)")
	}
	_, err := OfFunc(sha256.New)
	require.NoError(t, err)
	n := testing.AllocsPerRun(100, func() {
		if _, err := OfFunc(sha256.New); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, n)
}
