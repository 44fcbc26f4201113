//go:build cgo

package openssl_test

import (
	"bytes"
	stdaes "crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

// needSwitch skips the test unless FIPS mode can be switched on and off
// here (the FIPS provider configured, as scripts/test.sh --fips does), and
// restores the mode the test found when it ends.
func needSwitch(t *testing.T) {
	t.Helper()
	was := openssl.FIPS()
	if err := openssl.SetFIPS(true); err != nil {
		t.Skipf("FIPS mode cannot be switched on here (scripts/test.sh --fips runs this test): %v", err)
	}
	require.NoError(t, openssl.SetFIPS(false))
	t.Cleanup(func() { require.NoError(t, openssl.SetFIPS(was)) })
}

// refusedHashes and refusedCiphers are algorithms the FIPS provider does
// not serve and the default (and legacy) providers do.
var refusedHashes = []hashes.Algorithm{
	hashes.MD5{}, hashes.RIPEMD160{}, hashes.BLAKE2b{}, hashes.BLAKE2s{}, hashes.SM3{},
}

type pair struct {
	cipher backends.CipherAlgorithm
	mode   backends.Mode
}

func (p pair) String() string {
	if p.mode == nil {
		return p.cipher.Name()
	}
	return p.cipher.Name() + "-" + p.mode.Name()
}

// refusedCiphers lists them in the default mode (call it in that mode).
func refusedCiphers(t *testing.T) []pair {
	t.Helper()
	key16, key32 := bytes.Repeat([]byte{7}, 16), bytes.Repeat([]byte{9}, 32)
	iv8, iv16 := make([]byte, 8), make([]byte, 16)
	must := func(a backends.CipherAlgorithm, err error) backends.CipherAlgorithm {
		t.Helper()
		require.NoError(t, err)
		return a
	}
	mustMode := func(m backends.Mode, err error) backends.Mode {
		t.Helper()
		require.NoError(t, err)
		return m
	}
	blockModes := func(iv []byte) []backends.Mode {
		return []backends.Mode{
			modes.NewECB(), mustMode(modes.NewCBC(iv)), mustMode(modes.NewCTR(iv)), mustMode(modes.NewOFB(iv)),
			mustMode(modes.NewCFB(iv)), mustMode(modes.NewCFB8(iv)),
		}
	}
	var out []pair
	for _, c := range []struct {
		alg backends.CipherAlgorithm
		iv  []byte
	}{
		{must(algorithms.NewCamellia(key16)), iv16},
		{must(algorithms.NewCamellia(key32)), iv16},
		{must(algorithms.NewSM4(key16)), iv16},
		{must(algorithms.NewSEED(key16)), iv16},
		{must(algorithms.NewBlowfish(key16)), iv8},
		{must(algorithms.NewCAST5(key16)), iv8},
	} {
		for _, m := range blockModes(c.iv) {
			// Pairs this OpenSSL lacks altogether (SM4-CFB8 in 3.0) are left out.
			if openssl.DefaultBackend().CipherSupported(c.alg, m) {
				out = append(out, pair{c.alg, m})
			}
		}
	}
	for _, c := range []backends.CipherAlgorithm{must(algorithms.NewARC4(key16)), must(algorithms.NewChaCha20(key32, iv16))} {
		if openssl.DefaultBackend().CipherSupported(c, nil) {
			out = append(out, pair{c, nil})
		}
	}
	return out
}

// TestSetFIPSRaceWithFirstUse switches FIPS mode off and on while other
// goroutines make the first calls of algorithms the FIPS provider does not
// serve, many rounds over, each with an empty fetch cache. Once FIPS mode
// is on, none of them may compute, and every algorithm fetched for FIPS
// mode must come from the FIPS provider.
func TestSetFIPSRaceWithFirstUse(t *testing.T) {
	needSwitch(t)
	b := openssl.DefaultBackend()
	require.NoError(t, openssl.SetFIPS(false))
	ciphersList := refusedCiphers(t)
	require.Greater(t, len(ciphersList), 10)
	t.Logf("%d cipher pairs and %d digests refused in FIPS mode, served by the default mode", len(ciphersList), len(refusedHashes))
	for _, h := range refusedHashes {
		require.True(t, hashes.Supported(h), "%s must work in the default mode for this test", h.Name())
	}
	approved := []hashes.Algorithm{hashes.SHA256{}, hashes.SHA512{}, hashes.SHA3_256{}}

	const rounds = 50
	computed := 0
	for round := range rounds {
		openssl.DropFetched()
		var stop atomic.Bool
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50 && !stop.Load(); i++ {
				assert.NoError(t, openssl.SetFIPS(false))
				assert.NoError(t, openssl.SetFIPS(true))
			}
		}()
		for g := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// Half the goroutines take the names in the opposite order,
				// so that first uses meet switches at different points.
				for i := range ciphersList {
					p := ciphersList[i]
					if g%2 == 1 {
						p = ciphersList[len(ciphersList)-1-i]
					}
					b.CipherSupported(p.cipher, p.mode)
				}
				for i := range refusedHashes {
					h := refusedHashes[i]
					if g%2 == 1 {
						h = refusedHashes[len(refusedHashes)-1-i]
					}
					hashes.Supported(h)
					b.HMACSupported(h)
				}
				for _, h := range approved {
					hashes.Supported(h)
					b.HMACSupported(h)
				}
			}()
		}
		wg.Wait()
		stop.Store(true)
		require.NoError(t, openssl.SetFIPS(true), "round %d", round)

		for _, p := range ciphersList {
			if !assert.False(t, b.CipherSupported(p.cipher, p.mode), "round %d: %s in FIPS mode", round, p) {
				computed++
			}
			_, err := b.CreateSymmetricEncryptionCtx(p.cipher, p.mode)
			assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "round %d: %s", round, p)
		}
		for _, h := range refusedHashes {
			assert.False(t, hashes.Supported(h), "round %d: %s in FIPS mode", round, h.Name())
			if sum, err := hashes.Sum(h, []byte("abc")); !assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "round %d: %s", round, h.Name()) {
				computed++
				t.Logf("round %d: %s(abc) = %x in FIPS mode", round, h.Name(), sum)
			}
			_, err := hmac.New(make([]byte, 32), h)
			assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "round %d: HMAC-%s", round, h.Name())
		}
		for _, h := range approved {
			require.True(t, hashes.Supported(h))
			m, err := hmac.New(make([]byte, 32), h)
			require.NoError(t, err)
			m.Write([]byte("abc"))
			m.Sum(nil)
		}
		for name, prov := range openssl.FetchedProviders(true) {
			assert.Equal(t, "fips", prov, "round %d: %s cached for FIPS mode", round, name)
		}
	}
	assert.Zero(t, computed, "non-approved computations in FIPS mode")
}

// TestSetFIPSTotal makes objects in the default mode, switches FIPS mode
// on, and checks each: those whose algorithm the FIPS provider does not
// serve fail naming FIPS; the others compute on the FIPS provider, or fail
// with ErrModeChanged when their state is in the old implementation. Then
// the same the other way.
func TestSetFIPSTotal(t *testing.T) {
	needSwitch(t)
	b := openssl.DefaultBackend()
	require.NoError(t, openssl.SetFIPS(false))

	abc := []byte("abc")
	long := bytes.Repeat([]byte("x"), openssl.DigestBufSize+1) // more than a hash buffers in Go
	key16, key32 := bytes.Repeat([]byte{1}, 16), bytes.Repeat([]byte{2}, 32)
	nonce12 := make([]byte, 12)

	// Made in the default mode.
	md5h, err := hashes.New(hashes.MD5{})
	require.NoError(t, err)
	md5h.Write(abc)
	sha, err := hashes.New(hashes.SHA256{})
	require.NoError(t, err)
	sha.Write(abc) // buffered in Go: follows the switch
	shaLong, err := hashes.New(hashes.SHA256{})
	require.NoError(t, err)
	shaLong.Write(long) // in C: cannot follow
	hmd5, err := hmac.New(key16, hashes.MD5{})
	require.NoError(t, err)
	hsha, err := hmac.New(key32, hashes.SHA256{})
	require.NoError(t, err)
	hsha.Write(abc)
	cc, err := aead.NewChaCha20Poly1305(key32)
	require.NoError(t, err)
	gcm, err := aead.NewAESGCM(key16)
	require.NoError(t, err)
	sealed := gcm.Seal(nil, nonce12, abc, nil)
	camellia, err := algorithms.NewCamellia(key16)
	require.NoError(t, err)
	camBlock, err := ciphers.NewBlock(camellia)
	require.NoError(t, err)
	aes, err := algorithms.NewAES(key16)
	require.NoError(t, err)
	aesBlock, err := ciphers.NewBlock(aes)
	require.NoError(t, err)
	var blk [16]byte
	aesBlock.Encrypt(blk[:], blk[:]) // used before the switch
	chacha, err := algorithms.NewChaCha20(key32, make([]byte, 16))
	require.NoError(t, err)
	chachaStream, err := ciphers.NewStreamEncrypter(chacha, nil)
	require.NoError(t, err)
	ctr, err := modes.NewCTR(make([]byte, 16))
	require.NoError(t, err)
	ctrUsed, err := ciphers.NewStreamEncrypter(aes, ctr)
	require.NoError(t, err)
	ctrUsed.XORKeyStream(blk[:], blk[:])
	ctrFresh, err := ciphers.NewStreamEncrypter(aes, ctr)
	require.NoError(t, err)
	// Backend contexts, to ask which provider computes.
	dctx, err := b.CreateHashCtx(hashes.SHA256{})
	require.NoError(t, err)
	mctx, err := b.CreateHMACCtx(key32, hashes.SHA256{})
	require.NoError(t, err)
	cbc, err := modes.NewCBC(make([]byte, 16))
	require.NoError(t, err)
	cctx, err := b.CreateSymmetricEncryptionCtx(aes, cbc)
	require.NoError(t, err)
	rnctx, err := b.CreateRandomNonceAEADCtx(aes, (*modes.GCM)(nil), 16)
	require.NoError(t, err)
	rnSealed, err := rnctx.Seal(nil, abc, nil)
	require.NoError(t, err)
	for _, v := range []any{dctx, mctx, cctx, rnctx} {
		assert.NotEqual(t, "fips", openssl.ImplProvider(v), "%T made in the default mode", v)
	}

	require.NoError(t, openssl.SetFIPS(true))

	fipsRefused := func(t *testing.T, err error) {
		t.Helper()
		var ue *backends.UnsupportedAlgorithmError
		if assert.ErrorAs(t, err, &ue) {
			assert.Equal(t, backends.ReasonFIPSRefused, ue.Reason, "%v", err)
		}
		assert.ErrorContains(t, err, "refused in FIPS mode")
	}
	panicsFIPS := func(t *testing.T, f func()) {
		t.Helper()
		defer func() {
			r := recover()
			require.NotNil(t, r, "no panic")
			assert.Contains(t, fmt.Sprint(r), "refused in FIPS mode")
		}()
		f()
	}

	t.Run("refused", func(t *testing.T) {
		_, err := md5h.Write(abc)
		fipsRefused(t, err)
		panicsFIPS(t, func() { md5h.Sum(nil) })
		// Reset has no error result and does not panic: it keeps the
		// error, which the next calls return (Sum panics with it).
		assert.NotPanics(t, md5h.Reset)
		_, err = md5h.Write(abc)
		fipsRefused(t, err)
		panicsFIPS(t, func() { md5h.Sum(nil) })
		_, err = hmd5.Write(abc)
		fipsRefused(t, err)
		panicsFIPS(t, func() { hmd5.Sum(nil) })
		_, err = cc.Encrypt(nonce12, abc, nil)
		fipsRefused(t, err)
		panicsFIPS(t, func() { cc.Seal(nil, nonce12, abc, nil) })
		panicsFIPS(t, func() { camBlock.Encrypt(blk[:], blk[:]) })
		panicsFIPS(t, func() { chachaStream.XORKeyStream(blk[:], blk[:]) })
	})

	t.Run("followed", func(t *testing.T) {
		want := sha256.Sum256(abc)
		assert.Equal(t, hex.EncodeToString(want[:]), hex.EncodeToString(sha.Sum(nil)))
		hsha.Write(abc)
		assert.Len(t, hsha.Sum(nil), 32)
		out, err := gcm.Open(nil, nonce12, sealed, nil)
		require.NoError(t, err)
		assert.Equal(t, abc, out)
		assert.Equal(t, sealed, gcm.Seal(nil, nonce12, abc, nil))
		var a, c [16]byte
		aesBlock.Encrypt(a[:], blk[:])
		assert.NotEqual(t, blk, a)
		aesBlock.Decrypt(c[:], a[:])
		assert.Equal(t, blk, c)
		assert.NotPanics(t, func() { ctrFresh.XORKeyStream(c[:], c[:]) })

		require.NoError(t, dctx.Update(abc))
		require.NoError(t, mctx.Update(abc))
		_, err = cctx.Update(make([]byte, 16))
		require.NoError(t, err)
		out, err = rnctx.Open(nil, rnSealed, nil)
		require.NoError(t, err)
		assert.Equal(t, abc, out)
		rnSealed2, ivgen, err := openssl.SealIVGen(rnctx, abc)
		require.NoError(t, err)
		assert.Equal(t, 1, ivgen, "the FIPS provider does not say it generated the IV")
		assert.NotEqual(t, rnSealed[:12], rnSealed2[:12])
		for _, v := range []any{dctx, mctx, cctx, rnctx} {
			assert.Equal(t, "fips", openssl.ImplProvider(v), "%T after the switch", v)
		}
	})

	t.Run("state in the old implementation", func(t *testing.T) {
		_, err := shaLong.Write(abc)
		assert.ErrorIs(t, err, backends.ErrModeChanged)
		defer func() {
			r := recover()
			require.NotNil(t, r)
			assert.Contains(t, fmt.Sprint(r), backends.ErrModeChanged.Error())
		}()
		shaLong.Sum(nil)
	})

	t.Run("Reset after a change", func(t *testing.T) {
		shaLong.Reset()
		shaLong.Write(long)
		want := sha256.Sum256(long)
		assert.Equal(t, hex.EncodeToString(want[:]), hex.EncodeToString(shaLong.Sum(nil)), "after Reset")
	})

	t.Run("stream in the old implementation", func(t *testing.T) {
		defer func() {
			r := recover()
			require.NotNil(t, r)
			assert.Contains(t, fmt.Sprint(r), backends.ErrModeChanged.Error())
		}()
		ctrUsed.XORKeyStream(blk[:], blk[:])
	})

	t.Run("and back", func(t *testing.T) {
		// Made in FIPS mode, used after a switch to the default mode.
		h, err := hashes.New(hashes.SHA256{})
		require.NoError(t, err)
		h.Write(abc)
		d, err := b.CreateHashCtx(hashes.SHA256{})
		require.NoError(t, err)
		require.Equal(t, "fips", openssl.ImplProvider(d))
		g, err := b.NewAEAD("AES-128-GCM", "aes-128-gcm", key16, 16)
		require.NoError(t, err)
		require.Equal(t, "fips", openssl.ImplProvider(g))

		require.NoError(t, openssl.SetFIPS(false))
		want := sha256.Sum256(abc)
		assert.Equal(t, hex.EncodeToString(want[:]), hex.EncodeToString(h.Sum(nil)))
		require.NoError(t, d.Update(abc))
		assert.NotEqual(t, "fips", openssl.ImplProvider(d))
		out, err := g.Seal(nil, nonce12, abc, nil)
		require.NoError(t, err)
		assert.Equal(t, sealed, out)
		assert.NotEqual(t, "fips", openssl.ImplProvider(g))
		// A refused object made in the default mode works again.
		md5h.Reset()
		md5h.Write(abc)
		wantMD5 := md5.Sum(abc)
		assert.Equal(t, hex.EncodeToString(wantMD5[:]), hex.EncodeToString(md5h.Sum(nil)))
	})
}

// TestSetFIPSFollowChecksAnswers: a context that follows a switch asks its
// adapter again, which must name the cipher the context was made with: an
// adapter that now names another cipher would have a context bounded for
// one cipher run another (CTR's bound on AES key wrap, which writes 8
// bytes more than it reads). The key and IV are the copies made at
// creation, whatever the descriptors hold now (a shrunk IV would have
// OpenSSL read past it).
func TestSetFIPSFollowChecksAnswers(t *testing.T) {
	needSwitch(t)
	b := anyBackend(t)
	for _, tc := range []struct {
		name   string
		change func(c *anyCipher)
		want   error
	}{
		{"IV shrunk", func(c *anyCipher) { c.nonce = make([]byte, 4) }, nil},
		{"key grown", func(c *anyCipher) { c.key = make([]byte, 32) }, nil},
		{"another cipher, same lengths", func(c *anyCipher) { c.evp = "aes-128-cbc" }, backends.ErrInvalidArgument},
		{"another cipher, a longer output", func(c *anyCipher) { c.evp, c.nonce = "aes-128-wrap", bytes.Repeat([]byte{0xa6}, 8) },
			backends.ErrInvalidArgument},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, openssl.SetFIPS(false))
			c := newAnyCipher("aes-128-ctr", 16, 16)
			ctx, err := b.CreateSymmetricEncryptionCtx(c, nil)
			require.NoError(t, err)
			key, iv := bytes.Clone(c.key), bytes.Clone(c.nonce)
			tc.change(c)
			require.NoError(t, openssl.SetFIPS(true))

			msg := bytes.Repeat([]byte{5}, 16)
			need := openssl.UpdateBound(ctx, len(msg))
			require.Equal(t, len(msg), need, "the bound of CTR")
			buf, intact := guarded(need)
			_, err = ctx.UpdateInto(msg, buf)
			assert.True(t, intact(), "UpdateInto wrote past its %d-byte buffer", need)
			if tc.want != nil {
				assert.ErrorIs(t, err, tc.want)
				return
			}
			require.NoError(t, err)
			want, err := openssl.ReferenceCipher("aes-128-ctr", key, iv, msg, true)
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(buf), "keyed with what it was made with")
		})
	}
}

// TestSetFIPSRaceWithFetches switches FIPS mode on and off while other
// goroutines fetch (first uses, after emptying the cache) and key HMACs,
// whose digest OpenSSL fetches inside EVP_MAC_init. OpenSSL 3.0 replaces
// its default properties in EVP_default_properties_enable_fips without the
// lock its fetches take, and a fetch running meanwhile read freed memory:
// this test crashed the process in EVP_MD_fetch within a few hundred
// switches.
func TestSetFIPSRaceWithFetches(t *testing.T) {
	needSwitch(t)
	b := openssl.DefaultBackend()
	key := bytes.Repeat([]byte{7}, 32)
	var stop atomic.Bool
	var wg sync.WaitGroup
	switches := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ; switches < 3000 && !stop.Load(); switches++ {
			assert.NoError(t, openssl.SetFIPS(switches%2 == 0))
		}
		stop.Store(true)
	}()
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				openssl.DropFetched()
				for _, h := range []hashes.Algorithm{hashes.SHA256{}, hashes.SHA512{}, hashes.SHA3_256{}, hashes.MD5{}} {
					b.HashSupported(h)
					_, _ = b.MAC(key, h, []byte("abc"), nil)
				}
				_ = openssl.ProvidedCipherNames()
			}
		}()
	}
	wg.Wait()
	t.Logf("%d switches", switches)
	assert.Positive(t, switches)
}

// TestSetFIPSRaceWithDerivations runs derivations of every KDF that both
// modes serve while another goroutine switches modes: OpenSSL 3.0's HKDF
// and PBKDF2 compute HMAC through calls that fetch it, reading the default
// properties that a switch replaces. Each derivation must succeed with the
// keys the KDF gives in either mode (they are the same), or fail with an
// error, never crash or race.
func TestSetFIPSRaceWithDerivations(t *testing.T) {
	needSwitch(t)
	b := openssl.DefaultBackend()
	secret := bytes.Repeat([]byte{3}, 32)
	algs := kdfSamples()
	want := make([][]byte, len(algs))
	require.NoError(t, openssl.SetFIPS(false))
	for i, alg := range algs {
		want[i] = make([]byte, 32)
		require.NoError(t, b.DeriveKey(alg, secret, want[i]), alg.KDFName())
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	switches := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ; switches < 2000 && !stop.Load(); switches++ {
			assert.NoError(t, openssl.SetFIPS(switches%2 == 0))
		}
		stop.Store(true)
	}()
	var derived atomic.Int64
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out := make([]byte, 32)
			for i := w; !stop.Load(); i++ {
				alg := algs[i%len(algs)]
				if err := b.DeriveKey(alg, secret, out); err == nil {
					if !assert.Equal(t, hex.EncodeToString(want[i%len(algs)]), hex.EncodeToString(out), alg.KDFName()) {
						stop.Store(true)
					}
					derived.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	require.NoError(t, openssl.SetFIPS(true))
	t.Logf("%d switches, %d derivations", switches, derived.Load())
	assert.Positive(t, derived.Load())
}

// TestSetFIPSFollowKeepsKey: a context that follows a switch is keyed again
// with the key and IV it was made with, even if the caller has since
// changed what the descriptors hold.
func TestSetFIPSFollowKeepsKey(t *testing.T) {
	needSwitch(t)
	b := openssl.DefaultBackend()
	require.NoError(t, openssl.SetFIPS(false))
	key := bytes.Repeat([]byte{0x42}, 16)
	iv := bytes.Repeat([]byte{0x24}, 16)
	aes, err := algorithms.NewAES(key)
	require.NoError(t, err)
	ctr, err := modes.NewCTR(iv)
	require.NoError(t, err)
	ctx, err := b.CreateSymmetricEncryptionCtx(aes, ctr)
	require.NoError(t, err)
	clear(aes.Key()) // the descriptor's own bytes, changed after creation
	require.NoError(t, openssl.SetFIPS(true))

	msg := []byte("sixteen byte msg")
	got, err := ctx.Update(msg)
	require.NoError(t, err)
	assert.Equal(t, "fips", openssl.ImplProvider(ctx))

	block, err := stdaes.NewCipher(key)
	require.NoError(t, err)
	want := make([]byte, len(msg))
	cipher.NewCTR(block, iv).XORKeyStream(want, msg)
	assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))
}
