package backendtest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/chacha20poly1305"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/goref"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// aeadCase is one pair [TestAEADBackend] asks a backend about.
type aeadCase struct {
	name     string
	alg      backends.CipherAlgorithm
	mode     backends.Mode
	key      []byte
	nonceLen int
	// ref is Go's AEAD for the pair with 16-byte tags, or nil.
	ref func(key []byte) (cipher.AEAD, error)
	// tags are the tag lengths every backend takes besides 16; badTags
	// those none does.
	tags, badTags []int
	aead          bool // false: not an AEAD, never supported
}

func aeadCases(t *testing.T) []aeadCase {
	r := newRand(t, "aead keys")
	var cs []aeadCase
	goGCM := func(k []byte) (a cipher.AEAD, err error) {
		// Go's GCM with the caller's nonces, refused under
		// GODEBUG=fips140=only but for a reference (see goref.Run).
		goref.Run(func() {
			var b cipher.Block
			if b, err = aes.NewCipher(k); err == nil {
				a, err = cipher.NewGCM(b)
			}
		})
		return a, err
	}
	for _, n := range []int{16, 24, 32} {
		key := randBytes(r, n)
		alg, err := algorithms.NewAES(key)
		require.NoError(t, err)
		cs = append(cs, aeadCase{name: describe(alg, (*modes.GCM)(nil)), alg: alg, mode: (*modes.GCM)(nil), key: key,
			nonceLen: 12, ref: goGCM, tags: []int{12, 13, 14, 15}, badTags: []int{0, 3, 17}, aead: true})
	}
	for _, n := range []int{16, 32} {
		key := randBytes(r, n)
		alg, err := algorithms.NewAES(key)
		require.NoError(t, err)
		cs = append(cs, aeadCase{name: describe(alg, (*modes.CCM)(nil)), alg: alg, mode: (*modes.CCM)(nil), key: key,
			nonceLen: 12, tags: []int{4, 8, 12, 14}, badTags: []int{0, 3, 5, 17}, aead: true})
	}
	key := randBytes(r, 32)
	cp, err := algorithms.NewChaCha20Poly1305(key)
	require.NoError(t, err)
	cs = append(cs, aeadCase{name: describe(cp, nil), alg: cp, key: key, nonceLen: 12,
		ref: chacha20poly1305.New, badTags: []int{0, 12, 15, 17}, aead: true})
	aes128, err := algorithms.NewAES(key[:16])
	require.NoError(t, err)
	cs = append(cs, aeadCase{name: "AES-128-CBC", alg: aes128, mode: (*modes.CBC)(nil), key: key[:16], nonceLen: 16})
	return cs
}

// TestAEADBackend checks a backend's one-shot AEADs
// ([backends.AEADBackend]) for AES-GCM with 128-, 192- and 256-bit keys,
// AES-CCM and ChaCha20-Poly1305, and that AES-CBC is never one:
//
//   - AEADSupported is true exactly when CreateAEADCtx works; an
//     unsupported pair fails with an [*backends.UnsupportedAlgorithmError];
//   - a supported pair round-trips messages of 0 to 1040 bytes, with and
//     without additional data, appending to dst and leaving its inputs
//     unmodified, and gives Go's answers where Go has the AEAD;
//   - any change to nonce, ciphertext, tag or additional data, or a
//     message shorter than a tag, gives the bare [backends.ErrInvalidTag],
//     leaves dst as it was and releases nothing into its spare capacity;
//   - tag lengths no backend takes wrap [backends.ErrInvalidTagSize], and a
//     shorter tag that the backend takes round-trips;
//   - nonces of a length the AEAD does not take wrap
//     [backends.ErrInvalidIVSize] and write nothing;
//   - in-place use works and other overlaps are refused;
//   - Seal and Open write nothing past their output, whether dst's
//     capacity ends exactly there or goes on, apart or in place, at every
//     tag length taken and every message length to 64 bytes and around
//     larger block boundaries;
//   - one AEAD used from many goroutines at once agrees with itself;
//   - nil and zero descriptors give errors, never panics, never support.
//
// Tag lengths below 16 that some backends refuse (GCM's 4 to 11 bytes, which
// Go's GCM does not take) are left out.
func TestAEADBackend(t *testing.T, b backends.AEADBackend) {
	t.Helper()
	require.NotNil(t, b, "backendtest: nil backend")
	for _, c := range aeadCases(t) {
		t.Run(c.name, func(t *testing.T) {
			supported := b.AEADSupported(c.alg, c.mode)
			t.Logf("AEADSupported(%s) = %v", c.name, supported)
			if !c.aead {
				assert.False(t, supported, "%s is not an AEAD", c.name)
			}
			if !supported {
				a, err := b.CreateAEADCtx(c.alg, c.mode, 16)
				assert.Nil(t, a)
				assertUnsupported(t, err, "%s is not supported, yet creating it did not say so", c.name)
				return
			}
			a, err := b.CreateAEADCtx(c.alg, c.mode, 16)
			require.NoError(t, err, "%s is supported", c.name)
			require.NotNil(t, a)
			assert.Equal(t, 16, a.Overhead())
			t.Run("RoundTrip", func(t *testing.T) { testAEADRoundTrip(t, c, a, 16) })
			t.Run("MatchesGo", func(t *testing.T) { testAEADMatchesGo(t, c, a) })
			t.Run("Tamper", func(t *testing.T) { testAEADTamper(t, c, a) })
			t.Run("TagSizes", func(t *testing.T) { testAEADTagSizes(t, b, c) })
			t.Run("NonceSizes", func(t *testing.T) { testAEADNonceSizes(t, c, a) })
			t.Run("Overlap", func(t *testing.T) { testAEADOverlap(t, c, a) })
			t.Run("NothingPastOutput", func(t *testing.T) { testAEADNothingPastOutput(t, b, c) })
			t.Run("Concurrent", func(t *testing.T) { testAEADConcurrent(t, c, a) })
		})
	}
	t.Run("ZeroValues", func(t *testing.T) { testAEADZeroValues(t, b) })
}

func testAEADRoundTrip(t *testing.T, c aeadCase, a backends.AEADContext, tagLen int) {
	r := newRand(t, "aead round trip "+c.name)
	nonce := randBytes(r, c.nonceLen)
	for _, n := range lengths() {
		pt := randBytes(r, n)
		var aad []byte
		if n%2 == 1 {
			aad = randBytes(r, r.IntN(40))
		}
		ptCopy, aadCopy, nonceCopy := bytes.Clone(pt), bytes.Clone(aad), bytes.Clone(nonce)
		prefix := []byte("prefix")
		sealed, err := a.Seal(bytes.Clone(prefix), nonce, pt, aad)
		require.NoError(t, err, "Seal of %d bytes", n)
		require.Len(t, sealed, len(prefix)+n+tagLen, "Seal of %d bytes", n)
		assert.Equal(t, hx(prefix), hx(sealed[:len(prefix)]), "Seal changed dst's bytes")
		assert.Equal(t, hx(ptCopy), hx(pt), "Seal changed the plaintext")
		assert.Equal(t, hx(aadCopy), hx(aad), "Seal changed the additional data")
		assert.Equal(t, hx(nonceCopy), hx(nonce), "Seal changed the nonce")
		ct := sealed[len(prefix):]
		ctCopy := bytes.Clone(ct)
		got, err := a.Open(bytes.Clone(prefix), nonce, ct, aad)
		require.NoError(t, err, "Open of %d bytes", n)
		assert.Equal(t, hx(append(bytes.Clone(prefix), pt...)), hx(got), "round trip of %d bytes", n)
		assert.Equal(t, hx(ctCopy), hx(ct), "Open changed the ciphertext")
	}
}

func testAEADMatchesGo(t *testing.T, c aeadCase, a backends.AEADContext) {
	if c.ref == nil {
		t.Logf("Go has no %s: round trips and tampering are checked", c.name)
		return
	}
	var ref cipher.AEAD
	var err error
	goref.Run(func() { ref, err = c.ref(c.key) }) // Go's, even where fips140=only refuses it
	require.NoError(t, err)
	r := newRand(t, "aead go "+c.name)
	for _, n := range lengths() {
		pt, aad, nonce := randBytes(r, n), randBytes(r, r.IntN(40)), randBytes(r, c.nonceLen)
		want := ref.Seal(nil, nonce, pt, aad)
		got, err := a.Seal(nil, nonce, pt, aad)
		require.NoError(t, err)
		if !assert.Equal(t, hx(want), hx(got), "%s of %d bytes", c.name, n) {
			return
		}
		back, err := a.Open(nil, nonce, want, aad)
		require.NoError(t, err, "opening Go's %s of %d bytes", c.name, n)
		assert.Equal(t, hx(pt), hx(back))
	}
}

// assertOpenFails checks that an Open of sealed fails with the bare
// ErrInvalidTag, leaves dst as it was and releases nothing into its spare
// capacity.
func assertOpenFails(t *testing.T, a backends.AEADContext, nonce, sealed, aad []byte) {
	t.Helper()
	buf, want := guarded(len(sealed) + 8)
	dst := buf[:3]
	noPanic(t, "Open", func() {
		out, err := a.Open(dst, nonce, sealed, aad)
		assert.True(t, err == backends.ErrInvalidTag, "Open of a tampered message: got %v, want the bare ErrInvalidTag", err)
		assert.Equal(t, hx(want[:3]), hx(out), "a failed Open changed dst")
		for i, v := range buf[3:] {
			if v != want[3+i] && v != 0 {
				assert.Fail(t, "a failed Open released bytes into dst's spare capacity")
				break
			}
		}
	})
}

func testAEADTamper(t *testing.T, c aeadCase, a backends.AEADContext) {
	r := newRand(t, "aead tamper "+c.name)
	pt, aad, nonce := randBytes(r, 45), randBytes(r, 13), randBytes(r, c.nonceLen)
	sealed, err := a.Seal(nil, nonce, pt, aad)
	require.NoError(t, err)
	for _, tc := range []struct {
		name          string
		nonce, sealed []byte
		aad           []byte
	}{
		{"nonce", flip(nonce, 0), sealed, aad},
		{"ciphertext", nonce, flip(sealed, 7), aad},
		{"tag", nonce, flip(sealed, len(sealed)-1), aad},
		{"aad", nonce, sealed, flip(aad, 3)},
		{"no aad", nonce, sealed, nil},
		{"truncated", nonce, sealed[:len(sealed)-1], aad},
		{"tag only", nonce, sealed[len(pt):], aad},
		{"shorter than a tag", nonce, sealed[:15], aad},
		{"empty", nonce, nil, aad},
	} {
		t.Run(tc.name, func(t *testing.T) { assertOpenFails(t, a, tc.nonce, tc.sealed, tc.aad) })
	}
	// The empty message with no additional data is authenticated too.
	empty, err := a.Seal(nil, nonce, nil, nil)
	require.NoError(t, err)
	require.Len(t, empty, a.Overhead())
	got, err := a.Open(nil, nonce, empty, nil)
	require.NoError(t, err)
	assert.Empty(t, got)
	t.Run("empty message's tag", func(t *testing.T) { assertOpenFails(t, a, nonce, flip(empty, 0), nil) })
}

func testAEADTagSizes(t *testing.T, b backends.AEADBackend, c aeadCase) {
	for _, n := range c.badTags {
		noPanic(t, "CreateAEADCtx", func() {
			a, err := b.CreateAEADCtx(c.alg, c.mode, n)
			assert.ErrorIs(t, err, backends.ErrInvalidTagSize, "a %d-byte tag", n)
			assert.Nil(t, a)
		})
	}
	for _, n := range c.tags {
		a, err := b.CreateAEADCtx(c.alg, c.mode, n)
		require.NoError(t, err, "a %d-byte tag", n)
		assert.Equal(t, n, a.Overhead())
		r := newRand(t, "aead tags "+c.name)
		nonce, pt := randBytes(r, c.nonceLen), randBytes(r, 33)
		sealed, err := a.Seal(nil, nonce, pt, nil)
		require.NoError(t, err)
		require.Len(t, sealed, len(pt)+n)
		got, err := a.Open(nil, nonce, sealed, nil)
		require.NoError(t, err)
		assert.Equal(t, hx(pt), hx(got))
		assertOpenFails(t, a, nonce, flip(sealed, len(sealed)-1), nil)
	}
}

// testAEADNothingPastOutput seals and opens messages of every length up to
// 64 bytes (every length of a last partial block) and longer ones around
// block boundaries into a dst that is a window on a larger buffer: its
// capacity ends exactly at the output, or goes on past it, and the output
// is written apart from the input or in place. The bytes past the output
// must keep their value. (Go's AES-GCM assembly wrote up to 3 zero bytes
// past the output of a seal with a tag shorter than 16 bytes, past the end
// of the caller's slice; golang/go#80288.)
func testAEADNothingPastOutput(t *testing.T, b backends.AEADBackend, c aeadCase) {
	r := newRand(t, "aead nothing past output "+c.name)
	nonce := randBytes(r, c.nonceLen)
	for _, tagLen := range append([]int{16}, c.tags...) {
		a, err := b.CreateAEADCtx(c.alg, c.mode, tagLen)
		require.NoError(t, err, "a %d-byte tag", tagLen)
		for _, n := range pastLengths() {
			pt, aad := randBytes(r, n), randBytes(r, n%7)
			want, err := a.Seal(nil, nonce, pt, aad)
			require.NoError(t, err, "Seal of %d bytes, %d-byte tag", n, tagLen)
			for _, exact := range []bool{true, false} {
				what := func(op string) string {
					return fmt.Sprintf("%s of %d bytes, %d-byte tag, %s", op, n, tagLen, capacity(exact))
				}

				sbuf := pastBuffer(n + tagLen)
				sealed, err := a.Seal(window(sbuf, n+tagLen, exact), nonce, pt, aad)
				require.NoError(t, err, what("Seal"))
				require.Equal(t, hx(want), hx(sealed[pastPrefix:]), what("Seal"))
				assertNothingPast(t, sbuf, n+tagLen, what("Seal"))

				obuf := pastBuffer(n)
				opened, err := a.Open(window(obuf, n, exact), nonce, want, aad)
				require.NoError(t, err, what("Open"))
				require.Equal(t, hx(pt), hx(opened[pastPrefix:]), what("Open"))
				assertNothingPast(t, obuf, n, what("Open"))

				// In place: the plaintext, then the ciphertext, where the
				// output goes.
				ibuf := pastBuffer(n + tagLen)
				copy(ibuf[pastPrefix:], pt)
				sealed, err = a.Seal(window(ibuf, n+tagLen, exact), nonce, ibuf[pastPrefix:pastPrefix+n], aad)
				require.NoError(t, err, what("Seal in place"))
				require.Equal(t, hx(want), hx(sealed[pastPrefix:]), what("Seal in place"))
				assertNothingPast(t, ibuf, n+tagLen, what("Seal in place"))
				opened, err = a.Open(window(ibuf, n, exact), nonce, ibuf[pastPrefix:pastPrefix+n+tagLen], aad)
				require.NoError(t, err, what("Open in place"))
				require.Equal(t, hx(pt), hx(opened[pastPrefix:]), what("Open in place"))
				assertNothingPast(t, ibuf, n+tagLen, what("Open in place"))
			}
		}
	}
}

func testAEADNonceSizes(t *testing.T, c aeadCase, a backends.AEADContext) {
	bad := []int{0}
	if c.ref != nil && c.mode == nil {
		bad = append(bad, 8, 24) // ChaCha20-Poly1305 takes 12 bytes only
	}
	for _, n := range bad {
		nonce := make([]byte, n)
		buf, want := guarded(64)
		noPanic(t, "Seal", func() {
			out, err := a.Seal(buf[:0], nonce, []byte("sixteen bytes..."), nil)
			assert.ErrorIs(t, err, backends.ErrInvalidIVSize, "Seal with a %d-byte nonce", n)
			assert.Empty(t, out)
			assert.Equal(t, hx(want), hx(buf), "a refused Seal wrote to dst")
		})
		noPanic(t, "Open", func() {
			out, err := a.Open(buf[:0], nonce, make([]byte, 32), nil)
			assert.Error(t, err, "Open with a %d-byte nonce", n)
			assert.Empty(t, out)
			for _, v := range buf {
				if v != 0xa5 && v != 0 {
					assert.Fail(t, "a refused Open released bytes into dst")
					break
				}
			}
		})
	}
}

func testAEADOverlap(t *testing.T, c aeadCase, a backends.AEADContext) {
	pt := []byte("sealed in place, opened in place")
	nonce := bytes.Repeat([]byte{3}, c.nonceLen)
	t.Run("InPlace", func(t *testing.T) {
		buf := make([]byte, len(pt), len(pt)+a.Overhead())
		copy(buf, pt)
		sealed, err := a.Seal(buf[:0], nonce, buf, nil)
		require.NoError(t, err)
		want, err := a.Seal(nil, nonce, pt, nil)
		require.NoError(t, err)
		assert.Equal(t, hx(want), hx(sealed))
		got, err := a.Open(sealed[:0], nonce, sealed, nil)
		require.NoError(t, err)
		assert.Equal(t, string(pt), string(got))
	})
	t.Run("Inexact", func(t *testing.T) {
		buf := make([]byte, 200)
		copy(buf[4:], pt)
		in := buf[4 : 4+len(pt)]
		out, err := a.Seal(buf[:0], nonce, in, nil)
		assert.ErrorIs(t, err, backends.ErrInvalidBufferOverlap)
		assert.Empty(t, out)
		assert.Equal(t, string(pt), string(in), "a refused Seal changed the plaintext")

		sealed, err := a.Seal(nil, nonce, pt, nil)
		require.NoError(t, err)
		copy(buf[8:], sealed)
		in = buf[8 : 8+len(sealed)]
		out, err = a.Open(buf[:0], nonce, in, nil)
		assert.ErrorIs(t, err, backends.ErrInvalidBufferOverlap)
		assert.Empty(t, out)
		assert.Equal(t, hx(sealed), hx(in), "a refused Open changed the sealed message")
	})
}

func testAEADConcurrent(t *testing.T, c aeadCase, a backends.AEADContext) {
	r := newRand(t, "aead concurrent "+c.name)
	type job struct{ nonce, pt, aad, sealed []byte }
	jobs := make([]job, 8)
	for i := range jobs {
		j := job{nonce: randBytes(r, c.nonceLen), pt: randBytes(r, 100*i), aad: randBytes(r, i)}
		var err error
		j.sealed, err = a.Seal(nil, j.nonce, j.pt, j.aad)
		require.NoError(t, err)
		jobs[i] = j
	}
	runConcurrently(t, func(t *testing.T, g int) {
		for i := range jobs {
			j := jobs[(i+g)%len(jobs)]
			sealed, err := a.Seal(nil, j.nonce, j.pt, j.aad)
			if !assert.NoError(t, err) || !assert.Equal(t, hx(j.sealed), hx(sealed), "Seal in goroutine %d", g) {
				return
			}
			pt, err := a.Open(nil, j.nonce, j.sealed, j.aad)
			if !assert.NoError(t, err) {
				return
			}
			assert.Equal(t, hx(j.pt), hx(pt), "Open in goroutine %d", g)
		}
	})
}

func testAEADZeroValues(t *testing.T, b backends.AEADBackend) {
	for _, c := range []struct {
		name string
		alg  backends.CipherAlgorithm
		mode backends.Mode
	}{
		{"nil", nil, (*modes.GCM)(nil)},
		{"nil without a mode", nil, nil},
		{"AES{}", &algorithms.AES{}, (*modes.GCM)(nil)},
		{"(*AES)(nil)", (*algorithms.AES)(nil), (*modes.GCM)(nil)},
		{"ChaCha20Poly1305{}", &algorithms.ChaCha20Poly1305{}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			noPanic(t, "AEADSupported", func() {
				assert.False(t, b.AEADSupported(c.alg, c.mode), "AEADSupported")
			})
			noPanic(t, "CreateAEADCtx", func() {
				a, err := b.CreateAEADCtx(c.alg, c.mode, 16)
				assert.Error(t, err)
				assert.Nil(t, a)
			})
		})
	}
}
