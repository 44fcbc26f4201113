package backendtest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// gcmNonceLen and gcmTagLen are the nonce and tag lengths of AES-GCM with
// module-generated nonces, as Go's cipher.NewGCMWithRandomNonce has them.
const (
	gcmNonceLen = 12
	gcmTagLen   = 16
)

// TestRandomNonceAEADBackend checks a backend's AEADs with nonces
// generated in its module ([backends.RandomNonceAEADBackend]) for AES-GCM
// with 128-, 192- and 256-bit keys: the support answer matches behaviour;
// sealed messages are nonce‖ciphertext‖tag of the right length and open
// with Go's [cipher.NewGCMWithRandomNonce] under the same key, and Go's
// open here; any change to nonce, ciphertext, tag or additional data gives
// the bare [backends.ErrInvalidTag] and writes nothing; nonces do not
// repeat over many seals, sequential or concurrent; in-place use works and
// other overlaps are refused; Seal and Open write nothing past their
// output, whether dst's capacity ends exactly there or goes on, apart or
// in place, at every tag length the backend takes and every message length
// to 64 bytes and around larger block boundaries; pairs other than AES-GCM
// are unsupported.
func TestRandomNonceAEADBackend(t *testing.T, b backends.RandomNonceAEADBackend) {
	t.Helper()
	require.NotNil(t, b, "backendtest: nil backend")
	for _, keyLen := range []int{16, 24, 32} {
		r := newRand(t, "randomnonce")
		key := randBytes(r, keyLen)
		alg, err := algorithms.NewAES(key)
		require.NoError(t, err)
		name := describe(alg, (*modes.GCM)(nil))
		t.Run(name, func(t *testing.T) {
			if !b.RandomNonceAEADSupported(alg, (*modes.GCM)(nil)) {
				_, err := b.CreateRandomNonceAEADCtx(alg, (*modes.GCM)(nil), gcmTagLen)
				assertUnsupported(t, err, "%s is not supported, yet creating it did not say so", name)
				return
			}
			a, err := b.CreateRandomNonceAEADCtx(alg, (*modes.GCM)(nil), gcmTagLen)
			require.NoError(t, err, "%s is supported", name)
			require.NotNil(t, a)
			block, err := aes.NewCipher(key)
			require.NoError(t, err)
			ref, err := cipher.NewGCMWithRandomNonce(block)
			require.NoError(t, err)
			t.Run("Sizes", func(t *testing.T) {
				assert.Equal(t, gcmNonceLen, a.NonceSize())
				assert.Equal(t, gcmTagLen, a.Overhead())
			})
			t.Run("RoundTrip", func(t *testing.T) { testRandomNonceRoundTrip(t, a, ref) })
			t.Run("Tamper", func(t *testing.T) { testRandomNonceTamper(t, a) })
			t.Run("NonceUniqueness", func(t *testing.T) { testRandomNonceUnique(t, a) })
			t.Run("Overlap", func(t *testing.T) { testRandomNonceOverlap(t, a) })
			t.Run("NothingPastOutput", func(t *testing.T) { testRandomNonceNothingPastOutput(t, b, alg) })
		})
	}
	t.Run("Unsupported", func(t *testing.T) {
		key := bytes.Repeat([]byte{7}, 32)
		aesAlg, err := algorithms.NewAES(key)
		require.NoError(t, err)
		chacha, err := algorithms.NewChaCha20Poly1305(key)
		require.NoError(t, err)
		for _, c := range []struct {
			name string
			alg  backends.CipherAlgorithm
			mode backends.Mode
		}{
			{"AES-CBC", aesAlg, (*modes.CBC)(nil)},
			{"AES-CCM", aesAlg, (*modes.CCM)(nil)},
			{"ChaCha20-Poly1305", chacha, nil},
			{"nil cipher", nil, (*modes.GCM)(nil)},
		} {
			t.Run(c.name, func(t *testing.T) {
				noPanic(t, "RandomNonceAEADSupported", func() {
					assert.False(t, b.RandomNonceAEADSupported(c.alg, c.mode))
				})
				noPanic(t, "CreateRandomNonceAEADCtx", func() {
					a, err := b.CreateRandomNonceAEADCtx(c.alg, c.mode, gcmTagLen)
					assert.Nil(t, a)
					if c.alg == nil {
						assert.ErrorIs(t, err, backends.ErrInvalidArgument)
						return
					}
					assertUnsupported(t, err)
				})
			})
		}
	})
}

func testRandomNonceRoundTrip(t *testing.T, a backends.RandomNonceAEADContext, ref cipher.AEAD) {
	r := newRand(t, "randomnonce/roundtrip")
	for _, n := range lengths() {
		pt, aad := randBytes(r, n), randBytes(r, r.IntN(40))
		ptCopy, aadCopy := bytes.Clone(pt), bytes.Clone(aad)
		prefix := []byte("prefix")
		sealed, err := a.Seal(bytes.Clone(prefix), pt, aad)
		require.NoError(t, err, "Seal of %d bytes", n)
		require.Len(t, sealed, len(prefix)+gcmNonceLen+n+gcmTagLen, "Seal of %d bytes", n)
		assert.Equal(t, hx(prefix), hx(sealed[:len(prefix)]), "Seal changed dst's bytes")
		sealed = sealed[len(prefix):]
		assert.Equal(t, hx(ptCopy), hx(pt), "Seal changed the plaintext")
		assert.Equal(t, hx(aadCopy), hx(aad), "Seal changed the additional data")

		got, err := ref.Open(nil, nil, sealed, aad)
		require.NoError(t, err, "Go's GCMWithRandomNonce cannot open a sealed message of %d bytes", n)
		assert.Equal(t, hx(pt), hx(got))
		got, err = a.Open(nil, sealed, aad)
		require.NoError(t, err, "Open of %d bytes", n)
		assert.Equal(t, hx(pt), hx(got))

		fromGo := ref.Seal(nil, nil, pt, aad)
		got, err = a.Open(nil, fromGo, aad)
		require.NoError(t, err, "Open of Go's sealed message of %d bytes", n)
		assert.Equal(t, hx(pt), hx(got))
	}
}

func testRandomNonceTamper(t *testing.T, a backends.RandomNonceAEADContext) {
	r := newRand(t, "randomnonce/tamper")
	pt, aad := randBytes(r, 45), randBytes(r, 13)
	sealed, err := a.Seal(nil, pt, aad)
	require.NoError(t, err)
	cases := []struct {
		name   string
		sealed []byte
		aad    []byte
	}{
		{"nonce", flip(sealed, 0), aad},
		{"last nonce byte", flip(sealed, gcmNonceLen-1), aad},
		{"ciphertext", flip(sealed, gcmNonceLen+7), aad},
		{"tag", flip(sealed, len(sealed)-1), aad},
		{"aad", sealed, flip(aad, 3)},
		{"no aad", sealed, nil},
		{"truncated", sealed[:len(sealed)-1], aad},
		{"nonce and tag only", sealed[:gcmNonceLen+gcmTagLen], aad},
		{"shorter than nonce and tag", sealed[:gcmNonceLen+gcmTagLen-1], aad},
		{"empty", nil, aad},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			buf, want := guarded(len(c.sealed) + 8)
			dst := buf[:3]
			noPanic(t, "Open", func() {
				out, err := a.Open(dst, c.sealed, c.aad)
				assert.True(t, err == backends.ErrInvalidTag, "Open of a tampered message: got %v, want the bare ErrInvalidTag", err)
				assert.Equal(t, hx(want[:3]), hx(out), "a failed Open changed dst")
				spare := buf[3:]
				for i, v := range spare {
					if v != want[3+i] && v != 0 {
						assert.Fail(t, "a failed Open released bytes into dst's spare capacity")
						break
					}
				}
			})
		})
	}
}

// flip returns a copy of b with bit 0 of byte i flipped.
func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 1
	return c
}

func testRandomNonceUnique(t *testing.T, a backends.RandomNonceAEADContext) {
	n, workers := 4096, 4
	if raceEnabled || testing.Short() {
		n = 512
	}
	seen := make(map[[gcmNonceLen]byte]bool, n*(workers+1))
	add := func(t *testing.T, sealed []byte) {
		var k [gcmNonceLen]byte
		copy(k[:], sealed)
		assert.False(t, seen[k], "nonce %x repeated", k)
		seen[k] = true
	}
	for range n {
		sealed, err := a.Seal(nil, nil, nil)
		require.NoError(t, err)
		add(t, sealed)
	}
	// The same from several goroutines at once, which take different
	// pooled contexts of the backend.
	var wg sync.WaitGroup
	results := make([][][]byte, workers)
	errs := make([]error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range n {
				sealed, err := a.Seal(nil, []byte("m"), nil)
				if err != nil {
					errs[w] = err
					return
				}
				results[w] = append(results[w], sealed)
			}
		}()
	}
	wg.Wait()
	require.NoError(t, errors.Join(errs...))
	for _, rs := range results {
		for _, sealed := range rs {
			add(t, sealed)
		}
	}
	assert.Len(t, seen, n*(workers+1))
	var zero [gcmNonceLen]byte
	assert.False(t, seen[zero], "an all-zero nonce")
}

func testRandomNonceOverlap(t *testing.T, a backends.RandomNonceAEADContext) {
	pt := []byte("sealed in place, opened in place")
	t.Run("InPlace", func(t *testing.T) {
		buf := make([]byte, len(pt), len(pt)+gcmNonceLen+gcmTagLen)
		copy(buf, pt)
		sealed, err := a.Seal(buf[:0], buf, nil)
		require.NoError(t, err)
		require.Len(t, sealed, len(pt)+gcmNonceLen+gcmTagLen)
		got, err := a.Open(sealed[:0], sealed, nil)
		require.NoError(t, err)
		assert.Equal(t, string(pt), string(got))
	})
	t.Run("Inexact", func(t *testing.T) {
		buf := make([]byte, 200)
		copy(buf[4:], pt)
		in := buf[4 : 4+len(pt)]
		out, err := a.Seal(buf[:0], in, nil)
		assert.ErrorIs(t, err, backends.ErrInvalidBufferOverlap)
		assert.Empty(t, out)
		assert.Equal(t, string(pt), string(in), "a refused Seal changed the plaintext")

		sealed, err := a.Seal(nil, pt, nil)
		require.NoError(t, err)
		copy(buf[8:], sealed)
		in = buf[8 : 8+len(sealed)]
		out, err = a.Open(buf[:0], in, nil)
		assert.ErrorIs(t, err, backends.ErrInvalidBufferOverlap)
		assert.Empty(t, out)
		assert.Equal(t, hx(sealed), hx(in), "a refused Open changed the sealed message")
	})
}

// testRandomNonceNothingPastOutput seals and opens messages of every length
// in pastLengths into a dst that is a window on a larger patterned buffer,
// its capacity ending exactly at the output or going on past it, apart and
// in place, at each tag length from 12 to 16 bytes that the backend takes.
// The bytes past the output must keep their value.
func testRandomNonceNothingPastOutput(t *testing.T, b backends.RandomNonceAEADBackend, alg backends.CipherAlgorithm) {
	r := newRand(t, "randomnonce nothing past output")
	for tagLen := 12; tagLen <= gcmTagLen; tagLen++ {
		a, err := b.CreateRandomNonceAEADCtx(alg, (*modes.GCM)(nil), tagLen)
		if tagLen != gcmTagLen && err != nil {
			require.ErrorIs(t, err, backends.ErrInvalidTagSize, "a %d-byte tag", tagLen)
			t.Logf("a %d-byte tag is refused: %v", tagLen, err)
			continue
		}
		require.NoError(t, err, "a %d-byte tag", tagLen)
		over := gcmNonceLen + tagLen
		for _, n := range pastLengths() {
			pt, aad := randBytes(r, n), randBytes(r, n%7)
			for _, exact := range []bool{true, false} {
				what := func(op string) string {
					return fmt.Sprintf("%s of %d bytes, %d-byte tag, %s", op, n, tagLen, capacity(exact))
				}
				sbuf := pastBuffer(n + over)
				sealed, err := a.Seal(window(sbuf, n+over, exact), pt, aad)
				require.NoError(t, err, what("Seal"))
				require.Len(t, sealed, pastPrefix+n+over, what("Seal"))
				assertNothingPast(t, sbuf, n+over, what("Seal"))
				sealed = bytes.Clone(sealed[pastPrefix:])

				obuf := pastBuffer(n)
				opened, err := a.Open(window(obuf, n, exact), sealed, aad)
				require.NoError(t, err, what("Open"))
				require.Equal(t, hx(pt), hx(opened[pastPrefix:]), what("Open"))
				assertNothingPast(t, obuf, n, what("Open"))

				// In place: dst's spare capacity starts at the plaintext,
				// then at the sealed message.
				ibuf := pastBuffer(n + over)
				copy(ibuf[pastPrefix:], pt)
				got, err := a.Seal(window(ibuf, n+over, exact), ibuf[pastPrefix:pastPrefix+n], aad)
				require.NoError(t, err, what("Seal in place"))
				require.Len(t, got, pastPrefix+n+over, what("Seal in place"))
				assertNothingPast(t, ibuf, n+over, what("Seal in place"))
				opened, err = a.Open(window(ibuf, n, exact), ibuf[pastPrefix:pastPrefix+n+over], aad)
				require.NoError(t, err, what("Open in place"))
				require.Equal(t, hx(pt), hx(opened[pastPrefix:]), what("Open in place"))
				assertNothingPast(t, ibuf, n+over, what("Open in place"))
			}
		}
	}
}
