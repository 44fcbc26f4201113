package ciphers_test

import (
	"crypto/cipher"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// pastPattern returns size bytes, none of them zero.
func pastPattern(size int) []byte {
	b := make([]byte, size)
	for i := range b {
		b[i] = 0xA5 ^ byte(i&0x7f)
	}
	return b
}

// pastDst returns a buffer for an output of n bytes after 3 bytes of
// pattern, and dst, the window on it that a call gets: n bytes long, or
// longer by extra bytes; its capacity ends with it when exact is set, else
// 40 bytes later.
func pastDst(n, extra int, exact bool) (buf, dst []byte) {
	const prefix = 3
	buf = pastPattern(prefix + n + extra + 40)
	end := len(buf)
	if exact {
		end = prefix + n + extra
	}
	return buf, buf[prefix : prefix+n+extra : end]
}

// assertPast checks that buf still holds the pattern outside the n bytes
// of output after its 3-byte prefix.
func assertPast(t *testing.T, buf []byte, n int, what string) {
	t.Helper()
	want := pastPattern(len(buf))
	assert.Equal(t, hex.EncodeToString(want[:3]), hex.EncodeToString(buf[:3]), "%s: bytes before the output changed", what)
	assert.Equal(t, hex.EncodeToString(want[3+n:]), hex.EncodeToString(buf[3+n:]), "%s: bytes past the output changed", what)
}

// TestAdaptersNothingPastOutput checks that the adapters to Go's
// cipher.Block, cipher.Stream and cipher.BlockMode write only the output
// their input asks for, on both backends: into a dst of exactly that
// length whose capacity ends there or goes on, and into a longer dst,
// whose extra bytes keep their value, at every length to 64 bytes and a
// few longer ones, apart and in place.
func TestAdaptersNothingPastOutput(t *testing.T) {
	key := pastPattern(32)
	for _, b := range []struct {
		name string
		b    backends.CipherBackend
	}{{"default", defaultbackend.Get()}, {"gocrypto", gocrypto.NewBackend()}} {
		t.Run(b.name, func(t *testing.T) {
			aes, err := algorithms.NewAES(key[:16])
			require.NoError(t, err)
			tdes, err := algorithms.NewTripleDES(key[:24])
			require.NoError(t, err)
			for _, alg := range []backends.BlockCipherAlgorithm{aes, tdes} {
				blk, err := ciphers.NewBlockWithBackend(alg, b.b)
				if err != nil {
					t.Logf("%s: no Block: %v", alg.Name(), err)
					continue
				}
				bs := blk.BlockSize()
				src := pastPattern(bs + 5)
				for _, extra := range []int{0, 7} {
					for _, exact := range []bool{true, false} {
						what := fmt.Sprintf("%s Block, dst %d bytes longer than a block, capacity ending with it %v", alg.Name(), extra, exact)
						buf, dst := pastDst(bs, extra, exact)
						blk.Encrypt(dst, src)
						assertPast(t, buf, bs, what+", Encrypt")
						buf, dst = pastDst(bs, extra, exact)
						blk.Decrypt(dst, src)
						assertPast(t, buf, bs, what+", Decrypt")
					}
				}
			}

			ctr, err := modes.NewCTR(key[:16])
			require.NoError(t, err)
			chacha, err := algorithms.NewChaCha20(key, key[:16])
			require.NoError(t, err)
			streams := []struct {
				name string
				alg  backends.CipherAlgorithm
				mode backends.Mode
			}{{"AES-CTR", aes, ctr}, {"ChaCha20", chacha, nil}}
			cbc, err := modes.NewCBC(key[:16])
			require.NoError(t, err)
			for _, n := range []int{0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65, 255, 256, 1024, 1025} {
				src := pastPattern(n)
				for _, extra := range []int{0, 9} {
					for _, exact := range []bool{true, false} {
						for _, s := range streams {
							st, err := ciphers.NewStreamEncrypterWithBackend(s.alg, s.mode, b.b)
							if err != nil {
								t.Logf("%s: no Stream: %v", s.name, err)
								continue
							}
							what := fmt.Sprintf("%s XORKeyStream of %d bytes, dst %d bytes longer, capacity ending with it %v", s.name, n, extra, exact)
							buf, dst := pastDst(n, extra, exact)
							st.XORKeyStream(dst, src)
							assertPast(t, buf, n, what)
							if extra == 0 {
								st, err = ciphers.NewStreamEncrypterWithBackend(s.alg, s.mode, b.b)
								require.NoError(t, err)
								buf, dst = pastDst(n, 0, exact)
								copy(dst, src)
								st.XORKeyStream(dst, dst)
								assertPast(t, buf, n, what+", in place")
							}
						}
						if n%16 != 0 {
							continue
						}
						for _, enc := range []bool{true, false} {
							newMode := ciphers.NewBlockModeDecrypterWithBackend
							if enc {
								newMode = ciphers.NewBlockModeEncrypterWithBackend
							}
							var bm cipher.BlockMode
							bm, err = newMode(aes, cbc, b.b)
							if err != nil {
								t.Logf("AES-CBC: no BlockMode: %v", err)
								continue
							}
							what := fmt.Sprintf("AES-CBC CryptBlocks of %d bytes (encrypt %v), dst %d bytes longer, capacity ending with it %v", n, enc, extra, exact)
							buf, dst := pastDst(n, extra, exact)
							bm.CryptBlocks(dst, src)
							assertPast(t, buf, n, what)
						}
					}
				}
			}
		})
	}
}
