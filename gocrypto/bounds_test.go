package gocrypto_test

import (
	"bytes"
	"encoding/hex"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

const guardBytes = 32

// guarded returns a buffer of n bytes followed by guardBytes guard bytes, all
// 0xa5, and a check that the guard bytes are untouched.
func guardedBuf(n int) (buf []byte, intact func() bool) {
	all := bytes.Repeat([]byte{0xa5}, n+guardBytes)
	return all[:n:n], func() bool { return bytes.Equal(all[n:], bytes.Repeat([]byte{0xa5}, guardBytes)) }
}

// boundsPair is a pair with the block size that decides UpdateInto's
// bound: 0 for modes that write as much as they take, -1 for one that
// holds everything back until Finalize.
type boundsPair struct {
	name  string
	alg   backends.CipherAlgorithm
	mode  backends.Mode
	block int
}

func boundsPairs() []boundsPair {
	aes128 := mustDesc(algorithms.NewAES(testKey(16)))
	tdes := mustDesc(algorithms.NewTripleDES(testKey(24)))
	return []boundsPair{
		{"AES-ECB", aes128, modes.NewECB(), 16},
		{"AES-CBC", aes128, mustDesc(modes.NewCBC(testKey(16))), 16},
		{"AES-CTR", aes128, mustDesc(modes.NewCTR(testKey(16))), 0},
		{"AES-OFB", aes128, mustDesc(modes.NewOFB(testKey(16))), 0},
		{"AES-CFB", aes128, mustDesc(modes.NewCFB(testKey(16))), 0},
		{"AES-GCM", aes128, mustDesc(modes.NewGCM(testKey(12), nil)), -1},
		{"TripleDES-ECB", tdes, modes.NewECB(), 8},
		{"TripleDES-CBC", tdes, mustDesc(modes.NewCBC(testKey(8))), 8},
		{"Blowfish-CBC", mustDesc(algorithms.NewBlowfish(testKey(16))), mustDesc(modes.NewCBC(testKey(8))), 8},
		{"CAST5-CFB", mustDesc(algorithms.NewCAST5(testKey(16))), mustDesc(modes.NewCFB(testKey(8))), 0},
		{"ARC4", mustDesc(algorithms.NewARC4(testKey(16))), nil, 0},
		{"ChaCha20", mustDesc(algorithms.NewChaCha20(testKey(32), testKey(16))), nil, 0},
	}
}

// TestConformanceUpdateIntoBounds feeds each served pair in random parts
// through UpdateInto with buffers of exactly the documented size, and one
// byte shorter: the short one is refused with ErrShortBuffer and nothing
// written, the exact one is filled and nothing lands past it, and the
// output equals that of a single Update.
func TestConformanceUpdateIntoBounds(t *testing.T) {
	b := gocrypto.NewBackend()
	r := rand.New(rand.NewPCG(1, 2))
	for _, p := range boundsPairs() {
		t.Run(p.name, func(t *testing.T) {
			if !b.CipherSupported(p.alg, p.mode) {
				_, err := b.CreateSymmetricEncryptionCtx(p.alg, p.mode)
				assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
				return
			}
			for _, total := range []int{0, 1, 7, 16, 33, 64, 200} {
				if p.block > 0 {
					total -= total % p.block
				}
				pt := make([]byte, total)
				for i := range pt {
					pt[i] = byte(r.Uint32())
				}
				want := encryptWhole(t, b, p, pt)
				ctx, err := b.CreateSymmetricEncryptionCtx(p.alg, p.mode)
				require.NoError(t, err)
				var got []byte
				pending := 0
				for rest := pt; len(rest) > 0; {
					n := 1 + r.IntN(len(rest))
					in := rest[:n]
					rest = rest[n:]
					need := n
					switch {
					case p.block > 0:
						need = (pending + n) / p.block * p.block
						pending = (pending + n) % p.block
					case p.block < 0:
						need = 0
					}
					if need > 0 {
						short, intact := guardedBuf(need - 1)
						k, err := ctx.UpdateInto(in, short)
						assert.ErrorIs(t, err, backends.ErrShortBuffer, "a buffer one byte short of %d", need)
						assert.Zero(t, k)
						assert.True(t, intact(), "a refused UpdateInto wrote past its buffer")
						assert.Equal(t, hex.EncodeToString(bytes.Repeat([]byte{0xa5}, need-1)), hex.EncodeToString(short), "a refused UpdateInto wrote")
					}
					buf, intact := guardedBuf(need)
					k, err := ctx.UpdateInto(in, buf)
					require.NoError(t, err)
					assert.Equal(t, need, k, "bytes written for %d in", n)
					assert.True(t, intact(), "UpdateInto of %d bytes wrote past a %d-byte buffer", n, need)
					got = append(got, buf[:k]...)
				}
				last, err := ctx.Finalize()
				require.NoError(t, err)
				got = append(got, last...)
				assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got), "%d bytes in parts", total)
			}
		})
	}
}

func encryptWhole(t *testing.T, b *gocrypto.Backend, p boundsPair, pt []byte) []byte {
	t.Helper()
	ctx, err := b.CreateSymmetricEncryptionCtx(p.alg, p.mode)
	require.NoError(t, err)
	out, err := ctx.Update(pt)
	require.NoError(t, err)
	last, err := ctx.Finalize()
	require.NoError(t, err)
	return append(out, last...)
}
