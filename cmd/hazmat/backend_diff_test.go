//go:build cgo

package main

// The outputs of hash, hmac, enc and dec are the same on both backends,
// for every algorithm both support.

import (
	crand "crypto/rand"
	"encoding/hex"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// bothBackends returns the OpenSSL and the Go backend.
func bothBackends(t *testing.T) (ossl, gob defaultbackend.Backend) {
	t.Helper()
	ossl, err := defaultbackend.Lookup(defaultbackend.OpenSSL)
	require.NoError(t, err)
	gob, err = defaultbackend.Lookup(defaultbackend.Go)
	require.NoError(t, err)
	return ossl, gob
}

// randomInput returns random bytes of a random length up to max, and
// logs the seed of the length so that a failure can be replayed.
func randomInput(t *testing.T, r *rand.Rand, max int) []byte {
	t.Helper()
	b := make([]byte, r.IntN(max+1))
	_, err := crand.Read(b)
	require.NoError(t, err)
	return b
}

func newTestRand(t *testing.T) *rand.Rand {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	return rand.New(rand.NewPCG(seed, seed))
}

// onBoth runs the command line args on each backend and checks that both
// succeed with the same output, which it returns.
func onBoth(t *testing.T, stdin []byte, args ...string) string {
	t.Helper()
	ro := hazmat(t, string(stdin), append([]string{"-backend", "openssl"}, args...)...)
	rg := hazmat(t, string(stdin), append([]string{"-backend", "go"}, args...)...)
	require.Equal(t, exitOK, ro.code, "openssl %q: %s", args, ro.stderr)
	require.Equal(t, exitOK, rg.code, "go %q: %s", args, rg.stderr)
	assert.Equal(t, hex.EncodeToString([]byte(ro.stdout)), hex.EncodeToString([]byte(rg.stdout)), "%q", args)
	return ro.stdout
}

// hashesOnBoth returns the hash algorithms both backends support now,
// with HMAC too when hmac is set.
func hashesOnBoth(t *testing.T, hmac bool) []hashes.Algorithm {
	ossl, gob := bothBackends(t)
	var algs []hashes.Algorithm
	for _, alg := range hashes.All() {
		ok := ossl.HashSupported(alg) && gob.HashSupported(alg)
		if hmac {
			ok = ossl.HMACSupported(alg) && gob.HMACSupported(alg)
		}
		if ok {
			algs = append(algs, alg)
		}
	}
	return algs
}

// TestCLIBackendsAgreeHash: "hazmat hash" prints the same digests on both
// backends for every algorithm both support.
func TestCLIBackendsAgreeHash(t *testing.T) {
	r := newTestRand(t)
	algs := hashesOnBoth(t, false)
	require.NotEmpty(t, algs, "no hash algorithm on both backends")
	for _, alg := range algs {
		t.Run(alg.Name(), func(t *testing.T) {
			for range 4 {
				onBoth(t, randomInput(t, r, 2000), "hash", "-a", alg.Name())
			}
		})
	}
	t.Logf("%d hash algorithms compared", len(algs))
}

// TestCLIBackendsAgreeHMAC: "hazmat hmac" prints the same MACs on both
// backends for every algorithm both support.
func TestCLIBackendsAgreeHMAC(t *testing.T) {
	r := newTestRand(t)
	algs := hashesOnBoth(t, true)
	require.NotEmpty(t, algs, "no HMAC on both backends")
	for _, alg := range algs {
		t.Run(alg.Name(), func(t *testing.T) {
			for range 4 {
				key := randomInput(t, r, 200)
				for len(key) < 14 { // at least 112 bits, which FIPS modes ask for
					key = append(key, byte(r.Uint32()))
				}
				onBoth(t, randomInput(t, r, 2000), "hmac", "-a", alg.Name(), "-K", hex.EncodeToString(key))
			}
		})
	}
	t.Logf("%d HMACs compared", len(algs))
}

// TestCLIBackendsAgreeEnc: "hazmat enc" gives the same ciphertext on both
// backends for every cipher both support, and "hazmat dec" on each gives
// back the plaintext.
func TestCLIBackendsAgreeEnc(t *testing.T) {
	r := newTestRand(t)
	ossl, gob := bothBackends(t)
	compared := 0
	for _, name := range cipherNames() {
		spec, err := lookupCipher(name)
		if err != nil || spec.aliasOf != "" {
			continue
		}
		key := make([]byte, spec.keyLen)
		iv := make([]byte, spec.ivLen)
		_, err = crand.Read(key)
		require.NoError(t, err)
		_, err = crand.Read(iv)
		require.NoError(t, err)
		alg, mode, err := spec.build(key, iv)
		require.NoError(t, err, name)
		if !supportedOn(ossl, alg, mode) || !supportedOn(gob, alg, mode) {
			continue
		}
		compared++
		t.Run(name, func(t *testing.T) {
			args := []string{"-cipher", name, "-K", hex.EncodeToString(key)}
			if spec.ivLen > 0 {
				args = append(args, "-iv", hex.EncodeToString(iv))
			}
			for range 3 {
				pt := randomInput(t, r, 1000)
				if spec.padBits > 0 && r.IntN(2) == 0 {
					pt = pt[:len(pt)/(spec.padBits/8)*(spec.padBits/8)]
					ct := onBoth(t, pt, append([]string{"enc", "-nopad"}, args...)...)
					assert.Equal(t, hex.EncodeToString(pt), hex.EncodeToString([]byte(onBoth(t, []byte(ct), append([]string{"dec", "-nopad"}, args...)...))))
					continue
				}
				ct := onBoth(t, pt, append([]string{"enc"}, args...)...)
				assert.Equal(t, hex.EncodeToString(pt), hex.EncodeToString([]byte(onBoth(t, []byte(ct), append([]string{"dec"}, args...)...))))
			}
		})
	}
	require.NotZero(t, compared, "no cipher on both backends")
	t.Logf("%d ciphers compared", compared)
}

// supportedOn reports whether b runs the pair now.
func supportedOn(b backends.CipherBackend, alg backends.CipherAlgorithm, mode backends.Mode) bool {
	if mode != nil && mode.ValidateForAlgorithm(alg) != nil {
		return false
	}
	return b.CipherSupported(alg, mode)
}
