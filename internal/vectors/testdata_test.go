package vectors

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"io/fs"
	"math/bits"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// projectTestdata returns the module's testdata folder and its vector
// files (slash-separated, relative to it) by Kind. It fails the test when
// the folder is missing: these files are part of the repository.
func projectTestdata(t *testing.T) (dir string, byKind map[string][]string) {
	t.Helper()
	dir, err := TestdataDir()
	require.NoError(t, err)
	byKind = map[string][]string{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		byKind[Kind(rel)] = append(byKind[Kind(rel)], rel)
		return nil
	})
	require.NoError(t, err)
	return dir, byKind
}

func TestTestdataDir(t *testing.T) {
	dir, err := TestdataDir()
	require.NoError(t, err)
	assert.True(t, filepath.IsAbs(dir), dir)
	assert.Equal(t, "testdata", filepath.Base(dir))
	assert.FileExists(t, filepath.Join(dir, "README.md"))
	assert.FileExists(t, filepath.Join(filepath.Dir(dir), "go.mod"))
	for _, sub := range []string{"hashes", "hmac", "ciphers"} {
		assert.DirExists(t, filepath.Join(dir, sub))
	}

	t.Run("from a subfolder", func(t *testing.T) {
		t.Chdir(filepath.Join(dir, "hashes"))
		got, err := TestdataDir()
		require.NoError(t, err)
		assert.Equal(t, dir, got)
	})
	t.Run("outside the module", func(t *testing.T) {
		t.Chdir(t.TempDir())
		got, err := TestdataDir()
		if err != nil {
			// go test runs a binary built outside the module, so the
			// executable gives no module root either.
			assert.ErrorIs(t, err, ErrNoVectors)
			assert.Empty(t, got)
			return
		}
		exe, err := os.Executable()
		require.NoError(t, err)
		assert.Equal(t, dir, got, "found beside the executable %s", exe)
	})
}

func TestTestdataKinds(t *testing.T) {
	_, byKind := projectTestdata(t)
	got := map[string]int{}
	for k, files := range byKind {
		got[k] = len(files)
	}
	assert.Equal(t, map[string]int{
		KindHash: 18, KindHMAC: 6, KindCipher: 4, KindGCM: 2, KindAEAD: 2, KindMAC: 2, KindKDF: 2, "": 1,
	}, got)
	assert.Equal(t, []string{"README.md"}, byKind[""])
	assert.ElementsMatch(t, []string{"ciphers/aes-ccm-rfc3610.txt", "ciphers/chacha20poly1305-rfc8439.txt"}, byKind[KindAEAD])
	assert.ElementsMatch(t, []string{"ciphers/aes-gcm-spec.txt", "ciphers/sm4-gcm-rfc8998.txt"}, byKind[KindGCM])
}

// goHash returns Go's implementation of a testdata/hashes file's algorithm
// (its base name), or nil when Go has none.
func goHash(base string) func() hash.Hash {
	return map[string]func() hash.Hash{
		"md5": md5.New, "sha1": sha1.New,
		"sha224": sha256.New224, "sha256": sha256.New,
		"sha384": sha512.New384, "sha512": sha512.New,
		"sha512-224": sha512.New512_224, "sha512-256": sha512.New512_256,
		"sha3-224": func() hash.Hash { return sha3.New224() },
		"sha3-256": func() hash.Hash { return sha3.New256() },
		"sha3-384": func() hash.Hash { return sha3.New384() },
		"sha3-512": func() hash.Hash { return sha3.New512() },
	}[base]
}

func TestTestdataHashes(t *testing.T) {
	dir, byKind := projectTestdata(t)
	wantRecords := map[string]int{"md5": 7, "ripemd160": 8, "blake2b512": 2, "blake2s256": 2, "sm3": 2, "shake128": 4, "shake256": 4}
	checked := 0
	for _, f := range byKind[KindHash] {
		t.Run(f, func(t *testing.T) {
			base := strings.TrimSuffix(filepath.Base(f), ".txt")
			vs, err := LoadHash(filepath.Join(dir, f))
			require.NoError(t, err)
			want, ok := wantRecords[base]
			if !ok {
				want = 3
			}
			assert.Len(t, vs, want)
			shake := strings.HasPrefix(base, "shake")
			for _, v := range vs {
				assert.Len(t, v.Msg, v.Len/8, v.Name)
				if !shake {
					assert.Zero(t, v.OutputLen, v.Name)
					if h := goHash(base); h != nil {
						d := h()
						d.Write(v.Msg)
						assert.Equal(t, hex.EncodeToString(v.MD), hex.EncodeToString(d.Sum(nil)), v.Name)
						checked++
					}
					continue
				}
				// OutputLen counts bytes beside MD.
				require.Positive(t, v.OutputLen, v.Name)
				assert.Len(t, v.MD, v.OutputLen, v.Name)
				var got []byte
				if base == "shake128" {
					got = sha3.SumSHAKE128(v.Msg, v.OutputLen)
				} else {
					got = sha3.SumSHAKE256(v.Msg, v.OutputLen)
				}
				assert.Equal(t, hex.EncodeToString(v.MD), hex.EncodeToString(got), v.Name)
				checked++
			}
		})
	}
	assert.Equal(t, 7*3+4*3+7+4+4, checked, "records checked against Go's crypto")
}

func TestTestdataShakeOutputLen(t *testing.T) {
	dir, err := TestdataDir()
	require.NoError(t, err)
	vs, err := LoadHash(filepath.Join(dir, "hashes", "shake128.txt"))
	require.NoError(t, err)
	require.Len(t, vs, 4)
	assert.Equal(t, []int{32, 64, 32, 32}, []int{vs[0].OutputLen, vs[1].OutputLen, vs[2].OutputLen, vs[3].OutputLen})
	assert.Equal(t, 1600, vs[3].Len)
}

func TestTestdataHMAC(t *testing.T) {
	dir, byKind := projectTestdata(t)
	require.Len(t, byKind[KindHMAC], 6)
	for _, f := range byKind[KindHMAC] {
		t.Run(f, func(t *testing.T) {
			base := strings.TrimSuffix(filepath.Base(f), ".txt")
			h := goHash(base)
			require.NotNil(t, h, base)
			vs, err := LoadHMAC(filepath.Join(dir, f))
			require.NoError(t, err)
			require.Len(t, vs, 7)
			truncated := 0
			for _, v := range vs {
				m := hmac.New(h, v.Key)
				m.Write(v.Msg)
				full := m.Sum(nil)
				if v.Truncate != 0 {
					truncated++
					assert.Equal(t, 16, v.Truncate, v.Name)
					assert.Len(t, v.MD, v.Truncate, v.Name)
					assert.Less(t, v.Truncate, len(full), v.Name)
					full = full[:v.Truncate]
				}
				assert.Equal(t, hex.EncodeToString(v.MD), hex.EncodeToString(full), v.Name)
			}
			// RFC 4231 Test Case 5 is the only truncated one; RFC 2202
			// has none.
			if base == "md5" || base == "sha1" {
				assert.Zero(t, truncated)
			} else {
				assert.Equal(t, 1, truncated)
				assert.Equal(t, 16, vs[4].Truncate)
			}
		})
	}
}

func TestTestdataCiphers(t *testing.T) {
	dir, byKind := projectTestdata(t)
	require.Len(t, byKind[KindCipher], 4)
	for _, f := range byKind[KindCipher] {
		t.Run(f, func(t *testing.T) {
			vs, err := LoadCipher(filepath.Join(dir, f))
			require.NoError(t, err)
			for _, v := range vs {
				assert.True(t, v.Encrypt, v.Name)
				assert.Len(t, v.Ciphertext, len(v.Plaintext), v.Name)
				if strings.HasPrefix(filepath.Base(f), "chacha20") {
					assert.Len(t, v.Nonce, 12, v.Name)
					require.Len(t, v.IV, 16, v.Name)
					assert.Equal(t, hex.EncodeToString(v.Nonce), hex.EncodeToString(v.IV[4:]), v.Name)
					assert.Equal(t, v.Counter, uint64(binary.LittleEndian.Uint32(v.IV)), v.Name)
					assert.Equal(t, hex.EncodeToString(v.Ciphertext), hex.EncodeToString(chacha20(v.Key, v.IV, v.Plaintext)), v.Name)
				} else {
					assert.Nil(t, v.IV, v.Name)
					assert.Nil(t, v.Nonce, v.Name)
				}
			}
		})
	}
	t.Run("SM4 iterations", func(t *testing.T) {
		vs, err := LoadCipher(filepath.Join(dir, "ciphers", "sm4.txt"))
		require.NoError(t, err)
		require.Len(t, vs, 2)
		assert.Zero(t, vs[0].Iterations)
		assert.Equal(t, 1000000, vs[1].Iterations)
		assert.Equal(t, "595298c7c6fd271f0402f804c33d3f66", hex.EncodeToString(vs[1].Ciphertext))
	})
	t.Run("ChaCha20 counters", func(t *testing.T) {
		vs, err := LoadCipher(filepath.Join(dir, "ciphers", "chacha20-rfc8439.txt"))
		require.NoError(t, err)
		require.Len(t, vs, 4)
		assert.Equal(t, []uint64{1, 0, 1, 42}, []uint64{vs[0].Counter, vs[1].Counter, vs[2].Counter, vs[3].Counter})
		assert.Equal(t, "01000000000000000000004a00000000", hex.EncodeToString(vs[0].IV))
		assert.Equal(t, "2a000000000000000000000000000002", hex.EncodeToString(vs[3].IV))
	})
}

func TestTestdataAEAD(t *testing.T) {
	dir, byKind := projectTestdata(t)
	files := append(append([]string{}, byKind[KindGCM]...), byKind[KindAEAD]...)
	require.Len(t, files, 4)
	type want struct {
		records int
		ivLen   int // 0: varies
		tagLens []int
	}
	wants := map[string]want{
		"aes-gcm-spec.txt":             {18, 0, []int{16}},
		"sm4-gcm-rfc8998.txt":          {1, 12, []int{16}},
		"aes-ccm-rfc3610.txt":          {7, 13, []int{8, 10}},
		"chacha20poly1305-rfc8439.txt": {2, 12, []int{16}},
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			base := filepath.Base(f)
			w, ok := wants[base]
			require.True(t, ok, base)
			vs, err := LoadAEAD(filepath.Join(dir, f))
			require.NoError(t, err)
			require.Len(t, vs, w.records)
			gcm, err := LoadGCM(filepath.Join(dir, f))
			require.NoError(t, err)
			assert.Equal(t, vs, gcm, "LoadGCM and LoadAEAD read the same")
			for _, v := range vs {
				assert.False(t, v.Fail, v.Name)
				assert.NotEmpty(t, v.IV, v.Name)
				if w.ivLen != 0 {
					assert.Len(t, v.IV, w.ivLen, v.Name)
				}
				assert.Contains(t, w.tagLens, len(v.Tag), v.Name)
				assert.Len(t, v.Plaintext, len(v.Ciphertext), v.Name)
				if base == "aes-gcm-spec.txt" {
					openGCM(t, v)
				}
			}
		})
	}
	t.Run("GCM IV lengths", func(t *testing.T) {
		vs, err := LoadAEAD(filepath.Join(dir, "ciphers", "aes-gcm-spec.txt"))
		require.NoError(t, err)
		lens := map[int]int{}
		for _, v := range vs {
			lens[len(v.IV)]++
		}
		assert.Equal(t, map[int]int{12: 12, 8: 3, 60: 3}, lens)
	})
	t.Run("CCM nonce", func(t *testing.T) {
		vs, err := LoadAEAD(filepath.Join(dir, "ciphers", "aes-ccm-rfc3610.txt"))
		require.NoError(t, err)
		assert.Equal(t, "00000003020100a0a1a2a3a4a5", hex.EncodeToString(vs[0].IV))
		assert.Equal(t, "17e8d12cfdf926e0", hex.EncodeToString(vs[0].Tag))
		assert.Len(t, vs[6].Tag, 10)
	})
}

func TestLoadersNewFields(t *testing.T) {
	type loader func(string) error
	hash := func(p string) error { _, err := LoadHash(p); return err }
	hmacL := func(p string) error { _, err := LoadHMAC(p); return err }
	ciph := func(p string) error { _, err := LoadCipher(p); return err }
	aead := func(p string) error { _, err := LoadAEAD(p); return err }
	bad := []struct {
		name    string
		load    loader
		content string
	}{
		{"hash: OutputLen against MD", hash, "Len = 8\nMsg = 00\nOutputLen = 3\nMD = 0000\n"},
		{"hash: OutputLen zero", hash, "Len = 8\nMsg = 00\nOutputLen = 0\nMD = \n"},
		{"hash: OutputLen not decimal", hash, "Len = 8\nMsg = 00\nOutputLen = x\nMD = 00\n"},
		{"hmac: Truncate against MD", hmacL, "Key = 00\nMsg = 00\nTruncate = 16\nMD = 00\n"},
		{"hmac: Truncate zero", hmacL, "Key = 00\nMsg = 00\nTruncate = 0\nMD = 00\n"},
		{"hmac: Truncate not decimal", hmacL, "Key = 00\nMsg = 00\nTruncate = x\nMD = 00\n"},
		{"cipher: ITERATIONS zero", ciph, "KEY = 00\nITERATIONS = 0\nPLAINTEXT = 00\nCIPHERTEXT = 00\n"},
		{"cipher: ITERATIONS not decimal", ciph, "KEY = 00\nITERATIONS = many\nPLAINTEXT = 00\nCIPHERTEXT = 00\n"},
		{"cipher: both counters", ciph, "KEY = 00\nNONCE = 0000000000000000\nCOUNTER = 1\nINITIAL_BLOCK_COUNTER = 1\nPLAINTEXT = 00\nCIPHERTEXT = 00\n"},
		{"cipher: bad COUNTER", ciph, "KEY = 00\nNONCE = 0000000000000000\nCOUNTER = -1\nPLAINTEXT = 00\nCIPHERTEXT = 00\n"},
		{"cipher: 32-bit counter overflows", ciph, "KEY = 00\nNONCE = 000000000000000000000000\nCOUNTER = 4294967296\nPLAINTEXT = 00\nCIPHERTEXT = 00\n"},
		{"cipher: nonce length", ciph, "KEY = 00\nNONCE = 0000\nCOUNTER = 1\nPLAINTEXT = 00\nCIPHERTEXT = 00\n"},
		{"cipher: IV disagrees", ciph, "KEY = 00\nNONCE = 000000000000000000000001\nCOUNTER = 1\nIV = 01000000000000000000000000000002\nPLAINTEXT = 00\nCIPHERTEXT = 00\n"},
		{"aead: IV and NONCE", aead, "KEY = 00\nIV = 00\nNONCE = 00\nAAD = \nPLAINTEXT = \nCIPHERTEXT = \nTAG = 00\n"},
		{"aead: neither IV nor NONCE", aead, "KEY = 00\nAAD = \nPLAINTEXT = \nCIPHERTEXT = \nTAG = 00\n"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			assert.NotPanics(t, func() { err = tc.load(writeFile(t, "v.txt", tc.content)) })
			require.ErrorIs(t, err, ErrMalformed)
			assert.Contains(t, err.Error(), "v.txt:1:")
		})
	}

	t.Run("Outputlen beside Output stays in bits", func(t *testing.T) {
		vs, err := LoadHash(writeFile(t, "v.rsp", "COUNT = 0\nOutputlen = 24\nMsg = 00\nOutput = aabbcc\n"))
		require.NoError(t, err)
		require.Len(t, vs, 1)
		assert.Equal(t, 3, vs[0].OutputLen)
	})
	t.Run("OutputLen beside MD counts bytes", func(t *testing.T) {
		vs, err := LoadHash(writeFile(t, "v.txt", "Len = 8\nMsg = 61\nOutputLen = 3\nMD = aabbcc\n"))
		require.NoError(t, err)
		require.Len(t, vs, 1)
		assert.Equal(t, HashVector{Name: "v.txt:1", Len: 8, Msg: []byte("a"), MD: []byte{0xaa, 0xbb, 0xcc}, OutputLen: 3}, vs[0])
	})
	t.Run("Truncate", func(t *testing.T) {
		vs, err := LoadHMAC(writeFile(t, "h.txt", "Key = 00\nMsg = 00\nTruncate = 2\nMD = abcd\n\nKey = 00\nMsg = 00\nMD = abcd\n"))
		require.NoError(t, err)
		require.Len(t, vs, 2)
		assert.Equal(t, 2, vs[0].Truncate)
		assert.Zero(t, vs[1].Truncate)
	})
	t.Run("collection ChaCha20 IV is 64-bit counter then nonce", func(t *testing.T) {
		vs, err := LoadCipher(writeFile(t, "c.txt", "KEY = 00\nNONCE = 0102030405060708\nINITIAL_BLOCK_COUNTER = 18446744073709551615\nPLAINTEXT = 00\nCIPHERTEXT = 00\n"))
		require.NoError(t, err)
		require.Len(t, vs, 1)
		assert.Equal(t, "ffffffffffffffff0102030405060708", hex.EncodeToString(vs[0].IV))
	})
	t.Run("RFC 8439 ChaCha20 IV built when absent", func(t *testing.T) {
		vs, err := LoadCipher(writeFile(t, "c.txt", "KEY = 00\nNONCE = 000000000000004a00000000\nCOUNTER = 1\nPLAINTEXT = 00\nCIPHERTEXT = 00\n"))
		require.NoError(t, err)
		require.Len(t, vs, 1)
		assert.Equal(t, "01000000000000000000004a00000000", hex.EncodeToString(vs[0].IV))
		assert.Equal(t, uint64(1), vs[0].Counter)
	})
	t.Run("counter without nonce", func(t *testing.T) {
		vs, err := LoadCipher(writeFile(t, "c.txt", "KEY = 00\nCOUNTER = 7\nPLAINTEXT = 00\nCIPHERTEXT = 00\n"))
		require.NoError(t, err)
		require.Len(t, vs, 1)
		assert.Equal(t, uint64(7), vs[0].Counter)
		assert.Nil(t, vs[0].IV)
	})
}

// chacha20 encrypts msg with the ChaCha20 block function of RFC 8439 over
// OpenSSL's 16-byte IV (state words 12 to 15, little-endian). The block
// counter is the 64-bit value in words 12 and 13, as in OpenSSL, so that
// the collection's counter-overflow vectors carry into word 13.
func chacha20(key, iv, msg []byte) []byte {
	var s [16]uint32
	s[0], s[1], s[2], s[3] = 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574
	for i := range 8 {
		s[4+i] = binary.LittleEndian.Uint32(key[4*i:])
	}
	for i := range 4 {
		s[12+i] = binary.LittleEndian.Uint32(iv[4*i:])
	}
	out := make([]byte, len(msg))
	var block [64]byte
	for off := 0; off < len(msg); off += 64 {
		x := s
		qr := func(a, b, c, d int) {
			x[a] += x[b]
			x[d] = bits.RotateLeft32(x[d]^x[a], 16)
			x[c] += x[d]
			x[b] = bits.RotateLeft32(x[b]^x[c], 12)
			x[a] += x[b]
			x[d] = bits.RotateLeft32(x[d]^x[a], 8)
			x[c] += x[d]
			x[b] = bits.RotateLeft32(x[b]^x[c], 7)
		}
		for range 10 {
			qr(0, 4, 8, 12)
			qr(1, 5, 9, 13)
			qr(2, 6, 10, 14)
			qr(3, 7, 11, 15)
			qr(0, 5, 10, 15)
			qr(1, 6, 11, 12)
			qr(2, 7, 8, 13)
			qr(3, 4, 9, 14)
		}
		for i := range 16 {
			binary.LittleEndian.PutUint32(block[4*i:], x[i]+s[i])
		}
		for i := off; i < len(msg) && i < off+64; i++ {
			out[i] = msg[i] ^ block[i-off]
		}
		s[12]++
		if s[12] == 0 {
			s[13]++
		}
	}
	return out
}
