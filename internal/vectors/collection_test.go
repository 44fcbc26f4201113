package vectors

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// collection lists the collection's files (slash-separated, relative to
// the root) by Kind, leaving out those of folders the tests do not cover
// (see CoveredFiles). It skips the test when no collection is found.
func collection(t *testing.T) (root string, byKind map[string][]string) {
	t.Helper()
	root = RootForTest(t)
	byKind = map[string][]string{}
	var all []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		all = append(all, filepath.ToSlash(rel))
		return nil
	})
	require.NoError(t, err)
	for _, rel := range CoveredFiles(t, root, all) {
		byKind[Kind(rel)] = append(byKind[Kind(rel)], rel)
	}
	return root, byKind
}

// earlierChaCha20 skips the test when vs, read from rel, is the earlier
// revision of ciphers/ChaCha20/rfc7539.txt (a 96-bit nonce, as in the RFC)
// in a collection other than the curated one, which holds the later
// revision (a 64-bit counter and a 64-bit nonce).
func earlierChaCha20(t *testing.T, root, rel string, vs []CipherVector) {
	t.Helper()
	if rel == "ciphers/ChaCha20/rfc7539.txt" && !Curated(root) && len(vs) > 0 && len(vs[0].Nonce) == 12 {
		t.Skipf("%s not in this collection (%s): it has the earlier revision, with 96-bit nonces", rel, root)
	}
}

func TestCollectionKinds(t *testing.T) {
	root, byKind := collection(t)
	want := map[string]int{
		KindHash: 33, KindHashMonte: 13, KindHMAC: 7, KindCMAC: 4, KindKeyWrap: 29, KindKDF: 7, KindPoly1305: 1,
		KindCipher: 219, KindGCM: 7, KindXTS: 4, "": 10,
	}
	got := map[string]int{}
	for k, files := range byKind {
		got[k] = len(files)
	}
	if Curated(root) {
		assert.Equal(t, want, got)
	} else {
		// Releases of the package differ a little: the same kinds, each
		// with files.
		for k := range want {
			assert.Positive(t, got[k], "files of kind %q", k)
		}
		for k := range got {
			assert.Contains(t, want, k, "kind of file")
		}
	}
	for _, f := range byKind[""] {
		base := filepath.Base(f)
		assert.True(t, base == "Readme.txt" || strings.HasSuffix(base, "Monte.txt"), "unclassified: %s", f)
	}
}

// TestParseEveryFile runs the generic parser over every vector file.
func TestParseEveryFile(t *testing.T) {
	root, byKind := collection(t)
	for kind, files := range byKind {
		for _, f := range files {
			if filepath.Base(f) == "Readme.txt" {
				_, err := ParseFile(filepath.Join(root, f))
				assert.ErrorIs(t, err, ErrMalformed, "%s is prose", f)
				continue
			}
			recs, err := ParseFile(filepath.Join(root, f))
			if assert.NoError(t, err, f) {
				assert.NotEmpty(t, recs, "%s (%s)", f, kind)
				for _, r := range recs {
					assert.NotEmpty(t, r.Fields)
					assert.Positive(t, r.Line)
				}
			}
		}
	}
}

// digests maps the algorithm named at the start of a hash file's name to
// Go's implementation; nil for those Go does not have (their lengths are
// checked instead).
var digests = map[string]func([]byte) []byte{
	"SHA1":       func(b []byte) []byte { s := sha1.Sum(b); return s[:] },
	"SHA224":     func(b []byte) []byte { s := sha256.Sum224(b); return s[:] },
	"SHA256":     func(b []byte) []byte { s := sha256.Sum256(b); return s[:] },
	"SHA384":     func(b []byte) []byte { s := sha512.Sum384(b); return s[:] },
	"SHA512":     func(b []byte) []byte { s := sha512.Sum512(b); return s[:] },
	"SHA512_224": func(b []byte) []byte { s := sha512.Sum512_224(b); return s[:] },
	"SHA512_256": func(b []byte) []byte { s := sha512.Sum512_256(b); return s[:] },
	"SHA3_224":   func(b []byte) []byte { s := sha3.Sum224(b); return s[:] },
	"SHA3_256":   func(b []byte) []byte { s := sha3.Sum256(b); return s[:] },
	"SHA3_384":   func(b []byte) []byte { s := sha3.Sum384(b); return s[:] },
	"SHA3_512":   func(b []byte) []byte { s := sha3.Sum512(b); return s[:] },
	"rfc-1321":   func(b []byte) []byte { s := md5.Sum(b); return s[:] },
}

var xofs = map[string]func([]byte, int) []byte{
	"SHAKE128": sha3.SumSHAKE128,
	"SHAKE256": sha3.SumSHAKE256,
}

// otherDigestLens are the digest sizes of the files Go cannot check.
var otherDigestLens = map[string]int{
	"ripevectors.txt": 20, "blake2b.txt": 64, "blake2s.txt": 32, "oscca.txt": 32,
}

var hashAlgName = regexp.MustCompile(`^(SHA3_\d+|SHA512_\d+|SHA\d+|SHAKE\d+)(ShortMsg|LongMsg|VariableOut|Monte)`)

func TestLoadHashEveryFile(t *testing.T) {
	root, byKind := collection(t)
	total := 0
	for _, f := range byKind[KindHash] {
		t.Run(f, func(t *testing.T) {
			vs, err := LoadHash(filepath.Join(root, f))
			require.NoError(t, err)
			require.NotEmpty(t, vs)
			total += len(vs)
			base := filepath.Base(f)
			alg := base
			if m := hashAlgName.FindStringSubmatch(base); m != nil {
				alg = m[1]
			} else {
				alg = strings.TrimSuffix(alg, ".txt")
			}
			digest, xof := digests[alg], xofs[alg]
			for _, v := range vs {
				assert.Equal(t, v.Len, 8*len(v.Msg), v.Name)
				assert.Contains(t, v.Name, base)
				switch {
				case xof != nil:
					require.Positive(t, v.OutputLen, v.Name)
					require.Len(t, v.MD, v.OutputLen, v.Name)
					assert.Equal(t, hex.EncodeToString(v.MD), hex.EncodeToString(xof(v.Msg, v.OutputLen)), v.Name)
				case digest != nil:
					assert.Zero(t, v.OutputLen)
					assert.Equal(t, hex.EncodeToString(v.MD), hex.EncodeToString(digest(v.Msg)), v.Name)
				default:
					want, ok := otherDigestLens[base]
					require.True(t, ok, "no check for %s", base)
					assert.Zero(t, v.OutputLen)
					assert.Len(t, v.MD, want, v.Name)
				}
			}
		})
	}
	assert.Positive(t, total)
}

func TestLoadHashCounts(t *testing.T) {
	for _, tc := range []struct {
		file      string
		n         int
		outputLen int
	}{
		{"hashes/SHA2/SHA256ShortMsg.rsp", 65, 0},
		{"hashes/SHA2/SHA512LongMsg.rsp", 128, 0},
		{"hashes/SHA3/SHA3_256ShortMsg.rsp", 137, 0},
		{"hashes/SHAKE/SHAKE128ShortMsg.rsp", 337, 16},
		{"hashes/SHAKE/SHAKE256LongMsg.rsp", 100, 32},
		{"hashes/SHAKE/SHAKE128VariableOut.rsp", 1126, -1},
		{"hashes/MD5/rfc-1321.txt", 7, 0},
	} {
		vs, err := LoadHash(Path(t, tc.file))
		require.NoError(t, err, tc.file)
		assert.Len(t, vs, tc.n, tc.file)
		if tc.outputLen >= 0 {
			for _, v := range vs {
				assert.Equal(t, tc.outputLen, v.OutputLen, v.Name)
			}
		}
	}
	vs, err := LoadHash(Path(t, "hashes/SHA2/SHA256ShortMsg.rsp"))
	require.NoError(t, err)
	assert.Equal(t, 0, vs[0].Len)
	assert.Empty(t, vs[0].Msg, "Len = 0 means an empty message although Msg is 00")
	assert.Equal(t, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex.EncodeToString(vs[0].MD))
	assert.Equal(t, "SHA256ShortMsg.rsp:8", vs[0].Name)
}

func TestLoadHashMonteEveryFile(t *testing.T) {
	root, byKind := collection(t)
	for _, f := range byKind[KindHashMonte] {
		t.Run(f, func(t *testing.T) {
			m, err := LoadHashMonte(filepath.Join(root, f))
			require.NoError(t, err)
			require.Len(t, m.Checkpoints, 100)
			base := filepath.Base(f)
			alg := hashAlgName.FindStringSubmatch(base)
			require.NotNil(t, alg, base)
			var got [][]byte
			switch {
			case strings.HasPrefix(alg[1], "SHAKE"):
				require.Len(t, m.OutputLens, 100)
				assert.Len(t, m.Seed, 16)
				assert.Positive(t, m.MinOutLen)
				assert.GreaterOrEqual(t, m.MaxOutLen, m.MinOutLen)
				for i, c := range m.Checkpoints {
					assert.Len(t, c, m.OutputLens[i])
					assert.GreaterOrEqual(t, len(c), m.MinOutLen)
					assert.LessOrEqual(t, len(c), m.MaxOutLen)
				}
				got = MonteSHAKE(m, xofs[alg[1]])
			case strings.HasPrefix(alg[1], "SHA3_"):
				assert.Nil(t, m.OutputLens)
				got = MonteSHA3(m.Seed, digests[alg[1]])
			default:
				assert.Nil(t, m.OutputLens)
				got = MonteSHA2(m.Seed, digests[alg[1]])
			}
			require.Len(t, got, 100)
			for i := range got {
				require.Equal(t, hex.EncodeToString(m.Checkpoints[i]), hex.EncodeToString(got[i]), "checkpoint %d", i)
			}
		})
	}
}

func TestLoadHashMonteTxt(t *testing.T) {
	rsp, err := LoadHashMonte(Path(t, "hashes/SHA2/SHA256Monte.rsp"))
	require.NoError(t, err)
	txt, err := LoadHashMonte(Path(t, "hashes/SHA2/SHA256Monte.txt"))
	require.NoError(t, err)
	assert.Equal(t, rsp, txt, "the .txt file's checkpoints are those of the .rsp file")

	_, err = LoadHashMonte(Path(t, "hashes/SHA2/SHA512_224Monte.txt"))
	assert.ErrorIs(t, err, ErrMalformed, "this file prints MD = ?")

	_, err = LoadHash(Path(t, "hashes/SHA2/SHA256Monte.rsp"))
	assert.ErrorIs(t, err, ErrMalformed, "a Monte file is not a ShortMsg file")
}

var hmacHashes = map[string]func() hash.Hash{
	"md5": md5.New, "sha1": sha1.New, "sha224": sha256.New224, "sha256": sha256.New,
	"sha384": sha512.New384, "sha512": sha512.New,
}

func TestLoadHMACEveryFile(t *testing.T) {
	root, byKind := collection(t)
	require.Len(t, byKind[KindHMAC], 7)
	for _, f := range byKind[KindHMAC] {
		t.Run(f, func(t *testing.T) {
			vs, err := LoadHMAC(filepath.Join(root, f))
			require.NoError(t, err)
			require.NotEmpty(t, vs)
			base := strings.TrimSuffix(filepath.Base(f), ".txt")
			alg := base[strings.LastIndexByte(base, '-')+1:]
			for _, v := range vs {
				assert.NotEmpty(t, v.Key, v.Name)
				if h := hmacHashes[alg]; h != nil {
					mac := hmac.New(h, v.Key)
					mac.Write(v.Msg)
					assert.Equal(t, hex.EncodeToString(v.MD), hex.EncodeToString(mac.Sum(nil)), v.Name)
				} else {
					require.Equal(t, "ripemd160", alg)
					assert.Len(t, v.MD, 20, v.Name)
				}
			}
		})
	}
	vs, err := LoadHMAC(Path(t, "HMAC/rfc-4231-sha256.txt"))
	require.NoError(t, err)
	assert.Len(t, vs, 6)
	assert.Equal(t, "Hi There", string(vs[0].Msg))
}

// interleaved matches the TDES interleaved and pipelined files.
var interleaved = regexp.MustCompile(`^T(CBCI|OFBI|CFBP)`)

func TestLoadCipherEveryFile(t *testing.T) {
	root, byKind := collection(t)
	unsupported := 0
	for _, f := range byKind[KindCipher] {
		t.Run(f, func(t *testing.T) {
			base := filepath.Base(f)
			vs, err := LoadCipher(filepath.Join(root, f))
			if interleaved.MatchString(base) {
				unsupported++
				require.ErrorIs(t, err, ErrUnsupportedFormat)
				assert.Contains(t, err.Error(), base+":")
				return
			}
			require.NoError(t, err)
			require.NotEmpty(t, vs)
			earlierChaCha20(t, root, f, vs)
			bits := cfb1File.MatchString(base)
			for _, v := range vs {
				assert.Equal(t, bits, v.Bits, v.Name)
				assert.NotEmpty(t, v.Key, v.Name)
				if v.Bits {
					assert.NotEmpty(t, v.Plaintext, v.Name)
					for _, b := range append(append([]byte{}, v.Plaintext...), v.Ciphertext...) {
						assert.LessOrEqual(t, b, byte(1), v.Name)
					}
				}
				assert.Len(t, v.Ciphertext, len(v.Plaintext), v.Name)
				checkCipher(t, f, v)
			}
		})
	}
	if Curated(root) {
		assert.Equal(t, 40, unsupported)
	} else {
		assert.Positive(t, unsupported)
	}
}

// checkCipher checks what a cipher vector's folder implies, and runs the
// ciphers Go has over the vector.
func checkCipher(t *testing.T, rel string, v CipherVector) {
	t.Helper()
	dir := filepath.ToSlash(filepath.Dir(rel))
	base := filepath.Base(rel)
	switch {
	case strings.HasPrefix(dir, "ciphers/AES"):
		assert.Contains(t, []int{16, 24, 32}, len(v.Key), v.Name)
		if !strings.Contains(base, "ECB") {
			assert.Len(t, v.IV, 16, v.Name)
		} else {
			assert.Nil(t, v.IV, v.Name)
		}
		b, err := aes.NewCipher(v.Key)
		require.NoError(t, err)
		runBlockMode(t, dir, b, v)
	case strings.HasPrefix(dir, "ciphers/3DES"):
		assert.Len(t, v.Key, 24, v.Name)
		b, err := des.NewTripleDESCipher(v.Key)
		require.NoError(t, err)
		runBlockMode(t, dir, b, v)
	case dir == "ciphers/ARC4":
		assert.True(t, v.Encrypt)
		c, err := rc4.NewCipher(v.Key)
		require.NoError(t, err)
		skip := make([]byte, v.Offset)
		c.XORKeyStream(skip, skip)
		got := make([]byte, len(v.Plaintext))
		c.XORKeyStream(got, v.Plaintext)
		assert.Equal(t, hex.EncodeToString(v.Ciphertext), hex.EncodeToString(got), v.Name)
	case dir == "ciphers/ChaCha20":
		assert.Len(t, v.Key, 32, v.Name)
		assert.Len(t, v.Nonce, 8, v.Name)
		require.Len(t, v.IV, 16, v.Name)
		assert.Equal(t, v.Counter, binary.LittleEndian.Uint64(v.IV), v.Name)
		assert.Equal(t, hex.EncodeToString(v.Nonce), hex.EncodeToString(v.IV[8:]), v.Name)
		assert.Equal(t, hex.EncodeToString(v.Ciphertext), hex.EncodeToString(chacha20(v.Key, v.IV, v.Plaintext)), v.Name)
	case dir == "ciphers/Camellia" && strings.HasSuffix(base, "-ecb.txt"):
		bits, err := strconv.Atoi(strings.Split(base, "-")[1])
		require.NoError(t, err)
		assert.Len(t, v.Key, bits/8, v.Name)
		assert.Len(t, v.Plaintext, 16, v.Name)
		assert.True(t, v.Encrypt)
	default:
		assert.NotEmpty(t, v.Plaintext, v.Name)
	}
	if v.Ciphertext100 != nil || v.Ciphertext1000 != nil {
		assert.Equal(t, "ciphers/IDEA/idea-ecb.txt", rel)
	}
}

// runBlockMode runs Go's ECB, CBC and CTR over AES and TDES vectors.
func runBlockMode(t *testing.T, dir string, b cipher.Block, v CipherVector) {
	t.Helper()
	in, want := v.Plaintext, v.Ciphertext
	if !v.Encrypt {
		in, want = want, in
	}
	got := make([]byte, len(in))
	switch {
	case strings.HasSuffix(dir, "/ECB"):
		require.Zero(t, len(in)%b.BlockSize())
		for i := 0; i < len(in); i += b.BlockSize() {
			if v.Encrypt {
				b.Encrypt(got[i:], in[i:])
			} else {
				b.Decrypt(got[i:], in[i:])
			}
		}
	case strings.HasSuffix(dir, "/CBC"):
		require.Zero(t, len(in)%b.BlockSize())
		if v.Encrypt {
			cipher.NewCBCEncrypter(b, v.IV).CryptBlocks(got, in)
		} else {
			cipher.NewCBCDecrypter(b, v.IV).CryptBlocks(got, in)
		}
	case strings.HasSuffix(dir, "/CTR"):
		cipher.NewCTR(b, v.IV).XORKeyStream(got, in)
	default:
		return
	}
	assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got), v.Name)
}

func TestLoadCipherDetails(t *testing.T) {
	t.Run("AES sections", func(t *testing.T) {
		vs, err := LoadCipher(Path(t, "ciphers/AES/CBC/CBCGFSbox128.rsp"))
		require.NoError(t, err)
		require.Len(t, vs, 14)
		enc := 0
		for _, v := range vs {
			if v.Encrypt {
				enc++
			}
		}
		assert.Equal(t, 7, enc)
		assert.True(t, vs[0].Encrypt)
		assert.False(t, vs[13].Encrypt)
	})
	t.Run("TDES KEYs and KEY1..3", func(t *testing.T) {
		vs, err := LoadCipher(Path(t, "ciphers/3DES/CBC/TCBCinvperm.rsp"))
		require.NoError(t, err)
		assert.Len(t, vs, 128)
		assert.Equal(t, strings.Repeat("0101010101010101", 3), hex.EncodeToString(vs[0].Key))
		vs, err = LoadCipher(Path(t, "ciphers/3DES/CBC/TCBCMMT2.rsp"))
		require.NoError(t, err)
		assert.Len(t, vs, 20)
		assert.Equal(t, "34a41a8c293176c1b30732ecfe38ae8a34a41a8c293176c1", hex.EncodeToString(vs[0].Key))
	})
	t.Run("CFB1", func(t *testing.T) {
		vs, err := LoadCipher(Path(t, "ciphers/AES/CFB/CFB1MMT128.rsp"))
		require.NoError(t, err)
		require.Len(t, vs, 20)
		assert.True(t, vs[1].Bits)
		assert.Equal(t, []byte{1, 1}, vs[1].Plaintext)
		vs, err = LoadCipher(Path(t, "ciphers/AES/CFB/CFB128MMT128.rsp"))
		require.NoError(t, err)
		assert.False(t, vs[0].Bits)
	})
	t.Run("ARC4 offsets", func(t *testing.T) {
		vs, err := LoadCipher(Path(t, "ciphers/ARC4/rfc-6229-40.txt"))
		require.NoError(t, err)
		require.Len(t, vs, 36)
		assert.Equal(t, 0, vs[0].Offset)
		assert.Equal(t, 16, vs[1].Offset)
		assert.Equal(t, 4096, vs[35].Offset)
	})
	t.Run("ChaCha20 counters", func(t *testing.T) {
		t.Run("counter-overflow.txt", func(t *testing.T) {
			vs, err := LoadCipher(PathOrSkip(t, "ciphers/ChaCha20/counter-overflow.txt"))
			require.NoError(t, err)
			require.Len(t, vs, 10)
			assert.Equal(t, uint64(1<<32-1), vs[0].Counter)
			assert.Equal(t, uint64(1<<64-1), vs[1].Counter)
		})
		t.Run("rfc7539.txt", func(t *testing.T) {
			const rel = "ciphers/ChaCha20/rfc7539.txt"
			vs, err := LoadCipher(PathOrSkip(t, rel))
			require.NoError(t, err)
			earlierChaCha20(t, RootForTest(t), rel, vs)
			require.Len(t, vs, 3)
			assert.Equal(t, uint64(1), vs[1].Counter)
			assert.Equal(t, "0000000000000002", hex.EncodeToString(vs[1].Nonce))
		})
	})
	t.Run("IDEA NESSIE", func(t *testing.T) {
		vs, err := LoadCipher(Path(t, "ciphers/IDEA/idea-ecb.txt"))
		require.NoError(t, err)
		require.Len(t, vs, 900)
		iterated := 0
		for _, v := range vs {
			if v.Ciphertext100 != nil {
				iterated++
				assert.Len(t, v.Ciphertext1000, 8)
			}
		}
		assert.Equal(t, 450, iterated)
		assert.Equal(t, "5a5f5f21dc25dfe4", hex.EncodeToString(vs[0].Ciphertext100))
	})
	t.Run("Camellia NTT", func(t *testing.T) {
		vs, err := LoadCipher(Path(t, "ciphers/Camellia/camellia-128-ecb.txt"))
		require.NoError(t, err)
		require.Len(t, vs, 1280)
		assert.Equal(t, "00000000000000000000000000000000", hex.EncodeToString(vs[0].Key))
		assert.Equal(t, "80000000000000000000000000000000", hex.EncodeToString(vs[0].Plaintext))
		assert.Equal(t, "07923a39eb0a817d1c4d87bdb82d1f1c", hex.EncodeToString(vs[0].Ciphertext))
		assert.Equal(t, "ffffffffffffffffffffffffffffffff", hex.EncodeToString(vs[128].Key))
		assert.Contains(t, vs[128].Name, "#1")
	})
	t.Run("CAST5 lower-case names", func(t *testing.T) {
		vs, err := LoadCipher(Path(t, "ciphers/CAST5/cast5-ecb.txt"))
		require.NoError(t, err)
		require.Len(t, vs, 3)
		assert.Equal(t, "01234567123456782345", hex.EncodeToString(vs[1].Key))
		assert.Equal(t, "eb6a711a2c02271b", hex.EncodeToString(vs[1].Ciphertext))
	})
	t.Run("no sections means encrypt", func(t *testing.T) {
		vs, err := LoadCipher(Path(t, "ciphers/CAST5/cast5-ctr.txt"))
		require.NoError(t, err)
		for _, v := range vs {
			assert.True(t, v.Encrypt)
			assert.Len(t, v.IV, 8)
		}
	})
	t.Run("AEAD file", func(t *testing.T) {
		_, err := LoadCipher(PathOrSkip(t, "ciphers/SM4/rfc8998.txt"))
		assert.ErrorIs(t, err, ErrUnsupportedFormat)
	})
}

func TestLoadGCMEveryFile(t *testing.T) {
	root, byKind := collection(t)
	wantFail := map[string]int{
		"gcmDecrypt128.rsp": 4011, "gcmDecrypt192.rsp": 3978, "gcmDecrypt256.rsp": 3919,
	}
	for _, f := range byKind[KindGCM] {
		t.Run(f, func(t *testing.T) {
			path := filepath.Join(root, f)
			vs, err := LoadGCM(path)
			require.NoError(t, err)
			recs, err := ParseFile(path)
			require.NoError(t, err)
			require.Len(t, vs, len(recs))
			base := filepath.Base(f)
			if strings.HasPrefix(base, "gcm") {
				assert.Len(t, vs, 7875)
			}
			fails := 0
			for i, v := range vs {
				r := recs[i]
				assert.Equal(t, r.Fail, v.Fail, v.Name)
				for _, c := range []struct {
					section string
					n       int
				}{{"keylen", len(v.Key)}, {"ivlen", len(v.IV)}, {"ptlen", len(v.Ciphertext)}, {"aadlen", len(v.AAD)}, {"taglen", len(v.Tag)}} {
					if s, ok := r.Section[c.section]; ok {
						assert.Equal(t, s, strconv.Itoa(8*c.n), "%s: %s", v.Name, c.section)
					} else {
						assert.Equal(t, "rfc8998.txt", base)
					}
				}
				if v.Fail {
					fails++
					assert.Nil(t, v.Plaintext, v.Name)
				} else {
					assert.Len(t, v.Plaintext, len(v.Ciphertext), v.Name)
				}
				if strings.HasPrefix(base, "gcm") {
					openGCM(t, v)
				}
			}
			assert.Equal(t, wantFail[base], fails)
		})
	}
}

// openGCM decrypts v with Go's AES-GCM where Go supports its IV and tag
// lengths.
func openGCM(t *testing.T, v AEADVector) {
	t.Helper()
	b, err := aes.NewCipher(v.Key)
	require.NoError(t, err)
	var g cipher.AEAD
	switch {
	case len(v.Tag) == 16:
		g, err = cipher.NewGCMWithNonceSize(b, len(v.IV))
	case len(v.IV) == 12 && len(v.Tag) >= 12:
		g, err = cipher.NewGCMWithTagSize(b, len(v.Tag))
	default:
		return
	}
	require.NoError(t, err)
	pt, err := g.Open(nil, v.IV, append(append([]byte{}, v.Ciphertext...), v.Tag...), v.AAD)
	if v.Fail {
		assert.Error(t, err, v.Name)
		return
	}
	require.NoError(t, err, v.Name)
	assert.Equal(t, hex.EncodeToString(v.Plaintext), hex.EncodeToString(pt), v.Name)
}

func TestLoadGCMSM4(t *testing.T) {
	vs, err := LoadGCM(PathOrSkip(t, "ciphers/SM4/rfc8998.txt"))
	require.NoError(t, err)
	require.Len(t, vs, 1)
	v := vs[0]
	assert.Len(t, v.Key, 16)
	assert.Len(t, v.IV, 12)
	assert.Len(t, v.AAD, 20)
	assert.Len(t, v.Tag, 16)
	assert.Len(t, v.Plaintext, 64)
	assert.False(t, v.Fail)
	assert.Equal(t, "83de3541e4c2b58177e065a9bf7b62ec", hex.EncodeToString(v.Tag))
}

func TestLoadXTSEveryFile(t *testing.T) {
	root, byKind := collection(t)
	require.Len(t, byKind[KindXTS], 4)
	for _, f := range byKind[KindXTS] {
		t.Run(f, func(t *testing.T) {
			vs, err := LoadXTS(filepath.Join(root, f))
			require.NoError(t, err)
			require.Len(t, vs, 1000)
			// Data units of 130, 140 or 250 bits: 200 records with
			// AES-128, 400 with AES-256.
			keyLen, wantPartial := 32, 200
			if strings.Contains(f, "AES256") {
				keyLen, wantPartial = 64, 400
			}
			enc, partial := 0, 0
			for _, v := range vs {
				assert.Len(t, v.Key, keyLen, v.Name)
				assert.Len(t, v.Tweak, 16, v.Name)
				assert.Len(t, v.Plaintext, (v.DataUnitLen+7)/8, v.Name)
				assert.Len(t, v.Ciphertext, len(v.Plaintext), v.Name)
				if v.Encrypt {
					enc++
				}
				if v.DataUnitLen%8 != 0 {
					partial++
				}
			}
			assert.Equal(t, 500, enc)
			assert.Equal(t, wantPartial, partial)
		})
	}
	vs, err := LoadXTS(Path(t, "ciphers/AES/XTS/tweak-dataunitseqno/XTSGenAES128.rsp"))
	require.NoError(t, err)
	assert.Equal(t, "8d000000000000000000000000000000", hex.EncodeToString(vs[0].Tweak), "DataUnitSeqNumber = 141")
	vs, err = LoadXTS(Path(t, "ciphers/AES/XTS/tweak-128hexstr/XTSGenAES128.rsp"))
	require.NoError(t, err)
	assert.Equal(t, "4faef7117cda59c66e4b92013e768ad5", hex.EncodeToString(vs[0].Tweak))
	assert.Equal(t, "XTSGenAES128.rsp:12#1", vs[0].Name)
}
