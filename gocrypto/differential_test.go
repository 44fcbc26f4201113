//go:build cgo

package gocrypto_test

import (
	"encoding/hex"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// diffLengths are the message lengths of the differential tests.
var diffLengths = []int{0, 1, 15, 16, 17, 31, 32, 63, 64, 65, 100, 255, 256, 1000, 1024, 4095, 4096}

type diffPair struct {
	name string
	alg  backends.CipherAlgorithm
	mode backends.Mode
	unit int // the data must be whole units of this many bytes (ECB, CBC, XTS)
}

func diffPairs(r *rand.Rand) []diffPair {
	rb := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		return b
	}
	var ps []diffPair
	for _, kl := range []int{16, 24, 32} {
		alg := mustDesc(algorithms.NewAES(rb(kl)))
		ps = append(ps,
			diffPair{"AES-ECB", alg, modes.NewECB(), 16},
			diffPair{"AES-CBC", alg, mustDesc(modes.NewCBC(rb(16))), 16},
			diffPair{"AES-CTR", alg, mustDesc(modes.NewCTR(rb(16))), 1},
			diffPair{"AES-CTR wrapping counter", alg, mustDesc(modes.NewCTR(append(rb(8), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe))), 1},
			diffPair{"AES-OFB", alg, mustDesc(modes.NewOFB(rb(16))), 1},
			diffPair{"AES-CFB", alg, mustDesc(modes.NewCFB(rb(16))), 1},
			diffPair{"AES-GCM", alg, mustDesc(modes.NewGCM(rb(12), nil)), 1},
			diffPair{"AES-GCM 8-byte IV", alg, mustDesc(modes.NewGCM(rb(8), nil)), 1},
			diffPair{"AES-GCM 60-byte IV", alg, mustDesc(modes.NewGCM(rb(60), nil)), 1},
		)
	}
	for _, kl := range []int{32, 64} {
		tweak := append(rb(8), make([]byte, 8)...)
		ps = append(ps, diffPair{"AES-XTS", mustDesc(algorithms.NewAES(rb(kl))), mustDesc(modes.NewXTS(tweak)), 16})
	}
	for _, c := range []struct {
		name string
		alg  backends.CipherAlgorithm
	}{
		{"TripleDES", mustDesc(algorithms.NewTripleDES(rb(24)))},
		{"Blowfish", mustDesc(algorithms.NewBlowfish(rb(16)))},
		{"Blowfish 56-byte key", mustDesc(algorithms.NewBlowfish(rb(56)))},
		{"CAST5", mustDesc(algorithms.NewCAST5(rb(16)))},
	} {
		ps = append(ps,
			diffPair{c.name + "-ECB", c.alg, modes.NewECB(), 8},
			diffPair{c.name + "-CBC", c.alg, mustDesc(modes.NewCBC(rb(8))), 8},
			diffPair{c.name + "-OFB", c.alg, mustDesc(modes.NewOFB(rb(8))), 1},
			diffPair{c.name + "-CFB", c.alg, mustDesc(modes.NewCFB(rb(8))), 1},
		)
	}
	ps = append(ps,
		diffPair{"ARC4", mustDesc(algorithms.NewARC4(rb(16))), nil, 1},
		diffPair{"ARC4 5-byte key", mustDesc(algorithms.NewARC4(rb(5))), nil, 1},
		diffPair{"ChaCha20", mustDesc(algorithms.NewChaCha20(rb(32), rb(16))), nil, 1},
		diffPair{"ChaCha20 counter 0", mustDesc(algorithms.NewChaCha20(rb(32), append(make([]byte, 4), rb(12)...))), nil, 1},
	)
	return ps
}

// run encrypts pt with the pair on b, fed in random parts, and returns
// the ciphertext and the tag (authenticated modes).
func runPair(t *testing.T, r *rand.Rand, b backends.CipherBackend, p diffPair, pt []byte) (ct, tag []byte) {
	t.Helper()
	ctx, err := b.CreateSymmetricEncryptionCtx(p.alg, p.mode)
	require.NoError(t, err)
	rest := pt
	if p.unit == 16 && p.mode.Name() == "XTS" {
		out, err := ctx.Update(rest)
		require.NoError(t, err)
		ct, rest = out, nil
	}
	for len(rest) > 0 {
		n := 1 + r.IntN(len(rest))
		out, err := ctx.Update(rest[:n])
		require.NoError(t, err)
		ct = append(ct, out...)
		rest = rest[n:]
	}
	last, err := ctx.Finalize()
	require.NoError(t, err)
	ct = append(ct, last...)
	if e, ok := ctx.(backends.AEADEncryptionContext); ok {
		tag, err = e.Tag()
		require.NoError(t, err)
	}
	return ct, tag
}

// TestDifferentialOpenSSL encrypts with both backends every pair both
// serve in the process's settings and compares: the same adapter names
// must mean the same cipher, with the same IV, nonce and counter layout.
// Decryption of the other backend's output is checked too.
func TestDifferentialOpenSSLCiphers(t *testing.T) {
	gb, ob := gocrypto.NewBackend(), openssl.NewBackend()
	r := rand.New(rand.NewPCG(7, 8))
	t.Logf("%s (FIPS %v); Go's module FIPS %v", openssl.Version(), openssl.FIPS(), gocrypto.FIPS())
	both := 0
	for _, p := range diffPairs(r) {
		name := p.name + "-" + hex.EncodeToString(p.alg.Key()[:2])
		t.Run(name, func(t *testing.T) {
			gs, os := gb.CipherSupported(p.alg, p.mode), ob.CipherSupported(p.alg, p.mode)
			if !gs || !os {
				t.Logf("served by Go %v, by OpenSSL %v: nothing to compare", gs, os)
				return
			}
			both++
			for _, n := range diffLengths {
				if n%p.unit != 0 || (p.unit == 16 && p.mode.Name() == "XTS" && n == 0) {
					continue
				}
				pt := make([]byte, n)
				for i := range pt {
					pt[i] = byte(r.Uint32())
				}
				gct, gtag := runPair(t, r, gb, p, pt)
				oct, otag := runPair(t, r, ob, p, pt)
				if !assert.Equal(t, hex.EncodeToString(oct), hex.EncodeToString(gct), "%d bytes", n) ||
					!assert.Equal(t, hex.EncodeToString(otag), hex.EncodeToString(gtag), "tag of %d bytes", n) {
					return
				}
			}
		})
	}
	t.Logf("%d pairs compared", both)
	assert.NotZero(t, both)
}

// TestDifferentialOpenSSLAEAD seals with both backends' one-shot AEADs
// and opens each with the other, over tag lengths both take.
func TestDifferentialOpenSSLAEAD(t *testing.T) {
	gb, ob := gocrypto.NewBackend(), openssl.NewBackend()
	r := rand.New(rand.NewPCG(9, 10))
	rb := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		return b
	}
	both := 0
	for _, c := range []struct {
		name   string
		alg    backends.CipherAlgorithm
		mode   backends.Mode
		tags   []int
		nonces []int
	}{
		{"AES-128-GCM", mustDesc(algorithms.NewAES(rb(16))), (*modes.GCM)(nil), []int{12, 14, 16}, []int{12}},
		{"AES-256-GCM", mustDesc(algorithms.NewAES(rb(32))), (*modes.GCM)(nil), []int{16}, []int{1, 12, 16, 64}},
		{"ChaCha20-Poly1305", mustDesc(algorithms.NewChaCha20Poly1305(rb(32))), nil, []int{16}, []int{12}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !gb.AEADSupported(c.alg, c.mode) || !ob.AEADSupported(c.alg, c.mode) {
				t.Logf("served by Go %v, by OpenSSL %v", gb.AEADSupported(c.alg, c.mode), ob.AEADSupported(c.alg, c.mode))
				return
			}
			both++
			for _, tl := range c.tags {
				ga, err := gb.CreateAEADCtx(c.alg, c.mode, tl)
				require.NoError(t, err)
				oa, err := ob.CreateAEADCtx(c.alg, c.mode, tl)
				require.NoError(t, err)
				for _, nl := range c.nonces {
					for _, n := range diffLengths {
						nonce, pt, aad := rb(nl), rb(n), rb(n%37)
						gs, err := ga.Seal(nil, nonce, pt, aad)
						require.NoError(t, err)
						os, err := oa.Seal(nil, nonce, pt, aad)
						require.NoError(t, err)
						if !assert.Equal(t, hex.EncodeToString(os), hex.EncodeToString(gs), "%d-byte tag, %d-byte nonce, %d bytes", tl, nl, n) {
							return
						}
						back, err := ga.Open(nil, nonce, os, aad)
						require.NoError(t, err)
						assert.Equal(t, hex.EncodeToString(pt), hex.EncodeToString(back))
					}
				}
			}
		})
	}
	t.Logf("%d AEADs compared", both)
}
