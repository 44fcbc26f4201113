package kdf_test

import (
	stdhkdf "crypto/hkdf"
	stdpbkdf2 "crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	xscrypt "golang.org/x/crypto/scrypt"

	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/goref"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf/hkdf"
	"github.com/go-hazmat/hazmat/primitives/kdf/pbkdf2"
	"github.com/go-hazmat/hazmat/primitives/kdf/scrypt"
)

func seeded(t *testing.T) *rand.Rand {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	return rand.New(rand.NewPCG(seed, seed>>1))
}

func randBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

var goHashes = []struct {
	name string
	h    func() hash.Hash
	size int
}{
	{"sha1", sha1.New, 20},
	{"sha256", sha256.New, 32},
	{"sha224", sha256.New224, 28},
	{"sha384", sha512.New384, 48},
	{"sha512", sha512.New, 64},
}

// TestHKDFMatchesGo compares Key, Extract and Expand with Go's crypto/hkdf
// over random inputs, with Go's own hash constructors as arguments.
func TestHKDFMatchesGo(t *testing.T) {
	rng := seeded(t)
	hs, minSecret := goHashes, 0
	if gocrypto.Enforced() {
		// Go's module takes SHA-2 and SHA-3, and secrets of 112 bits or
		// more, under GODEBUG=fips140=only.
		hs, minSecret = goHashes[1:], 14
	}
	for i := 0; i < 300; i++ {
		g := hs[rng.IntN(len(hs))]
		secret := randBytes(rng, minSecret+rng.IntN(80))
		var salt []byte
		if rng.IntN(3) > 0 {
			salt = randBytes(rng, rng.IntN(100))
		}
		info := string(randBytes(rng, rng.IntN(200)))
		n := 1 + rng.IntN(255*g.size)
		var want []byte
		var err error
		goref.Run(func() { want, err = stdhkdf.Key(g.h, secret, salt, info, n) })
		require.NoError(t, err)
		got, err := hkdf.Key(g.h, secret, salt, info, n)
		require.NoError(t, err, "%s secret %d salt %d info %d n %d", g.name, len(secret), len(salt), len(info), n)
		require.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got), "%s n %d", g.name, n)

		var prkWant []byte
		goref.Run(func() { prkWant, err = stdhkdf.Extract(g.h, secret, salt) })
		require.NoError(t, err)
		prk, err := hkdf.Extract(g.h, secret, salt)
		require.NoError(t, err)
		require.Equal(t, hex.EncodeToString(prkWant), hex.EncodeToString(prk))

		var okmWant []byte
		goref.Run(func() { okmWant, err = stdhkdf.Expand(g.h, prk, info, n) })
		require.NoError(t, err)
		okm, err := hkdf.Expand(g.h, prk, info, n)
		require.NoError(t, err)
		require.Equal(t, hex.EncodeToString(okmWant), hex.EncodeToString(okm))
	}
}

// TestHKDFWithNewFunc: a constructor from hashes.NewFunc names its
// algorithm directly.
func TestHKDFWithNewFunc(t *testing.T) {
	for _, c := range []struct {
		alg hashes.Algorithm
		ref func() hash.Hash // Go's own, which Go's module takes in every setting
	}{{hashes.SHA256{}, sha256.New}, {hashes.SHA3_256{}, func() hash.Hash { return sha3.New256() }}, {hashes.SHA512_256{}, sha512.New512_256}} {
		alg := c.alg
		h, err := hashes.NewFunc(alg)
		require.NoError(t, err)
		got, err := hkdf.Key(h, []byte("input keying material"), []byte("salt"), "info", 42)
		require.NoError(t, err)
		want, err := stdhkdf.Key(c.ref, []byte("input keying material"), []byte("salt"), "info", 42)
		require.NoError(t, err)
		assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got), alg.Name())
	}
}

// TestPBKDF2MatchesGo compares Key with Go's crypto/pbkdf2 over random
// inputs. In FIPS mode the inputs keep to SP 800-132's minimums, which Go
// does not check.
func TestPBKDF2MatchesGo(t *testing.T) {
	rng := seeded(t)
	fips := defaultbackend.FIPS()
	hs := goHashes
	if gocrypto.Enforced() {
		hs = goHashes[1:] // SHA-2 and SHA-3 only under GODEBUG=fips140=only
	}
	for i := 0; i < 60; i++ {
		g := hs[rng.IntN(len(hs))]
		pass := string(randBytes(rng, rng.IntN(64)))
		salt := randBytes(rng, rng.IntN(40))
		iter := 1 + rng.IntN(50)
		n := 1 + rng.IntN(3*g.size)
		if fips {
			salt = randBytes(rng, 16+rng.IntN(24))
			iter = 1000 + rng.IntN(50)
			n = 14 + rng.IntN(3*g.size)
		}
		var want []byte
		var err error
		goref.Run(func() { want, err = stdpbkdf2.Key(g.h, pass, salt, iter, n) })
		require.NoError(t, err)
		got, err := pbkdf2.Key(g.h, pass, salt, iter, n)
		require.NoError(t, err, "%s pass %d salt %d iter %d n %d", g.name, len(pass), len(salt), iter, n)
		require.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))
	}
}

// TestScryptMatchesXCrypto compares Key with golang.org/x/crypto/scrypt
// over small random costs; in FIPS mode Key must refuse.
func TestScryptMatchesXCrypto(t *testing.T) {
	rng := seeded(t)
	for i := 0; i < 20; i++ {
		pass, salt := randBytes(rng, rng.IntN(40)), randBytes(rng, rng.IntN(40))
		N, r, p := 1<<(1+rng.IntN(8)), 1+rng.IntN(4), 1+rng.IntN(3)
		n := 1 + rng.IntN(100)
		got, err := scrypt.Key(pass, salt, N, r, p, n)
		if defaultbackend.FIPS() {
			require.Error(t, err)
			assert.Contains(t, err.Error(), "FIPS")
			return
		}
		require.NoError(t, err)
		var want []byte
		goref.Run(func() { want, err = xscrypt.Key(pass, salt, N, r, p, n) })
		require.NoError(t, err)
		require.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got), "N %d r %d p %d n %d", N, r, p, n)
	}
}
