package backendtest

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"errors"
	"fmt"
	"hash"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/goref"
	"github.com/go-hazmat/hazmat/internal/vectors"
)

// hashAlg is the suite's own hash descriptor: the digests that
// primitives/hashes exposes, named as OpenSSL spells them.
type hashAlg struct {
	name  string
	size  int
	block int
}

func (h hashAlg) Name() string         { return h.name }
func (h hashAlg) DigestSize() int      { return h.size }
func (h hashAlg) BlockSize() int       { return h.block }
func (h hashAlg) String() string       { return h.name }
func (xofAlg) ExtendableOutput()       {}
func (x xofAlg) withSize(n int) xofAlg { x.size = n; return x }

// xofAlg is an extendable-output function with its output length.
type xofAlg struct{ hashAlg }

var (
	_ backends.HashAlgorithm             = hashAlg{}
	_ backends.ExtendableOutputAlgorithm = xofAlg{}
)

// hashAlgs are the digests every backend is asked about.
var hashAlgs = []backends.HashAlgorithm{
	hashAlg{"sha1", 20, 64},
	hashAlg{"sha224", 28, 64},
	hashAlg{"sha256", 32, 64},
	hashAlg{"sha384", 48, 128},
	hashAlg{"sha512", 64, 128},
	hashAlg{"sha512-224", 28, 128},
	hashAlg{"sha512-256", 32, 128},
	hashAlg{"sha3-224", 28, 144},
	hashAlg{"sha3-256", 32, 136},
	hashAlg{"sha3-384", 48, 104},
	hashAlg{"sha3-512", 64, 72},
	hashAlg{"blake2b512", 64, 128},
	hashAlg{"blake2s256", 32, 64},
	hashAlg{"md5", 16, 64},
	hashAlg{"ripemd160", 20, 64},
	hashAlg{"sm3", 32, 64},
	xofAlg{hashAlg{"shake128", 32, 168}},
	xofAlg{hashAlg{"shake256", 64, 136}},
}

// goHash returns Go's implementation of alg, or nil when Go has none.
// For an XOF it returns nil; see goXOF.
func goHash(alg backends.HashAlgorithm) func() hash.Hash {
	switch alg.Name() {
	case "sha1":
		return sha1.New
	case "sha224":
		return sha256.New224
	case "sha256":
		return sha256.New
	case "sha384":
		return sha512.New384
	case "sha512":
		return sha512.New
	case "sha512-224":
		return sha512.New512_224
	case "sha512-256":
		return sha512.New512_256
	case "sha3-224":
		return func() hash.Hash { return sha3.New224() }
	case "sha3-256":
		return func() hash.Hash { return sha3.New256() }
	case "sha3-384":
		return func() hash.Hash { return sha3.New384() }
	case "sha3-512":
		return func() hash.Hash { return sha3.New512() }
	case "md5":
		return md5.New
	}
	return nil
}

// goXOF returns n bytes of Go's SHAKE output for msg, or false when alg is
// not a SHAKE.
func goXOF(alg backends.HashAlgorithm, msg []byte, n int) ([]byte, bool) {
	var x *sha3.SHAKE
	switch alg.Name() {
	case "shake128":
		x = sha3.NewSHAKE128()
	case "shake256":
		x = sha3.NewSHAKE256()
	default:
		return nil, false
	}
	x.Write(msg)
	out := make([]byte, n)
	x.Read(out)
	return out, true
}

// referenceDigest returns Go's digest of msg under alg, or false. It is
// computed even where GODEBUG=fips140=only makes Go refuse it (SHA-1, MD5;
// see goref.Run).
func referenceDigest(alg backends.HashAlgorithm, msg []byte) (out []byte, ok bool) {
	if _, xof := alg.(backends.ExtendableOutputAlgorithm); xof {
		return goXOF(alg, msg, alg.DigestSize())
	}
	f := goHash(alg)
	if f == nil {
		return nil, false
	}
	goref.Run(func() {
		h := f()
		h.Write(msg)
		out = h.Sum(nil)
	})
	return out, true
}

// TestHashBackend checks b against the contract of [backends.HashBackend]:
//
//   - HashSupported is true exactly when CreateHashCtx succeeds, and an
//     unsupported digest fails with an [*backends.UnsupportedAlgorithmError];
//   - a supported digest gives the known answers of the module's
//     testdata/hashes and Go's answers (SHA-1, SHA-2, SHA-3, SHAKE, MD5)
//     over lengths 0 to 1040 written in random parts;
//   - Copy, Finalize twice, Update after Finalize, inputs left unmodified,
//     and the optional [backends.Summer], [backends.Resetter],
//     [backends.Digester] and [backends.XOFSummer] agreeing with the
//     generic path;
//   - Digest, Sum and SumXOF write nothing past the digest they append,
//     whether dst's capacity ends exactly there or goes on, for messages
//     of every length to 64 bytes and around larger block boundaries, and
//     for an XOF every output length in the same range;
//   - nil, zero and unknown descriptors give errors, never panics.
func TestHashBackend(t *testing.T, b backends.HashBackend) {
	t.Helper()
	require.NotNil(t, b, "backendtest: nil backend")
	for _, alg := range hashAlgs {
		t.Run(alg.Name(), func(t *testing.T) {
			supported := b.HashSupported(alg)
			t.Logf("HashSupported(%s) = %v", alg.Name(), supported)
			if !supported {
				ctx, err := b.CreateHashCtx(alg)
				assert.Nil(t, ctx)
				assertUnsupported(t, err, "CreateHashCtx(%s) while HashSupported is false", alg.Name())
				if d, ok := b.(backends.Digester); ok {
					buf, guard := guarded(128)
					out, err := d.Digest(alg, []byte("abc"), buf[:3])
					assert.Contains(t, []int{0, 3}, len(out), "a refused Digest returns nothing or dst as it was")
					assertUnsupported(t, err, "Digest(%s) while HashSupported is false", alg.Name())
					assert.Equal(t, hx(guard), hx(buf), "a refused Digest wrote to dst")
				}
				return
			}
			t.Run("KnownAnswers", func(t *testing.T) { testHashKAT(t, b, alg) })
			t.Run("MatchesGo", func(t *testing.T) { testHashMatchesGo(t, b, alg) })
			t.Run("Context", func(t *testing.T) { testHashContext(t, b, alg) })
			t.Run("NothingPastOutput", func(t *testing.T) { testHashNothingPastOutput(t, b, alg) })
		})
	}
	t.Run("Concurrent", func(t *testing.T) { testHashConcurrent(t, b) })
	t.Run("ZeroValues", func(t *testing.T) { testHashZeroValues(t, b) })
}

// testHashConcurrent computes every supported digest from many goroutines
// at once, each with its own contexts of the one backend.
func testHashConcurrent(t *testing.T, b backends.HashBackend) {
	r := newRand(t, "concurrent hashes")
	msg := randBytes(r, 1000)
	var algs []backends.HashAlgorithm
	var want [][]byte
	for _, alg := range hashAlgs {
		if b.HashSupported(alg) {
			algs = append(algs, alg)
			want = append(want, hashOf(t, b, alg, msg))
		}
	}
	require.NotEmpty(t, algs, "the backend supports no digest at all")
	d, _ := b.(backends.Digester)
	runConcurrently(t, func(t *testing.T, g int) {
		for i := range algs {
			k := (i + g) % len(algs)
			alg := algs[k]
			if !assert.True(t, b.HashSupported(alg), alg.Name()) {
				return
			}
			ctx, err := b.CreateHashCtx(alg)
			if !assert.NoError(t, err, alg.Name()) {
				return
			}
			assert.NoError(t, ctx.Update(msg[:g*100]))
			assert.NoError(t, ctx.Update(msg[g*100:]))
			got, err := ctx.Finalize()
			assert.NoError(t, err)
			assert.Equal(t, hx(want[k]), hx(got), "%s in goroutine %d", alg.Name(), g)
			if d != nil {
				got, err := d.Digest(alg, msg, nil)
				assert.NoError(t, err)
				assert.Equal(t, hx(want[k]), hx(got), "Digest %s in goroutine %d", alg.Name(), g)
			}
		}
	})
}

// hashOf computes the digest of parts with a context of b.
func hashOf(t *testing.T, b backends.HashBackend, alg backends.HashAlgorithm, parts ...[]byte) []byte {
	t.Helper()
	ctx, err := b.CreateHashCtx(alg)
	require.NoError(t, err)
	for _, p := range parts {
		require.NoError(t, ctx.Update(p))
	}
	out, err := ctx.Finalize()
	require.NoError(t, err)
	return out
}

func testHashKAT(t *testing.T, b backends.HashBackend, alg backends.HashAlgorithm) {
	path := testdataFile(t, "hashes/"+alg.Name()+".txt")
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		_, ok := referenceDigest(alg, nil)
		require.True(t, ok, "%s has neither known answers in testdata nor a Go implementation", alg.Name())
		t.Logf("no %s; MatchesGo checks %s", path, alg.Name())
		return
	}
	vs, err := vectors.LoadHash(path)
	require.NoError(t, err)
	require.NotEmpty(t, vs)
	for _, v := range vs {
		a := alg
		if x, ok := alg.(xofAlg); ok {
			require.NotZero(t, v.OutputLen, v.Name)
			a = x.withSize(v.OutputLen)
		}
		got := hashOf(t, b, a, v.Msg)
		assert.Equal(t, hx(v.MD), hx(got), v.Name)
		if d, ok := b.(backends.Digester); ok {
			got, err := d.Digest(a, v.Msg, nil)
			require.NoError(t, err, v.Name)
			assert.Equal(t, hx(v.MD), hx(got), "Digest: %s", v.Name)
		}
	}
}

func testHashMatchesGo(t *testing.T, b backends.HashBackend, alg backends.HashAlgorithm) {
	if _, ok := referenceDigest(alg, nil); !ok {
		t.Logf("Go has no %s: only known answers and self-consistency are checked", alg.Name())
		_, err := os.Stat(testdataFile(t, "hashes/"+alg.Name()+".txt"))
		require.NoError(t, err, "%s has neither known answers in testdata nor a Go implementation", alg.Name())
		return
	}
	r := newRand(t, "hash "+alg.Name())
	d, _ := b.(backends.Digester)
	for _, n := range lengths() {
		msg := randBytes(r, n)
		want, _ := referenceDigest(alg, msg)
		got := hashOf(t, b, alg, split(r, msg)...)
		if !assert.Equal(t, hx(want), hx(got), "%s of %d bytes", alg.Name(), n) {
			return
		}
		if d != nil {
			prefix := []byte("prefix")
			got, err := d.Digest(alg, msg, prefix)
			require.NoError(t, err)
			assert.Equal(t, hx(append([]byte("prefix"), want...)), hx(got), "Digest of %d bytes appends to dst", n)
		}
	}
}

func testHashContext(t *testing.T, b backends.HashBackend, alg backends.HashAlgorithm) {
	r := newRand(t, "hash context "+alg.Name())
	msg := randBytes(r, 3*alg.BlockSize()+5)
	msgCopy := bytes.Clone(msg)
	want := hashOf(t, b, alg, msg)
	assert.Len(t, want, alg.DigestSize(), "digest length")
	assert.Equal(t, hx(msgCopy), hx(msg), "input modified")

	ctx, err := b.CreateHashCtx(alg)
	require.NoError(t, err)
	_, summer := ctx.(backends.Summer)
	_, resetter := ctx.(backends.Resetter)
	_, xofSummer := ctx.(backends.XOFSummer)
	_, digester := b.(backends.Digester)
	t.Logf("fast paths: Summer %v, Resetter %v, XOFSummer %v, Digester %v", summer, resetter, xofSummer, digester)
	if assert.NotNil(t, ctx.Algorithm()) {
		assert.Equal(t, alg.Name(), ctx.Algorithm().Name(), "Algorithm")
		assert.Equal(t, alg.DigestSize(), ctx.Algorithm().DigestSize(), "Algorithm")
	}
	half := len(msg) / 2
	require.NoError(t, ctx.Update(msg[:half]))

	// Copy is independent: finishing it and diverging it leaves ctx alone.
	cp, err := ctx.Copy()
	require.NoError(t, err)
	require.NoError(t, cp.Update([]byte("something else")))
	other, err := cp.Finalize()
	require.NoError(t, err)
	assert.NotEqual(t, hx(want), hx(other), "the copy diverged")

	if s, ok := ctx.(backends.Summer); ok {
		// Sum appends the digest of the data so far and changes nothing.
		wantHalf := hashOf(t, b, alg, msg[:half])
		got, err := s.Sum([]byte("dst"))
		require.NoError(t, err)
		assert.Equal(t, hx(append([]byte("dst"), wantHalf...)), hx(got), "Sum")
	}
	if x, ok := ctx.(backends.XOFSummer); ok {
		if _, isXOF := alg.(backends.ExtendableOutputAlgorithm); isXOF {
			for _, n := range []int{1, alg.DigestSize(), 2*alg.BlockSize() + 3} {
				want, ok := goXOF(alg, msg[:half], n)
				got, err := x.SumXOF([]byte("dst"), n)
				require.NoError(t, err)
				require.Len(t, got, 3+n)
				if ok {
					assert.Equal(t, hx(want), hx(got[3:]), "SumXOF(%d)", n)
				}
			}
		}
	}
	require.NoError(t, ctx.Update(msg[half:]))
	got, err := ctx.Finalize()
	require.NoError(t, err)
	assert.Equal(t, hx(want), hx(got), "after Copy, Sum and SumXOF")

	again, err := ctx.Finalize()
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, "second Finalize")
	assert.Empty(t, again)
	assert.ErrorIs(t, ctx.Update([]byte("x")), backends.ErrAlreadyFinalized, "Update after Finalize")
	if s, ok := ctx.(backends.Summer); ok {
		buf, guard := guarded(128)
		out, err := s.Sum(buf[:3])
		assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, "Sum after Finalize")
		assert.Contains(t, []int{0, 3}, len(out), "a refused Sum returns nothing or dst as it was")
		assert.Equal(t, hx(guard), hx(buf), "a refused Sum wrote to dst")
	}

	if rs, ok := ctx.(backends.Resetter); ok {
		// Reset brings a finalized context back to the start.
		require.NoError(t, rs.Reset())
		require.NoError(t, ctx.Update(msg))
		got, err := ctx.Finalize()
		require.NoError(t, err)
		assert.Equal(t, hx(want), hx(got), "after Reset")
	}
}

func testHashZeroValues(t *testing.T, b backends.HashBackend) {
	cases := []struct {
		name string
		alg  backends.HashAlgorithm
	}{
		{"nil", nil},
		{"zero", hashAlg{}},
		{"unknown", hashAlg{"no-such-digest", 32, 64}},
		{"XOF of size 0", xofAlg{hashAlg{"shake128", 0, 168}}},
		{"XOF of negative size", xofAlg{hashAlg{"shake256", -1, 136}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			noPanic(t, "HashSupported", func() {
				assert.False(t, b.HashSupported(c.alg), "HashSupported")
			})
			noPanic(t, "CreateHashCtx", func() {
				ctx, err := b.CreateHashCtx(c.alg)
				assert.Error(t, err)
				assert.Nil(t, ctx)
				if c.name == "unknown" {
					assertUnsupported(t, err)
				}
			})
			if d, ok := b.(backends.Digester); ok {
				noPanic(t, "Digest", func() {
					out, err := d.Digest(c.alg, []byte("abc"), nil)
					assert.Error(t, err)
					assert.Empty(t, out)
				})
			}
		})
	}
}

// testHashNothingPastOutput appends digests to a dst that is a window on a
// larger patterned buffer, its capacity ending exactly at the digest or
// going on past it: Digest and Sum after messages of every length in
// pastLengths, and for an XOF, SumXOF and Digest of every output length in
// pastLengths. The bytes past the digest must keep their value.
func testHashNothingPastOutput(t *testing.T, b backends.HashBackend, alg backends.HashAlgorithm) {
	r := newRand(t, "hash nothing past output "+alg.Name())
	d, digester := b.(backends.Digester)
	size := alg.DigestSize()
	for _, n := range pastLengths() {
		msg := randBytes(r, n)
		want := hashOf(t, b, alg, msg)
		for _, exact := range []bool{true, false} {
			if digester {
				what := fmt.Sprintf("Digest of %d bytes, %s", n, capacity(exact))
				buf := pastBuffer(size)
				got, err := d.Digest(alg, msg, window(buf, size, exact))
				require.NoError(t, err, what)
				assert.Equal(t, hx(want), hx(got[pastPrefix:]), what)
				assertNothingPast(t, buf, size, what)
			}
			ctx, err := b.CreateHashCtx(alg)
			require.NoError(t, err)
			require.NoError(t, ctx.Update(msg))
			if s, ok := ctx.(backends.Summer); ok {
				what := fmt.Sprintf("Sum after %d bytes, %s", n, capacity(exact))
				buf := pastBuffer(size)
				got, err := s.Sum(window(buf, size, exact))
				require.NoError(t, err, what)
				assert.Equal(t, hx(want), hx(got[pastPrefix:]), what)
				assertNothingPast(t, buf, size, what)
			}
		}
	}
	x, isXOF := alg.(xofAlg)
	if !isXOF {
		return
	}
	msg := randBytes(r, 3*alg.BlockSize()+1)
	ctx, err := b.CreateHashCtx(alg)
	require.NoError(t, err)
	require.NoError(t, ctx.Update(msg))
	xs, xofSummer := ctx.(backends.XOFSummer)
	for _, n := range pastLengths()[1:] {
		want := hashOf(t, b, x.withSize(n), msg)
		require.Len(t, want, n)
		for _, exact := range []bool{true, false} {
			if xofSummer {
				what := fmt.Sprintf("SumXOF of %d bytes, %s", n, capacity(exact))
				buf := pastBuffer(n)
				got, err := xs.SumXOF(window(buf, n, exact), n)
				require.NoError(t, err, what)
				assert.Equal(t, hx(want), hx(got[pastPrefix:]), what)
				assertNothingPast(t, buf, n, what)
			}
			if digester {
				what := fmt.Sprintf("Digest of %d output bytes, %s", n, capacity(exact))
				buf := pastBuffer(n)
				got, err := d.Digest(x.withSize(n), msg, window(buf, n, exact))
				require.NoError(t, err, what)
				assert.Equal(t, hx(want), hx(got[pastPrefix:]), what)
				assertNothingPast(t, buf, n, what)
			}
		}
	}
}
