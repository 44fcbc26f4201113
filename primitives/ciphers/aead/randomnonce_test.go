package aead_test

// AESGCMRandomNonce against Go's cipher.NewGCMWithRandomNonce under the
// same key, its misuse, and its use from many goroutines at once.

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
)

// goRandomNonce returns Go's AES-GCM with random nonces for key.
func goRandomNonce(t *testing.T, key []byte) cipher.AEAD {
	t.Helper()
	block, err := aes.NewCipher(key)
	require.NoError(t, err)
	g, err := cipher.NewGCMWithRandomNonce(block)
	require.NoError(t, err)
	return g
}

func TestAESGCMRandomNonceMatchesGo(t *testing.T) {
	r := diffRand(t)
	for _, keyLen := range []int{16, 24, 32} {
		key := diffBytes(r, keyLen)
		x, err := aead.NewAESGCMWithRandomNonce(key)
		require.NoError(t, err)
		g := goRandomNonce(t, key)
		assert.Equal(t, 0, x.NonceSize())
		assert.Equal(t, 12+16, x.Overhead())
		assert.Equal(t, g.Overhead(), x.Overhead())
		for _, n := range diffLens() {
			pt, aad := diffBytes(r, n), diffBytes(r, r.IntN(48))
			sealed := x.Seal(nil, nil, pt, aad)
			require.Len(t, sealed, n+28)
			got, err := g.Open(nil, nil, sealed, aad)
			require.NoError(t, err, "Go cannot open hazmat's %d-byte message (AES-%d)", n, keyLen*8)
			require.Equal(t, diffHex(pt), diffHex(got))

			enc, err := x.Encrypt(pt, aad)
			require.NoError(t, err)
			got, err = g.Open(nil, nil, enc, aad)
			require.NoError(t, err)
			require.Equal(t, diffHex(pt), diffHex(got))
			assert.NotEqual(t, diffHex(sealed[:12]), diffHex(enc[:12]), "two seals with one nonce")

			fromGo := g.Seal(nil, nil, pt, aad)
			got, err = x.Open(nil, nil, fromGo, aad)
			require.NoError(t, err, "hazmat cannot open Go's %d-byte message (AES-%d)", n, keyLen*8)
			require.Equal(t, diffHex(pt), diffHex(got))
			got, err = x.Decrypt(fromGo, aad)
			require.NoError(t, err)
			require.Equal(t, diffHex(pt), diffHex(got))
		}
	}
}

func TestAESGCMRandomNonceInPlace(t *testing.T) {
	key := make([]byte, 16)
	x, err := aead.NewAESGCMWithRandomNonce(key)
	require.NoError(t, err)
	g := goRandomNonce(t, key)
	pt := []byte("sealed where the plaintext was")
	buf := make([]byte, len(pt), len(pt)+x.Overhead())
	copy(buf, pt)
	sealed := x.Seal(buf[:0], nil, buf, nil)
	require.Len(t, sealed, len(pt)+28)
	assert.Same(t, &buf[0], &sealed[0], "Seal did not use plaintext[:0]'s storage")
	got, err := g.Open(nil, nil, sealed, nil)
	require.NoError(t, err)
	assert.Equal(t, string(pt), string(got))
	got, err = x.Open(sealed[:0], nil, sealed, nil)
	require.NoError(t, err)
	assert.Equal(t, string(pt), string(got))
}

func TestAESGCMRandomNonceMisuse(t *testing.T) {
	key := bytes.Repeat([]byte{3}, 32)
	x, err := aead.NewAESGCMWithRandomNonce(key)
	require.NoError(t, err)
	pt, aad := []byte("attack at dawn"), []byte("header")
	sealed, err := x.Encrypt(pt, aad)
	require.NoError(t, err)

	t.Run("constructor", func(t *testing.T) {
		for _, c := range []struct {
			name string
			key  []byte
			b    backends.AEADBackend
			want error
		}{
			{"nil key", nil, nil, backends.ErrInvalidKeySize},
			{"15-byte key", make([]byte, 15), nil, backends.ErrInvalidKeySize},
			{"64-byte key", make([]byte, 64), nil, backends.ErrInvalidKeySize},
			{"backend without nonce generation", key, aeadOnly{}, backends.ErrUnsupportedAlgorithm},
		} {
			t.Run(c.name, func(t *testing.T) {
				var got *aead.AESGCMRandomNonce
				var err error
				assert.NotPanics(t, func() {
					if c.b == nil {
						got, err = aead.NewAESGCMWithRandomNonce(c.key)
					} else {
						got, err = aead.NewAESGCMWithRandomNonceWithBackend(c.key, c.b)
					}
				})
				assert.Nil(t, got)
				assert.ErrorIs(t, err, c.want)
			})
		}
		_, err := aead.NewAESGCMWithRandomNonceWithBackend(key, nil)
		assert.ErrorIs(t, err, backends.ErrInvalidArgument)
	})

	t.Run("Decrypt", func(t *testing.T) {
		flip := func(i int) []byte { c := bytes.Clone(sealed); c[i] ^= 0x80; return c }
		for _, c := range []struct {
			name     string
			data     []byte
			aad      []byte
			wantBare bool
		}{
			{"nonce flipped", flip(0), aad, true},
			{"ciphertext flipped", flip(12), aad, true},
			{"tag flipped", flip(len(sealed) - 1), aad, true},
			{"wrong aad", sealed, []byte("Header"), true},
			{"27 bytes", sealed[:27], aad, true},
			{"empty", nil, aad, true},
		} {
			t.Run(c.name, func(t *testing.T) {
				out, err := x.Decrypt(c.data, c.aad)
				assert.Nil(t, out)
				assert.True(t, err == backends.ErrInvalidTag, "got %v, want the bare ErrInvalidTag", err)
			})
		}
	})

	t.Run("Open", func(t *testing.T) {
		for _, c := range []struct {
			name  string
			nonce []byte
			data  []byte
			want  error
		}{
			{"a nonce given", make([]byte, 12), sealed, backends.ErrInvalidIVSize},
			{"tampered", nil, append(bytes.Clone(sealed[:len(sealed)-1]), sealed[len(sealed)-1]^1), backends.ErrInvalidTag},
			{"short", nil, sealed[:20], backends.ErrInvalidTag},
		} {
			t.Run(c.name, func(t *testing.T) {
				dst := make([]byte, 2, 64)
				copy(dst, "ok")
				for i := 2; i < cap(dst); i++ {
					dst[:cap(dst)][i] = 0xa5
				}
				out, err := x.Open(dst, c.nonce, c.data, aad)
				assert.Nil(t, out)
				assert.ErrorIs(t, err, c.want)
				for _, v := range dst[2:cap(dst)] {
					if v != 0xa5 && v != 0 {
						assert.Fail(t, "a failed Open released bytes into dst's spare capacity")
						break
					}
				}
			})
		}
	})

	t.Run("Seal panics", func(t *testing.T) {
		assert.PanicsWithValue(t, "aead: AESGCMRandomNonce generates its nonces: pass an empty nonce to Seal", func() {
			x.Seal(nil, make([]byte, 12), pt, nil)
		})
		buf := make([]byte, 100)
		copy(buf[1:], pt)
		assert.Panics(t, func() { x.Seal(buf[:0], nil, buf[1:1+len(pt)], nil) }, "an inexact overlap")
		assert.Equal(t, string(pt), string(buf[1:1+len(pt)]), "a refused Seal changed the plaintext")
	})
}

// aeadOnly is a backend that offers one-shot AEADs with caller-given
// nonces only.
type aeadOnly struct{}

func (aeadOnly) AEADSupported(backends.CipherAlgorithm, backends.Mode) bool { return false }

func (aeadOnly) CreateAEADCtx(c backends.CipherAlgorithm, m backends.Mode, _ int) (backends.AEADContext, error) {
	return nil, &backends.UnsupportedAlgorithmError{Algorithm: c.Name(), Reason: backends.ReasonUnsupportedCipher}
}

// TestAESGCMRandomNonceConcurrent seals and opens with one value from many
// goroutines: Go opens every message, and no nonce repeats.
func TestAESGCMRandomNonceConcurrent(t *testing.T) {
	r := diffRand(t)
	key := diffBytes(r, 16)
	x, err := aead.NewAESGCMWithRandomNonce(key)
	require.NoError(t, err)
	g := goRandomNonce(t, key)
	var mu sync.Mutex
	seen := map[string]bool{}
	var dup error
	concRun(t, r, func(r *rand.Rand) bool {
		pt := diffBytes(r, r.IntN(300))
		sealed, err := x.Encrypt(pt, nil)
		if !assert.NoError(t, err) {
			return false
		}
		got, err := g.Open(nil, nil, sealed, nil)
		if !assert.NoError(t, err) || !assert.Equal(t, diffHex(pt), diffHex(got)) {
			return false
		}
		got, err = x.Decrypt(g.Seal(nil, nil, pt, nil), nil)
		if !assert.NoError(t, err) || !assert.Equal(t, diffHex(pt), diffHex(got)) {
			return false
		}
		mu.Lock()
		defer mu.Unlock()
		if seen[string(sealed[:12])] {
			dup = errors.New("a nonce repeated")
		}
		seen[string(sealed[:12])] = true
		return true
	})
	require.NoError(t, dup)
	assert.Len(t, seen, concGoroutines*concMessages)
}
