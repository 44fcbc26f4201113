//go:build cgo

package differential_test

import (
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

// hashAlgorithms are the hashes of package hashes, SHAKE at several output
// lengths (around its rates of 168 and 136 bytes).
func hashAlgorithms() []hashes.Algorithm {
	var algs []hashes.Algorithm
	for _, a := range hashes.All() {
		if _, xof := a.(backends.ExtendableOutputAlgorithm); !xof {
			algs = append(algs, a)
		}
	}
	for _, n := range []int{1, 16, 32, 64, 100, 135, 136, 137, 168, 169, 500} {
		algs = append(algs, hashes.SHAKE128{Size: n}, hashes.SHAKE256{Size: n})
	}
	return algs
}

func hashLabel(alg hashes.Algorithm) string {
	if _, xof := alg.(backends.ExtendableOutputAlgorithm); xof {
		return fmt.Sprintf("%s/%d", alg.Name(), alg.DigestSize())
	}
	return alg.Name()
}

// streamed hashes msg on b in random pieces, checking on the way that Sum
// leaves the state alone; it also returns the one-shot digest.
func streamed(t *testing.T, r *rand.Rand, b backends.HashBackend, alg hashes.Algorithm, msg []byte) (stream, oneShot []byte) {
	t.Helper()
	h, err := hashes.NewWithBackend(alg, b)
	require.NoError(t, err)
	pieces := splits(r, msg)
	for i, p := range pieces {
		require.NoError(t, h.Update(p))
		if i == 0 && len(pieces) > 1 {
			_ = h.Sum(nil) // must not disturb the state
		}
	}
	stream, err = h.Finalize()
	require.NoError(t, err)
	oneShot, err = hashes.AppendSumWithBackend(nil, alg, msg, b)
	require.NoError(t, err)
	return stream, oneShot
}

// TestHashes compares every hash both backends serve (SHAKE at several
// output lengths) at lengths 0 to 5000, streamed in random pieces and in
// one call.
func TestHashes(t *testing.T) {
	r := newRand(t)
	tl := newTally("hashes", 30, 20, 20)
	for _, alg := range hashAlgorithms() {
		label := hashLabel(alg)
		if !tl.served(label, ossl.HashSupported(alg), gob.HashSupported(alg)) {
			continue
		}
		t.Run(label, func(t *testing.T) {
			for _, n := range lengths(r, 8) {
				msg := randBytes(r, n)
				wantS, wantO := streamed(t, r, ossl, alg, msg)
				gotS, gotO := streamed(t, r, gob, alg, msg)
				require.Len(t, wantS, alg.DigestSize())
				if !assert.Equal(t, hex.EncodeToString(wantS), hex.EncodeToString(gotS), "streamed, %d bytes", n) ||
					!assert.Equal(t, hex.EncodeToString(wantO), hex.EncodeToString(gotO), "one call, %d bytes", n) {
					return
				}
			}
		})
	}
	tl.check(t)
}

// TestHMAC compares HMAC with every hash both backends key it with, for
// keys shorter than, as long as and longer than the hash's block.
func TestHMAC(t *testing.T) {
	r := newRand(t)
	tl := newTally("HMAC", 12, 8, 8)
	for _, alg := range hashAlgorithms() {
		if _, xof := alg.(backends.ExtendableOutputAlgorithm); xof {
			require.False(t, ossl.HMACSupported(alg) || gob.HMACSupported(alg), "HMAC with %s", hashLabel(alg))
			continue
		}
		if !tl.served(alg.Name(), ossl.HMACSupported(alg), gob.HMACSupported(alg)) {
			continue
		}
		t.Run(alg.Name(), func(t *testing.T) {
			keyLens := []int{0, 1, 14, 16, 20, 32, alg.BlockSize() - 1, alg.BlockSize(), alg.BlockSize() + 1, 200}
			for _, n := range fewLengths(r) {
				for _, kl := range keyLens {
					key, msg := randBytes(r, kl), randBytes(r, n)
					want, errO := hmacOf(r, ossl, key, alg, msg)
					got, errG := hmacOf(r, gob, key, alg, msg)
					label := fmt.Sprintf("HMAC-%s, %d-byte key, %d bytes", alg.Name(), kl, n)
					switch {
					case errO != nil && errG != nil:
					case errO != nil || errG != nil:
						tl.oneSided(t, label, errO, errG)
					case !assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got), label):
						return
					}
				}
			}
		})
	}
	tl.check(t)
}

// hmacOf is HMAC(key, msg) on b, streamed in random pieces, checked
// against the one-call form.
func hmacOf(r *rand.Rand, b backends.HMACBackend, key []byte, alg hashes.Algorithm, msg []byte) ([]byte, error) {
	h, err := hmac.NewWithBackend(key, alg, b)
	if err != nil {
		return nil, err
	}
	for _, p := range splits(r, msg) {
		if err := h.Update(p); err != nil {
			return nil, err
		}
	}
	sum, err := h.Finalize()
	if err != nil {
		return nil, err
	}
	one, err := hmac.SumWithBackend(key, alg, msg, b)
	if err != nil {
		return nil, err
	}
	if hex.EncodeToString(one) != hex.EncodeToString(sum) {
		return nil, fmt.Errorf("one call gives %x, streaming %x", one, sum)
	}
	return sum, nil
}
