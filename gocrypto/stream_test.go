package gocrypto_test

import (
	"bytes"
	"crypto/aes"
	"encoding/hex"
	"errors"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/chacha20"
	"golang.org/x/crypto/xts"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// TestXTSSectorTweak checks the XTS mapping: a tweak that is a
// little-endian sector number runs golang.org/x/crypto/xts with that
// sector, data units are whole blocks taken in one Update, and anything
// else is refused with its sentinel, nothing written.
func TestXTSSectorTweak(t *testing.T) {
	if gocrypto.FIPS() {
		t.Skip("XTS is refused in FIPS mode (TestConformanceCipherRefusals)")
	}
	b := gocrypto.NewBackend()
	for _, keyLen := range []int{32, 64} {
		k := testKey(keyLen)
		alg := mustDesc(algorithms.NewAES(k))
		ref := mustDesc(xts.NewCipher(aes.NewCipher, k))
		for _, sector := range []uint64{0, 1, 0x0123456789abcdef} {
			tweak := make([]byte, 16)
			for i := range 8 {
				tweak[i] = byte(sector >> (8 * i))
			}
			m := mustDesc(modes.NewXTS(tweak))
			pt := testKey(64)
			want := make([]byte, len(pt))
			ref.Encrypt(want, pt, sector)
			enc, err := b.CreateSymmetricEncryptionCtx(alg, m)
			require.NoError(t, err)
			got, err := enc.Update(pt)
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got), "%d-byte key, sector %#x", keyLen, sector)
			_, err = enc.Update(pt[:16])
			assert.ErrorIs(t, err, backends.ErrInvalidArgument, "a second data unit")
			dec, err := b.CreateSymmetricDecryptionCtx(alg, m)
			require.NoError(t, err)
			back, err := dec.Update(want)
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(pt), hex.EncodeToString(back))
		}
		ctx, err := b.CreateSymmetricEncryptionCtx(alg, mustDesc(modes.NewXTS(make([]byte, 16))))
		require.NoError(t, err)
		for _, n := range []int{15, 17, 33} {
			buf := bytes.Repeat([]byte{0xa5}, 64)
			k, err := ctx.UpdateInto(testKey(n), buf)
			assert.ErrorIs(t, err, backends.ErrInvalidDataLength, "%d bytes (Go's XTS has no ciphertext stealing)", n)
			assert.Equal(t, n > 16, errors.Is(err, backends.ErrUnsupportedAlgorithm), "%d bytes: a length OpenSSL takes is not in Go's crypto", n)
			assert.Zero(t, k)
			assert.Equal(t, bytes.Repeat([]byte{0xa5}, 64), buf, "a refused UpdateInto wrote")
		}
	}
}

// TestChaCha20Nonce checks the ChaCha20 mapping: OpenSSL's 16-byte IV is a
// 4-byte little-endian block counter and a 12-byte nonce (RFC 8439 2.3),
// and a stream that would take the counter past 2^32 is refused (Go stops
// there where OpenSSL carries into the nonce), nothing written.
func TestChaCha20Nonce(t *testing.T) {
	if gocrypto.FIPS() {
		t.Skip("ChaCha20 is refused in FIPS mode (TestConformanceCipherRefusals)")
	}
	b := gocrypto.NewBackend()
	k, nonce := testKey(32), testKey(12)
	for _, counter := range []uint32{0, 1, 7, 0xfffffffe} {
		iv := append([]byte{byte(counter), byte(counter >> 8), byte(counter >> 16), byte(counter >> 24)}, nonce...)
		ref := mustDesc(chacha20.NewUnauthenticatedCipher(k, nonce))
		ref.SetCounter(counter)
		pt := testKey(128)
		want := make([]byte, len(pt))
		ref.XORKeyStream(want, pt)
		ctx, err := b.CreateSymmetricEncryptionCtx(mustDesc(algorithms.NewChaCha20(k, iv)), nil)
		require.NoError(t, err)
		got, err := ctx.Update(pt)
		require.NoError(t, err)
		assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got), "counter %#x", counter)
	}

	// Counter 0xffffffff leaves one block.
	iv := append([]byte{0xff, 0xff, 0xff, 0xff}, nonce...)
	ctx, err := b.CreateSymmetricEncryptionCtx(mustDesc(algorithms.NewChaCha20(k, iv)), nil)
	require.NoError(t, err)
	buf := bytes.Repeat([]byte{0xa5}, 65)
	n, err := ctx.UpdateInto(testKey(65), buf)
	assert.ErrorIs(t, err, backends.ErrInvalidDataLength, "65 bytes from the last block")
	assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "OpenSSL carries into the nonce; Go does not")
	assert.Zero(t, n)
	assert.Equal(t, bytes.Repeat([]byte{0xa5}, 65), buf, "a refused UpdateInto wrote")
	n, err = ctx.UpdateInto(testKey(40), buf)
	require.NoError(t, err)
	assert.Equal(t, 40, n)
	n, err = ctx.UpdateInto(testKey(24), buf)
	require.NoError(t, err, "the rest of the last block")
	assert.Equal(t, 24, n)
	_, err = ctx.Update([]byte{1})
	assert.ErrorIs(t, err, backends.ErrInvalidDataLength, "past the last block")
	_, err = ctx.Update(nil)
	assert.NoError(t, err, "nothing more is fine")
}

// TestXTSEqualKeys checks that XTS with equal key halves is refused, as
// OpenSSL refuses it, though golang.org/x/crypto/xts would run it.
func TestXTSEqualKeys(t *testing.T) {
	if gocrypto.FIPS() {
		t.Skip("XTS is refused in FIPS mode (TestConformanceCipherRefusals)")
	}
	type plainAES struct{ *algorithms.AES } // no descriptor check of the halves
	b := gocrypto.NewBackend()
	alg := &plainAES{mustDesc(algorithms.NewAES(testKey(16)))}
	k := append(testKey(16), testKey(16)...)
	require.NoError(t, b.RegisterCipherAdapter(reflect.TypeOf(alg), reflect.TypeFor[*modes.XTS](),
		func(backends.CipherAlgorithm, backends.Mode) (string, bool) { return "aes-128-xts", true }))
	alg.AES = mustDesc(algorithms.NewAES(k))
	_, err := b.CreateSymmetricEncryptionCtx(alg, mustDesc(modes.NewXTS(make([]byte, 16))))
	assert.ErrorIs(t, err, backends.ErrInvalidKeySize)
}
