//go:build cgo

package gocrypto_test

import (
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// diffSeed fixes the random inputs of the differential tests.
const diffSeed = 0x676f_6861_7368

func diffRand(t *testing.T, salt uint64) *rand.Rand {
	t.Logf("random seed %#x (salt %d)", uint64(diffSeed), salt)
	return rand.New(rand.NewPCG(diffSeed, salt))
}

func randBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// TestDifferentialOpenSSL compares the Go backend with the OpenSSL
// backend, in the settings this process runs in, on every digest, HMAC,
// KDF and MAC both serve: random messages of 0 to 1040 bytes (and random
// keys, salts, IVs and lengths) give the same bytes.
func TestDifferentialOpenSSL(t *testing.T) {
	logSetting(t)
	t.Logf("%s, FIPS mode %v", openssl.Version(), openssl.FIPS())
	g, o := gocrypto.NewBackend(), openssl.NewBackend()
	hex := hex.EncodeToString
	algs := append(hashes.All(), hashes.SHAKE128{Size: 1}, hashes.SHAKE256{Size: 200})
	compared := 0
	for i, alg := range algs {
		t.Run(fmt.Sprintf("%s-%d", alg.Name(), alg.DigestSize()), func(t *testing.T) {
			if !g.HashSupported(alg) || !o.HashSupported(alg) {
				t.Logf("served by Go %v, by OpenSSL %v", g.HashSupported(alg), o.HashSupported(alg))
				return
			}
			compared++
			r := diffRand(t, uint64(i))
			hmac := g.HMACSupported(alg) && o.HMACSupported(alg)
			for n := 0; n <= 1040; n += 1 + n/8 {
				msg := randBytes(r, n)
				want, err := o.Digest(alg, msg, nil)
				require.NoError(t, err)
				got, err := g.Digest(alg, msg, nil)
				require.NoError(t, err)
				if !assert.Equal(t, hex(want), hex(got), "%d bytes", n) {
					return
				}
				if !hmac {
					continue
				}
				key := randBytes(r, 14+r.IntN(3*alg.BlockSize()))
				want, err = o.MAC(key, alg, msg, nil)
				require.NoError(t, err)
				got, err = g.MAC(key, alg, msg, nil)
				require.NoError(t, err)
				if !assert.Equal(t, hex(want), hex(got), "HMAC, %d-byte key, %d bytes", len(key), n) {
					return
				}
			}
		})
	}
	assert.Positive(t, compared, "no digest served by both backends")

	t.Run("KDF", func(t *testing.T) {
		r := diffRand(t, 1000)
		ran := 0
		defer func() { assert.Positive(t, ran, "no KDF served by both backends") }()
		for i := range 60 {
			var alg backends.KDFAlgorithm
			h := []hashes.Algorithm{hashes.SHA256{}, hashes.SHA512{}, hashes.SHA3_256{}, hashes.SHA1{}, hashes.MD5{}}[r.IntN(5)]
			salt := randBytes(r, r.IntN(40))
			if r.IntN(4) == 0 {
				salt = randBytes(r, 16+r.IntN(16))
			}
			switch i % 5 {
			case 0:
				alg = kdfalg.HKDF{Hash: h, Salt: salt, Info: randBytes(r, r.IntN(80))}
			case 1:
				alg = kdfalg.HKDF{Hash: h, Info: randBytes(r, r.IntN(80)), Mode: kdfalg.ExpandOnly}
			case 2:
				alg = kdfalg.HKDF{Hash: h, Salt: salt, Mode: kdfalg.ExtractOnly}
			case 3:
				alg = kdfalg.PBKDF2{Hash: h, Salt: salt, Iterations: 1 + r.IntN(1200)}
			case 4:
				alg = kdfalg.Scrypt{Salt: salt, N: 1 << (1 + r.IntN(6)), R: 1 + r.IntN(4), P: 1 + r.IntN(2)}
			}
			n := 14 + r.IntN(100)
			if m, ok := alg.(kdfalg.HKDF); ok && m.Mode == kdfalg.ExtractOnly {
				n = h.DigestSize()
			}
			secret := randBytes(r, 14+r.IntN(50))
			if !g.KDFSupported(alg) || !o.KDFSupported(alg) {
				continue
			}
			want, got := make([]byte, n), make([]byte, n)
			werr, gerr := o.DeriveKey(alg, secret, want), g.DeriveKey(alg, secret, got)
			if werr != nil || gerr != nil {
				// Only FIPS rules may refuse, and each module has its own
				// (OpenSSL's FIPS provider: PBKDF2 iterations; Go under
				// fips140=only: salts and short keys).
				if werr != nil {
					assert.ErrorIs(t, werr, backends.ErrFIPSRule, "%#v", alg)
				}
				if gerr != nil {
					assert.ErrorIs(t, gerr, backends.ErrFIPSRule, "%#v", alg)
				}
				continue
			}
			ran++
			assert.Equal(t, hex(want), hex(got), "%#v, %d bytes", alg, n)
		}
	})

	t.Run("MAC", func(t *testing.T) {
		r := diffRand(t, 2000)
		ran := 0
		defer func() {
			if !gocrypto.Enforced() {
				assert.Positive(t, ran, "no MAC served by both backends")
			}
		}()
		for i := range 100 {
			var alg backends.MACAlgorithm = macalg.Poly1305{}
			key := randBytes(r, 32)
			if i%2 == 1 {
				iv := randBytes(r, 1+r.IntN(64))
				if i%4 == 1 {
					iv = iv[:min(len(iv), 12)]
				}
				gmac, err := macalg.NewGMAC(iv)
				require.NoError(t, err)
				alg, key = gmac, key[:[]int{16, 24, 32}[r.IntN(3)]]
			}
			if !g.MACSupported(alg) || !o.MACSupported(alg) {
				continue
			}
			msg := randBytes(r, r.IntN(300))
			want, err := o.ComputeMAC(alg, key, msg, nil)
			require.NoError(t, err)
			got, err := g.ComputeMAC(alg, key, msg, nil)
			require.NoError(t, err)
			ran++
			assert.Equal(t, hex(want), hex(got), "%s, %d-byte key, %d bytes", alg.Name(), len(key), len(msg))
		}
	})
}

// TestDifferentialScryptMemory: scrypt's memory bound is OpenSSL's, so
// that both backends take and refuse the same parameters: 128*r*(N+2) +
// 128*r*p bytes, against MaxMem or 1025 MiB.
func TestDifferentialScryptMemory(t *testing.T) {
	g, o := gocrypto.NewBackend(), openssl.NewBackend()
	need := uint64(128*8*(1024+2) + 128*8*1)
	for _, c := range []struct {
		alg  kdfalg.Scrypt
		want error
	}{
		{kdfalg.Scrypt{Salt: []byte("salt"), N: 1024, R: 8, P: 1, MaxMem: need}, nil},
		{kdfalg.Scrypt{Salt: []byte("salt"), N: 1024, R: 8, P: 1, MaxMem: need - 1}, backends.ErrInvalidArgument},
		{kdfalg.Scrypt{Salt: []byte("salt"), N: 1 << 21, R: 8, P: 1}, backends.ErrInvalidArgument},
	} {
		if !g.KDFSupported(c.alg) || !o.KDFSupported(c.alg) {
			assert.True(t, gocrypto.FIPS() || openssl.FIPS(), "scrypt refused outside FIPS mode")
			continue
		}
		want, got := make([]byte, 32), make([]byte, 32)
		werr, gerr := o.DeriveKey(c.alg, []byte("password"), want), g.DeriveKey(c.alg, []byte("password"), got)
		if c.want == nil {
			require.NoError(t, werr)
			require.NoError(t, gerr)
			assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))
			continue
		}
		assert.ErrorIs(t, werr, c.want, "OpenSSL, MaxMem %d", c.alg.MaxMem)
		assert.ErrorIs(t, gerr, c.want, "Go, MaxMem %d", c.alg.MaxMem)
		assert.Equal(t, make([]byte, 32), got, "a refused derivation wrote to out")
	}
}
