//go:build cgo

package ciphers_test

// Misuse: every wrong call returns an error wrapping the one sentinel of
// package backends that names the mistake, and none panics.

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// misuseSentinels are the sentinels a misuse error is checked against: it
// must match the one expected and no other.
var misuseSentinels = []error{
	backends.ErrUnsupportedAlgorithm, backends.ErrAlreadyFinalized, backends.ErrNotYetFinalized,
	backends.ErrInvalidTag, backends.ErrDuplicateAdapter, backends.ErrInvalidKeySize,
	backends.ErrInvalidIVSize, backends.ErrInvalidTagSize, backends.ErrInvalidDataLength,
	backends.ErrShortBuffer, backends.ErrInvalidBufferOverlap, backends.ErrInvalidArgument,
}

// misuseCheck asserts that err wraps want and no other sentinel.
func misuseCheck(t *testing.T, err, want error) {
	t.Helper()
	if !assert.ErrorIs(t, err, want) {
		return
	}
	for _, s := range misuseSentinels {
		if s != want {
			assert.False(t, errors.Is(err, s), "%v also matches %v", err, s)
		}
	}
}

func misuseSeq(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*13 + 1)
	}
	return b
}

func misuseAES(t *testing.T, keyLen int) *algorithms.AES {
	t.Helper()
	a, err := algorithms.NewAES(misuseSeq(keyLen))
	require.NoError(t, err)
	return a
}

func misuseTDES(t *testing.T) *algorithms.TripleDES {
	t.Helper()
	a, err := algorithms.NewTripleDES(misuseSeq(24))
	require.NoError(t, err)
	return a
}

// misuseMode returns m, a mode the test builds with valid parameters.
func misuseMode[M backends.Mode](m M, err error) M {
	if err != nil {
		panic(err)
	}
	return m
}

// misuseCtx returns a new context for alg in mode.
func misuseCtx(t *testing.T, alg backends.CipherAlgorithm, mode backends.Mode, encrypt bool) *ciphers.Context {
	t.Helper()
	c, err := newSSLCipher(alg, mode)
	require.NoError(t, err)
	var ctx *ciphers.Context
	if encrypt {
		ctx, err = c.Encryptor()
	} else {
		ctx, err = c.Decryptor()
	}
	require.NoError(t, err)
	return ctx
}

func misuseCBC(t *testing.T, encrypt bool) *ciphers.Context {
	return misuseCtx(t, misuseAES(t, 16), misuseMode(modes.NewCBC(misuseSeq(16))), encrypt)
}

func misuseCTR(t *testing.T) *ciphers.Context {
	return misuseCtx(t, misuseAES(t, 16), misuseMode(modes.NewCTR(misuseSeq(16))), true)
}

// misuseGCM returns a GCM context; tag is the mode's tag (nil for none).
func misuseGCM(t *testing.T, encrypt bool, tag []byte) *ciphers.Context {
	return misuseCtx(t, misuseAES(t, 16), misuseMode(modes.NewGCM(misuseSeq(12), tag)), encrypt)
}

// misuseGCMSealed encrypts msg with AAD aad under misuseGCM's key and IV
// and returns the ciphertext and the tag.
func misuseGCMSealed(t *testing.T, msg, aad []byte) (ct, tag []byte) {
	t.Helper()
	ctx := misuseGCM(t, true, nil)
	require.NoError(t, ctx.AuthenticateAdditionalData(aad))
	ct, err := ctx.Update(msg)
	require.NoError(t, err)
	_, err = ctx.Finalize()
	require.NoError(t, err)
	tag, err = ctx.Tag()
	require.NoError(t, err)
	return ct, tag
}

func misuseXTS(t *testing.T) *ciphers.Context {
	return misuseCtx(t, misuseAES(t, 32), misuseMode(modes.NewXTS(misuseSeq(16))), true)
}

// misuseFinalized returns ctx after a successful Finalize.
func misuseFinalized(t *testing.T, ctx *ciphers.Context) *ciphers.Context {
	t.Helper()
	_, err := ctx.Finalize()
	require.NoError(t, err)
	return ctx
}

// misuseMyCBC is a mode of the user's own, unknown to the default
// adapters: CBC under another name.
type misuseMyCBC struct{ iv []byte }

var _ backends.ModeWithIV = (*misuseMyCBC)(nil)

func (*misuseMyCBC) Name() string { return "MyCBC" }
func (m *misuseMyCBC) IV() []byte { return m.iv }
func (m *misuseMyCBC) ValidateForAlgorithm(alg backends.CipherAlgorithm) error {
	if alg == nil {
		return fmt.Errorf("MyCBC: nil algorithm: %w", backends.ErrInvalidArgument)
	}
	if len(m.iv) != 16 {
		return fmt.Errorf("MyCBC: IV of %d bytes: %w", len(m.iv), backends.ErrInvalidIVSize)
	}
	return nil
}

var (
	misuseAESType   = reflect.TypeFor[*algorithms.AES]()
	misuseMyCBCType = reflect.TypeFor[*misuseMyCBC]()
)

// misuseMyCBCAdapter names AES in MyCBC mode as OpenSSL's AES-CBC.
func misuseMyCBCAdapter(c backends.CipherAlgorithm, _ backends.Mode) (string, bool) {
	return fmt.Sprintf("aes-%d-cbc", c.KeySize()), true
}

// misuseBackendWith returns a new backend with adapter registered for
// (AES, MyCBC).
func misuseBackendWith(t *testing.T, adapter backends.CipherAdapter) *openssl.Backend {
	t.Helper()
	b := openssl.NewBackend()
	require.NoError(t, b.RegisterCipherAdapter(misuseAESType, misuseMyCBCType, adapter))
	return b
}

func misuseMyCBCEncryptor(t *testing.T, b backends.CipherBackend) error {
	c, err := ciphers.NewCipherWithBackend(misuseAES(t, 16), &misuseMyCBC{iv: misuseSeq(16)}, b)
	require.NoError(t, err)
	_, err = c.Encryptor()
	return err
}

type misuseCase struct {
	name string
	want error
	run  func(t *testing.T) error
}

func misuseCases() []misuseCase {
	var cases []misuseCase
	add := func(name string, want error, run func(t *testing.T) error) {
		cases = append(cases, misuseCase{name, want, run})
	}

	// Wrong IV length for every mode with an IV, on 8- and 16-byte blocks.
	ivModes := []struct {
		name string
		new  func(iv []byte) (backends.Mode, error)
	}{
		{"CBC", func(iv []byte) (backends.Mode, error) { return modes.NewCBC(iv) }},
		{"CTR", func(iv []byte) (backends.Mode, error) { return modes.NewCTR(iv) }},
		{"OFB", func(iv []byte) (backends.Mode, error) { return modes.NewOFB(iv) }},
		{"CFB", func(iv []byte) (backends.Mode, error) { return modes.NewCFB(iv) }},
		{"CFB8", func(iv []byte) (backends.Mode, error) { return modes.NewCFB8(iv) }},
	}
	for _, im := range ivModes {
		add(im.name+"/AES with an 8-byte IV", backends.ErrInvalidIVSize, func(t *testing.T) error {
			m, err := im.new(misuseSeq(8))
			require.NoError(t, err)
			_, err = newSSLCipher(misuseAES(t, 16), m)
			return err
		})
		add(im.name+"/TripleDES with a 16-byte IV", backends.ErrInvalidIVSize, func(t *testing.T) error {
			m, err := im.new(misuseSeq(16))
			require.NoError(t, err)
			_, err = newSSLCipher(misuseTDES(t), m)
			return err
		})
		add(im.name+"/empty IV", backends.ErrInvalidIVSize, func(t *testing.T) error {
			_, err := im.new(nil)
			return err
		})
		add(im.name+"/stream adapter with a 15-byte IV", backends.ErrInvalidIVSize, func(t *testing.T) error {
			m, err := im.new(misuseSeq(15))
			require.NoError(t, err)
			if im.name == "CBC" {
				_, err = ciphers.NewBlockModeEncrypter(misuseAES(t, 16), m)
			} else {
				_, err = ciphers.NewStreamEncrypter(misuseAES(t, 16), m)
			}
			return err
		})
	}

	// GCM parameters.
	add("GCM/empty nonce", backends.ErrInvalidIVSize, func(*testing.T) error {
		_, err := modes.NewGCM(nil, nil)
		return err
	})
	add("GCM/129-byte nonce", backends.ErrInvalidIVSize, func(*testing.T) error {
		_, err := modes.NewGCM(misuseSeq(129), nil)
		return err
	})
	add("GCM/tag given to the encryptor", backends.ErrInvalidArgument, func(t *testing.T) error {
		c, err := newSSLCipher(misuseAES(t, 16), misuseMode(modes.NewGCM(misuseSeq(12), misuseSeq(16))))
		require.NoError(t, err)
		ctx, err := c.Encryptor()
		assert.Nil(t, ctx)
		return err
	})
	add("GCM/12-byte tag, default minimum 16", backends.ErrInvalidTagSize, func(*testing.T) error {
		_, err := modes.NewGCM(misuseSeq(12), misuseSeq(12))
		return err
	})
	add("GCM/8-byte tag, minimum 12", backends.ErrInvalidTagSize, func(*testing.T) error {
		_, err := modes.NewGCMWithMinTagLength(misuseSeq(12), misuseSeq(8), 12)
		return err
	})
	add("GCM/17-byte tag", backends.ErrInvalidTagSize, func(*testing.T) error {
		_, err := modes.NewGCMWithMinTagLength(misuseSeq(12), misuseSeq(17), 4)
		return err
	})
	add("GCM/minimum tag length 3", backends.ErrInvalidTagSize, func(*testing.T) error {
		_, err := modes.NewGCMWithMinTagLength(misuseSeq(12), nil, 3)
		return err
	})
	add("GCM/minimum tag length 17", backends.ErrInvalidTagSize, func(*testing.T) error {
		_, err := modes.NewGCMWithMinTagLength(misuseSeq(12), nil, 17)
		return err
	})
	add("GCM/FinalizeWithTag shorter than the minimum", backends.ErrInvalidTagSize, func(t *testing.T) error {
		ct, tag := misuseGCMSealed(t, []byte("hello"), nil)
		ctx := misuseGCM(t, false, nil)
		_, err := ctx.Update(ct)
		require.NoError(t, err)
		_, err = ctx.FinalizeWithTag(tag[:12])
		return err
	})
	add("GCM/FinalizeWithTag of 17 bytes", backends.ErrInvalidTagSize, func(t *testing.T) error {
		_, err := misuseGCM(t, false, nil).FinalizeWithTag(misuseSeq(17))
		return err
	})
	add("GCM/Finalize of a decryptor without a tag", backends.ErrInvalidArgument, func(t *testing.T) error {
		_, err := misuseGCM(t, false, nil).Finalize()
		return err
	})
	add("GCM/TripleDES", backends.ErrUnsupportedAlgorithm, func(t *testing.T) error {
		_, err := newSSLCipher(misuseTDES(t), misuseMode(modes.NewGCM(misuseSeq(12), nil)))
		return err
	})

	// XTS.
	add("XTS/15-byte tweak", backends.ErrInvalidIVSize, func(*testing.T) error {
		_, err := modes.NewXTS(misuseSeq(15))
		return err
	})
	add("XTS/AES-128 key", backends.ErrInvalidKeySize, func(t *testing.T) error {
		_, err := newSSLCipher(misuseAES(t, 16), misuseMode(modes.NewXTS(misuseSeq(16))))
		return err
	})
	add("XTS/identical key halves", backends.ErrInvalidKeySize, func(t *testing.T) error {
		alg, err := algorithms.NewAES(bytes.Repeat(misuseSeq(16), 2))
		require.NoError(t, err)
		_, err = newSSLCipher(alg, misuseMode(modes.NewXTS(misuseSeq(16))))
		return err
	})
	add("XTS/Update with 15 bytes", backends.ErrInvalidDataLength, func(t *testing.T) error {
		_, err := misuseXTS(t).Update(misuseSeq(15))
		return err
	})
	add("XTS/UpdateInto with 15 bytes", backends.ErrInvalidDataLength, func(t *testing.T) error {
		_, err := misuseXTS(t).UpdateInto(misuseSeq(15), make([]byte, 32))
		return err
	})
	add("XTS/second Update", backends.ErrInvalidArgument, func(t *testing.T) error {
		ctx := misuseXTS(t)
		_, err := ctx.Update(misuseSeq(32))
		require.NoError(t, err)
		_, err = ctx.Update(misuseSeq(16))
		return err
	})

	// Partial blocks.
	add("ECB/partial block at Finalize", backends.ErrInvalidDataLength, func(t *testing.T) error {
		ctx := misuseCtx(t, misuseAES(t, 16), modes.NewECB(), true)
		out, err := ctx.Update(misuseSeq(20))
		require.NoError(t, err)
		assert.Len(t, out, 16)
		_, err = ctx.Finalize()
		return err
	})
	add("CBC/partial block at Finalize", backends.ErrInvalidDataLength, func(t *testing.T) error {
		ctx := misuseCBC(t, false)
		_, err := ctx.Update(misuseSeq(15))
		require.NoError(t, err)
		_, err = ctx.Finalize()
		return err
	})
	add("CBC/Finalize after a failed Finalize", backends.ErrAlreadyFinalized, func(t *testing.T) error {
		ctx := misuseCBC(t, true)
		_, err := ctx.Update(misuseSeq(1))
		require.NoError(t, err)
		_, err = ctx.Finalize()
		require.ErrorIs(t, err, backends.ErrInvalidDataLength)
		_, err = ctx.Finalize()
		return err
	})

	// After Finalize.
	add("CBC/Update after Finalize", backends.ErrAlreadyFinalized, func(t *testing.T) error {
		_, err := misuseFinalized(t, misuseCBC(t, true)).Update(misuseSeq(16))
		return err
	})
	add("CBC/UpdateInto after Finalize", backends.ErrAlreadyFinalized, func(t *testing.T) error {
		_, err := misuseFinalized(t, misuseCBC(t, true)).UpdateInto(misuseSeq(16), make([]byte, 16))
		return err
	})
	add("CBC/Finalize after Finalize", backends.ErrAlreadyFinalized, func(t *testing.T) error {
		_, err := misuseFinalized(t, misuseCBC(t, true)).Finalize()
		return err
	})
	add("CTR/empty Update after Finalize", backends.ErrAlreadyFinalized, func(t *testing.T) error {
		_, err := misuseFinalized(t, misuseCTR(t)).Update(nil)
		return err
	})
	add("GCM/Update after Finalize", backends.ErrAlreadyFinalized, func(t *testing.T) error {
		_, err := misuseFinalized(t, misuseGCM(t, true, nil)).Update(misuseSeq(16))
		return err
	})
	add("GCM/UpdateInto after Finalize", backends.ErrAlreadyFinalized, func(t *testing.T) error {
		_, err := misuseFinalized(t, misuseGCM(t, true, nil)).UpdateInto(misuseSeq(16), make([]byte, 16))
		return err
	})
	add("GCM/Finalize after Finalize", backends.ErrAlreadyFinalized, func(t *testing.T) error {
		_, err := misuseFinalized(t, misuseGCM(t, true, nil)).Finalize()
		return err
	})
	add("GCM/AAD after Finalize", backends.ErrAlreadyFinalized, func(t *testing.T) error {
		return misuseFinalized(t, misuseGCM(t, true, nil)).AuthenticateAdditionalData([]byte("late"))
	})
	add("GCM/FinalizeWithTag after FinalizeWithTag", backends.ErrAlreadyFinalized, func(t *testing.T) error {
		ct, tag := misuseGCMSealed(t, []byte("hello"), nil)
		ctx := misuseGCM(t, false, nil)
		_, err := ctx.Update(ct)
		require.NoError(t, err)
		_, err = ctx.FinalizeWithTag(tag)
		require.NoError(t, err)
		_, err = ctx.FinalizeWithTag(tag)
		return err
	})
	add("GCM/Update after a tag mismatch", backends.ErrAlreadyFinalized, func(t *testing.T) error {
		ctx := misuseGCM(t, false, nil)
		_, err := ctx.FinalizeWithTag(misuseSeq(16))
		require.ErrorIs(t, err, backends.ErrInvalidTag)
		_, err = ctx.Update(misuseSeq(16))
		return err
	})

	// Additional data and tags.
	add("GCM/AAD after Update", backends.ErrInvalidArgument, func(t *testing.T) error {
		ctx := misuseGCM(t, true, nil)
		_, err := ctx.Update(misuseSeq(5))
		require.NoError(t, err)
		return ctx.AuthenticateAdditionalData([]byte("late"))
	})
	add("GCM/AAD after UpdateInto", backends.ErrInvalidArgument, func(t *testing.T) error {
		ctx := misuseGCM(t, false, misuseSeq(16))
		_, err := ctx.UpdateInto(misuseSeq(5), make([]byte, 5))
		require.NoError(t, err)
		return ctx.AuthenticateAdditionalData([]byte("late"))
	})
	add("CBC/AAD", backends.ErrInvalidArgument, func(t *testing.T) error {
		return misuseCBC(t, true).AuthenticateAdditionalData([]byte("aad"))
	})
	add("CTR/AAD", backends.ErrInvalidArgument, func(t *testing.T) error {
		return misuseCTR(t).AuthenticateAdditionalData(nil)
	})
	add("GCM/Tag before Finalize", backends.ErrNotYetFinalized, func(t *testing.T) error {
		ctx := misuseGCM(t, true, nil)
		_, err := ctx.Update(misuseSeq(5))
		require.NoError(t, err)
		tag, err := ctx.Tag()
		assert.Nil(t, tag)
		return err
	})
	add("GCM/Tag on a decryptor", backends.ErrInvalidArgument, func(t *testing.T) error {
		_, err := misuseFinalized(t, misuseGCM(t, false, misuseGCMTagOfEmpty(t))).Tag()
		return err
	})
	add("CBC/Tag", backends.ErrInvalidArgument, func(t *testing.T) error {
		_, err := misuseFinalized(t, misuseCBC(t, true)).Tag()
		return err
	})
	add("GCM/FinalizeWithTag on an encryptor", backends.ErrInvalidArgument, func(t *testing.T) error {
		_, err := misuseGCM(t, true, nil).FinalizeWithTag(misuseSeq(16))
		return err
	})
	add("CBC/FinalizeWithTag", backends.ErrInvalidArgument, func(t *testing.T) error {
		_, err := misuseCBC(t, false).FinalizeWithTag(misuseSeq(16))
		return err
	})
	add("GCM/FinalizeWithTag when the mode has a tag", backends.ErrInvalidArgument, func(t *testing.T) error {
		tag := misuseGCMTagOfEmpty(t)
		_, err := misuseGCM(t, false, tag).FinalizeWithTag(tag)
		return err
	})
	add("GCM/wrong tag in the mode", backends.ErrInvalidTag, func(t *testing.T) error {
		ct, tag := misuseGCMSealed(t, []byte("attack at dawn"), []byte("header"))
		tag[5] ^= 0x40
		ctx := misuseGCM(t, false, tag)
		require.NoError(t, ctx.AuthenticateAdditionalData([]byte("header")))
		_, err := ctx.Update(ct)
		require.NoError(t, err)
		out, err := ctx.Finalize()
		assert.Nil(t, out)
		misuseOpaqueTagError(t, err)
		return err
	})
	add("GCM/wrong tag at FinalizeWithTag", backends.ErrInvalidTag, func(t *testing.T) error {
		ct, tag := misuseGCMSealed(t, []byte("attack at dawn"), nil)
		ctx := misuseGCM(t, false, nil)
		_, err := ctx.Update(ct)
		require.NoError(t, err)
		_, err = ctx.FinalizeWithTag(append(tag[:15:15], tag[15]^1))
		misuseOpaqueTagError(t, err)
		return err
	})
	add("GCM/wrong AAD", backends.ErrInvalidTag, func(t *testing.T) error {
		ct, tag := misuseGCMSealed(t, []byte("attack at dawn"), []byte("header"))
		ctx := misuseGCM(t, false, nil)
		require.NoError(t, ctx.AuthenticateAdditionalData([]byte("Header")))
		_, err := ctx.Update(ct)
		require.NoError(t, err)
		_, err = ctx.FinalizeWithTag(tag)
		misuseOpaqueTagError(t, err)
		return err
	})
	add("GCM/wrong truncated tag", backends.ErrInvalidTag, func(t *testing.T) error {
		ct, tag := misuseGCMSealed(t, []byte("attack at dawn"), nil)
		m := misuseMode(modes.NewGCMWithMinTagLength(misuseSeq(12), nil, 12))
		ctx := misuseCtx(t, misuseAES(t, 16), m, false)
		_, err := ctx.Update(ct)
		require.NoError(t, err)
		tag[11] ^= 0x80
		_, err = ctx.FinalizeWithTag(tag[:12])
		misuseOpaqueTagError(t, err)
		return err
	})

	// Output buffers: nothing is written when the call fails.
	shortBuffer := func(name string, ctx func(t *testing.T) *ciphers.Context, before, data []byte, bufLen int) {
		add(name, backends.ErrShortBuffer, func(t *testing.T) error {
			c := ctx(t)
			if len(before) > 0 {
				_, err := c.Update(before)
				require.NoError(t, err)
			}
			buf := bytes.Repeat([]byte{0xAA}, bufLen)
			n, err := c.UpdateInto(data, buf)
			assert.Zero(t, n)
			assert.Equal(t, strings.Repeat("aa", bufLen), fmt.Sprintf("%x", buf), "the buffer was written")
			return err
		})
	}
	shortBuffer("CTR/UpdateInto a short buffer", misuseCTR, nil, misuseSeq(40), 39)
	shortBuffer("CBC/UpdateInto a short buffer", func(t *testing.T) *ciphers.Context { return misuseCBC(t, true) }, nil, misuseSeq(32), 31)
	shortBuffer("CBC/UpdateInto a short buffer after a partial block", func(t *testing.T) *ciphers.Context { return misuseCBC(t, false) },
		misuseSeq(10), misuseSeq(10), 15)
	shortBuffer("GCM/UpdateInto a short buffer", func(t *testing.T) *ciphers.Context { return misuseGCM(t, true, nil) }, nil, misuseSeq(17), 16)
	add("CTR/UpdateInto an inexactly overlapping buffer", backends.ErrInvalidBufferOverlap, func(t *testing.T) error {
		b := misuseSeq(41)
		n, err := misuseCTR(t).UpdateInto(b[:40], b[1:])
		assert.Zero(t, n)
		assert.Equal(t, fmt.Sprintf("%x", misuseSeq(41)), fmt.Sprintf("%x", b), "the buffer was written")
		return err
	})
	add("GCM/UpdateInto an inexactly overlapping buffer", backends.ErrInvalidBufferOverlap, func(t *testing.T) error {
		b := misuseSeq(64)
		_, err := misuseGCM(t, true, nil).UpdateInto(b[16:48], b[:32])
		return err
	})
	add("CBC/UpdateInto in place with a partial block pending", backends.ErrInvalidBufferOverlap, func(t *testing.T) error {
		ctx := misuseCBC(t, true)
		_, err := ctx.Update(misuseSeq(8))
		require.NoError(t, err)
		// 8 pending + 8 more = one block out, written over the input.
		b := misuseSeq(16)
		_, err = ctx.UpdateInto(b[:8], b)
		return err
	})

	// Nil and mismatched descriptors.
	add("nil algorithm", backends.ErrInvalidArgument, func(t *testing.T) error {
		_, err := newSSLCipher(nil, misuseMode(modes.NewCBC(misuseSeq(16))))
		return err
	})
	add("nil *AES", backends.ErrInvalidArgument, func(t *testing.T) error {
		_, err := newSSLCipher((*algorithms.AES)(nil), misuseMode(modes.NewCBC(misuseSeq(16))))
		return err
	})
	add("block cipher without a mode", backends.ErrInvalidArgument, func(t *testing.T) error {
		_, err := newSSLCipher(misuseAES(t, 16), nil)
		return err
	})
	add("block cipher with a nil *CBC", backends.ErrInvalidArgument, func(t *testing.T) error {
		_, err := newSSLCipher(misuseAES(t, 16), (*modes.CBC)(nil))
		return err
	})
	add("nil backend", backends.ErrInvalidArgument, func(t *testing.T) error {
		_, err := ciphers.NewCipherWithBackend(misuseAES(t, 16), modes.NewECB(), nil)
		return err
	})
	add("AES without a key", backends.ErrInvalidKeySize, func(t *testing.T) error {
		_, err := newSSLCipher(&algorithms.AES{}, misuseMode(modes.NewCBC(misuseSeq(16))))
		return err
	})
	add("AES key of 15 bytes", backends.ErrInvalidKeySize, func(*testing.T) error {
		_, err := algorithms.NewAES(misuseSeq(15))
		return err
	})
	add("512-bit AES key outside XTS", backends.ErrInvalidKeySize, func(t *testing.T) error {
		_, err := newSSLCipher(misuseAES(t, 64), misuseMode(modes.NewCBC(misuseSeq(16))))
		return err
	})
	add("TripleDES key of 12 bytes", backends.ErrInvalidKeySize, func(*testing.T) error {
		_, err := algorithms.NewTripleDES(misuseSeq(12))
		return err
	})
	add("ChaCha20 with a 12-byte nonce", backends.ErrInvalidIVSize, func(*testing.T) error {
		_, err := algorithms.NewChaCha20(misuseSeq(32), misuseSeq(12))
		return err
	})
	add("ARC4 with a CBC mode", backends.ErrUnsupportedAlgorithm, func(t *testing.T) error {
		alg, err := algorithms.NewARC4(misuseSeq(16))
		require.NoError(t, err)
		_, err = newSSLCipher(alg, misuseMode(modes.NewCBC(misuseSeq(16))))
		return err
	})
	add("ChaCha20 with a CTR mode", backends.ErrUnsupportedAlgorithm, func(t *testing.T) error {
		alg, err := algorithms.NewChaCha20(misuseSeq(32), misuseSeq(16))
		require.NoError(t, err)
		_, err = newSSLCipher(alg, misuseMode(modes.NewCTR(misuseSeq(16))))
		return err
	})
	add("ARC4 with ECB", backends.ErrUnsupportedAlgorithm, func(t *testing.T) error {
		alg, err := algorithms.NewARC4(misuseSeq(16))
		require.NoError(t, err)
		_, err = newSSLCipher(alg, modes.NewECB())
		return err
	})
	add("Camellia in GCM (no such EVP cipher)", backends.ErrUnsupportedAlgorithm, func(t *testing.T) error {
		alg, err := algorithms.NewCamellia(misuseSeq(16))
		require.NoError(t, err)
		c, err := newSSLCipher(alg, misuseMode(modes.NewGCM(misuseSeq(12), nil)))
		require.NoError(t, err)
		assert.False(t, sslSupported(alg, misuseMode(modes.NewGCM(misuseSeq(12), nil))))
		_, err = c.Decryptor()
		return err
	})

	// The Go-interface adapters' constructors.
	add("stream adapter with CBC", backends.ErrInvalidArgument, func(t *testing.T) error {
		_, err := ciphers.NewStreamEncrypter(misuseAES(t, 16), misuseMode(modes.NewCBC(misuseSeq(16))))
		return err
	})
	add("stream adapter with GCM", backends.ErrInvalidArgument, func(t *testing.T) error {
		_, err := ciphers.NewStreamDecrypter(misuseAES(t, 16), misuseMode(modes.NewGCM(misuseSeq(12), nil)))
		return err
	})
	add("stream adapter for AES without a mode", backends.ErrInvalidArgument, func(t *testing.T) error {
		_, err := ciphers.NewStreamEncrypter(misuseAES(t, 16), nil)
		return err
	})
	add("BlockMode adapter with CTR", backends.ErrInvalidArgument, func(t *testing.T) error {
		_, err := ciphers.NewBlockModeEncrypter(misuseAES(t, 16), misuseMode(modes.NewCTR(misuseSeq(16))))
		return err
	})
	add("BlockMode adapter with XTS", backends.ErrInvalidArgument, func(t *testing.T) error {
		_, err := ciphers.NewBlockModeDecrypter(misuseAES(t, 32), misuseMode(modes.NewXTS(misuseSeq(16))))
		return err
	})
	add("Block adapter for a nil algorithm", backends.ErrInvalidArgument, func(*testing.T) error {
		_, err := ciphers.NewBlock(nil)
		return err
	})
	add("Block adapter for a 512-bit AES key", backends.ErrInvalidKeySize, func(t *testing.T) error {
		_, err := ciphers.NewBlock(misuseAES(t, 64))
		return err
	})

	// The adapter registry.
	add("RegisterCipherAdapter for a default pair", backends.ErrDuplicateAdapter, func(*testing.T) error {
		return openssl.NewBackend().RegisterCipherAdapter(misuseAESType, reflect.TypeFor[*modes.CBC](), misuseMyCBCAdapter)
	})
	add("RegisterCipherAdapter twice", backends.ErrDuplicateAdapter, func(t *testing.T) error {
		return misuseBackendWith(t, misuseMyCBCAdapter).RegisterCipherAdapter(misuseAESType, misuseMyCBCType, misuseMyCBCAdapter)
	})
	add("RegisterCipherAdapter without a cipher type", backends.ErrInvalidArgument, func(*testing.T) error {
		return openssl.NewBackend().RegisterCipherAdapter(nil, misuseMyCBCType, misuseMyCBCAdapter)
	})
	add("RegisterCipherAdapter without an adapter", backends.ErrInvalidArgument, func(*testing.T) error {
		return openssl.NewBackend().RegisterCipherAdapter(misuseAESType, misuseMyCBCType, nil)
	})
	add("a mode no adapter knows", backends.ErrUnsupportedAlgorithm, func(t *testing.T) error {
		err := misuseMyCBCEncryptor(t, openssl.NewBackend())
		var uerr *backends.UnsupportedAlgorithmError
		if assert.ErrorAs(t, err, &uerr) {
			assert.Equal(t, backends.ReasonNoAdapter, uerr.Reason)
			assert.Equal(t, "AES", uerr.Algorithm)
			assert.Equal(t, "MyCBC", uerr.Mode)
		}
		return err
	})
	add("an adapter naming a cipher OpenSSL does not know", backends.ErrUnsupportedAlgorithm, func(t *testing.T) error {
		b := misuseBackendWith(t, func(backends.CipherAlgorithm, backends.Mode) (string, bool) {
			return "aes-128-no-such-mode", true
		})
		assert.False(t, b.CipherSupported(misuseAES(t, 16), &misuseMyCBC{iv: misuseSeq(16)}))
		return misuseMyCBCEncryptor(t, b)
	})
	add("an adapter that declines the pair", backends.ErrUnsupportedAlgorithm, func(t *testing.T) error {
		b := misuseBackendWith(t, func(backends.CipherAlgorithm, backends.Mode) (string, bool) { return "", false })
		err := misuseMyCBCEncryptor(t, b)
		var uerr *backends.UnsupportedAlgorithmError
		if assert.ErrorAs(t, err, &uerr) {
			assert.Equal(t, backends.ReasonUnsupportedCipher, uerr.Reason)
		}
		return err
	})
	add("an adapter naming a cipher whose IV does not fit", backends.ErrInvalidIVSize, func(t *testing.T) error {
		b := misuseBackendWith(t, func(backends.CipherAlgorithm, backends.Mode) (string, bool) { return "aes-128-ecb", true })
		return misuseMyCBCEncryptor(t, b)
	})
	return cases
}

// misuseGCMTagOfEmpty returns the tag of the empty message under
// misuseGCM's key and IV.
func misuseGCMTagOfEmpty(t *testing.T) []byte {
	t.Helper()
	_, tag := misuseGCMSealed(t, nil, nil)
	return tag
}

// misuseOpaqueTagError asserts that an authentication failure says nothing
// but that: the bare sentinel, or its text exactly.
func misuseOpaqueTagError(t *testing.T, err error) {
	t.Helper()
	if err == backends.ErrInvalidTag {
		return
	}
	require.Error(t, err)
	assert.Equal(t, backends.ErrInvalidTag.Error(), err.Error(), "an authentication failure carries no detail")
}

func TestMisuse(t *testing.T) {
	cases := misuseCases()
	require.GreaterOrEqual(t, len(cases), 40)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			assert.NotPanics(t, func() { err = tc.run(t) })
			misuseCheck(t, err, tc.want)
		})
	}
}

// TestMisuseUserAdapter registers an adapter for a pair of the user's own
// (AES with the MyCBC mode type, named as OpenSSL's AES-CBC) and checks
// that it works through NewCipherWithBackend, and only on that backend.
func TestMisuseUserAdapter(t *testing.T) {
	b := misuseBackendWith(t, misuseMyCBCAdapter)
	for _, keyLen := range []int{16, 24, 32} {
		key, iv, pt := misuseSeq(keyLen), misuseSeq(16)[8:], misuseSeq(80)
		iv = append(iv, misuseSeq(8)...)
		alg, err := algorithms.NewAES(key)
		require.NoError(t, err)
		mode := &misuseMyCBC{iv: iv}
		require.True(t, b.CipherSupported(alg, mode))
		assert.False(t, ciphers.Supported(alg, mode), "the default backend has no such adapter")

		c, err := ciphers.NewCipherWithBackend(alg, mode, b)
		require.NoError(t, err)
		enc, err := c.Encryptor()
		require.NoError(t, err)
		ct, err := enc.Update(pt)
		require.NoError(t, err)
		fin, err := enc.Finalize()
		require.NoError(t, err)
		ct = append(ct, fin...)

		gb, err := aes.NewCipher(key)
		require.NoError(t, err)
		want := make([]byte, len(pt))
		cipher.NewCBCEncrypter(gb, iv).CryptBlocks(want, pt)
		assert.Equal(t, fmt.Sprintf("%x", want), fmt.Sprintf("%x", ct), "AES-%d", keyLen*8)

		dec, err := c.Decryptor()
		require.NoError(t, err)
		back, err := dec.Update(ct)
		require.NoError(t, err)
		_, err = dec.Finalize()
		require.NoError(t, err)
		assert.Equal(t, fmt.Sprintf("%x", pt), fmt.Sprintf("%x", back))
	}
}

// TestMisuseGoAdapterPanics checks the documented panics of the
// crypto/cipher adapters, whose methods have no error result, as Go's own
// implementations panic.
func TestMisuseGoAdapterPanics(t *testing.T) {
	aes16 := misuseAES(t, 16)
	block, err := ciphers.NewBlock(aes16)
	require.NoError(t, err)
	ctr, err := ciphers.NewStreamEncrypter(aes16, misuseMode(modes.NewCTR(misuseSeq(16))))
	require.NoError(t, err)
	cbc, err := ciphers.NewBlockModeEncrypter(aes16, misuseMode(modes.NewCBC(misuseSeq(16))))
	require.NoError(t, err)

	buf := misuseSeq(64)
	cases := []struct {
		name string
		f    func()
	}{
		{"Block.Encrypt short src", func() { block.Encrypt(make([]byte, 16), buf[:15]) }},
		{"Block.Encrypt short dst", func() { block.Encrypt(make([]byte, 15), buf[:16]) }},
		{"Block.Decrypt short src", func() { block.Decrypt(make([]byte, 16), buf[:8]) }},
		{"Block.Encrypt inexact overlap", func() { block.Encrypt(buf[1:17], buf[:16]) }},
		{"Stream short dst", func() { ctr.XORKeyStream(make([]byte, 9), buf[:10]) }},
		{"Stream inexact overlap", func() { ctr.XORKeyStream(buf[2:34], buf[:32]) }},
		{"BlockMode partial block", func() { cbc.CryptBlocks(make([]byte, 32), buf[:20]) }},
		{"BlockMode short dst", func() { cbc.CryptBlocks(make([]byte, 16), buf[:32]) }},
		{"BlockMode inexact overlap", func() { cbc.CryptBlocks(buf[16:48], buf[:32]) }},
	}
	for _, tc := range cases {
		assert.Panics(t, tc.f, tc.name)
	}
	// The panics left the adapters usable.
	out := make([]byte, 16)
	assert.NotPanics(t, func() { block.Encrypt(out, buf[:16]) })
	assert.NotPanics(t, func() { ctr.XORKeyStream(out, buf[:16]) })
	assert.NotPanics(t, func() { cbc.CryptBlocks(out, buf[:16]) })
}

// A failed UpdateInto processes nothing, so additional data is still
// allowed after it.
func TestAADAfterFailedUpdateInto(t *testing.T) {
	alg, err := algorithms.NewAES(make([]byte, 16))
	require.NoError(t, err)
	mode, err := modes.NewGCM(make([]byte, 12), nil)
	require.NoError(t, err)
	c, err := newSSLCipher(alg, mode)
	require.NoError(t, err)
	e, err := c.Encryptor()
	require.NoError(t, err)
	_, err = e.UpdateInto([]byte("abc"), make([]byte, 1))
	require.ErrorIs(t, err, backends.ErrShortBuffer)
	assert.NoError(t, e.AuthenticateAdditionalData([]byte("x")))
}
