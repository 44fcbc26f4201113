package aead_test

// One AEAD (and one cipher.Block) shared by many goroutines, as Go's are
// shared: every result must still match Go's. Run with -race.

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
)

const (
	concGoroutines = 32
	concMessages   = 200
)

// concRun starts concGoroutines goroutines, each with a generator of its
// own derived from r, and waits for them. f reports failures with assert
// (never require, which must not run outside the test's goroutine) and
// returns false to stop early.
func concRun(t *testing.T, r *rand.Rand, f func(r *rand.Rand) bool) {
	t.Helper()
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range concGoroutines {
		gr := rand.New(rand.NewPCG(r.Uint64(), r.Uint64()))
		wg.Go(func() {
			<-start
			for range concMessages {
				if !f(gr) {
					return
				}
			}
		})
	}
	close(start) // all at once, to overlap as much as possible
	wg.Wait()
}

// concAEAD checks h, shared by all goroutines, against ref.
func concAEAD(t *testing.T, r *rand.Rand, h cipher.AEAD, ref cipher.AEAD) {
	concRun(t, r, func(r *rand.Rand) bool {
		nonce := diffBytes(r, h.NonceSize())
		pt := diffBytes(r, r.IntN(2048))
		aad := diffBytes(r, r.IntN(64))
		want := ref.Seal(nil, nonce, pt, aad)
		got := h.Seal(nil, nonce, pt, aad)
		if !assert.Equal(t, diffHex(want), diffHex(got), "Seal, %d bytes", len(pt)) {
			return false
		}
		back, err := h.Open(got[:0], nonce, got, aad) // in place
		if !assert.NoError(t, err) || !assert.True(t, bytes.Equal(pt, back), "Open, %d bytes", len(pt)) {
			return false
		}
		if r.IntN(8) == 0 {
			want[r.IntN(len(want))] ^= 1
			out, err := h.Open(nil, nonce, want, aad)
			return assert.Nil(t, out) && assert.ErrorIs(t, err, backends.ErrInvalidTag)
		}
		return true
	})
}

func TestConcurrentAESGCM(t *testing.T) {
	r := diffRand(t)
	for _, keyLen := range []int{16, 32} {
		key := diffBytes(r, keyLen)
		h, err := aead.NewAESGCM(key)
		if gcmRefused(t, err) {
			return // TestAESGCMRandomNonceConcurrent covers what is served
		}
		ref, err := goGCM(key, 12)
		require.NoError(t, err)
		concAEAD(t, r, h, ref)
	}
}

func TestConcurrentChaCha20Poly1305(t *testing.T) {
	r := diffRand(t)
	key := diffBytes(r, 32)
	h, err := aead.NewChaCha20Poly1305(key)
	if diffUnsupported(t, err) {
		return
	}
	ref, err := goChaCha20Poly1305(key)
	require.NoError(t, err)
	concAEAD(t, r, h, ref)
}

// TestConcurrentBlock shares one ciphers.NewBlock between goroutines, as
// code written for crypto/aes does.
func TestConcurrentBlock(t *testing.T) {
	r := diffRand(t)
	key := diffBytes(r, 32)
	alg, err := algorithms.NewAES(key)
	require.NoError(t, err)
	hb, err := ciphers.NewBlock(alg)
	require.NoError(t, err)
	gb, err := aes.NewCipher(key)
	require.NoError(t, err)
	concRun(t, r, func(r *rand.Rand) bool {
		for range 4 {
			src := diffBytes(r, 16)
			want, got := make([]byte, 16), make([]byte, 16)
			gb.Encrypt(want, src)
			hb.Encrypt(got, src)
			if !assert.Equal(t, diffHex(want), diffHex(got), "Encrypt %x", src) {
				return false
			}
			hb.Decrypt(got, got)
			if !assert.Equal(t, diffHex(src), diffHex(got), "Decrypt") {
				return false
			}
		}
		// The Block under Go's CBC, which calls it block by block; under
		// GODEBUG=fips140=only, where Go's CBC takes no block but its own
		// AES, under the test's CBC.
		iv, pt := diffBytes(r, 16), diffBytes(r, 16*r.IntN(16))
		want, got := make([]byte, len(pt)), make([]byte, len(pt))
		cipher.NewCBCEncrypter(gb, iv).CryptBlocks(want, pt)
		if gocrypto.Enforced() {
			got = refCBCEncrypt(hb, iv, pt)
		} else {
			cipher.NewCBCEncrypter(hb, iv).CryptBlocks(got, pt)
		}
		return assert.Equal(t, diffHex(want), diffHex(got), "CBC over the shared Block")
	})
}
