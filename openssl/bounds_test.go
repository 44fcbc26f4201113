//go:build cgo

package openssl_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// anyCipher is a descriptor for any EVP cipher, named as OpenSSL names it,
// with its IV or nonce carried by the cipher (no mode).
type anyCipher struct {
	evp        string
	key, nonce []byte
}

func (c *anyCipher) Name() string  { return c.evp }
func (c *anyCipher) KeySize() int  { return len(c.key) * 8 }
func (c *anyCipher) Key() []byte   { return c.key }
func (c *anyCipher) Nonce() []byte { return c.nonce }

func newAnyCipher(evp string, keyLen, ivLen int) *anyCipher {
	c := &anyCipher{evp: evp, key: make([]byte, keyLen)}
	for i := range c.key {
		c.key[i] = byte(i*7 + 1) // distinct halves, as XTS needs
	}
	if ivLen > 0 {
		c.nonce = bytes.Repeat([]byte{0xa6}, ivLen) // the RFC 3394 IV for KW
	}
	return c
}

// anyBackend is a backend with an adapter that passes the descriptor's EVP
// name through.
func anyBackend(t *testing.T) *openssl.Backend {
	t.Helper()
	b := openssl.NewBackend()
	require.NoError(t, b.RegisterCipherAdapter(reflect.TypeOf((*anyCipher)(nil)), nil,
		func(c backends.CipherAlgorithm, _ backends.Mode) (string, bool) { return c.(*anyCipher).evp, true }))
	return b
}

const guardLen = 64

// guarded returns a buffer of need bytes followed by guardLen guard bytes,
// all 0xa5, and a check that the guard bytes are untouched.
func guarded(need int) (buf []byte, intact func() bool) {
	all := bytes.Repeat([]byte{0xa5}, need+guardLen)
	return all[:need:need], func() bool { return bytes.Equal(all[need:], bytes.Repeat([]byte{0xa5}, guardLen)) }
}

// runExact runs one UpdateInto with a buffer of exactly the size the
// context asks for, checking that a buffer one byte shorter is refused
// without a write and that nothing lands past the buffer, then finalizes
// (with tag, when decrypting an authenticated cipher).
func runExact(t *testing.T, ctx backends.CipherContext, in, tag []byte) ([]byte, error) {
	t.Helper()
	need := max(openssl.UpdateBound(ctx, len(in)), 0)
	if need > 0 {
		short, intact := guarded(need - 1)
		_, err := ctx.UpdateInto(in, short)
		assert.Error(t, err, "a buffer one byte short of %d", need)
		assert.True(t, intact(), "a refused UpdateInto wrote past its buffer")
		assert.Equal(t, hex.EncodeToString(bytes.Repeat([]byte{0xa5}, need-1)), hex.EncodeToString(short), "a refused UpdateInto wrote")
	}
	buf, intact := guarded(need)
	n, err := ctx.UpdateInto(in, buf)
	assert.True(t, intact(), "UpdateInto of %d bytes wrote past a %d-byte buffer", len(in), need)
	if err != nil {
		return nil, err
	}
	if !assert.LessOrEqual(t, n, need, "bytes written against the bound") {
		n = need
	}
	out := append([]byte(nil), buf[:n]...)
	var fin []byte
	if d, ok := ctx.(backends.AEADDecryptionContext); ok && tag != nil {
		fin, err = d.FinalizeWithTag(tag)
	} else {
		fin, err = ctx.Finalize()
	}
	return append(out, fin...), err
}

// assertContractError checks that err is one the contract allows for a
// length the cipher cannot take.
func assertContractError(t *testing.T, err error) {
	t.Helper()
	var oe *openssl.Error
	assert.True(t, errors.Is(err, backends.ErrInvalidDataLength) || errors.Is(err, backends.ErrInvalidArgument) ||
		errors.As(err, &oe), "unexpected error: %v", err)
}

var boundLengths = []int{0, 1, 15, 16, 17, 31, 32, 40, 100}

// TestBoundsEveryProvidedCipher registers every cipher the loaded providers
// offer, under every name, and checks that it is either refused with
// ErrUnsupportedAlgorithm or never written past an exactly sized buffer,
// with output that matches a one-shot run of the same EVP cipher.
func TestBoundsEveryProvidedCipher(t *testing.T) {
	names := openssl.ProvidedCipherNames()
	require.NotEmpty(t, names)
	b := anyBackend(t)
	var tested, refused []string
	for _, name := range names {
		keyLen, ivLen, err := openssl.CipherLengths(name)
		if err != nil {
			keyLen, ivLen = 16, 16
		}
		c := newAnyCipher(name, keyLen, ivLen)
		if _, err := b.CreateSymmetricEncryptionCtx(c, nil); err != nil {
			if keyLen == 0 {
				// The null cipher: a descriptor without a key is refused.
				require.ErrorIs(t, err, backends.ErrInvalidKeySize, name)
			} else {
				require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, name)
			}
			assert.False(t, b.CipherSupported(c, nil), name)
			refused = append(refused, name)
			t.Logf("refused %s: %v", name, err)
			continue
		}
		assert.True(t, b.CipherSupported(c, nil), name)
		tested = append(tested, name)
		t.Run(name, func(t *testing.T) {
			for _, n := range boundLengths {
				checkBounds(t, b, c, n)
			}
		})
	}
	sort.Strings(tested)
	t.Logf("FIPS mode %v: %d cipher names, %d tested, %d refused", openssl.FIPS(), len(names), len(tested), len(refused))
}

func checkBounds(t *testing.T, b *openssl.Backend, c *anyCipher, n int) {
	msg := make([]byte, n)
	for i := range msg {
		msg[i] = byte(i*13 + 5)
	}
	enc, err := b.CreateSymmetricEncryptionCtx(c, nil)
	require.NoError(t, err)
	ct, encErr := runExact(t, enc, msg, nil)

	// Update allocates the bound itself and must not panic.
	enc2, err := b.CreateSymmetricEncryptionCtx(c, nil)
	require.NoError(t, err)
	var ct2 []byte
	var encErr2 error
	assert.NotPanics(t, func() {
		ct2, encErr2 = enc2.Update(msg)
		if encErr2 == nil {
			var fin []byte
			fin, encErr2 = enc2.Finalize()
			ct2 = append(ct2, fin...)
		}
	}, "%s Update of %d bytes", c.evp, n)

	want, refErr := openssl.ReferenceCipher(c.evp, c.key, c.nonce, msg, true)
	if encErr != nil {
		assertContractError(t, encErr)
		assert.Error(t, encErr2, "%s: UpdateInto failed but Update did not", c.evp)
		return
	}
	require.NoError(t, encErr2)
	if refErr != nil {
		t.Errorf("%s, %d bytes: hazmat encrypted, the reference failed: %v", c.evp, n, refErr)
		return
	}
	want2, _ := openssl.ReferenceCipher(c.evp, c.key, c.nonce, msg, true)
	assert.Len(t, ct, len(want), "%s, %d bytes", c.evp, n)
	assert.Len(t, ct2, len(want), "%s, %d bytes", c.evp, n)
	if bytes.Equal(want, want2) { // deterministic (the CMS 3DES wrap is not)
		assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(ct), "%s, %d bytes", c.evp, n)
		assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(ct2), "%s, %d bytes", c.evp, n)
	}

	var tag []byte
	if a, ok := enc.(backends.AEADEncryptionContext); ok {
		tag, err = a.Tag()
		require.NoError(t, err)
	}
	dec, err := b.CreateSymmetricDecryptionCtx(c, nil)
	require.NoError(t, err)
	pt, err := runExact(t, dec, ct, tag)
	require.NoError(t, err, "%s: decrypting %d bytes", c.evp, len(ct))
	assert.Equal(t, hex.EncodeToString(msg), hex.EncodeToString(pt), "%s round trip, %d bytes", c.evp, n)
}

// TestBoundsCTSUpdateInto: ciphertext stealing writes the whole input, so
// 31 bytes do not fit a 16-byte buffer (whole blocks of CBC).
func TestBoundsCTSUpdateInto(t *testing.T) {
	b := anyBackend(t)
	c := newAnyCipher("aes-128-cbc-cts", 16, 16)
	if !b.CipherSupported(c, nil) {
		t.Skip("aes-128-cbc-cts is not offered here")
	}
	msg := bytes.Repeat([]byte{7}, 31)
	ctx, err := b.CreateSymmetricEncryptionCtx(c, nil)
	require.NoError(t, err)
	buf, intact := guarded(16)
	n, err := ctx.UpdateInto(msg, buf)
	assert.ErrorIs(t, err, backends.ErrShortBuffer)
	assert.Zero(t, n)
	assert.True(t, intact(), "wrote past a 16-byte buffer")

	buf, intact = guarded(31)
	n, err = ctx.UpdateInto(msg, buf)
	require.NoError(t, err)
	assert.Equal(t, 31, n)
	assert.True(t, intact())
	fin, err := ctx.Finalize()
	require.NoError(t, err, "Finalize after a complete CTS message")
	assert.Empty(t, fin)
	want, err := openssl.ReferenceCipher("aes-128-cbc-cts", c.key, c.nonce, msg, true)
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(buf[:n]))
}

// TestBoundsKeyWrap: AES key wrap writes 8 bytes more than it reads, so a
// 32-byte buffer cannot take the wrap of 32 bytes, and Update allocates 40.
func TestBoundsKeyWrap(t *testing.T) {
	b := anyBackend(t)
	c := newAnyCipher("aes-128-wrap", 16, 8)
	require.True(t, b.CipherSupported(c, nil), "AES key wrap is in every provider")
	msg := bytes.Repeat([]byte{9}, 32)

	ctx, err := b.CreateSymmetricEncryptionCtx(c, nil)
	require.NoError(t, err)
	buf, intact := guarded(32)
	n, err := ctx.UpdateInto(msg, buf)
	assert.ErrorIs(t, err, backends.ErrShortBuffer)
	assert.Zero(t, n)
	assert.True(t, intact(), "wrote past a 32-byte buffer")

	ctx, err = b.CreateSymmetricEncryptionCtx(c, nil)
	require.NoError(t, err)
	var out []byte
	require.NotPanics(t, func() { out, err = ctx.Update(msg) })
	require.NoError(t, err)
	assert.Len(t, out, 40)
	_, err = ctx.Update(msg)
	assert.ErrorIs(t, err, backends.ErrInvalidArgument, "key wrap takes one Update")
}

// TestBoundsKeyWrapRFC3394 is the known answer of RFC 3394, section 4.1.
func TestBoundsKeyWrapRFC3394(t *testing.T) {
	kek, _ := hex.DecodeString("000102030405060708090a0b0c0d0e0f")
	data, _ := hex.DecodeString("00112233445566778899aabbccddeeff")
	b := anyBackend(t)
	c := &anyCipher{evp: "aes-128-wrap", key: kek, nonce: bytes.Repeat([]byte{0xa6}, 8)}
	ctx, err := b.CreateSymmetricEncryptionCtx(c, nil)
	require.NoError(t, err)
	ct, err := runExact(t, ctx, data, nil)
	require.NoError(t, err)
	assert.Equal(t, "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5", hex.EncodeToString(ct))

	dec, err := b.CreateSymmetricDecryptionCtx(c, nil)
	require.NoError(t, err)
	pt, err := runExact(t, dec, ct, nil)
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(data), hex.EncodeToString(pt))
}

// TestBoundsRefusals: ciphers whose output hazmat cannot bound, or that a
// streaming context cannot drive, are refused with a reason.
func TestBoundsRefusals(t *testing.T) {
	b := anyBackend(t)
	for _, tc := range []struct {
		name   string
		reason backends.Reason
	}{
		{"aes-128-cbc-hmac-sha1", backends.ReasonUnboundedOutput},
		{"aes-256-cbc-hmac-sha256", backends.ReasonUnboundedOutput},
		{"aes-128-ccm", backends.ReasonNotStreamable},
		{"aes-128-siv", backends.ReasonNotStreamable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			keyLen, ivLen, err := openssl.CipherLengths(tc.name)
			if err != nil {
				t.Skipf("%s is not offered here: %v", tc.name, err)
			}
			c := newAnyCipher(tc.name, keyLen, ivLen)
			assert.False(t, b.CipherSupported(c, nil))
			_, err = b.CreateSymmetricEncryptionCtx(c, nil)
			var ue *backends.UnsupportedAlgorithmError
			require.ErrorAs(t, err, &ue)
			assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
			assert.Equal(t, tc.reason, ue.Reason)
			assert.Contains(t, err.Error(), tc.name)
		})
	}
}

// TestBoundsNewAEAD gives every provided cipher name to NewAEAD: it is
// refused, or Seal writes exactly plaintext and tag into dst's capacity
// and Open gives the plaintext back. OCB, whose final call writes the last
// partial block, was once accepted and wrote it past a one-byte buffer.
func TestBoundsNewAEAD(t *testing.T) {
	b := openssl.DefaultBackend()
	nonce := bytes.Repeat([]byte{3}, 12)
	var tested []string
	for _, name := range openssl.ProvidedCipherNames() {
		keyLen, _, err := openssl.CipherLengths(name)
		if err != nil {
			continue
		}
		a, err := b.NewAEAD(name, name, newAnyCipher(name, keyLen, 0).key, 16)
		if err != nil {
			assert.True(t, errors.Is(err, backends.ErrUnsupportedAlgorithm) || errors.Is(err, backends.ErrInvalidArgument),
				"%s: %v", name, err)
			continue
		}
		tested = append(tested, name)
		for _, n := range boundLengths {
			msg := bytes.Repeat([]byte{byte(n)}, n)
			dst, intact := guarded(n + 16)
			sealed, err := a.Seal(dst[:0], nonce, msg, nil)
			require.NoError(t, err, "%s seal of %d bytes", name, n)
			assert.True(t, intact(), "%s: Seal of %d bytes wrote past dst", name, n)
			assert.Len(t, sealed, n+16)
			opened, err := a.Open(nil, nonce, sealed, nil)
			require.NoError(t, err, "%s open of %d bytes", name, n)
			assert.Equal(t, hex.EncodeToString(msg), hex.EncodeToString(opened), name)
		}
	}
	t.Logf("NewAEAD: %d cipher names run: %v", len(tested), tested)

	_, err := b.NewAEAD("AES-OCB", "aes-128-ocb", make([]byte, 16), 16)
	if _, _, ferr := openssl.CipherLengths("aes-128-ocb"); ferr == nil {
		assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "OCB writes at its final call, which the one-shot helpers do not expect")
	}
}

// TestBoundsFailedUnwrap decrypts with every key wrap the providers offer,
// from a wrapped key that fails its integrity check, into a buffer of
// exactly the bound and in place: the unwrap fails, nothing lands past
// the bound, and the buffer keeps what it held. OpenSSL's RFC 5649 unwrap
// clears its output for the whole input length when the check fails, 8
// bytes past the bound, which the bound once let through.
func TestBoundsFailedUnwrap(t *testing.T) {
	b := anyBackend(t)
	var wraps []string
	for _, name := range openssl.ProvidedCipherNames() {
		if strings.Contains(strings.ToLower(name), "wrap") {
			wraps = append(wraps, name)
		}
	}
	require.NotEmpty(t, wraps, "AES key wrap is in every provider")
	for _, name := range wraps {
		keyLen, ivLen, err := openssl.CipherLengths(name)
		require.NoError(t, err, name)
		c := newAnyCipher(name, keyLen, ivLen)
		if !b.CipherSupported(c, nil) {
			continue
		}
		t.Run(name, func(t *testing.T) {
			for _, n := range []int{16, 24, 32, 40, 48} {
				wrapped := bytes.Repeat([]byte{0x3c}, n) // fails the check of every wrap
				dec, err := b.CreateSymmetricDecryptionCtx(c, nil)
				require.NoError(t, err)
				need := openssl.UpdateBound(dec, n)
				buf, intact := guarded(need)
				_, err = dec.UpdateInto(wrapped, buf)
				assert.Error(t, err, "%d bytes", n)
				assert.True(t, intact(), "a failed unwrap of %d bytes wrote past its %d-byte buffer", n, need)
				assert.Equal(t, hex.EncodeToString(bytes.Repeat([]byte{0xa5}, need)), hex.EncodeToString(buf),
					"a failed unwrap of %d bytes wrote into the buffer", n)

				// In place: the input is the buffer; the bytes past the bound are the caller's.
				all := append(bytes.Clone(wrapped), bytes.Repeat([]byte{0xa5}, guardLen)...)
				dec, err = b.CreateSymmetricDecryptionCtx(c, nil)
				require.NoError(t, err)
				_, err = dec.UpdateInto(all[:n], all[:n])
				assert.Error(t, err, "%d bytes in place", n)
				assert.Equal(t, hex.EncodeToString(wrapped), hex.EncodeToString(all[:n]), "a failed unwrap in place changed its input")
				assert.Equal(t, hex.EncodeToString(bytes.Repeat([]byte{0xa5}, guardLen)), hex.EncodeToString(all[n:]),
					"a failed unwrap in place of %d bytes wrote past them", n)
			}
		})
	}
}

// TestKeyLengthRefusedByOpenSSL: ciphers that list their key length as
// settable but take one length only are left to OpenSSL to refuse a key
// of another length; the error still wraps ErrInvalidKeySize.
func TestKeyLengthRefusedByOpenSSL(t *testing.T) {
	b := anyBackend(t)
	for _, tc := range []struct {
		name   string
		keyLen int
	}{
		{"aes-128-xts", 16},
		{"aes-256-xts", 32},
		{"chacha20", 16},
		{"aes-128-ocb", 24},
		{"chacha20-poly1305", 16},
	} {
		t.Run(tc.name, func(t *testing.T) {
			keyLen, ivLen, err := openssl.CipherLengths(tc.name)
			if err != nil {
				t.Skipf("%s is not offered here: %v", tc.name, err)
			}
			require.NotEqual(t, keyLen, tc.keyLen)
			c := newAnyCipher(tc.name, tc.keyLen, ivLen)
			_, err = b.CreateSymmetricEncryptionCtx(c, nil)
			assert.ErrorIs(t, err, backends.ErrInvalidKeySize)
			_, err = b.CreateSymmetricDecryptionCtx(c, nil)
			assert.ErrorIs(t, err, backends.ErrInvalidKeySize)
			if tc.name == "chacha20-poly1305" {
				_, err = openssl.DefaultBackend().NewAEAD(tc.name, tc.name, c.key, 16)
				assert.ErrorIs(t, err, backends.ErrInvalidKeySize, "NewAEAD")
			}
		})
	}

	t.Run("XTS key with equal halves", func(t *testing.T) {
		c := newAnyCipher("aes-128-xts", 32, 16)
		copy(c.key[16:], c.key[:16])
		_, err := b.CreateSymmetricEncryptionCtx(c, nil)
		assert.ErrorIs(t, err, backends.ErrInvalidKeySize)
	})
}

// TestNonceLengthRefusedByOpenSSL: an authenticated cipher takes nonces of
// the lengths its provider accepts; another length is refused by OpenSSL,
// with an error that wraps ErrInvalidIVSize and nothing written to dst.
func TestNonceLengthRefusedByOpenSSL(t *testing.T) {
	b := openssl.DefaultBackend()
	for _, tc := range []struct {
		name     string
		nonceLen int
	}{
		{"aes-128-gcm", 0},
		{"aes-128-gcm", 200},
		{"chacha20-poly1305", 8},
		{"chacha20-poly1305", 16},
		{"aes-128-ccm", 6},
		{"aes-128-ccm", 14},
	} {
		t.Run(fmt.Sprintf("%s/%d", tc.name, tc.nonceLen), func(t *testing.T) {
			keyLen, _, err := openssl.CipherLengths(tc.name)
			if err != nil {
				t.Skipf("%s is not offered here: %v", tc.name, err)
			}
			a, err := b.NewAEAD(tc.name, tc.name, newAnyCipher(tc.name, keyLen, 0).key, 16)
			require.NoError(t, err)
			nonce := bytes.Repeat([]byte{4}, tc.nonceLen)
			for _, op := range []struct {
				name string
				run  func(dst []byte) ([]byte, error)
			}{
				{"Seal", func(dst []byte) ([]byte, error) { return a.Seal(dst, nonce, []byte("pay 100 to alice"), nil) }},
				{"Open", func(dst []byte) ([]byte, error) { return a.Open(dst, nonce, make([]byte, 32), nil) }},
			} {
				spare := bytes.Repeat([]byte{0xa5}, 64)
				out, err := op.run(spare[:0])
				assert.ErrorIs(t, err, backends.ErrInvalidIVSize, op.name)
				assert.Empty(t, out, op.name)
				assert.Equal(t, hex.EncodeToString(bytes.Repeat([]byte{0xa5}, 64)), hex.EncodeToString(spare),
					"%s with a refused nonce wrote into dst's capacity", op.name)
			}
			if tc.name == "aes-128-ccm" {
				return // the streaming context does not run CCM
			}
			c := newAnyCipher(tc.name, keyLen, 0)
			c.nonce = nonce
			_, err = anyBackend(t).CreateSymmetricEncryptionCtx(c, nil)
			assert.ErrorIs(t, err, backends.ErrInvalidIVSize, "CreateSymmetricEncryptionCtx")
		})
	}
}

// TestCCMMessageLength: a CCM nonce of n bytes leaves 15-n bytes for the
// message length, so a 13-byte nonce takes messages shorter than 64 KiB;
// a longer one is refused with ErrInvalidDataLength and dst untouched.
func TestCCMMessageLength(t *testing.T) {
	a, err := openssl.DefaultBackend().NewAEAD("AES-CCM", "aes-128-ccm", make([]byte, 16), 16)
	require.NoError(t, err)
	for _, tc := range []struct {
		nonceLen, n int
		ok          bool
	}{
		{13, 1<<16 - 1, true},
		{13, 1 << 16, false},
		{12, 1 << 16, true},
		{12, 1 << 24, false},
	} {
		dst, intact := guarded(0)
		out, err := a.Seal(dst, make([]byte, tc.nonceLen), make([]byte, tc.n), nil)
		if tc.ok {
			require.NoError(t, err, "%d bytes with a %d-byte nonce", tc.n, tc.nonceLen)
			assert.Len(t, out, tc.n+16)
			continue
		}
		assert.ErrorIs(t, err, backends.ErrInvalidDataLength, "%d bytes with a %d-byte nonce", tc.n, tc.nonceLen)
		assert.Empty(t, out)
		assert.True(t, intact(), "a refused Seal wrote into dst's capacity")
	}
}

// TestBoundsRandomNonceAEAD seals with provider-generated IVs into a
// buffer of exactly IV‖ciphertext‖tag, and opens into one of exactly the
// plaintext, in place too: nothing lands past either buffer.
func TestBoundsRandomNonceAEAD(t *testing.T) {
	for _, keyLen := range []int{16, 24, 32} {
		alg, err := algorithms.NewAES(bytes.Repeat([]byte{5}, keyLen))
		require.NoError(t, err)
		a, err := openssl.NewBackend().CreateRandomNonceAEADCtx(alg, (*modes.GCM)(nil), 16)
		require.NoError(t, err)
		for _, n := range boundLengths {
			msg := bytes.Repeat([]byte{byte(n)}, n)
			dst, intact := guarded(12 + n + 16)
			sealed, err := a.Seal(dst[:0], msg, nil)
			require.NoError(t, err, "AES-%d seal of %d bytes", keyLen*8, n)
			assert.True(t, intact(), "AES-%d: Seal of %d bytes wrote past dst", keyLen*8, n)
			require.Len(t, sealed, 12+n+16)

			pt, intact := guarded(n)
			opened, err := a.Open(pt[:0], sealed, nil)
			require.NoError(t, err)
			assert.True(t, intact(), "AES-%d: Open of %d bytes wrote past dst", keyLen*8, n)
			assert.Equal(t, hex.EncodeToString(msg), hex.EncodeToString(opened))

			inPlace, intact := guarded(12 + n + 16)
			copy(inPlace, msg)
			sealed, err = a.Seal(inPlace[:0], inPlace[:n], nil)
			require.NoError(t, err)
			assert.True(t, intact(), "AES-%d: in-place Seal of %d bytes wrote past the buffer", keyLen*8, n)
			opened, err = a.Open(sealed[:0], sealed, nil)
			require.NoError(t, err)
			assert.True(t, intact(), "AES-%d: in-place Open of %d bytes wrote past the buffer", keyLen*8, n)
			assert.Equal(t, hex.EncodeToString(msg), hex.EncodeToString(opened))
		}
	}
}
