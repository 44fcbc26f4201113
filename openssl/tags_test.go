//go:build cgo

package openssl_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// TestNewAEADTagLength checks every tag length NewAEAD may be given against
// the rules of its cipher: allowed ones seal and open, the others fail with
// ErrInvalidTagSize before anything is keyed, and none panics.
func TestNewAEADTagLength(t *testing.T) {
	odd := []int{math.MinInt, -90, -1, 0, 1, 2, 3, 17, 32, 1 << 31, math.MaxInt}
	cases := []struct {
		name  string
		key   int
		nonce int
		valid []int
	}{
		{"aes-128-gcm", 16, 12, []int{4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}},
		{"chacha20-poly1305", 32, 12, []int{16}},
		{"aes-128-ccm", 16, 13, []int{4, 6, 8, 10, 12, 14, 16}},
	}
	for n := 4; n <= 16; n++ {
		odd = append(odd, n)
	}
	b := openssl.DefaultBackend()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			key, nonce := bytes.Repeat([]byte{7}, tc.key), make([]byte, tc.nonce)
			if _, err := b.NewAEAD(tc.name, tc.name, key, 16); errors.Is(err, backends.ErrUnsupportedAlgorithm) {
				t.Skipf("%s is not offered here (FIPS mode: %v)", tc.name, openssl.FIPS())
			}
			for _, n := range odd {
				if contains(tc.valid, n) {
					a, err := b.NewAEAD(tc.name, tc.name, key, n)
					require.NoError(t, err, "tag of %d bytes", n)
					sealed, err := a.Seal(nil, nonce, []byte("pay 100 to alice"), nil)
					require.NoError(t, err)
					assert.Len(t, sealed, 16+n)
					got, err := a.Open(nil, nonce, sealed, nil)
					require.NoError(t, err)
					assert.Equal(t, "pay 100 to alice", string(got))
					continue
				}
				assert.NotPanics(t, func() {
					a, err := b.NewAEAD(tc.name, tc.name, key, n)
					assert.ErrorIs(t, err, backends.ErrInvalidTagSize, "tag of %d bytes", n)
					assert.Nil(t, a)
				}, "tag of %d bytes", n)
			}
		})
	}
}

func contains(s []int, n int) bool {
	for _, v := range s {
		if v == n {
			return true
		}
	}
	return false
}

// keyOnly is a cipher descriptor of a test's own, which an adapter maps to
// an authenticated EVP cipher. It carries a 12-byte nonce, which the
// backend uses when the adapter has no mode.
type keyOnly struct {
	evp        string
	key, nonce []byte
}

func namedCipher(evp string, keyLen int) *keyOnly {
	return &keyOnly{evp: evp, key: bytes.Repeat([]byte{7}, keyLen), nonce: make([]byte, 12)}
}

func (*keyOnly) Name() string    { return "KeyOnly" }
func (k *keyOnly) KeySize() int  { return len(k.key) * 8 }
func (k *keyOnly) Key() []byte   { return k.key }
func (k *keyOnly) Nonce() []byte { return k.nonce }

// aeadNonce is a mode of a test's own with a nonce and nothing to say of
// tags, as a user's adapter may pair with an authenticated cipher.
type aeadNonce struct{ nonce []byte }

func (*aeadNonce) Name() string                                        { return "AEADNonce" }
func (*aeadNonce) ValidateForAlgorithm(backends.CipherAlgorithm) error { return nil }
func (m *aeadNonce) Nonce() []byte                                     { return m.nonce }

// tagBackend returns a backend on which keyOnly, with no mode, with
// aeadNonce and with GCM, names the EVP cipher the descriptor carries.
func tagBackend(t *testing.T) *openssl.Backend {
	b := openssl.NewBackend()
	adapter := func(c backends.CipherAlgorithm, _ backends.Mode) (string, bool) { return c.(*keyOnly).evp, true }
	ct := reflect.TypeOf((*keyOnly)(nil))
	require.NoError(t, b.RegisterCipherAdapter(ct, nil, adapter))
	require.NoError(t, b.RegisterCipherAdapter(ct, reflect.TypeOf((*aeadNonce)(nil)), adapter))
	require.NoError(t, b.RegisterCipherAdapter(ct, reflect.TypeOf((*modes.GCM)(nil)), adapter))
	return b
}

// TestAEADCtxTagRules reaches authenticated ciphers through adapters with
// no mode, a mode that says nothing of tags, and GCM with and without a
// shorter minimum: ChaCha20-Poly1305 takes only whole 16-byte tags, GCM
// takes 16 unless the mode opts in to less, and a wrong tag of an allowed
// length is ErrInvalidTag.
func TestAEADCtxTagRules(t *testing.T) {
	b := tagBackend(t)
	nonce := make([]byte, 12)
	gcmMin := func(n int) backends.Mode {
		m, err := modes.NewGCMWithMinTagLength(nonce, nil, n)
		require.NoError(t, err)
		return m
	}
	cases := []struct {
		name  string
		evp   string
		key   int
		mode  backends.Mode
		valid []int // tag lengths FinalizeWithTag accepts
	}{
		{"chacha20-poly1305 with no mode", "chacha20-poly1305", 32, nil, []int{16}},
		{"aes-128-gcm with no mode", "aes-128-gcm", 16, nil, []int{16}},
		{"chacha20-poly1305 with a nonce mode", "chacha20-poly1305", 32, &aeadNonce{nonce}, []int{16}},
		{"chacha20-poly1305 with GCM of minimum 4", "chacha20-poly1305", 32, gcmMin(4), []int{16}},
		{"aes-128-gcm with a nonce mode", "aes-128-gcm", 16, &aeadNonce{nonce}, []int{16}},
		{"aes-128-gcm with GCM", "aes-128-gcm", 16, gcmMin(16), []int{16}},
		{"aes-128-gcm with GCM of minimum 12", "aes-128-gcm", 16, gcmMin(12), []int{12, 13, 14, 15, 16}},
		{"aes-128-gcm with GCM of minimum 4", "aes-128-gcm", 16, gcmMin(4), []int{4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}},
	}
	msg := []byte("pay 100 to alice")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			alg := namedCipher(tc.evp, tc.key)
			if !b.CipherSupported(alg, tc.mode) {
				t.Skipf("%s is not offered here (FIPS mode: %v)", tc.evp, openssl.FIPS())
			}
			enc, err := b.CreateSymmetricEncryptionCtx(alg, tc.mode)
			require.NoError(t, err)
			ct, err := enc.Update(msg)
			require.NoError(t, err)
			_, err = enc.Finalize()
			require.NoError(t, err)
			tag, err := enc.(backends.AEADEncryptionContext).Tag()
			require.NoError(t, err)
			require.Len(t, tag, 16)
			for n := 0; n <= 17; n++ {
				dec, err := b.CreateSymmetricDecryptionCtx(alg, tc.mode)
				require.NoError(t, err)
				_, err = dec.Update(ct)
				require.NoError(t, err)
				wrong := make([]byte, n)
				_, err = dec.(backends.AEADDecryptionContext).FinalizeWithTag(wrong)
				if !contains(tc.valid, n) {
					assert.ErrorIs(t, err, backends.ErrInvalidTagSize, "tag of %d bytes", n)
					continue
				}
				assert.ErrorIs(t, err, backends.ErrInvalidTag, "wrong tag of %d bytes", n)

				dec, err = b.CreateSymmetricDecryptionCtx(alg, tc.mode)
				require.NoError(t, err)
				pt, err := dec.Update(ct)
				require.NoError(t, err)
				_, err = dec.(backends.AEADDecryptionContext).FinalizeWithTag(tag[:n])
				require.NoError(t, err, "truncated tag of %d bytes", n)
				assert.Equal(t, hex.EncodeToString(msg), hex.EncodeToString(pt))
			}
		})
	}
}

// loose is an authenticated mode of a test's own that reports no minimum
// and carries whatever tag it is given.
type loose struct{ iv, tag []byte }

func (*loose) Name() string                                        { return "Loose" }
func (*loose) ValidateForAlgorithm(backends.CipherAlgorithm) error { return nil }
func (m *loose) IV() []byte                                        { return m.iv }
func (m *loose) Tag() []byte                                       { return m.tag }
func (*loose) MinTagLength() int                                   { return 0 }

// TestAEADCtxModeTagChecked checks that a tag carried by a mode is held to
// the cipher's rules when the context is created.
func TestAEADCtxModeTagChecked(t *testing.T) {
	b := tagBackend(t)
	require.NoError(t, b.RegisterCipherAdapter(reflect.TypeOf((*keyOnly)(nil)), reflect.TypeOf((*loose)(nil)),
		func(c backends.CipherAlgorithm, _ backends.Mode) (string, bool) { return c.(*keyOnly).evp, true }))
	gcm4, err := modes.NewGCMWithMinTagLength(make([]byte, 12), make([]byte, 4), 4)
	require.NoError(t, err)
	cases := []struct {
		name string
		evp  string
		key  int
		mode backends.Mode
	}{
		{"chacha20-poly1305, GCM with a 4-byte tag", "chacha20-poly1305", 32, gcm4},
		{"chacha20-poly1305, 15-byte tag", "chacha20-poly1305", 32, &loose{make([]byte, 12), make([]byte, 15)}},
		{"aes-128-gcm, 1-byte tag", "aes-128-gcm", 16, &loose{make([]byte, 12), make([]byte, 1)}},
		{"aes-128-gcm, 12-byte tag and no minimum", "aes-128-gcm", 16, &loose{make([]byte, 12), make([]byte, 12)}},
		{"aes-128-gcm, 17-byte tag", "aes-128-gcm", 16, &loose{make([]byte, 12), make([]byte, 17)}},
		{"aes-128-gcm, empty tag", "aes-128-gcm", 16, &loose{make([]byte, 12), []byte{}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			alg := namedCipher(tc.evp, tc.key)
			if !b.CipherSupported(alg, tc.mode) {
				t.Skipf("%s is not offered here (FIPS mode: %v)", tc.evp, openssl.FIPS())
			}
			ctx, err := b.CreateSymmetricDecryptionCtx(alg, tc.mode)
			assert.ErrorIs(t, err, backends.ErrInvalidTagSize)
			assert.Nil(t, ctx)
		})
	}
}

// TestAEADCtxRefusesCCM checks that CCM, whose tag length and message length
// must be fixed before the key is, is left to the one-shot AEAD.
func TestAEADCtxRefusesCCM(t *testing.T) {
	b := tagBackend(t)
	alg := namedCipher("aes-128-ccm", 16)
	for _, encrypt := range []bool{true, false} {
		var (
			ctx backends.CipherContext
			err error
		)
		assert.NotPanics(t, func() {
			if encrypt {
				ctx, err = b.CreateSymmetricEncryptionCtx(alg, &aeadNonce{make([]byte, 13)})
			} else {
				ctx, err = b.CreateSymmetricDecryptionCtx(alg, &aeadNonce{make([]byte, 13)})
			}
		})
		// Refused as not streamable, so CipherSupported says no too.
		assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
		assert.Nil(t, ctx)
	}
	assert.False(t, b.CipherSupported(alg, &aeadNonce{make([]byte, 13)}))
}
