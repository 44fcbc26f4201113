package gocrypto_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// outcome is what the backend must answer for an algorithm in a setting.
type outcome int

const (
	served      outcome = iota
	notInGo             // refused everywhere: Go's crypto lacks it
	deprecated          // refused everywhere: only in a deprecated x/crypto package
	fipsRefused         // refused in FIPS mode (fips140=on and only)
	onlyRefused         // refused under fips140=only
	notForHMAC          // an XOF: no HMAC
	kdfNotInGo          // a KDF Go's crypto lacks, over a hash it has
)

// expect turns an outcome into the reason the current setting must give,
// or 0 when the algorithm must be served.
func expect(o outcome) (backends.Reason, string) {
	switch {
	case o == notInGo:
		return backends.ReasonUnsupportedHash, "not in Go's crypto"
	case o == deprecated:
		return backends.ReasonUnsupportedHash, "deprecated golang.org/x/crypto package"
	case o == notForHMAC:
		return backends.ReasonUnsupportedMAC, "extendable-output"
	case o == fipsRefused && gocrypto.FIPS():
		return backends.ReasonFIPSRefused, "FIPS"
	case o == onlyRefused && gocrypto.Enforced():
		return backends.ReasonFIPSRefused, "fips140=only"
	}
	return 0, ""
}

// assertRefusal checks err against the expected refusal: an
// *UnsupportedAlgorithmError with the reason, wrapping
// ErrUnsupportedAlgorithm, whose message says why.
func assertRefusal(t *testing.T, err error, reason backends.Reason, text, what string) {
	t.Helper()
	if reason == 0 {
		assert.NoError(t, err, what)
		return
	}
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, what)
	var ue *backends.UnsupportedAlgorithmError
	require.ErrorAs(t, err, &ue, what)
	assert.Equal(t, reason, ue.Reason, "%s: %v", what, err)
	assert.Contains(t, err.Error(), text, what)
}

var hashOutcomes = []struct {
	alg  hashes.Algorithm
	hash outcome
	hmac outcome
}{
	{hashes.SHA1{}, onlyRefused, onlyRefused},
	{hashes.SHA224{}, served, served},
	{hashes.SHA256{}, served, served},
	{hashes.SHA384{}, served, served},
	{hashes.SHA512{}, served, served},
	{hashes.SHA512_224{}, served, served},
	{hashes.SHA512_256{}, served, served},
	{hashes.SHA3_224{}, served, served},
	{hashes.SHA3_256{}, served, served},
	{hashes.SHA3_384{}, served, served},
	{hashes.SHA3_512{}, served, served},
	{hashes.SHAKE128{Size: 32}, served, notForHMAC},
	{hashes.SHAKE256{Size: 64}, served, notForHMAC},
	{hashes.BLAKE2b{}, fipsRefused, fipsRefused},
	{hashes.BLAKE2s{}, fipsRefused, fipsRefused},
	{hashes.MD5{}, fipsRefused, fipsRefused},
	{hashes.RIPEMD160{}, deprecated, deprecated},
	{hashes.SM3{}, notInGo, notInGo},
}

// TestConformanceHashRefusals checks, in each setting, which digests and
// HMACs the backend serves, and how it refuses the others.
func TestConformanceHashRefusals(t *testing.T) {
	logSetting(t)
	b := gocrypto.NewBackend()
	require.Len(t, hashOutcomes, len(hashes.All()), "every descriptor of primitives/hashes has an expected outcome")
	for _, c := range hashOutcomes {
		t.Run(c.alg.Name(), func(t *testing.T) {
			reason, text := expect(c.hash)
			assert.Equal(t, reason == 0, b.HashSupported(c.alg), "HashSupported")
			ctx, err := b.CreateHashCtx(c.alg)
			assertRefusal(t, err, reason, text, "CreateHashCtx")
			if reason != 0 {
				assert.Nil(t, ctx)
			}
			dst := []byte("dst")
			out, err := b.Digest(c.alg, []byte("abc"), dst)
			assertRefusal(t, err, reason, text, "Digest")
			if reason != 0 {
				assert.Equal(t, "dst", string(out), "a refused Digest returns dst")
			}

			reason, text = expect(c.hmac)
			assert.Equal(t, reason == 0, b.HMACSupported(c.alg), "HMACSupported")
			key := bytes.Repeat([]byte{1}, 32)
			mctx, err := b.CreateHMACCtx(key, c.alg)
			assertRefusal(t, err, reason, text, "CreateHMACCtx")
			if reason != 0 {
				assert.Nil(t, mctx)
			}
			out, err = b.MAC(key, c.alg, []byte("abc"), dst)
			assertRefusal(t, err, reason, text, "MAC")
			if reason != 0 {
				assert.Equal(t, "dst", string(out), "a refused MAC returns dst")
			}
		})
	}
}

// TestConformanceHMACKeyRule checks Go's minimum HMAC key under
// fips140=only (112 bits), refused before crypto/hmac would panic, and
// that other settings take any key.
func TestConformanceHMACKeyRule(t *testing.T) {
	logSetting(t)
	b := gocrypto.NewBackend()
	for _, n := range []int{0, 1, 13, 14, 64, 200} {
		t.Run(fmt.Sprintf("%d bytes", n), func(t *testing.T) {
			key := bytes.Repeat([]byte{7}, n)
			var ctx backends.HMACContext
			var err error
			assert.NotPanics(t, func() { ctx, err = b.CreateHMACCtx(key, hashes.SHA256{}) })
			buf := bytes.Repeat([]byte{0xa5}, 40)
			var out []byte
			var merr error
			assert.NotPanics(t, func() { out, merr = b.MAC(key, hashes.SHA256{}, []byte("abc"), buf[:3]) })
			if gocrypto.Enforced() && n < 14 {
				assert.Nil(t, ctx)
				assert.ErrorIs(t, err, backends.ErrInvalidKeySize)
				assert.ErrorContains(t, err, "FIPS")
				assert.ErrorContains(t, err, "gocrypto: ")
				assert.ErrorIs(t, merr, backends.ErrInvalidKeySize)
				assert.Len(t, out, 3, "a refused MAC returns dst")
				assert.Equal(t, bytes.Repeat([]byte{0xa5}, 40), buf, "a refused MAC wrote to dst")
				return
			}
			require.NoError(t, err)
			require.NoError(t, merr)
			require.NoError(t, ctx.Update([]byte("abc")))
			got, err := ctx.Finalize()
			require.NoError(t, err)
			assert.Equal(t, fmt.Sprintf("%x", got), fmt.Sprintf("%x", out[3:]), "context and one-shot agree")
		})
	}
}

// TestConformanceKDFRefusals checks the KDFs served in each setting, the
// refusals of the others, and Go's parameter rules under fips140=only as
// *backends.KDFRuleError with nothing written.
func TestConformanceKDFRefusals(t *testing.T) {
	logSetting(t)
	b := gocrypto.NewBackend()
	sha256 := hashes.SHA256{}
	salt16 := bytes.Repeat([]byte{3}, 16)
	for _, c := range []struct {
		name string
		alg  backends.KDFAlgorithm
		want outcome
	}{
		{"HKDF-SHA256", kdfalg.HKDF{Hash: sha256}, served},
		{"HKDF-SHA1", kdfalg.HKDF{Hash: hashes.SHA1{}}, onlyRefused},
		{"HKDF-MD5", kdfalg.HKDF{Hash: hashes.MD5{}}, fipsRefused},
		{"HKDF-SM3", kdfalg.HKDF{Hash: hashes.SM3{}}, notInGo},
		{"PBKDF2-SHA512", kdfalg.PBKDF2{Hash: hashes.SHA512{}, Salt: salt16, Iterations: 10}, served},
		{"PBKDF2-BLAKE2b", kdfalg.PBKDF2{Hash: hashes.BLAKE2b{}, Salt: salt16, Iterations: 10}, fipsRefused},
		{"scrypt", kdfalg.Scrypt{Salt: salt16, N: 16, R: 1, P: 1}, fipsRefused},
		{"X9.63", kdfalg.X963{Hash: sha256}, kdfNotInGo},
		{"ConcatHash", kdfalg.ConcatHash{Hash: sha256}, kdfNotInGo},
		{"ConcatHMAC", kdfalg.ConcatHMAC{Hash: sha256}, kdfNotInGo},
		{"KBKDF", kdfalg.KBKDF{Hash: sha256}, kdfNotInGo},
	} {
		t.Run(c.name, func(t *testing.T) {
			reason, text := expect(c.want)
			switch c.want {
			case notInGo:
				reason = backends.ReasonUnsupportedHash
			case kdfNotInGo:
				reason, text = backends.ReasonUnsupportedKDF, "not in Go's crypto"
			}
			assert.Equal(t, reason == 0, b.KDFSupported(c.alg), "KDFSupported")
			out := bytes.Repeat([]byte{0xa5}, 32)
			err := b.DeriveKey(c.alg, bytes.Repeat([]byte{9}, 32), out)
			assertRefusal(t, err, reason, text, "DeriveKey")
			if reason != 0 {
				assert.Equal(t, bytes.Repeat([]byte{0xa5}, 32), out, "a refused derivation wrote to out")
			}
		})
	}

	rules := []struct {
		name   string
		alg    backends.KDFAlgorithm
		secret int
		out    int
		kind   error
	}{
		{"HKDF secret of 13 bytes", kdfalg.HKDF{Hash: sha256}, 13, 32, backends.ErrInvalidKeySize},
		{"HKDF expand-only key of 13 bytes", kdfalg.HKDF{Hash: sha256, Mode: kdfalg.ExpandOnly}, 13, 32, backends.ErrInvalidKeySize},
		{"HKDF extract-only secret of 13 bytes", kdfalg.HKDF{Hash: sha256, Mode: kdfalg.ExtractOnly}, 13, 32, backends.ErrInvalidKeySize},
		{"PBKDF2 salt of 15 bytes", kdfalg.PBKDF2{Hash: sha256, Salt: salt16[:15], Iterations: 1}, 8, 32, backends.ErrInvalidArgument},
		{"PBKDF2 output of 13 bytes", kdfalg.PBKDF2{Hash: sha256, Salt: salt16, Iterations: 1}, 8, 13, backends.ErrInvalidKeySize},
	}
	for _, c := range rules {
		t.Run(c.name, func(t *testing.T) {
			out := bytes.Repeat([]byte{0xa5}, c.out)
			var err error
			assert.NotPanics(t, func() { err = b.DeriveKey(c.alg, bytes.Repeat([]byte{9}, c.secret), out) })
			if !gocrypto.Enforced() {
				assert.NoError(t, err)
				assert.NotEqual(t, bytes.Repeat([]byte{0xa5}, c.out), out)
				return
			}
			var re *backends.KDFRuleError
			require.ErrorAs(t, err, &re)
			assert.ErrorIs(t, err, backends.ErrFIPSRule)
			assert.ErrorIs(t, err, c.kind)
			assert.ErrorContains(t, err, "refused in FIPS mode")
			assert.ErrorContains(t, err, "gocrypto: ")
			assert.Equal(t, bytes.Repeat([]byte{0xa5}, c.out), out, "a refused derivation wrote to out")
		})
	}
}

// TestConformanceMACRefusals checks the MACs served in each setting and the
// refusals of the others.
func TestConformanceMACRefusals(t *testing.T) {
	logSetting(t)
	b := gocrypto.NewBackend()
	gmac, err := macalg.NewGMAC(make([]byte, 12))
	require.NoError(t, err)
	kmac, err := macalg.NewKMAC128(nil, 32)
	require.NoError(t, err)
	for _, c := range []struct {
		alg  backends.MACAlgorithm
		key  int
		want outcome
	}{
		{macalg.Poly1305{}, 32, fipsRefused},
		{gmac, 16, onlyRefused},
		{gmac, 32, onlyRefused},
		{macalg.CMAC{Cipher: macalg.AES}, 16, notInGo},
		{macalg.CMAC{Cipher: macalg.TripleDES}, 24, notInGo},
		{kmac, 32, notInGo},
	} {
		t.Run(fmt.Sprintf("%s/%d", c.alg.Name(), c.key), func(t *testing.T) {
			reason, text := expect(c.want)
			if c.want == notInGo {
				reason = backends.ReasonUnsupportedMAC
			}
			assert.Equal(t, reason == 0, b.MACSupported(c.alg), "MACSupported")
			key := bytes.Repeat([]byte{5}, c.key)
			ctx, err := b.CreateMACCtx(c.alg, key)
			assertRefusal(t, err, reason, text, "CreateMACCtx")
			if reason != 0 {
				assert.Nil(t, ctx)
			}
			out, err := b.ComputeMAC(c.alg, key, []byte("abc"), []byte("dst"))
			assertRefusal(t, err, reason, text, "ComputeMAC")
			if reason != 0 {
				assert.Equal(t, "dst", string(out))
			}
		})
	}
}

// TestConformanceKeyWrapRefusals: Go has no AES key wrap, in any setting.
func TestConformanceKeyWrapRefusals(t *testing.T) {
	b := gocrypto.NewBackend()
	for _, mode := range []backends.KeyWrapMode{backends.KW, backends.KWP, backends.KWInverse, backends.KWPInverse} {
		assert.False(t, b.KeyWrapSupported(mode, 16), "KeyWrapSupported(%v)", mode)
		w, err := b.WrapKey(mode, make([]byte, 16), make([]byte, 16))
		assert.Nil(t, w)
		assertRefusal(t, err, backends.ReasonUnsupportedCipher, "not in Go's crypto", "WrapKey")
		u, err := b.UnwrapKey(mode, make([]byte, 16), make([]byte, 24))
		assert.Nil(t, u)
		assertRefusal(t, err, backends.ReasonUnsupportedCipher, "not in Go's crypto", "UnwrapKey")
	}
}

// TestConformanceNoPanic calls every method of the hash, HMAC, KDF and MAC
// areas with every descriptor and odd keys, secrets, salts and lengths: in
// each setting (under fips140=only Go panics on refused uses) the backend
// answers with values or errors, never a panic.
func TestConformanceNoPanic(t *testing.T) {
	logSetting(t)
	b := gocrypto.NewBackend()
	algs := append(hashes.All(), hashes.SHAKE128{}, hashes.SHAKE256{Size: -1}, nil)
	lens := []int{0, 1, 8, 13, 14, 15, 16, 31, 32, 33, 64, 200}
	call := func(what string, f func()) {
		t.Helper()
		assert.NotPanics(t, f, what)
	}
	for _, alg := range algs {
		call(fmt.Sprintf("hash %v", alg), func() {
			b.HashSupported(alg)
			if ctx, err := b.CreateHashCtx(alg); err == nil {
				_ = ctx.Update([]byte("abc"))
				_, _ = ctx.Copy()
				_, _ = ctx.Finalize()
			}
			_, _ = b.Digest(alg, []byte("abc"), nil)
			b.HMACSupported(alg)
		})
		for _, n := range lens {
			key := bytes.Repeat([]byte{1}, n)
			call(fmt.Sprintf("HMAC %v with %d-byte key", alg, n), func() {
				if ctx, err := b.CreateHMACCtx(key, alg); err == nil {
					_ = ctx.Update([]byte("abc"))
					_, _ = ctx.Copy()
					_, _ = ctx.Finalize()
				}
				_, _ = b.MAC(key, alg, []byte("abc"), nil)
			})
			for _, kdf := range []backends.KDFAlgorithm{
				kdfalg.HKDF{Hash: alg, Salt: key},
				kdfalg.HKDF{Hash: alg, Mode: kdfalg.ExtractOnly},
				kdfalg.HKDF{Hash: alg, Mode: kdfalg.ExpandOnly, Info: key},
				kdfalg.PBKDF2{Hash: alg, Salt: key, Iterations: 2},
			} {
				for _, out := range []int{1, 13, 14, 32} {
					call(fmt.Sprintf("%T over %v, %d-byte secret and salt, %d-byte output", kdf, alg, n, out), func() {
						b.KDFSupported(kdf)
						_ = b.DeriveKey(kdf, key, make([]byte, out))
					})
				}
			}
		}
	}
	for _, n := range lens {
		key := bytes.Repeat([]byte{2}, n)
		for _, kdf := range []backends.KDFAlgorithm{
			kdfalg.Scrypt{Salt: key, N: 16, R: 1, P: 1},
			kdfalg.Scrypt{Salt: key, N: 1 << 20, R: 8, P: 1, MaxMem: 1 << 20},
			kdfalg.X963{Hash: hashes.SHA256{}}, kdfalg.KBKDF{Cipher: kdfalg.CMACAES},
		} {
			call(fmt.Sprintf("%T with %d bytes", kdf, n), func() { _ = b.DeriveKey(kdf, key, make([]byte, 16)) })
		}
		iv := key
		if n == 0 {
			iv = nil
		}
		gmac, _ := macalg.NewGMAC(iv)
		for _, m := range []backends.MACAlgorithm{macalg.Poly1305{}, gmac, macalg.GMAC{}, macalg.CMAC{Cipher: macalg.AES}, nil} {
			call(fmt.Sprintf("MAC %v with %d-byte key", m, n), func() {
				b.MACSupported(m)
				if ctx, err := b.CreateMACCtx(m, key); err == nil {
					_ = ctx.Update([]byte("abc"))
					_, _ = ctx.Copy()
					_, _ = ctx.Finalize()
				}
				_, _ = b.ComputeMAC(m, key, []byte("abc"), nil)
			})
		}
	}
}

// TestZeroBackend: the zero Backend and a nil *Backend serve hashes, HMAC,
// KDFs, MACs, random bytes and key wrap answers as NewBackend's does (none
// of these areas needs the backend's state).
func TestZeroBackend(t *testing.T) {
	for _, b := range []*gocrypto.Backend{{}, nil} {
		name := "Backend{}"
		if b == nil {
			name = "(*Backend)(nil)"
		}
		t.Run(name, func(t *testing.T) {
			assert.NotPanics(t, func() {
				assert.True(t, b.HashSupported(hashes.SHA256{}))
				out, err := b.Digest(hashes.SHA256{}, []byte("abc"), nil)
				require.NoError(t, err)
				assert.Equal(t, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", fmt.Sprintf("%x", out))
				_, err = b.CreateHMACCtx(make([]byte, 32), hashes.SHA256{})
				assert.NoError(t, err)
				assert.NoError(t, b.DeriveKey(kdfalg.HKDF{Hash: hashes.SHA256{}}, make([]byte, 32), make([]byte, 16)))
				assert.NoError(t, b.RandBytes(make([]byte, 16), false))
				assert.False(t, b.KeyWrapSupported(backends.KW, 16))
				_, err = b.CreateMACCtx(nil, nil)
				assert.ErrorIs(t, err, backends.ErrInvalidArgument)
				assert.ErrorIs(t, b.DeriveKey(nil, nil, nil), backends.ErrInvalidArgument)
				_, err = b.CreateHashCtx(nil)
				assert.ErrorIs(t, err, backends.ErrInvalidArgument)
				assert.True(t, errors.Is(b.DeriveKey(kdfalg.HKDF{}, nil, make([]byte, 1)), backends.ErrInvalidArgument))
			})
		})
	}
}

// customHash is a caller's own hash descriptor.
type customHash struct {
	name        string
	size, block int
}

func (c customHash) Name() string    { return c.name }
func (c customHash) DigestSize() int { return c.size }
func (c customHash) BlockSize() int  { return c.block }

type customXOF struct{ customHash }

func (customXOF) ExtendableOutput() {}

// TestConformanceCustomDescriptors: a caller's descriptor is matched by
// name (without regard to case) and must report Go's sizes; a SHAKE needs
// an output length of 1 byte to 1 GiB.
func TestConformanceCustomDescriptors(t *testing.T) {
	b := gocrypto.NewBackend()
	for _, c := range []struct {
		alg  backends.HashAlgorithm
		want error
	}{
		{customHash{"sha256", 32, 64}, nil},
		{customHash{"SHA256", 32, 64}, nil},
		{customHash{"sha256", 31, 64}, backends.ErrInvalidDigestSize},
		{customHash{"sha256", 32, 128}, backends.ErrInvalidDigestSize},
		{customHash{"sha3-256", 32, 64}, backends.ErrInvalidDigestSize},
		{customHash{"shake128", 32, 168}, backends.ErrInvalidDigestSize},
		{customXOF{customHash{"shake128", 0, 168}}, backends.ErrInvalidDigestSize},
		{customXOF{customHash{"shake128", 1<<30 + 1, 168}}, backends.ErrInvalidDigestSize},
		{customXOF{customHash{"shake256", 1 << 30, 136}}, nil},
		{customXOF{customHash{"shake256", 32, 168}}, backends.ErrInvalidDigestSize},
	} {
		t.Run(fmt.Sprintf("%s/%d/%d/%T", c.alg.Name(), c.alg.DigestSize(), c.alg.BlockSize(), c.alg), func(t *testing.T) {
			assert.Equal(t, c.want == nil, b.HashSupported(c.alg), "HashSupported")
			ctx, err := b.CreateHashCtx(c.alg)
			if c.want == nil {
				require.NoError(t, err)
				assert.Equal(t, c.alg, ctx.Algorithm())
				return
			}
			assert.Nil(t, ctx)
			assert.ErrorIs(t, err, c.want)
			assert.ErrorContains(t, err, "gocrypto: ")
			out, err := b.Digest(c.alg, []byte("abc"), nil)
			assert.ErrorIs(t, err, c.want)
			assert.Empty(t, out)
			if _, xof := c.alg.(backends.ExtendableOutputAlgorithm); !xof {
				_, err = b.CreateHMACCtx(make([]byte, 32), c.alg)
				assert.Error(t, err, "HMAC")
			}
		})
	}
}
