package gocrypto_test

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// want is what the backend must answer for a pair in one setting.
type cipherExpect int

const (
	expServed        cipherExpect = iota // supported, and a context works
	expNotInGo                           // refused in every setting: not in Go's crypto
	expFIPSRefused                       // refused with the FIPS reason under fips140=on and only
	expOnlyRefused                       // refused with the FIPS reason under fips140=only
	expNotInGoOrFIPS                     // not in Go for these parameters; refused for FIPS first in FIPS mode
)

func mustDesc[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func testKey(n int) []byte {
	k := make([]byte, n)
	for i := range k {
		k[i] = byte(i*7 + 1)
	}
	return k
}

// sectorTweak is sector number n as Go's XTS writes it into a tweak.
func sectorTweakOf(n byte) []byte {
	t := make([]byte, 16)
	t[0] = n
	return t
}

type refusalCase struct {
	name string
	alg  backends.CipherAlgorithm
	mode backends.Mode
	want cipherExpect
}

func refusalCases() []refusalCase {
	iv16, iv8 := testKey(16), testKey(8)
	aes128 := mustDesc(algorithms.NewAES(testKey(16)))
	xtsKey := append(testKey(16), bytes.Repeat([]byte{0x55}, 16)...)
	return []refusalCase{
		{"AES-ECB", aes128, modes.NewECB(), expServed},
		{"AES-CBC", aes128, mustDesc(modes.NewCBC(iv16)), expServed},
		{"AES-CTR", aes128, mustDesc(modes.NewCTR(iv16)), expServed},
		{"AES-OFB", aes128, mustDesc(modes.NewOFB(iv16)), expFIPSRefused},
		{"AES-CFB", aes128, mustDesc(modes.NewCFB(iv16)), expFIPSRefused},
		{"AES-GCM", aes128, mustDesc(modes.NewGCM(testKey(12), nil)), expOnlyRefused},
		{"AES-XTS sector tweak", mustDesc(algorithms.NewAES(xtsKey)), mustDesc(modes.NewXTS(sectorTweakOf(9))), expFIPSRefused},
		{"AES-XTS other tweak", mustDesc(algorithms.NewAES(xtsKey)), mustDesc(modes.NewXTS(testKey(16))), expNotInGoOrFIPS},
		{"AES-CFB8", aes128, mustDesc(modes.NewCFB8(iv16)), expNotInGo},
		{"AES-CCM", aes128, &modes.CCM{}, expNotInGo},
		{"TripleDES-CBC", mustDesc(algorithms.NewTripleDES(testKey(24))), mustDesc(modes.NewCBC(iv8)), expFIPSRefused},
		{"Blowfish-CBC", mustDesc(algorithms.NewBlowfish(testKey(16))), mustDesc(modes.NewCBC(iv8)), expFIPSRefused},
		{"CAST5-CBC", mustDesc(algorithms.NewCAST5(testKey(16))), mustDesc(modes.NewCBC(iv8)), expFIPSRefused},
		{"CAST5-CBC 40-bit key", mustDesc(algorithms.NewCAST5(testKey(5))), mustDesc(modes.NewCBC(iv8)), expNotInGoOrFIPS},
		{"ARC4", mustDesc(algorithms.NewARC4(testKey(16))), nil, expFIPSRefused},
		{"ChaCha20", mustDesc(algorithms.NewChaCha20(testKey(32), testKey(16))), nil, expFIPSRefused},
		{"Camellia-CBC", mustDesc(algorithms.NewCamellia(testKey(16))), mustDesc(modes.NewCBC(iv16)), expNotInGo},
		{"SEED-CBC", mustDesc(algorithms.NewSEED(testKey(16))), mustDesc(modes.NewCBC(iv16)), expNotInGo},
		{"IDEA-CBC", mustDesc(algorithms.NewIDEA(testKey(16))), mustDesc(modes.NewCBC(iv8)), expNotInGo},
		{"SM4-CBC", mustDesc(algorithms.NewSM4(testKey(16))), mustDesc(modes.NewCBC(iv16)), expNotInGo},
	}
}

// assertRefused checks that err is an *backends.UnsupportedAlgorithmError
// with reason, whose message says why.
func assertRefused(t *testing.T, err error, reason backends.Reason, says string) {
	t.Helper()
	var ue *backends.UnsupportedAlgorithmError
	if !assert.ErrorAs(t, err, &ue) {
		return
	}
	assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
	assert.Equal(t, reason.String(), ue.Reason.String(), "%v", err)
	assert.Contains(t, err.Error(), says)
}

// TestConformanceCipherRefusals checks, in each GODEBUG fips140 setting,
// which pairs the streaming contexts serve and how the others are refused:
// "not in Go's crypto" for what Go lacks, the FIPS reason for what Go's
// module does not approve in the setting in force.
func TestConformanceCipherRefusals(t *testing.T) {
	b := gocrypto.NewBackend()
	fips, only := gocrypto.FIPS(), gocrypto.Enforced()
	t.Logf("FIPS %v, fips140=only %v", fips, only)
	for _, c := range refusalCases() {
		t.Run(c.name, func(t *testing.T) {
			supported := b.CipherSupported(c.alg, c.mode)
			enc, encErr := b.CreateSymmetricEncryptionCtx(c.alg, c.mode)
			dec, decErr := b.CreateSymmetricDecryptionCtx(c.alg, c.mode)
			refusedFor := c.want == expFIPSRefused && fips || c.want == expOnlyRefused && only || c.want == expNotInGoOrFIPS && fips
			switch {
			case refusedFor:
				assert.False(t, supported)
				assert.Nil(t, enc)
				assert.Nil(t, dec)
				assertRefused(t, encErr, backends.ReasonFIPSRefused, "FIPS")
				assertRefused(t, decErr, backends.ReasonFIPSRefused, "FIPS")
				if c.want == expOnlyRefused {
					assert.Contains(t, encErr.Error(), "fips140=only")
				}
			case c.want == expNotInGo || c.want == expNotInGoOrFIPS:
				assert.False(t, supported)
				assert.Nil(t, enc)
				assertRefused(t, encErr, backends.ReasonUnsupportedCipher, "not in Go's crypto")
				assertRefused(t, decErr, backends.ReasonUnsupportedCipher, "not in Go's crypto")
			default:
				assert.True(t, supported)
				require.NoError(t, encErr)
				require.NoError(t, decErr)
				assert.NotNil(t, enc)
				assert.NotNil(t, dec)
			}
		})
	}
}

// TestConformanceAEADRefusals checks the one-shot and random-nonce AEADs'
// answers in each GODEBUG fips140 setting.
func TestConformanceAEADRefusals(t *testing.T) {
	b := gocrypto.NewBackend()
	fips, only := gocrypto.FIPS(), gocrypto.Enforced()
	aes128 := mustDesc(algorithms.NewAES(testKey(16)))
	chacha := mustDesc(algorithms.NewChaCha20Poly1305(testKey(32)))
	for _, c := range []struct {
		name              string
		alg               backends.CipherAlgorithm
		mode              backends.Mode
		oneShot, randomIV cipherExpect
	}{
		{"AES-GCM", aes128, (*modes.GCM)(nil), expOnlyRefused, expServed},
		{"ChaCha20-Poly1305", chacha, nil, expFIPSRefused, expNotInGo},
		{"AES-CCM", aes128, (*modes.CCM)(nil), expNotInGo, expNotInGo},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := b.CreateAEADCtx(c.alg, c.mode, 16)
			switch {
			case c.oneShot == expFIPSRefused && fips || c.oneShot == expOnlyRefused && only:
				assert.False(t, b.AEADSupported(c.alg, c.mode))
				assert.Nil(t, a)
				assertRefused(t, err, backends.ReasonFIPSRefused, "FIPS")
			case c.oneShot == expNotInGo:
				assert.False(t, b.AEADSupported(c.alg, c.mode))
				assertRefused(t, err, backends.ReasonUnsupportedCipher, "not in Go's crypto")
			default:
				assert.True(t, b.AEADSupported(c.alg, c.mode))
				require.NoError(t, err)
				sealed, err := a.Seal(nil, testKey(12), []byte("message"), nil)
				require.NoError(t, err)
				_, err = a.Open(nil, testKey(12), sealed, nil)
				assert.NoError(t, err)
			}
			r, err := b.CreateRandomNonceAEADCtx(c.alg, c.mode, 16)
			if c.randomIV == expServed {
				assert.True(t, b.RandomNonceAEADSupported(c.alg, c.mode))
				require.NoError(t, err)
				sealed, err := r.Seal(nil, []byte("message"), nil)
				require.NoError(t, err)
				_, err = r.Open(nil, sealed, nil)
				assert.NoError(t, err)
				return
			}
			assert.False(t, b.RandomNonceAEADSupported(c.alg, c.mode))
			assert.Nil(t, r)
			assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
		})
	}
}

// TestAEADTagSizesGo checks the tag and nonce lengths Go's GCM takes where
// OpenSSL takes more: tags of 4 to 11 bytes, and a tag shorter than 16
// bytes with a nonce other than 12 bytes.
func TestAEADTagSizesGo(t *testing.T) {
	if gocrypto.Enforced() {
		t.Skip("GCM with caller nonces is refused under fips140=only (TestConformanceAEADRefusals)")
	}
	b := gocrypto.NewBackend()
	aes128 := mustDesc(algorithms.NewAES(testKey(16)))
	for _, n := range []int{4, 8, 11} {
		a, err := b.CreateAEADCtx(aes128, (*modes.GCM)(nil), n)
		assert.ErrorIs(t, err, backends.ErrInvalidTagSize, "a %d-byte tag", n)
		assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "a %d-byte tag, which OpenSSL takes", n)
		assert.Contains(t, err.Error(), "Go's GCM")
		assert.Nil(t, a)
	}
	a, err := b.CreateAEADCtx(aes128, (*modes.GCM)(nil), 12)
	require.NoError(t, err)
	buf := bytes.Repeat([]byte{0xa5}, 64)
	out, err := a.Seal(buf[:0], testKey(16), []byte("message"), nil)
	assert.ErrorIs(t, err, backends.ErrInvalidIVSize)
	assert.Contains(t, err.Error(), "12-byte nonce")
	assert.Empty(t, out)
	assert.Equal(t, bytes.Repeat([]byte{0xa5}, 64), buf, "a refused Seal wrote to dst")

	// With 16-byte tags any nonce length GCM takes works.
	a, err = b.CreateAEADCtx(aes128, (*modes.GCM)(nil), 16)
	require.NoError(t, err)
	for _, n := range []int{1, 8, 16, 128} {
		sealed, err := a.Seal(nil, testKey(n), []byte("message"), []byte("aad"))
		require.NoError(t, err, "a %d-byte nonce", n)
		pt, err := a.Open(nil, testKey(n), sealed, []byte("aad"))
		require.NoError(t, err)
		assert.Equal(t, "message", string(pt))
	}
	_, err = a.Seal(nil, testKey(129), []byte("message"), nil)
	assert.ErrorIs(t, err, backends.ErrInvalidIVSize)

	// Streaming decryption: a tag the mode opts in to that Go's GCM cannot
	// check is a tag size error, at creation or at FinalizeWithTag.
	m := mustDesc(modes.NewGCMWithMinTagLength(testKey(12), testKey(8), 4))
	_, err = b.CreateSymmetricDecryptionCtx(aes128, m)
	assert.ErrorIs(t, err, backends.ErrInvalidTagSize)
	m = mustDesc(modes.NewGCMWithMinTagLength(testKey(16), nil, 12))
	ctx, err := b.CreateSymmetricDecryptionCtx(aes128, m)
	require.NoError(t, err)
	d := ctx.(backends.AEADDecryptionContext)
	_, err = d.FinalizeWithTag(testKey(12))
	assert.ErrorIs(t, err, backends.ErrInvalidTagSize)
	assert.Contains(t, err.Error(), "12-byte nonce")
}

// TestRandomNonceTagSize checks that Go's random-nonce GCM, which makes
// 16-byte tags only, refuses others.
func TestRandomNonceTagSize(t *testing.T) {
	b := gocrypto.NewBackend()
	aes128 := mustDesc(algorithms.NewAES(testKey(16)))
	for _, n := range []int{0, 12, 15, 17} {
		r, err := b.CreateRandomNonceAEADCtx(aes128, (*modes.GCM)(nil), n)
		assert.ErrorIs(t, err, backends.ErrInvalidTagSize, "a %d-byte tag", n)
		assert.Nil(t, r)
	}
}

// TestZeroBackend checks the cipher and AEAD methods of a zero Backend and
// a nil *Backend: errors wrapping backends.ErrInvalidArgument that name
// the constructors, never support, never a panic.
func TestZeroBackendCiphers(t *testing.T) {
	aes128 := mustDesc(algorithms.NewAES(testKey(16)))
	cbc := mustDesc(modes.NewCBC(testKey(16)))
	for name, b := range map[string]*gocrypto.Backend{"Backend{}": {}, "(*Backend)(nil)": nil} {
		t.Run(name, func(t *testing.T) {
			assert.NotPanics(t, func() {
				assert.False(t, b.CipherSupported(aes128, cbc))
				assert.False(t, b.AEADSupported(aes128, (*modes.GCM)(nil)))
				assert.False(t, b.RandomNonceAEADSupported(aes128, (*modes.GCM)(nil)))
				for _, err := range []error{
					b.RegisterCipherAdapter(reflect.TypeOf(aes128), reflect.TypeOf(cbc), func(backends.CipherAlgorithm, backends.Mode) (string, bool) { return "aes-128-cbc", true }),
					errOf(b.CreateSymmetricEncryptionCtx(aes128, cbc)),
					errOf(b.CreateSymmetricDecryptionCtx(aes128, cbc)),
					errOf(b.CreateAEADCtx(aes128, (*modes.GCM)(nil), 16)),
					errOf(b.CreateRandomNonceAEADCtx(aes128, (*modes.GCM)(nil), 16)),
				} {
					assert.ErrorIs(t, err, backends.ErrInvalidArgument)
					if err != nil {
						assert.Contains(t, err.Error(), "NewBackend")
					}
				}
			})
		})
	}
}

func errOf[T any](_ T, err error) error { return err }

// TestAdapterNames checks that a registered adapter's name decides what
// runs, as in the OpenSSL backend: a name Go runs works for a descriptor
// type of the caller's own, a name it does not is "not in Go's crypto",
// and a pair with no adapter says so.
func TestAdapterNames(t *testing.T) {
	if gocrypto.Enforced() {
		t.Skip("uses AES-CTR and Camellia names, checked in every setting by TestConformanceCipherRefusals")
	}
	b := gocrypto.NewBackend()
	type myAES struct{ *algorithms.AES }
	alg := &myAES{mustDesc(algorithms.NewAES(testKey(16)))}
	ctr := mustDesc(modes.NewCTR(testKey(16)))
	err := errOf(b.CreateSymmetricEncryptionCtx(alg, ctr))
	assertRefused(t, err, backends.ReasonNoAdapter, "no adapter")

	name := "aes-128-ctr"
	require.NoError(t, b.RegisterCipherAdapter(reflect.TypeOf(alg), reflect.TypeOf(ctr),
		func(backends.CipherAlgorithm, backends.Mode) (string, bool) { return name, true }))
	err = b.RegisterCipherAdapter(reflect.TypeOf(alg), reflect.TypeOf(ctr),
		func(backends.CipherAlgorithm, backends.Mode) (string, bool) { return name, true })
	assert.ErrorIs(t, err, backends.ErrDuplicateAdapter)
	assert.True(t, b.CipherSupported(alg, ctr))
	ctx, err := b.CreateSymmetricEncryptionCtx(alg, ctr)
	require.NoError(t, err)
	out, err := ctx.Update([]byte("abc"))
	require.NoError(t, err)
	assert.Len(t, out, 3)

	name = "camellia-128-ctr"
	assert.False(t, b.CipherSupported(alg, ctr))
	assertRefused(t, errOf(b.CreateSymmetricEncryptionCtx(alg, ctr)), backends.ReasonUnsupportedCipher, "not in Go's crypto")

	name = "aes-256-ctr" // a 16-byte key for a 32-byte cipher
	assert.True(t, errors.Is(errOf(b.CreateSymmetricEncryptionCtx(alg, ctr)), backends.ErrInvalidKeySize))
	assert.NotPanics(t, func() { b.CipherSupported(alg, ctr) })
}
