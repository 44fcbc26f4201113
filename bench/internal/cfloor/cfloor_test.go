package cfloor

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrors(t *testing.T) {
	_, err := NewCipher("NO-SUCH-CIPHER", nil, nil, true)
	assert.ErrorContains(t, err, "NO-SUCH-CIPHER")
	_, err = NewDigest("NO-SUCH-DIGEST", 32)
	assert.Error(t, err)
	_, err = NewHMAC("NO-SUCH-DIGEST", 32, []byte("0123456789abcdef"))
	assert.Error(t, err)

	c, err := NewCipher("AES-128-GCM", make([]byte, 16), nil, true)
	require.NoError(t, err)
	assert.Error(t, c.GCMSeal(make([]byte, 12), make([]byte, 16), make([]byte, 16), 1), "short output")
	c.Close()
	c.Close()
	assert.ErrorIs(t, c.GCMSeal(make([]byte, 12), nil, make([]byte, 16), 1), errClosed)

	d, err := NewDigest("SHA2-256", 32)
	require.NoError(t, err)
	assert.Error(t, d.OneShot(nil, make([]byte, 31), 1), "short output")
	d.Close()
	assert.ErrorIs(t, d.Reused(nil, make([]byte, 32), 1), errClosed)
}

func TestGCMRoundTripAndTagCheck(t *testing.T) {
	key, iv := make([]byte, 16), make([]byte, 12)
	seal, err := NewCipher("AES-128-GCM", key, nil, true)
	require.NoError(t, err)
	defer seal.Close()
	open, err := NewCipher("AES-128-GCM", key, nil, false)
	require.NoError(t, err)
	defer open.Close()

	pt := []byte("sixty-four bytes of plaintext, give or take a handful of bytes..")
	ct := make([]byte, len(pt)+16)
	require.NoError(t, seal.GCMSeal(iv, pt, ct, 2))
	got := make([]byte, len(pt))
	require.NoError(t, open.GCMOpen(iv, ct, got, 2))
	assert.Equal(t, pt, got)

	ct[len(ct)-1] ^= 1
	assert.Error(t, open.GCMOpen(iv, ct, got, 1), "a forged tag must fail")
}

func TestDigests(t *testing.T) {
	msg := []byte("abc")
	want := sha256.Sum256(msg)
	d, err := NewDigest("SHA2-256", 32)
	require.NoError(t, err)
	defer d.Close()
	for name, f := range map[string]func([]byte, []byte, int) error{
		"OneShot": d.OneShot, "Reused": d.Reused, "Fresh": d.Fresh,
	} {
		out := make([]byte, 32)
		require.NoError(t, f(msg, out, 3), name)
		assert.Equal(t, want[:], out, name)
	}
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

// TestKeyOperations checks the KDF, CMAC and key-wrap loops against
// published answers (RFC 5869 A.1 for HKDF-SHA256, RFC 4493 section 4
// for CMAC-AES-128 of 16 bytes, RFC 3394 section 4.1 for key wrap) and
// PBKDF2-HMAC-SHA256 against Go's.
func TestKeyOperations(t *testing.T) {
	hkdf, err := NewKDF("HKDF")
	require.NoError(t, err)
	defer hkdf.Close()
	okm := make([]byte, 42)
	require.NoError(t, hkdf.HKDF(unhex(t, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
		unhex(t, "000102030405060708090a0b0c"), unhex(t, "f0f1f2f3f4f5f6f7f8f9"), okm, 2))
	assert.Equal(t, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
		hex.EncodeToString(okm))

	pb, err := NewKDF("PBKDF2")
	require.NoError(t, err)
	// Inputs within the FIPS provider's PBKDF2 bounds (a 16-byte salt,
	// 1,000 iterations, a 112-bit key), checked against Go's PBKDF2.
	pw, salt := []byte("passwordPASSWORDpassword"), []byte("saltSALTsaltSALT")
	want, err := pbkdf2.Key(sha256.New, string(pw), salt, 1000, 40)
	require.NoError(t, err)
	dk := make([]byte, 40)
	require.NoError(t, pb.PBKDF2(pw, salt, 1000, dk, 2))
	assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(dk))
	assert.Error(t, pb.PBKDF2([]byte("passwd"), salt, 0, dk, 1), "no iterations")
	pb.Close()
	assert.ErrorIs(t, pb.PBKDF2([]byte("passwd"), salt, 1000, dk, 1), errClosed)

	cmac, err := NewCMAC("AES-128-CBC", unhex(t, "2b7e151628aed2a6abf7158809cf4f3c"))
	require.NoError(t, err)
	defer cmac.Close()
	tag := make([]byte, 16)
	require.NoError(t, cmac.Sum(unhex(t, "6bc1bee22e409f96e93d7e117393172a"), tag, 3))
	assert.Equal(t, "070a16b46b4d4144f79bdd9dd04a287c", hex.EncodeToString(tag))

	w, err := NewWrap("AES-128-WRAP", false)
	require.NoError(t, err)
	out := make([]byte, 24)
	n, err := w.Wrap(unhex(t, "000102030405060708090a0b0c0d0e0f"), unhex(t, "00112233445566778899aabbccddeeff"), out, 2)
	require.NoError(t, err)
	assert.Equal(t, "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5", hex.EncodeToString(out[:n]))
	_, err = w.Wrap(make([]byte, 16), make([]byte, 16), make([]byte, 23), 1)
	assert.Error(t, err, "short output")
	w.Close()
	_, err = w.Wrap(make([]byte, 16), make([]byte, 16), out, 1)
	assert.ErrorIs(t, err, errClosed)

	_, err = NewKDF("NO-SUCH-KDF")
	assert.Error(t, err)
	_, err = NewWrap("NO-SUCH-WRAP", false)
	assert.Error(t, err)
}

func TestRand(t *testing.T) {
	a, b := make([]byte, 32), make([]byte, 32)
	require.NoError(t, Rand(a, 2))
	require.NoError(t, Rand(b, 1))
	assert.NotEqual(t, a, b)
	assert.NotEqual(t, make([]byte, 32), a)
}

// TestHMACs: the keyed context's loop and the loop on a new context per
// iteration both give RFC 4231's HMAC-SHA-256 of test case 2, and Fresh
// refuses a short output and a closed HMAC.
func TestHMACs(t *testing.T) {
	want := unhex(t, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
	h, err := NewHMAC("SHA2-256", 32, []byte("Jefe"))
	require.NoError(t, err)
	msg := []byte("what do ya want for nothing?")
	for name, f := range map[string]func([]byte, []byte, int) error{"Sum": h.Sum, "Fresh": h.Fresh} {
		out := make([]byte, 32)
		require.NoError(t, f(msg, out, 3), name)
		assert.Equal(t, want, out, name)
	}
	assert.Error(t, h.Fresh(msg, make([]byte, 31), 1), "short output")
	h.Close()
	h.Close()
	assert.ErrorIs(t, h.Fresh(msg, make([]byte, 32), 1), errClosed)
	c, err := NewCMAC("AES-128-CBC", make([]byte, 16))
	require.NoError(t, err)
	defer c.Close()
	assert.ErrorContains(t, c.Fresh(msg, make([]byte, 16), 1), "not CMAC's")
}
