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
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// aeadCase is a one-shot AEAD: a cipher (fresh key each time), the mode
// that selects the construction, and the tag and nonce lengths to try.
type aeadCase struct {
	label  string
	newAlg func(key []byte) (backends.CipherAlgorithm, error)
	keyLen int
	mode   backends.Mode
	tags   []int
	nonces []int
}

func aesAlg(key []byte) (backends.CipherAlgorithm, error) { return algorithms.NewAES(key) }

func aeadCases() []aeadCase {
	var cs []aeadCase
	for _, kl := range []int{16, 24, 32} {
		cs = append(cs,
			aeadCase{fmt.Sprintf("AES-%d-GCM", kl*8), aesAlg, kl, (*modes.GCM)(nil),
				[]int{16, 15, 14, 13, 12, 8, 4}, []int{12, 1, 8, 16, 64}},
			aeadCase{fmt.Sprintf("AES-%d-CCM", kl*8), aesAlg, kl, (*modes.CCM)(nil),
				[]int{16, 14, 12, 10, 8, 6, 4}, []int{13, 12, 11, 10, 9, 8, 7}})
	}
	cs = append(cs, aeadCase{"ChaCha20-Poly1305", func(key []byte) (backends.CipherAlgorithm, error) {
		return algorithms.NewChaCha20Poly1305(key)
	}, 32, nil, []int{16}, []int{12}})
	return cs
}

// TestAEADs compares the one-shot AEADs both backends serve, at every tag
// and nonce length both accept: the same sealed bytes, each backend
// opening what the other sealed, a changed byte refused by both.
func TestAEADs(t *testing.T) {
	r := newRand(t)
	tl := newTally("one-shot AEADs (cipher, tag, nonce)", 20, 3, 0)
	for _, ac := range aeadCases() {
		alg, err := ac.newAlg(randBytes(r, ac.keyLen))
		require.NoError(t, err)
		if !ossl.AEADSupported(alg, ac.mode) || !gob.AEADSupported(alg, ac.mode) {
			tl.served(ac.label, ossl.AEADSupported(alg, ac.mode), gob.AEADSupported(alg, ac.mode))
			continue
		}
		for _, tagLen := range ac.tags {
			for _, nonceLen := range ac.nonces {
				label := fmt.Sprintf("%s/tag%d/nonce%d", ac.label, tagLen, nonceLen)
				okO := aeadAccepts(r, ossl, alg, ac.mode, tagLen, nonceLen)
				okG := aeadAccepts(r, gob, alg, ac.mode, tagLen, nonceLen)
				if !tl.served(label, okO, okG) {
					continue
				}
				t.Run(label, func(t *testing.T) {
					for _, n := range fewLengths(r) {
						alg, err := ac.newAlg(randBytes(r, ac.keyLen))
						require.NoError(t, err)
						if !compareAEAD(t, r, alg, ac.mode, tagLen, randBytes(r, nonceLen), randBytes(r, r.IntN(70)), randBytes(r, n)) {
							return
						}
					}
				})
			}
		}
	}
	tl.check(t)
}

// aeadAccepts says whether b seals with alg, a tag of tagLen bytes and a
// nonce of nonceLen bytes.
func aeadAccepts(r *rand.Rand, b backend, alg backends.CipherAlgorithm, mode backends.Mode, tagLen, nonceLen int) bool {
	ctx, err := b.CreateAEADCtx(alg, mode, tagLen)
	if err != nil {
		return false
	}
	_, err = ctx.Seal(nil, randBytes(r, nonceLen), []byte("probe"), nil)
	return err == nil
}

func compareAEAD(t *testing.T, r *rand.Rand, alg backends.CipherAlgorithm, mode backends.Mode, tagLen int, nonce, aad, pt []byte) bool {
	t.Helper()
	var sealed [2][]byte
	var ctxs [2]backends.AEADContext
	for i, b := range both {
		ctx, err := b.b.CreateAEADCtx(alg, mode, tagLen)
		require.NoError(t, err, b.name)
		require.Equal(t, tagLen, ctx.Overhead(), b.name)
		ctxs[i] = ctx
		sealed[i], err = ctx.Seal(nil, nonce, pt, aad)
		require.NoError(t, err, "%s seals %d bytes", b.name, len(pt))
	}
	if !assert.Equal(t, hex.EncodeToString(sealed[0]), hex.EncodeToString(sealed[1]), "sealed %d bytes", len(pt)) {
		return false
	}
	ok := true
	for i, b := range both {
		other := sealed[1-i]
		got, err := ctxs[i].Open(nil, nonce, other, aad)
		require.NoError(t, err, "%s opens the other's %d bytes", b.name, len(pt))
		ok = assert.Equal(t, hex.EncodeToString(pt), hex.EncodeToString(got), "%s opens the other's", b.name) && ok
		bad := append([]byte(nil), other...)
		bad[r.IntN(len(bad))] ^= 1 << r.IntN(8)
		_, err = ctxs[i].Open(nil, nonce, bad, aad)
		ok = assert.ErrorIs(t, err, backends.ErrInvalidTag, "%s opens a changed byte", b.name) && ok
	}
	return ok
}

// TestRandomNonceAEAD checks AES-GCM with nonces the module draws: each
// backend opens what the other sealed, and refuses a changed byte.
func TestRandomNonceAEAD(t *testing.T) {
	r := newRand(t)
	tl := newTally("random-nonce AEADs", 3, 3, 3)
	for _, kl := range []int{16, 24, 32} {
		label := fmt.Sprintf("AES-%d-GCM with random nonces", kl*8)
		alg, err := algorithms.NewAES(randBytes(r, kl))
		require.NoError(t, err)
		mode := (*modes.GCM)(nil)
		if !tl.served(label, ossl.RandomNonceAEADSupported(alg, mode), gob.RandomNonceAEADSupported(alg, mode)) {
			continue
		}
		t.Run(label, func(t *testing.T) {
			for _, n := range fewLengths(r) {
				alg, err := algorithms.NewAES(randBytes(r, kl))
				require.NoError(t, err)
				pt, aad := randBytes(r, n), randBytes(r, r.IntN(40))
				var ctxs [2]backends.RandomNonceAEADContext
				var sealed [2][]byte
				for i, b := range both {
					ctxs[i], err = b.b.CreateRandomNonceAEADCtx(alg, mode, 16)
					require.NoError(t, err, b.name)
					sealed[i], err = ctxs[i].Seal(nil, pt, aad)
					require.NoError(t, err, b.name)
					require.Len(t, sealed[i], n+ctxs[i].NonceSize()+ctxs[i].Overhead(), b.name)
				}
				assert.Equal(t, ctxs[0].NonceSize(), ctxs[1].NonceSize())
				assert.Equal(t, ctxs[0].Overhead(), ctxs[1].Overhead())
				for i, b := range both {
					other := sealed[1-i]
					got, err := ctxs[i].Open(nil, other, aad)
					require.NoError(t, err, "%s opens the other's %d bytes", b.name, n)
					assert.Equal(t, hex.EncodeToString(pt), hex.EncodeToString(got), b.name)
					bad := append([]byte(nil), other...)
					bad[r.IntN(len(bad))] ^= 1 << r.IntN(8)
					_, err = ctxs[i].Open(nil, bad, aad)
					assert.ErrorIs(t, err, backends.ErrInvalidTag, "%s opens a changed byte", b.name)
				}
			}
		})
	}
	tl.check(t)
}
