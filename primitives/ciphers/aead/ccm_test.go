//go:build cgo

package aead_test

// Tests of AES-CCM, which only the OpenSSL backend has (Go's crypto has
// no CCM: the Go backend refuses it, as TestMisuse checks). They build it on
// the OpenSSL backend, whichever backend is the default.

// One AEAD (and one cipher.Block) shared by many goroutines, as Go's are
// shared: every result must still match Go's. Run with -race.

import (
	"bytes"
	"crypto/aes"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
)

// TestConcurrentAESCCM checks CCM, whose contexts are keyed per operation,
// against the reference.
func TestConcurrentAESCCM(t *testing.T) {
	r := diffRand(t)
	key := diffBytes(r, 16)
	h, err := aead.NewAESCCMWithBackend(key, 12, openssl.DefaultBackend())
	require.NoError(t, err)
	b, err := aes.NewCipher(key)
	require.NoError(t, err)
	concRun(t, r, func(r *rand.Rand) bool {
		nonce, pt, aad := diffBytes(r, 13), diffBytes(r, r.IntN(1024)), diffBytes(r, r.IntN(64))
		got := h.Seal(nil, nonce, pt, aad)
		if !assert.Equal(t, diffHex(refCCM(b, 12, nonce, pt, aad)), diffHex(got)) {
			return false
		}
		back, err := h.Open(nil, nonce, got, aad)
		return assert.NoError(t, err) && assert.True(t, bytes.Equal(pt, back))
	})
}

// TestDiffAESCCM compares AESCCM with the reference for every tag length
// (4 to 16) and nonce length (7 to 13).
func TestDiffAESCCM(t *testing.T) {
	for _, keyLen := range []int{16, 24, 32} {
		t.Run("AES-"+strconv.Itoa(keyLen*8), func(t *testing.T) {
			t.Parallel()
			r := diffRand(t)
			for i, n := range diffLens() {
				tagLen := 4 + 2*(i%7)
				nonceLen := 7 + (i/7)%7
				if i%3 == 0 {
					nonceLen = 13 // the nonce of Seal and Open
				}
				if n >= 1<<16 && nonceLen == 13 {
					nonceLen = 12 // a 13-byte nonce holds at most 65535 bytes
				}
				key, nonce, pt, aad := diffBytes(r, keyLen), diffBytes(r, nonceLen), diffBytes(r, n), diffAAD(r)
				if i%50 == 0 {
					aad = diffBytes(r, 1<<16-1<<8+r.IntN(300)) // long enough for the 6-byte length encoding
				}
				h, err := aead.NewAESCCMWithBackend(key, tagLen, openssl.DefaultBackend())
				require.NoError(t, err)
				require.Equal(t, 13, h.NonceSize())
				require.Equal(t, tagLen, h.Overhead())
				b, err := aes.NewCipher(key)
				require.NoError(t, err)
				want := refCCM(b, tagLen, nonce, pt, aad)
				if nonceLen == 13 {
					if !diffSealOpen(t, r, h, nonce, pt, aad, want) {
						return
					}
				} else {
					got, err := h.Encrypt(nonce, pt, aad)
					require.NoError(t, err, "%d-byte nonce, %d-byte tag, %d bytes", nonceLen, tagLen, n)
					if !assert.Equal(t, diffHex(want), diffHex(got), "Encrypt, %d-byte nonce, %d-byte tag, %d bytes", nonceLen, tagLen, n) {
						return
					}
					back, err := h.Decrypt(nonce, want, aad)
					require.NoError(t, err)
					assert.Equal(t, diffHex(pt), diffHex(back))
				}
				if i%7 == 0 {
					diffTamper(t, r, h, nil, nonce, aad, want)
				}
			}
		})
	}
}

// TestMisuseCCMLengthLimit checks the edges of CCM's length limit: the
// longest message a 13-byte nonce allows, and the same plus one byte with a
// 12-byte nonce.
func TestMisuseCCMLengthLimit(t *testing.T) {
	a, err := aead.NewAESCCMWithBackend(misuseSeq(16), 8, openssl.DefaultBackend())
	require.NoError(t, err)
	for _, tc := range []struct {
		nonce, n int
	}{{13, 1<<16 - 1}, {12, 1 << 16}} {
		pt := misuseSeq(tc.n)
		ct, err := a.Encrypt(misuseSeq(tc.nonce), pt, nil)
		require.NoError(t, err, "%d bytes with a %d-byte nonce", tc.n, tc.nonce)
		back, err := a.Decrypt(misuseSeq(tc.nonce), ct, nil)
		require.NoError(t, err)
		assert.True(t, bytes.Equal(pt, back))
	}
}
