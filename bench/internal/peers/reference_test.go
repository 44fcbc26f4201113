package peers

import (
	"crypto/aes"
	"crypto/subtle"
	"encoding/binary"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goCMAC is CMAC (NIST SP 800-38B) over Go's AES: the reference of
// CMACAES128.
func goCMAC(t *testing.T, key, msg []byte) []byte {
	t.Helper()
	block, err := aes.NewCipher(key)
	require.NoError(t, err)
	double := func(b []byte) []byte {
		out := make([]byte, 16)
		var carry byte
		for i := 15; i >= 0; i-- {
			out[i] = b[i]<<1 | carry
			carry = b[i] >> 7
		}
		out[15] ^= 0x87 * carry
		return out
	}
	l := make([]byte, 16)
	block.Encrypt(l, l)
	k1 := double(l)
	k2 := double(k1)
	var last []byte
	full := len(msg) > 0 && len(msg)%16 == 0
	n := (len(msg) + 15) / 16
	if n == 0 {
		n = 1
	}
	if full {
		last = make([]byte, 16)
		subtle.XORBytes(last, msg[len(msg)-16:], k1)
	} else {
		last = make([]byte, 16)
		rest := msg[(n-1)*16:]
		copy(last, rest)
		last[len(rest)] = 0x80
		subtle.XORBytes(last, last, k2)
	}
	x := make([]byte, 16)
	for i := 0; i < n-1; i++ {
		subtle.XORBytes(x, x, msg[i*16:(i+1)*16])
		block.Encrypt(x, x)
	}
	subtle.XORBytes(x, x, last)
	block.Encrypt(x, x)
	return x
}

// goKeyWrap is AES key wrap (RFC 3394, section 2.2.1) over Go's AES: the
// reference of AESKeyWrap.
func goKeyWrap(t *testing.T, kek, key []byte) []byte {
	t.Helper()
	require.Zero(t, len(key)%8)
	block, err := aes.NewCipher(kek)
	require.NoError(t, err)
	n := len(key) / 8
	out := make([]byte, 8+len(key))
	copy(out[:8], []byte{0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6})
	copy(out[8:], key)
	b := make([]byte, 16)
	for j := range 6 {
		for i := 1; i <= n; i++ {
			copy(b[:8], out[:8])
			copy(b[8:], out[8*i:8*i+8])
			block.Encrypt(b, b)
			binary.BigEndian.PutUint64(out[:8], binary.BigEndian.Uint64(b[:8])^uint64(n*j+i))
			copy(out[8*i:], b[8:])
		}
	}
	return out
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

// TestReferencesKnownAnswers checks the references against published
// examples: RFC 4493, section 4 (CMAC-AES-128 of 0, 16, 40 and 64 bytes),
// and RFC 3394, section 4.1 and 4.6.
func TestReferencesKnownAnswers(t *testing.T) {
	key := unhex(t, "2b7e151628aed2a6abf7158809cf4f3c")
	msg := unhex(t, "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"+
		"30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710")
	for _, tt := range []struct {
		n    int
		want string
	}{
		{0, "bb1d6929e95937287fa37d129b756746"},
		{16, "070a16b46b4d4144f79bdd9dd04a287c"},
		{40, "dfa66747de9ae63030ca32611497c827"},
		{64, "51f0bebf7e3b9d92fc49741779363cfe"},
	} {
		assert.Equal(t, tt.want, hex.EncodeToString(goCMAC(t, key, msg[:tt.n])), "CMAC of %d bytes", tt.n)
	}
	kek := unhex(t, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
	data := unhex(t, "00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f")
	assert.Equal(t, "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5",
		hex.EncodeToString(goKeyWrap(t, kek[:16], data[:16])), "RFC 3394 4.1")
	assert.Equal(t, "28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21",
		hex.EncodeToString(goKeyWrap(t, kek, data)), "RFC 3394 4.6")
}
