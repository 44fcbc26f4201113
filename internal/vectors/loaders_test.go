package vectors

import (
	"crypto/sha256"
	"crypto/sha3"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeFile writes content to a temporary file named name and returns its
// path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

func TestLoadersMalformed(t *testing.T) {
	type loader func(string) error
	hash := func(p string) error { _, err := LoadHash(p); return err }
	monte := func(p string) error { _, err := LoadHashMonte(p); return err }
	hmacL := func(p string) error { _, err := LoadHMAC(p); return err }
	ciph := func(p string) error { _, err := LoadCipher(p); return err }
	gcm := func(p string) error { _, err := LoadGCM(p); return err }
	xts := func(p string) error { _, err := LoadXTS(p); return err }

	tests := []struct {
		name    string
		load    loader
		file    string
		content string
		want    error
		line    string // "file:line" that the error must name; "" for file-level errors
	}{
		{"hash: empty file", hash, "a.rsp", "# nothing\n", ErrMalformed, ""},
		{"hash: bad hex", hash, "a.rsp", "\nLen = 8\nMsg = zz\nMD = 00\n", ErrMalformed, "a.rsp:2"},
		{"hash: Len beyond Msg", hash, "a.rsp", "Len = 16\nMsg = 00\nMD = 00\n", ErrMalformed, "a.rsp:1"},
		{"hash: negative Len", hash, "a.rsp", "Len = -8\nMsg = 00\nMD = 00\n", ErrMalformed, "a.rsp:1"},
		{"hash: bit-oriented Len", hash, "a.rsp", "Len = 5\nMsg = 00\nMD = 00\n", ErrUnsupportedFormat, "a.rsp:1"},
		{"hash: no MD", hash, "a.rsp", "Len = 8\nMsg = 00\n", ErrMalformed, "a.rsp:1"},
		{"hash: MD against L", hash, "a.rsp", "[L = 32]\nLen = 8\nMsg = 00\nMD = 0000\n", ErrMalformed, "a.rsp:2"},
		{"hash: Output against Outputlen", hash, "a.rsp", "[Outputlen = 128]\nLen = 8\nMsg = 00\nOutput = 00\n", ErrMalformed, "a.rsp:2"},
		{"hash: Output without length", hash, "a.rsp", "Len = 8\nMsg = 00\nOutput = 00\n", ErrMalformed, "a.rsp:1"},
		{"monte: no seed", monte, "m.rsp", "COUNT = 0\nMD = 00\n", ErrMalformed, ""},
		{"monte: no checkpoints", monte, "m.rsp", "Seed = 00\n", ErrMalformed, ""},
		{"monte: two seeds", monte, "m.rsp", "Seed = 00\n\nSeed = 01\n", ErrMalformed, "m.rsp:3"},
		{"monte: seed and MD lengths", monte, "m.rsp", "Seed = 00\n\nCOUNT = 0\nMD = 0000\n", ErrMalformed, ""},
		{"monte: MD lengths differ", monte, "m.rsp", "Seed = 00\n\nMD = 00\n\nMD = 0000\n", ErrMalformed, "m.rsp:5"},
		{"monte: SHAKE without bounds", monte, "m.rsp", "Msg = 00\n\nOutputlen = 8\nOutput = 00\n", ErrMalformed, "m.rsp:3"},
		{"monte: SHAKE Outputlen", monte, "m.rsp",
			"[Minimum Output Length (bits) = 8]\n[Maximum Output Length (bits) = 16]\nMsg = 00\n\nOutputlen = 16\nOutput = 00\n", ErrMalformed, "m.rsp:5"},
		{"hmac: no key", hmacL, "h.txt", "Len = 8\nMsg = 00\nMD = 00\n", ErrMalformed, "h.txt:1"},
		{"hmac: empty MD", hmacL, "h.txt", "Key = 00\nMsg = 00\nMD = \n", ErrMalformed, "h.txt:1"},
		{"cipher: interleaved TDES", ciph, "TCBCIMMT1.rsp", "[ENCRYPT]\nCOUNT = 0\nKEY1 = 00\nKEY2 = 00\nKEY3 = 00\nIV1 = 00\nIV2 = 00\nIV3 = 00\nPLAINTEXT = 00\nCIPHERTEXT = 00\n", ErrUnsupportedFormat, "TCBCIMMT1.rsp:2"},
		{"cipher: no key", ciph, "c.txt", "PLAINTEXT = 00\nCIPHERTEXT = 00\n", ErrMalformed, "c.txt:1"},
		{"cipher: KEY3 missing", ciph, "c.txt", "KEY1 = 00\nKEY2 = 00\nPLAINTEXT = 00\nCIPHERTEXT = 00\n", ErrMalformed, "c.txt:1"},
		{"cipher: lengths differ", ciph, "c.txt", "KEY = 00\nPLAINTEXT = 00\nCIPHERTEXT = 0000\n", ErrMalformed, "c.txt:1"},
		{"cipher: bad bits", ciph, "CFB1MMT128.rsp", "KEY = 00\nIV = 00\nPLAINTEXT = 012\nCIPHERTEXT = 011\n", ErrMalformed, "CFB1MMT128.rsp:1"},
		{"cipher: negative offset", ciph, "c.txt", "KEY = 00\nOFFSET = -1\nPLAINTEXT = 00\nCIPHERTEXT = 00\n", ErrMalformed, "c.txt:1"},
		{"cipher: bad counter", ciph, "c.txt", "KEY = 00\nINITIAL_BLOCK_COUNTER = -1\nPLAINTEXT = 00\nCIPHERTEXT = 00\n", ErrMalformed, "c.txt:1"},
		{"cipher: both directions", ciph, "c.txt", "[ENCRYPT]\n[DECRYPT]\nKEY = 00\nPLAINTEXT = 00\nCIPHERTEXT = 00\n", ErrMalformed, "c.txt:3"},
		{"cipher: short CIPHERTEXT100", ciph, "c.txt", "KEY = 00\nPLAINTEXT = 0000\nCIPHERTEXT = 0000\nCIPHERTEXT100 = 00\n", ErrMalformed, "c.txt:1"},
		{"gcm: neither PT nor FAIL", gcm, "g.rsp", "Key = 00\nIV = 00\nCT = \nAAD = \nTag = 00\n", ErrMalformed, "g.rsp:1"},
		{"gcm: FAIL and PT", gcm, "g.rsp", "Key = 00\nIV = 00\nCT = \nAAD = \nTag = 00\nPT = \nFAIL\n", ErrMalformed, "g.rsp:1"},
		{"gcm: Taglen", gcm, "g.rsp", "[Taglen = 128]\n\nKey = 00\nIV = 00\nCT = \nAAD = \nTag = 00\nPT = \n", ErrMalformed, "g.rsp:3"},
		{"gcm: bad section", gcm, "g.rsp", "[PTlen = x]\n\nKey = 00\nIV = 00\nCT = \nAAD = \nTag = 00\nPT = \n", ErrMalformed, "g.rsp:3"},
		{"gcm: PT and CT lengths", gcm, "g.rsp", "Key = 00\nIV = 00\nCT = 00\nAAD = \nTag = 00\nPT = \n", ErrMalformed, "g.rsp:1"},
		{"xts: no tweak", xts, "x.rsp", "[ENCRYPT]\nCOUNT = 1\nDataUnitLen = 8\nKey = 00\nPT = 00\nCT = 00\n", ErrMalformed, "x.rsp:2"},
		{"xts: short i", xts, "x.rsp", "COUNT = 1\nDataUnitLen = 8\nKey = 00\ni = 00\nPT = 00\nCT = 00\n", ErrMalformed, "x.rsp:1"},
		{"xts: DataUnitLen", xts, "x.rsp", "COUNT = 1\nDataUnitLen = 16\nKey = 00\nDataUnitSeqNumber = 1\nPT = 00\nCT = 00\n", ErrMalformed, "x.rsp:1"},
		{"xts: bad sequence number", xts, "x.rsp", "COUNT = 1\nDataUnitLen = 8\nKey = 00\nDataUnitSeqNumber = x\nPT = 00\nCT = 00\n", ErrMalformed, "x.rsp:1"},
		{"any: unparsable", gcm, "g.rsp", "garbage\n", ErrMalformed, "g.rsp:1"},
		{"any: missing file", hash, "", "", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "absent.rsp")
			if tc.file != "" {
				p = writeFile(t, tc.file, tc.content)
			}
			var err error
			assert.NotPanics(t, func() { err = tc.load(p) })
			require.Error(t, err)
			if tc.want != nil {
				assert.ErrorIs(t, err, tc.want)
			}
			if tc.line != "" {
				assert.Contains(t, err.Error(), tc.line+":")
			}
			assert.True(t, strings.HasPrefix(err.Error(), "vectors: "), err.Error())
		})
	}
}

func TestLoadersInline(t *testing.T) {
	t.Run("hash VariableOut without Len", func(t *testing.T) {
		vs, err := LoadHash(writeFile(t, "v.rsp", "[Input Length = 16]\nCOUNT = 0\nOutputlen = 16\nMsg = 0102\nOutput = aabb\n"))
		require.NoError(t, err)
		require.Len(t, vs, 1)
		assert.Equal(t, HashVector{Name: "v.rsp:2#0", Len: 16, Msg: []byte{1, 2}, MD: []byte{0xaa, 0xbb}, OutputLen: 2}, vs[0])
	})
	t.Run("XTS sequence number", func(t *testing.T) {
		vs, err := LoadXTS(writeFile(t, "x.rsp", "[DECRYPT]\nCOUNT = 1\nDataUnitLen = 130\nKey = 00\nDataUnitSeqNumber = 258\nPT = "+strings.Repeat("00", 17)+"\nCT = "+strings.Repeat("00", 17)+"\n"))
		require.NoError(t, err)
		require.Len(t, vs, 1)
		assert.False(t, vs[0].Encrypt)
		assert.Equal(t, 130, vs[0].DataUnitLen, "partial data units are kept")
		assert.Equal(t, []byte{2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, vs[0].Tweak)
	})
}

func TestMonteHelpersBounds(t *testing.T) {
	assert.Nil(t, MonteSHAKE(nil, sha3.SumSHAKE128))
	assert.Nil(t, MonteSHAKE(&HashMonte{Seed: []byte{1}, MinOutLen: 0, MaxOutLen: 4}, sha3.SumSHAKE128))
	assert.Nil(t, MonteSHAKE(&HashMonte{Seed: []byte{1}, MinOutLen: 5, MaxOutLen: 4}, sha3.SumSHAKE128))

	// Outputs shorter than 128 bits are padded with zeros to form the
	// next message; a one-byte output still gives a length.
	var msgs [][]byte
	got := MonteSHAKE(&HashMonte{Seed: []byte{7}, MinOutLen: 1, MaxOutLen: 1}, func(msg []byte, n int) []byte {
		if len(msgs) < 2 {
			msgs = append(msgs, append([]byte{}, msg...))
		}
		return sha3.SumSHAKE128(msg, n)
	})
	require.Len(t, got, 100)
	assert.Len(t, got[99], 1)
	require.Len(t, msgs, 2)
	assert.Equal(t, append([]byte{7}, make([]byte, 15)...), msgs[0])
	assert.Len(t, msgs[1], 16)

	sum := func(b []byte) []byte { s := sha256.Sum256(b); return s[:] }
	assert.Len(t, MonteSHA2(make([]byte, 32), sum), 100)
	assert.Len(t, MonteSHA3(make([]byte, 32), sum), 100)
}
