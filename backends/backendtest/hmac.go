package backendtest

import (
	"bytes"
	stdhmac "crypto/hmac"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/goref"
	"github.com/go-hazmat/hazmat/internal/vectors"
)

// TestHMACBackend checks b against the contract of [backends.HMACBackend]:
//
//   - HMACSupported is true exactly when CreateHMACCtx succeeds, and is
//     false for every extendable-output function;
//   - a supported HMAC gives the known answers of the module's
//     testdata/hmac and Go's crypto/hmac answers (SHA-1, SHA-2, SHA-3, MD5)
//     over lengths 0 to 1040 in random parts, with nil, empty, short, long
//     and longer-than-a-block keys; a backend may refuse keys shorter than
//     112 bits (a FIPS module's minimum, NIST SP 800-131A) with an error
//     wrapping [backends.ErrInvalidKeySize], from CreateHMACCtx and MAC
//     alike, writing nothing;
//   - the key and the data are left unmodified and the key is copied;
//   - Copy, Finalize twice, Update after Finalize, and the optional
//     [backends.Summer], [backends.Resetter] and [backends.MACer] agreeing
//     with the generic path;
//   - MAC and Sum write nothing past the MAC they append, whether dst's
//     capacity ends exactly there or goes on, for messages of every length
//     to 64 bytes and around larger block boundaries;
//   - nil, zero and unknown descriptors give errors, never panics.
func TestHMACBackend(t *testing.T, b backends.HMACBackend) {
	t.Helper()
	require.NotNil(t, b, "backendtest: nil backend")
	for _, alg := range hashAlgs {
		t.Run(alg.Name(), func(t *testing.T) {
			supported := b.HMACSupported(alg)
			t.Logf("HMACSupported(%s) = %v", alg.Name(), supported)
			if _, xof := alg.(backends.ExtendableOutputAlgorithm); xof {
				assert.False(t, supported, "HMAC with an extendable-output function")
			}
			if !supported {
				ctx, err := b.CreateHMACCtx(make([]byte, 32), alg)
				assert.Nil(t, ctx)
				assertUnsupported(t, err, "CreateHMACCtx(%s) while HMACSupported is false", alg.Name())
				if m, ok := b.(backends.MACer); ok {
					buf, guard := guarded(128)
					out, err := m.MAC(make([]byte, 32), alg, []byte("abc"), buf[:3])
					assert.Contains(t, []int{0, 3}, len(out), "a refused MAC returns nothing or dst as it was")
					assertUnsupported(t, err, "MAC(%s) while HMACSupported is false", alg.Name())
					assert.Equal(t, hx(guard), hx(buf), "a refused MAC wrote to dst")
				}
				return
			}
			t.Run("KnownAnswers", func(t *testing.T) { testHMACKAT(t, b, alg) })
			t.Run("MatchesGo", func(t *testing.T) { testHMACMatchesGo(t, b, alg) })
			t.Run("Context", func(t *testing.T) { testHMACContext(t, b, alg) })
			t.Run("NothingPastOutput", func(t *testing.T) { testHMACNothingPastOutput(t, b, alg) })
		})
	}
	t.Run("Concurrent", func(t *testing.T) { testHMACConcurrent(t, b) })
	t.Run("ZeroValues", func(t *testing.T) { testHMACZeroValues(t, b) })
}

// testHMACConcurrent computes every supported HMAC from many goroutines at
// once, each with its own contexts of the one backend.
func testHMACConcurrent(t *testing.T, b backends.HMACBackend) {
	r := newRand(t, "concurrent hmac")
	key, msg := randBytes(r, 32), randBytes(r, 1000)
	var algs []backends.HashAlgorithm
	var want [][]byte
	for _, alg := range hashAlgs {
		if b.HMACSupported(alg) {
			algs = append(algs, alg)
			want = append(want, macOf(t, b, key, alg, msg))
		}
	}
	require.NotEmpty(t, algs, "the backend supports no HMAC at all")
	m, _ := b.(backends.MACer)
	runConcurrently(t, func(t *testing.T, g int) {
		for i := range algs {
			k := (i + g) % len(algs)
			alg := algs[k]
			if !assert.True(t, b.HMACSupported(alg), alg.Name()) {
				return
			}
			ctx, err := b.CreateHMACCtx(key, alg)
			if !assert.NoError(t, err, alg.Name()) {
				return
			}
			assert.NoError(t, ctx.Update(msg[:g*100]))
			assert.NoError(t, ctx.Update(msg[g*100:]))
			got, err := ctx.Finalize()
			assert.NoError(t, err)
			assert.Equal(t, hx(want[k]), hx(got), "HMAC-%s in goroutine %d", alg.Name(), g)
			if m != nil {
				got, err := m.MAC(key, alg, msg, nil)
				assert.NoError(t, err)
				assert.Equal(t, hx(want[k]), hx(got), "MAC %s in goroutine %d", alg.Name(), g)
			}
		}
	})
}

func macOf(t *testing.T, b backends.HMACBackend, key []byte, alg backends.HashAlgorithm, parts ...[]byte) []byte {
	t.Helper()
	ctx, err := b.CreateHMACCtx(key, alg)
	require.NoError(t, err)
	for _, p := range parts {
		require.NoError(t, ctx.Update(p))
	}
	out, err := ctx.Finalize()
	require.NoError(t, err)
	return out
}

// referenceMAC returns Go's HMAC of msg, or false when Go has no answer:
// no such hash, or a use Go refuses and Go 1.25 cannot be told to allow
// (under GODEBUG=fips140=only Go's crypto/hmac panics on keys shorter than
// 112 bits and on hashes other than SHA-2 and SHA-3; goref.Run lifts that
// for the reference with Go 1.26).
func referenceMAC(alg backends.HashAlgorithm, key, msg []byte) (out []byte, ok bool) {
	if _, xof := alg.(backends.ExtendableOutputAlgorithm); xof {
		return nil, false
	}
	defer func() {
		if recover() != nil {
			out, ok = nil, false
		}
	}()
	f := goHash(alg)
	if f == nil {
		return nil, false
	}
	goref.Run(func() {
		m := stdhmac.New(f, key)
		m.Write(msg)
		out, ok = m.Sum(nil), true
	})
	return out, ok
}

func testHMACKAT(t *testing.T, b backends.HMACBackend, alg backends.HashAlgorithm) {
	path := testdataFile(t, "hmac/"+alg.Name()+".txt")
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		_, ok := referenceMAC(alg, make([]byte, 32), nil)
		hb, isHash := b.(backends.HashBackend)
		require.True(t, ok || isHash && hb.HashSupported(alg),
			"HMAC-%s has no known answers in testdata, no Go implementation and no hash to build it from", alg.Name())
		t.Logf("no %s; MatchesGo checks HMAC-%s", path, alg.Name())
		return
	}
	vs, err := vectors.LoadHMAC(path)
	require.NoError(t, err)
	require.NotEmpty(t, vs)
	m, _ := b.(backends.MACer)
	for _, v := range vs {
		if keyRefused(t, b, alg, v.Key) {
			continue
		}
		got := macOf(t, b, v.Key, alg, v.Msg)
		if v.Truncate > 0 && len(got) > v.Truncate {
			got = got[:v.Truncate]
		}
		assert.Equal(t, hx(v.MD), hx(got), v.Name)
		if m != nil {
			got, err := m.MAC(v.Key, alg, v.Msg, nil)
			require.NoError(t, err, v.Name)
			if v.Truncate > 0 && len(got) > v.Truncate {
				got = got[:v.Truncate]
			}
			assert.Equal(t, hx(v.MD), hx(got), "MAC: %s", v.Name)
		}
	}
}

func testHMACMatchesGo(t *testing.T, b backends.HMACBackend, alg backends.HashAlgorithm) {
	ref := referenceMAC
	if _, ok := referenceMAC(alg, make([]byte, 32), nil); !ok {
		hb, isHash := b.(backends.HashBackend)
		if !isHash || !hb.HashSupported(alg) {
			t.Logf("Go has no HMAC-%s and the backend no %s hash: only known answers and self-consistency are checked", alg.Name(), alg.Name())
			return
		}
		t.Logf("Go has no %s: HMAC is checked against RFC 2104 over the backend's own %s hash", alg.Name(), alg.Name())
		ref = func(alg backends.HashAlgorithm, key, msg []byte) ([]byte, bool) {
			return rfc2104(t, hb, alg, key, msg), true
		}
	}
	r := newRand(t, "hmac "+alg.Name())
	m, _ := b.(backends.MACer)
	keys := [][]byte{nil, {}, randBytes(r, 1), randBytes(r, 16), randBytes(r, 32),
		randBytes(r, alg.BlockSize()), randBytes(r, alg.BlockSize()+1), randBytes(r, 3*alg.BlockSize())}
	for i, n := range lengths() {
		key := keys[i%len(keys)]
		keyCopy := bytes.Clone(key)
		msg := randBytes(r, n)
		msgCopy := bytes.Clone(msg)
		if keyRefused(t, b, alg, key) {
			continue
		}
		want, ok := ref(alg, key, msg)
		if !ok {
			hb, isHash := b.(backends.HashBackend)
			if !isHash || !hb.HashSupported(alg) {
				t.Logf("no reference for HMAC-%s with a %d-byte key", alg.Name(), len(key))
				continue
			}
			want = rfc2104(t, hb, alg, key, msg)
		}
		got := macOf(t, b, key, alg, split(r, msg)...)
		if !assert.Equal(t, hx(want), hx(got), "HMAC-%s, %d-byte key, %d bytes", alg.Name(), len(key), n) {
			return
		}
		if m != nil {
			got, err := m.MAC(key, alg, msg, []byte("dst"))
			require.NoError(t, err)
			assert.Equal(t, hx(append([]byte("dst"), want...)), hx(got), "MAC appends to dst")
		}
		assert.Equal(t, hx(keyCopy), hx(key), "key modified")
		assert.Equal(t, hx(msgCopy), hx(msg), "message modified")
	}
}

// minFIPSKey is the shortest HMAC key FIPS modules may insist on: 112
// bits (NIST SP 800-131A).
const minFIPSKey = 112 / 8

// keyRefused reports whether b refuses key for HMAC with alg by a FIPS
// module's minimum key length: a key shorter than 112 bits, refused with
// an error wrapping [backends.ErrInvalidKeySize] by CreateHMACCtx and by
// MAC (which leaves dst alone). Any other refusal fails the test.
func keyRefused(t *testing.T, b backends.HMACBackend, alg backends.HashAlgorithm, key []byte) bool {
	t.Helper()
	ctx, err := b.CreateHMACCtx(key, alg)
	if err == nil {
		return false
	}
	assert.Nil(t, ctx)
	if !assert.ErrorIs(t, err, backends.ErrInvalidKeySize, "HMAC-%s with a %d-byte key", alg.Name(), len(key)) ||
		!assert.Less(t, len(key), minFIPSKey, "HMAC-%s refused a %d-byte key", alg.Name(), len(key)) {
		return true
	}
	if m, ok := b.(backends.MACer); ok {
		buf, guard := guarded(64)
		out, err := m.MAC(key, alg, []byte("abc"), buf[:3])
		assert.ErrorIs(t, err, backends.ErrInvalidKeySize, "MAC with a key CreateHMACCtx refuses")
		assert.Contains(t, []int{0, 3}, len(out), "a refused MAC returns nothing or dst as it was")
		assert.Equal(t, hx(guard), hx(buf), "a refused MAC wrote to dst")
	}
	return true
}

func testHMACContext(t *testing.T, b backends.HMACBackend, alg backends.HashAlgorithm) {
	r := newRand(t, "hmac context "+alg.Name())
	key := randBytes(r, 32)
	msg := randBytes(r, 2*alg.BlockSize()+7)
	want := macOf(t, b, key, alg, msg)
	assert.Len(t, want, alg.DigestSize(), "MAC length")

	// The key is copied: changing the caller's slice afterwards changes
	// nothing.
	k := bytes.Clone(key)
	ctx, err := b.CreateHMACCtx(k, alg)
	require.NoError(t, err)
	clear(k)
	_, summer := ctx.(backends.Summer)
	_, resetter := ctx.(backends.Resetter)
	_, macer := b.(backends.MACer)
	t.Logf("fast paths: Summer %v, Resetter %v, MACer %v", summer, resetter, macer)
	if assert.NotNil(t, ctx.Algorithm()) {
		assert.Equal(t, alg.Name(), ctx.Algorithm().Name(), "Algorithm")
	}
	half := len(msg) / 2
	require.NoError(t, ctx.Update(msg[:half]))
	cp, err := ctx.Copy()
	require.NoError(t, err)
	require.NoError(t, cp.Update([]byte("something else")))
	other, err := cp.Finalize()
	require.NoError(t, err)
	assert.NotEqual(t, hx(want), hx(other), "the copy diverged")
	if s, ok := ctx.(backends.Summer); ok {
		wantHalf := macOf(t, b, key, alg, msg[:half])
		got, err := s.Sum([]byte("dst"))
		require.NoError(t, err)
		assert.Equal(t, hx(append([]byte("dst"), wantHalf...)), hx(got), "Sum")
	}
	require.NoError(t, ctx.Update(msg[half:]))
	got, err := ctx.Finalize()
	require.NoError(t, err)
	assert.Equal(t, hx(want), hx(got), "key copied; state unchanged by Copy and Sum")

	again, err := ctx.Finalize()
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, "second Finalize")
	assert.Empty(t, again)
	assert.ErrorIs(t, ctx.Update([]byte("x")), backends.ErrAlreadyFinalized, "Update after Finalize")

	if rs, ok := ctx.(backends.Resetter); ok {
		// Reset keeps the key.
		require.NoError(t, rs.Reset())
		require.NoError(t, ctx.Update(msg))
		got, err := ctx.Finalize()
		require.NoError(t, err)
		assert.Equal(t, hx(want), hx(got), "after Reset")
	}
}

func testHMACZeroValues(t *testing.T, b backends.HMACBackend) {
	cases := []struct {
		name string
		alg  backends.HashAlgorithm
	}{
		{"nil", nil},
		{"zero", hashAlg{}},
		{"unknown", hashAlg{"no-such-digest", 32, 64}},
		{"XOF", xofAlg{hashAlg{"shake128", 32, 168}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			noPanic(t, "HMACSupported", func() {
				assert.False(t, b.HMACSupported(c.alg), "HMACSupported")
			})
			noPanic(t, "CreateHMACCtx", func() {
				ctx, err := b.CreateHMACCtx([]byte("key"), c.alg)
				assert.Error(t, err)
				assert.Nil(t, ctx)
				if c.name == "unknown" || c.name == "XOF" {
					assertUnsupported(t, err)
				}
			})
			if m, ok := b.(backends.MACer); ok {
				noPanic(t, "MAC", func() {
					out, err := m.MAC([]byte("key"), c.alg, []byte("abc"), nil)
					assert.Error(t, err)
					assert.Empty(t, out)
				})
			}
		})
	}
}

// rfc2104 computes HMAC by its definition in RFC 2104, section 2, over the
// hash of b: H((K ^ opad) || H((K ^ ipad) || text)), K being the key hashed
// first when it is longer than the block and padded with zeros.
func rfc2104(t *testing.T, b backends.HashBackend, alg backends.HashAlgorithm, key, msg []byte) []byte {
	t.Helper()
	if len(key) > alg.BlockSize() {
		key = hashOf(t, b, alg, key)
	}
	k := make([]byte, alg.BlockSize())
	copy(k, key)
	ipad, opad := bytes.Clone(k), bytes.Clone(k)
	for i := range k {
		ipad[i] ^= 0x36
		opad[i] ^= 0x5c
	}
	return hashOf(t, b, alg, opad, hashOf(t, b, alg, ipad, msg))
}

// testHMACNothingPastOutput appends MACs to a dst that is a window on a
// larger patterned buffer, its capacity ending exactly at the MAC or going
// on past it: MAC and Sum after messages of every length in pastLengths.
// The bytes past the MAC must keep their value.
func testHMACNothingPastOutput(t *testing.T, b backends.HMACBackend, alg backends.HashAlgorithm) {
	r := newRand(t, "hmac nothing past output "+alg.Name())
	key := randBytes(r, 32)
	m, macer := b.(backends.MACer)
	size := alg.DigestSize()
	for _, n := range pastLengths() {
		msg := randBytes(r, n)
		want := macOf(t, b, key, alg, msg)
		for _, exact := range []bool{true, false} {
			if macer {
				what := fmt.Sprintf("MAC of %d bytes, %s", n, capacity(exact))
				buf := pastBuffer(size)
				got, err := m.MAC(key, alg, msg, window(buf, size, exact))
				require.NoError(t, err, what)
				assert.Equal(t, hx(want), hx(got[pastPrefix:]), what)
				assertNothingPast(t, buf, size, what)
			}
			ctx, err := b.CreateHMACCtx(key, alg)
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
}
