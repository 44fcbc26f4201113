package ciphers_test

// Differential tests: every cipher that Go (or golang.org/x/crypto) also
// implements is run through hazmat and through Go over random keys and
// every length from 0 to 1 KiB plus a few large messages, with the input
// fed to the streaming Context at random split points, and the output
// compared. The seed is logged; set HAZMAT_TEST_SEED to repeat a run.

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/rc4"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/chacha20"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/goref"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// diffMaxLen is the longest length tried one by one; diffLargeLens are
// tried besides.
const diffMaxLen = 1024

var diffLargeLens = []int{64 << 10, 64<<10 + 13}

// diffRand returns a PCG generator and logs its seed. HAZMAT_TEST_SEED
// fixes the seed.
func diffRand(t testing.TB) *rand.Rand {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("HAZMAT_TEST_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		require.NoError(t, err, "HAZMAT_TEST_SEED")
		seed = v
	}
	t.Logf("seed %d (HAZMAT_TEST_SEED=%d repeats this run)", seed, seed)
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

func diffBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func diffHex(b []byte) string { return hex.EncodeToString(b) }

// diffSupported reports whether the default backend offers the pair. When
// it does not, it checks that the cipher's constructors say so with
// ErrUnsupportedAlgorithm, and that this happens only in FIPS mode (every
// pair tested here is available with the default providers).
func diffSupported(t *testing.T, alg backends.CipherAlgorithm, mode backends.Mode) bool {
	t.Helper()
	if ciphers.Supported(alg, mode) {
		return true
	}
	c, err := ciphers.NewCipher(alg, mode)
	require.NoError(t, err, "the descriptors themselves are valid")
	_, err = c.Encryptor()
	assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
	assert.True(t, defaultbackend.FIPS() || notInGo(err), "%s/%v is unsupported outside FIPS mode: %v", alg.Name(), mode, err)
	t.Logf("%s is unsupported here: %v", alg.Name(), err)
	return false
}

// diffWay is how the data reaches the Context.
type diffWay int

const (
	wayUpdate  diffWay = iota // Update at random split points
	wayInto                   // UpdateInto a separate buffer at random split points
	wayInPlace                // UpdateInto in place, split at multiples of the block
	numWays
)

func (w diffWay) String() string {
	return [...]string{"Update", "UpdateInto", "in place"}[w]
}

// diffFeed feeds in to ctx the given way and returns the output of the
// updates (not of Finalize). align is the block size for ECB and CBC, 1
// for the modes that stream. in is never modified except in place.
func diffFeed(t *testing.T, r *rand.Rand, ctx *ciphers.Context, in []byte, way diffWay, align int) []byte {
	t.Helper()
	keep := bytes.Clone(in)
	var out []byte
	switch way {
	case wayUpdate:
		for rest := in; len(rest) > 0; {
			n := r.IntN(len(rest) + 1)
			o, err := ctx.Update(rest[:n])
			require.NoError(t, err)
			out = append(out, o...)
			rest = rest[n:]
		}
	case wayInto:
		buf := make([]byte, len(in)+align)
		w := 0
		for rest := in; len(rest) > 0; {
			n := r.IntN(len(rest) + 1)
			k, err := ctx.UpdateInto(rest[:n], buf[w:])
			require.NoError(t, err)
			w += k
			rest = rest[n:]
		}
		out = buf[:w]
	case wayInPlace:
		require.Zero(t, len(in)%align)
		buf := bytes.Clone(in)
		for off := 0; off < len(buf); {
			n := r.IntN((len(buf)-off)/align+1) * align
			chunk := buf[off : off+n]
			k, err := ctx.UpdateInto(chunk, chunk)
			require.NoError(t, err)
			require.Equal(t, n, k, "in place, whole blocks in give whole blocks out")
			off += n
		}
		out = buf
	}
	if way != wayInPlace {
		require.Equal(t, diffHex(keep), diffHex(in), "the input was modified")
	}
	return out
}

// diffCrypt runs a whole message through a new context of c.
func diffCrypt(t *testing.T, r *rand.Rand, c *ciphers.Cipher, encrypt bool, in []byte, way diffWay, align int) []byte {
	t.Helper()
	var (
		ctx *ciphers.Context
		err error
	)
	if encrypt {
		ctx, err = c.Encryptor()
	} else {
		ctx, err = c.Decryptor()
	}
	require.NoError(t, err)
	out := diffFeed(t, r, ctx, in, way, align)
	fin, err := ctx.Finalize()
	require.NoError(t, err)
	return append(out, fin...)
}

// goCFB8 is CFB with 8-bit feedback (NIST SP 800-38A, 6.3), which Go's
// crypto/cipher does not offer, written over a cipher.Block.
func goCFB8(b cipher.Block, iv, in []byte, decrypt bool) []byte {
	reg := bytes.Clone(iv)
	ks := make([]byte, b.BlockSize())
	out := make([]byte, len(in))
	for i, c := range in {
		b.Encrypt(ks, reg)
		out[i] = c ^ ks[0]
		fb := out[i]
		if decrypt {
			fb = c
		}
		copy(reg, reg[1:])
		reg[len(reg)-1] = fb
	}
	return out
}

func goECB(b cipher.Block, in []byte, decrypt bool) []byte {
	bs := b.BlockSize()
	out := make([]byte, len(in))
	for i := 0; i < len(in); i += bs {
		if decrypt {
			b.Decrypt(out[i:i+bs], in[i:i+bs])
		} else {
			b.Encrypt(out[i:i+bs], in[i:i+bs])
		}
	}
	return out
}

func goStream(s cipher.Stream, in []byte) []byte {
	out := make([]byte, len(in))
	s.XORKeyStream(out, in)
	return out
}

func goBlockMode(m cipher.BlockMode, in []byte) []byte {
	out := make([]byte, len(in))
	m.CryptBlocks(out, in)
	return out
}

// diffMode is a mode with Go's implementation of it.
type diffMode struct {
	name   string
	whole  bool // whole blocks only
	stream bool // a stream mode (for the cipher.Stream adapters)
	new    func(iv []byte) (backends.Mode, error)
	goEnc  func(b cipher.Block, iv, in []byte) []byte
	goDec  func(b cipher.Block, iv, in []byte) []byte
}

// diffModes returns the modes, Go's implementations run even where
// GODEBUG=fips140=only makes Go refuse them (see goref.Run).
func diffModes() []diffMode {
	ms := []diffMode{
		{
			name: "ECB", whole: true,
			new:   func([]byte) (backends.Mode, error) { return modes.NewECB(), nil },
			goEnc: func(b cipher.Block, _, in []byte) []byte { return goECB(b, in, false) },
			goDec: func(b cipher.Block, _, in []byte) []byte { return goECB(b, in, true) },
		},
		{
			name: "CBC", whole: true,
			new: func(iv []byte) (backends.Mode, error) { return modes.NewCBC(iv) },
			goEnc: func(b cipher.Block, iv, in []byte) []byte {
				return goBlockMode(cipher.NewCBCEncrypter(b, iv), in)
			},
			goDec: func(b cipher.Block, iv, in []byte) []byte {
				return goBlockMode(cipher.NewCBCDecrypter(b, iv), in)
			},
		},
		{
			name: "CTR", stream: true,
			new:   func(iv []byte) (backends.Mode, error) { return modes.NewCTR(iv) },
			goEnc: func(b cipher.Block, iv, in []byte) []byte { return goStream(cipher.NewCTR(b, iv), in) },
			goDec: func(b cipher.Block, iv, in []byte) []byte { return goStream(cipher.NewCTR(b, iv), in) },
		},
		{
			name: "OFB", stream: true,
			new: func(iv []byte) (backends.Mode, error) { return modes.NewOFB(iv) },
			goEnc: func(b cipher.Block, iv, in []byte) []byte {
				//lint:ignore SA1019 OFB is the mode under test; Go's is the reference.
				return goStream(cipher.NewOFB(b, iv), in)
			},
			goDec: func(b cipher.Block, iv, in []byte) []byte {
				//lint:ignore SA1019 OFB is the mode under test; Go's is the reference.
				return goStream(cipher.NewOFB(b, iv), in)
			},
		},
		{
			name: "CFB", stream: true,
			new: func(iv []byte) (backends.Mode, error) { return modes.NewCFB(iv) },
			goEnc: func(b cipher.Block, iv, in []byte) []byte {
				//lint:ignore SA1019 CFB is the mode under test; Go's is the reference.
				return goStream(cipher.NewCFBEncrypter(b, iv), in)
			},
			goDec: func(b cipher.Block, iv, in []byte) []byte {
				//lint:ignore SA1019 CFB is the mode under test; Go's is the reference.
				return goStream(cipher.NewCFBDecrypter(b, iv), in)
			},
		},
		{
			name: "CFB8", stream: true,
			new:   func(iv []byte) (backends.Mode, error) { return modes.NewCFB8(iv) },
			goEnc: func(b cipher.Block, iv, in []byte) []byte { return goCFB8(b, iv, in, false) },
			goDec: func(b cipher.Block, iv, in []byte) []byte { return goCFB8(b, iv, in, true) },
		},
	}
	for i := range ms {
		ms[i].goEnc, ms[i].goDec = liftMode(ms[i].goEnc), liftMode(ms[i].goDec)
	}
	return ms
}

// goRC4 returns Go's RC4, made even where GODEBUG=fips140=only makes Go
// refuse it (see goref.Run).
func goRC4(key []byte) (c *rc4.Cipher, err error) {
	goref.Run(func() { c, err = rc4.NewCipher(key) })
	return c, err
}

// liftMode returns f run through goref.Run.
func liftMode(f func(b cipher.Block, iv, in []byte) []byte) func(b cipher.Block, iv, in []byte) []byte {
	return func(b cipher.Block, iv, in []byte) (out []byte) {
		goref.Run(func() { out = f(b, iv, in) })
		return out
	}
}

// liftBlock returns f run through goref.Run.
func liftBlock(f func(key []byte) (cipher.Block, error)) func(key []byte) (cipher.Block, error) {
	return func(key []byte) (b cipher.Block, err error) {
		goref.Run(func() { b, err = f(key) })
		return b, err
	}
}

// diffAlg is a block cipher with Go's implementation of it.
type diffAlg struct {
	name     string
	keyLens  []int
	modes    []string // the modes to test; nil: all
	new      func(key []byte) (backends.BlockCipherAlgorithm, error)
	goCipher func(key []byte) (cipher.Block, error)
}

// goTripleDES expands a key the way algorithms.NewTripleDES documents
// (K1‖K1‖K1 or K1‖K2‖K1), independently of it.
func goTripleDES(key []byte) (cipher.Block, error) {
	switch len(key) {
	case 8:
		return des.NewTripleDESCipher(bytes.Repeat(key, 3))
	case 16:
		return des.NewTripleDESCipher(append(bytes.Clone(key), key[:8]...))
	}
	return des.NewTripleDESCipher(key)
}

// tdesKeyLens are the TripleDES key lengths to compare with Go: FIPS mode
// refuses 8- and 16-byte keys (TestFIPSTripleDESKeys in openssl checks how).
func tdesKeyLens() []int {
	if defaultbackend.FIPS() {
		return []int{24}
	}
	return []int{8, 16, 24}
}

// diffAlgs returns the block ciphers, Go's made even where
// GODEBUG=fips140=only makes Go refuse them (Triple DES; see goref.Run).
func diffAlgs() []diffAlg {
	return []diffAlg{
		{
			name: "AES", keyLens: []int{16, 24, 32},
			new:      func(key []byte) (backends.BlockCipherAlgorithm, error) { return algorithms.NewAES(key) },
			goCipher: liftBlock(aes.NewCipher),
		},
		{
			name: "TripleDES", keyLens: tdesKeyLens(),
			modes:    []string{"ECB", "CBC", "OFB", "CFB"},
			new:      func(key []byte) (backends.BlockCipherAlgorithm, error) { return algorithms.NewTripleDES(key) },
			goCipher: liftBlock(goTripleDES),
		},
	}
}

func (a diffAlg) has(mode string) bool {
	if a.modes == nil {
		return true
	}
	for _, m := range a.modes {
		if m == mode {
			return true
		}
	}
	return false
}

func diffLens(step int) []int {
	var ns []int
	for n := 0; n <= diffMaxLen; n += step {
		ns = append(ns, n)
	}
	for _, n := range diffLargeLens {
		ns = append(ns, n/step*step)
	}
	return ns
}

// TestDiffBlockCipherModes compares AES and Triple DES in ECB, CBC, CTR,
// OFB, CFB and CFB8 with Go's crypto/cipher over every length, each
// message with a new random key and IV.
func TestDiffBlockCipherModes(t *testing.T) {
	for _, da := range diffAlgs() {
		for _, keyLen := range da.keyLens {
			for _, dm := range diffModes() {
				if !da.has(dm.name) {
					continue
				}
				t.Run(da.name+"-"+strconv.Itoa(keyLen*8)+"/"+dm.name, func(t *testing.T) {
					t.Parallel()
					r := diffRand(t)
					alg, err := da.new(diffBytes(r, keyLen))
					require.NoError(t, err)
					bs := alg.BlockSize() / 8
					mode, err := dm.new(diffBytes(r, bs))
					require.NoError(t, err)
					if !diffSupported(t, alg, mode) {
						return
					}
					align, step := 1, 1
					if dm.whole {
						align, step = bs, bs
					}
					for i, n := range diffLens(step) {
						key, iv, pt := diffBytes(r, keyLen), diffBytes(r, bs), diffBytes(r, n)
						alg, err := da.new(key)
						require.NoError(t, err)
						mode, err := dm.new(iv)
						require.NoError(t, err)
						c, err := ciphers.NewCipher(alg, mode)
						require.NoError(t, err)
						gb, err := da.goCipher(key)
						require.NoError(t, err)

						encWay, decWay := diffWay(i%int(numWays)), diffWay((i+1)%int(numWays))
						want := dm.goEnc(gb, iv, pt)
						got := diffCrypt(t, r, c, true, pt, encWay, align)
						if !assert.Equal(t, diffHex(want), diffHex(got), "encrypt %d bytes (%v), key %x iv %x", n, encWay, key, iv) {
							return
						}
						back := diffCrypt(t, r, c, false, want, decWay, align)
						if !assert.Equal(t, diffHex(pt), diffHex(back), "decrypt %d bytes (%v), key %x iv %x", n, decWay, key, iv) {
							return
						}
						assert.Equal(t, diffHex(pt), diffHex(dm.goDec(gb, iv, want)), "Go's round trip")
					}
				})
			}
		}
	}
}

// TestDiffCTRCounterWrap checks that CTR carries across the whole 128-bit
// counter block, as Go's (and NIST SP 800-38A's) does.
func TestDiffCTRCounterWrap(t *testing.T) {
	r := diffRand(t)
	for _, iv := range []string{
		"ffffffffffffffffffffffffffffffff",
		"00000000000000000000fffffffffffe",
		"0123456789abcdefffffffffffffffff",
		"000000000000000000000000ffffffff",
	} {
		t.Run(iv, func(t *testing.T) {
			ivb, _ := hex.DecodeString(iv)
			key, pt := diffBytes(r, 16), diffBytes(r, 100)
			alg, err := algorithms.NewAES(key)
			require.NoError(t, err)
			mode, err := modes.NewCTR(ivb)
			require.NoError(t, err)
			if !diffSupported(t, alg, mode) {
				return
			}
			c, err := ciphers.NewCipher(alg, mode)
			require.NoError(t, err)
			gb, err := aes.NewCipher(key)
			require.NoError(t, err)
			want := goStream(cipher.NewCTR(gb, ivb), pt)
			assert.Equal(t, diffHex(want), diffHex(diffCrypt(t, r, c, true, pt, wayUpdate, 1)))
		})
	}
}

// TestDiffTripleDESKeyExpansion checks that an 8-byte Triple DES key is
// single DES, and a 16-byte key is two-key Triple DES (K1‖K2‖K1).
func TestDiffTripleDESKeyExpansion(t *testing.T) {
	r := diffRand(t)
	for _, keyLen := range []int{8, 16} {
		t.Run(strconv.Itoa(keyLen), func(t *testing.T) {
			key := diffBytes(r, keyLen)
			alg, err := algorithms.NewTripleDES(key)
			require.NoError(t, err)
			assert.Equal(t, 192, alg.KeySize())
			if defaultbackend.FIPS() {
				c, err := ciphers.NewCipher(alg, modes.NewECB())
				require.NoError(t, err)
				_, err = c.Decryptor()
				if defaultbackend.Name() == defaultbackend.Go {
					// Go's module approves no Triple DES at all.
					assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "FIPS mode refuses Triple DES")
					return
				}
				assert.ErrorIs(t, err, backends.ErrInvalidKeySize, "FIPS mode refuses a %d-byte key", keyLen)
				return
			}
			if !diffSupported(t, alg, modes.NewECB()) {
				return
			}
			var ref cipher.Block
			goref.Run(func() { // Go's DES, even where fips140=only refuses it
				if keyLen == 8 {
					ref, err = des.NewCipher(key)
				} else {
					k := make([]byte, 0, 24)
					k = append(append(k, key...), key[:8]...)
					ref, err = des.NewTripleDESCipher(k)
				}
			})
			require.NoError(t, err)
			c, err := ciphers.NewCipher(alg, modes.NewECB())
			require.NoError(t, err)
			pt := diffBytes(r, 8*64)
			want := goECB(ref, pt, false)
			assert.Equal(t, diffHex(want), diffHex(diffCrypt(t, r, c, true, pt, wayUpdate, 8)))
			assert.Equal(t, diffHex(pt), diffHex(diffCrypt(t, r, c, false, want, wayInto, 8)))
		})
	}
}

// diffGCM is a GCM variant: nonce and tag lengths.
type diffGCM struct {
	nonce, tag int
}

// goSeal returns Go's GCM seal of pt of the variant. Go's GCM seals with
// a tag under 16 bytes write up to 3 bytes past their output
// (golang/go#80288), into whatever object lies next in memory: the seal
// is made with the whole tag, which is then cut, as a truncated GCM tag is
// the leading bytes of the whole one (SP 800-38D).
func (g diffGCM) goSeal(t *testing.T, key, nonce, pt, aad []byte) []byte {
	sealed := diffGCM{nonce: g.nonce, tag: 16}.goAEAD(t, key).Seal(nil, nonce, pt, aad)
	return sealed[:len(pt)+g.tag]
}

// goAEAD returns Go's GCM of the variant, made even where
// GODEBUG=fips140=only makes Go refuse the caller's nonces (see goref.Run).
// Seal with it through goSeal.
func (g diffGCM) goAEAD(t *testing.T, key []byte) cipher.AEAD {
	b, err := aes.NewCipher(key)
	require.NoError(t, err)
	var a cipher.AEAD
	goref.Run(func() {
		switch {
		case g.nonce != 12:
			a, err = cipher.NewGCMWithNonceSize(b, g.nonce)
		case g.tag != 16:
			a, err = cipher.NewGCMWithTagSize(b, g.tag)
		default:
			a, err = cipher.NewGCM(b)
		}
	})
	require.NoError(t, err)
	return a
}

// diffAAD passes aad to ctx in one to three pieces.
func diffAAD(t *testing.T, r *rand.Rand, ctx *ciphers.Context, aad []byte) {
	t.Helper()
	if len(aad) == 0 && r.IntN(2) == 0 {
		return // no call at all
	}
	for i := r.IntN(3); i > 0 && len(aad) > 0; i-- {
		n := r.IntN(len(aad) + 1)
		require.NoError(t, ctx.AuthenticateAdditionalData(aad[:n]))
		aad = aad[n:]
	}
	require.NoError(t, ctx.AuthenticateAdditionalData(aad))
}

// TestDiffGCM compares streaming AES-GCM with crypto/cipher's GCM: the
// standard 12-byte nonce, 8-, 16- and 60-byte nonces, and 12-byte tags
// (the 16-byte tag truncated, accepted by a mode with a minimum tag
// length of 12).
func TestDiffGCM(t *testing.T) {
	for _, g := range []diffGCM{{12, 16}, {8, 16}, {16, 16}, {60, 16}, {12, 12}} {
		for _, keyLen := range []int{16, 24, 32} {
			name := "AES-" + strconv.Itoa(keyLen*8) + "/nonce-" + strconv.Itoa(g.nonce) + "/tag-" + strconv.Itoa(g.tag)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				r := diffRand(t)
				alg, err := algorithms.NewAES(diffBytes(r, keyLen))
				require.NoError(t, err)
				mode, err := modes.NewGCMWithMinTagLength(diffBytes(r, g.nonce), nil, g.tag)
				require.NoError(t, err)
				if !diffSupported(t, alg, mode) {
					return
				}
				for i, n := range diffLens(1) {
					key, nonce, pt := diffBytes(r, keyLen), diffBytes(r, g.nonce), diffBytes(r, n)
					aad := diffBytes(r, r.IntN(3)*r.IntN(40))
					want := g.goSeal(t, key, nonce, pt, aad)
					wantCT, wantTag := want[:n], want[n:]

					alg, err := algorithms.NewAES(key)
					require.NoError(t, err)
					encMode, err := modes.NewGCMWithMinTagLength(nonce, nil, g.tag)
					require.NoError(t, err)
					c, err := ciphers.NewCipher(alg, encMode)
					require.NoError(t, err)
					enc, err := c.Encryptor()
					require.NoError(t, err)
					diffAAD(t, r, enc, aad)
					way := gcmWay(diffWay(i % int(numWays)))
					ct := diffFeed(t, r, enc, pt, way, 1)
					fin, err := enc.Finalize()
					require.NoError(t, err)
					if gcmHoldsBack() {
						assert.Empty(t, ct, "the Go backend's GCM releases nothing before Finalize")
						ct = fin
					} else {
						assert.Empty(t, fin)
					}
					tag, err := enc.Tag()
					require.NoError(t, err)
					require.Len(t, tag, 16)
					if !assert.Equal(t, diffHex(wantCT), diffHex(ct), "ciphertext, %d bytes (%v)", n, way) ||
						!assert.Equal(t, diffHex(wantTag), diffHex(tag[:g.tag]), "tag, %d bytes", n) {
						return
					}

					// Decrypt, with the tag in the mode or given at the end.
					withTag := i%2 == 0
					var modeTag []byte
					if withTag {
						modeTag = wantTag
					}
					decMode, err := modes.NewGCMWithMinTagLength(nonce, modeTag, g.tag)
					require.NoError(t, err)
					c, err = ciphers.NewCipher(alg, decMode)
					require.NoError(t, err)
					dec, err := c.Decryptor()
					require.NoError(t, err)
					diffAAD(t, r, dec, aad)
					way = gcmWay(diffWay((i + 1) % int(numWays)))
					back := diffFeed(t, r, dec, wantCT, way, 1)
					var tail []byte
					if withTag {
						tail, err = dec.Finalize()
					} else {
						tail, err = dec.FinalizeWithTag(wantTag)
					}
					require.NoError(t, err, "decrypt %d bytes (%v), tag in mode: %v", n, way, withTag)
					if gcmHoldsBack() {
						assert.Empty(t, back, "the Go backend's GCM releases nothing before the tag is checked")
						back = tail
					} else {
						assert.Empty(t, tail)
					}
					assert.Equal(t, diffHex(pt), diffHex(back))

					if i%31 == 0 {
						// A flipped bit anywhere fails, as it does in Go.
						bad := bytes.Clone(want)
						bad[r.IntN(len(bad))] ^= 1 << r.IntN(8)
						badMode, err := modes.NewGCMWithMinTagLength(nonce, bad[n:], g.tag)
						require.NoError(t, err)
						bc, err := ciphers.NewCipher(alg, badMode)
						require.NoError(t, err)
						dec, err := bc.Decryptor()
						require.NoError(t, err)
						require.NoError(t, dec.AuthenticateAdditionalData(aad))
						_, err = dec.Update(bad[:n])
						require.NoError(t, err)
						_, err = dec.Finalize()
						assert.ErrorIs(t, err, backends.ErrInvalidTag, "flipped bit, %d bytes", n)
						_, goErr := g.goAEAD(t, key).Open(nil, nonce, bad, aad)
						assert.Error(t, goErr)
					}
				}
			})
		}
	}
}

// TestDiffARC4 compares ARC4 with crypto/rc4: with 16-byte keys (OpenSSL's
// default key length for rc4) and with keys of every length from 5 to 256
// bytes.
func TestDiffARC4(t *testing.T) {
	for _, tc := range []struct {
		name   string
		keyLen func(r *rand.Rand) int
	}{
		{"key-16", func(*rand.Rand) int { return 16 }},
		{"key-5-to-256", func(r *rand.Rand) int { return 5 + r.IntN(252) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := diffRand(t)
			probe, err := algorithms.NewARC4(diffBytes(r, 16))
			require.NoError(t, err)
			if !diffSupported(t, probe, nil) {
				return
			}
			for i, n := range diffLens(1) {
				key, pt := diffBytes(r, tc.keyLen(r)), diffBytes(r, n)
				alg, err := algorithms.NewARC4(key)
				require.NoError(t, err)
				c, err := ciphers.NewCipher(alg, nil)
				require.NoError(t, err)
				ref, err := goRC4(key)
				require.NoError(t, err)
				want := goStream(ref, pt)
				got := diffCrypt(t, r, c, true, pt, diffWay(i%int(numWays)), 1)
				if !assert.Equal(t, diffHex(want), diffHex(got), "%d bytes, key %x", n, key) {
					return
				}
				assert.Equal(t, diffHex(pt), diffHex(diffCrypt(t, r, c, false, want, diffWay((i+1)%int(numWays)), 1)))
			}
		})
	}
}

// TestDiffChaCha20 compares ChaCha20 with golang.org/x/crypto/chacha20.
// OpenSSL's 16-byte IV is the initial block counter (4 bytes, little
// endian) followed by the 12-byte nonce of RFC 8439.
func TestDiffChaCha20(t *testing.T) {
	r := diffRand(t)
	probe, err := algorithms.NewChaCha20(diffBytes(r, 32), diffBytes(r, 16))
	require.NoError(t, err)
	if !diffSupported(t, probe, nil) {
		return
	}
	for i, n := range diffLens(1) {
		key, nonce, pt := diffBytes(r, 32), diffBytes(r, 12), diffBytes(r, n)
		// Keep clear of the end of the 32-bit counter, where x/crypto panics.
		counter := r.Uint32N(1<<32 - 1<<12)
		if i%4 == 0 {
			counter = uint32(i % 3)
		}
		iv := binary.LittleEndian.AppendUint32(nil, counter)
		iv = append(iv, nonce...)
		alg, err := algorithms.NewChaCha20(key, iv)
		require.NoError(t, err)
		c, err := ciphers.NewCipher(alg, nil)
		require.NoError(t, err)
		ref, err := chacha20.NewUnauthenticatedCipher(key, nonce)
		require.NoError(t, err)
		ref.SetCounter(counter)
		want := goStream(ref, pt)
		got := diffCrypt(t, r, c, true, pt, diffWay(i%int(numWays)), 1)
		if !assert.Equal(t, diffHex(want), diffHex(got), "%d bytes, counter %d", n, counter) {
			return
		}
		assert.Equal(t, diffHex(pt), diffHex(diffCrypt(t, r, c, false, want, diffWay((i+1)%int(numWays)), 1)))
	}
}

// TestDiffNewBlock compares the cipher.Block adapter with crypto/aes and
// crypto/des, block by block, then as the block under Go's own CBC and CTR.
func TestDiffNewBlock(t *testing.T) {
	for _, da := range diffAlgs() {
		for _, keyLen := range da.keyLens {
			t.Run(da.name+"-"+strconv.Itoa(keyLen*8), func(t *testing.T) {
				t.Parallel()
				r := diffRand(t)
				key := diffBytes(r, keyLen)
				alg, err := da.new(key)
				require.NoError(t, err)
				if !diffSupported(t, alg, modes.NewECB()) {
					_, err := ciphers.NewBlock(alg)
					assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
					return
				}
				hb, err := ciphers.NewBlock(alg)
				require.NoError(t, err)
				gb, err := da.goCipher(key)
				require.NoError(t, err)
				bs := gb.BlockSize()
				require.Equal(t, bs, hb.BlockSize())

				for range 200 {
					// src longer than a block and dst with a tail: only the
					// first block counts, the rest of dst is left alone.
					src := diffBytes(r, bs+r.IntN(2*bs))
					want, got := make([]byte, bs), bytes.Repeat([]byte{0xAA}, bs+5)
					gb.Encrypt(want, src)
					hb.Encrypt(got, src)
					require.Equal(t, diffHex(want), diffHex(got[:bs]), "Encrypt %x", src[:bs])
					assert.Equal(t, "aaaaaaaaaa", diffHex(got[bs:]))

					back := make([]byte, bs)
					hb.Decrypt(back, want)
					require.Equal(t, diffHex(src[:bs]), diffHex(back))

					inPlace := bytes.Clone(src[:bs])
					hb.Encrypt(inPlace, inPlace)
					require.Equal(t, diffHex(want), diffHex(inPlace), "Encrypt in place")
					hb.Decrypt(inPlace, inPlace)
					require.Equal(t, diffHex(src[:bs]), diffHex(inPlace), "Decrypt in place")
				}

				if goEnforces() {
					// Go's CBC and CTR take only Go's own AES under
					// GODEBUG=fips140=only: hazmat's Block runs under the
					// test's CBC and CTR, compared with Go's over Go's AES.
					t.Log("GODEBUG=fips140=only: Go's CBC and CTR refuse hazmat's Block; it runs under the test's own CBC and CTR")
					assert.Panics(t, func() { cipher.NewCBCEncrypter(hb, make([]byte, bs)) }, "Go's CBC over a block not its own")
					for _, n := range []int{0, bs, 3 * bs, 64 * bs} {
						iv, pt := diffBytes(r, bs), diffBytes(r, n)
						ctrPT := diffBytes(r, n+r.IntN(bs))
						var want, wantCTR []byte
						goref.Run(func() { // Go's CBC and CTR over Go's Triple DES too
							want = goBlockMode(cipher.NewCBCEncrypter(gb, iv), pt)
							wantCTR = goStream(cipher.NewCTR(gb, iv), ctrPT)
						})
						assert.Equal(t, diffHex(want), diffHex(refCBC(hb, iv, pt, false)), "CBC over the Block, %d bytes", n)
						assert.Equal(t, diffHex(pt), diffHex(refCBC(hb, iv, want, true)))
						assert.Equal(t, diffHex(wantCTR), diffHex(refCTR(hb, iv, ctrPT)), "CTR over the Block")
					}
					return
				}
				// hazmat's Block under Go's CBC and CTR.
				for _, n := range []int{0, bs, 3 * bs, 64 * bs} {
					iv, pt := diffBytes(r, bs), diffBytes(r, n)
					want := goBlockMode(cipher.NewCBCEncrypter(gb, iv), pt)
					got := goBlockMode(cipher.NewCBCEncrypter(hb, iv), pt)
					assert.Equal(t, diffHex(want), diffHex(got), "CBC over the Block, %d bytes", n)
					assert.Equal(t, diffHex(pt), diffHex(goBlockMode(cipher.NewCBCDecrypter(hb, iv), want)))
					ctrPT := diffBytes(r, n+r.IntN(bs))
					assert.Equal(t, diffHex(goStream(cipher.NewCTR(gb, iv), ctrPT)),
						diffHex(goStream(cipher.NewCTR(hb, iv), ctrPT)), "CTR over the Block")
					// The test's CBC and CTR, used under fips140=only, agree
					// with Go's.
					assert.Equal(t, diffHex(want), diffHex(refCBC(gb, iv, pt, false)), "the test's CBC")
					assert.Equal(t, diffHex(pt), diffHex(refCBC(gb, iv, want, true)), "the test's CBC, decrypting")
					assert.Equal(t, diffHex(goStream(cipher.NewCTR(gb, iv), ctrPT)), diffHex(refCTR(gb, iv, ctrPT)), "the test's CTR")
				}
			})
		}
	}
}

// diffXOR runs s over in at random split points, in place or into a
// separate buffer.
func diffXOR(r *rand.Rand, s cipher.Stream, in []byte, inPlace bool) []byte {
	out := make([]byte, len(in))
	if inPlace {
		copy(out, in)
	}
	for off := 0; off < len(in); {
		n := r.IntN(len(in) - off + 1)
		if inPlace {
			s.XORKeyStream(out[off:off+n], out[off:off+n])
		} else {
			s.XORKeyStream(out[off:off+n], in[off:off+n])
		}
		off += n
	}
	return out
}

// TestDiffStreamAdapters compares the cipher.Stream adapters for CTR, OFB,
// CFB and CFB8 with Go's streams, and for ARC4 and ChaCha20 with
// crypto/rc4 and x/crypto's chacha20, over many calls per stream.
func TestDiffStreamAdapters(t *testing.T) {
	for _, dm := range diffModes() {
		if !dm.stream {
			continue
		}
		for _, keyLen := range []int{16, 24, 32} {
			t.Run("AES-"+strconv.Itoa(keyLen*8)+"/"+dm.name, func(t *testing.T) {
				t.Parallel()
				r := diffRand(t)
				for i := range 120 {
					key, iv := diffBytes(r, keyLen), diffBytes(r, 16)
					n := r.IntN(2048)
					if i == 0 {
						n = diffLargeLens[1]
					}
					pt := diffBytes(r, n)
					alg, err := algorithms.NewAES(key)
					require.NoError(t, err)
					mode, err := dm.new(iv)
					require.NoError(t, err)
					if i == 0 && !diffSupported(t, alg, mode) {
						return
					}
					gb, err := aes.NewCipher(key)
					require.NoError(t, err)
					want := dm.goEnc(gb, iv, pt)

					enc, err := ciphers.NewStreamEncrypter(alg, mode)
					require.NoError(t, err)
					got := diffXOR(r, enc, pt, i%2 == 0)
					if !assert.Equal(t, diffHex(want), diffHex(got), "%d bytes, in place %v", n, i%2 == 0) {
						return
					}
					dec, err := ciphers.NewStreamDecrypter(alg, mode)
					require.NoError(t, err)
					assert.Equal(t, diffHex(pt), diffHex(diffXOR(r, dec, want, i%2 == 1)))
				}
			})
		}
	}

	t.Run("ARC4", func(t *testing.T) {
		r := diffRand(t)
		for i := range 60 {
			keyLen := 16 // OpenSSL's default for rc4, then any length
			if i >= 30 {
				keyLen = 5 + r.IntN(252)
			}
			key, pt := diffBytes(r, keyLen), diffBytes(r, r.IntN(4096))
			alg, err := algorithms.NewARC4(key)
			require.NoError(t, err)
			if i == 0 && !diffSupported(t, alg, nil) {
				_, err := ciphers.NewStreamEncrypter(alg, nil)
				assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
				return
			}
			ref, err := goRC4(key)
			require.NoError(t, err)
			s, err := ciphers.NewStreamEncrypter(alg, nil)
			require.NoError(t, err)
			if !assert.Equal(t, diffHex(goStream(ref, pt)), diffHex(diffXOR(r, s, pt, i%2 == 0)), "%d bytes", len(pt)) {
				return
			}
		}
	})

	t.Run("ChaCha20", func(t *testing.T) {
		r := diffRand(t)
		for i := range 60 {
			key, nonce, pt := diffBytes(r, 32), diffBytes(r, 12), diffBytes(r, r.IntN(4096))
			counter := r.Uint32N(1 << 20)
			alg, err := algorithms.NewChaCha20(key, append(binary.LittleEndian.AppendUint32(nil, counter), nonce...))
			require.NoError(t, err)
			if i == 0 && !diffSupported(t, alg, nil) {
				_, err := ciphers.NewStreamEncrypter(alg, nil)
				assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
				return
			}
			ref, err := chacha20.NewUnauthenticatedCipher(key, nonce)
			require.NoError(t, err)
			ref.SetCounter(counter)
			s, err := ciphers.NewStreamDecrypter(alg, nil)
			require.NoError(t, err)
			if !assert.Equal(t, diffHex(goStream(ref, pt)), diffHex(diffXOR(r, s, pt, i%2 == 0)), "%d bytes", len(pt)) {
				return
			}
		}
	})
}

// diffCryptBlocks runs m over in, a whole number of blocks, in several
// calls split at block boundaries, in place or not.
func diffCryptBlocks(r *rand.Rand, m cipher.BlockMode, in []byte, inPlace bool) []byte {
	bs := m.BlockSize()
	out := make([]byte, len(in))
	if inPlace {
		copy(out, in)
	}
	for off := 0; off < len(in); {
		n := r.IntN((len(in)-off)/bs+1) * bs
		if inPlace {
			m.CryptBlocks(out[off:off+n], out[off:off+n])
		} else {
			m.CryptBlocks(out[off:off+n], in[off:off+n])
		}
		off += n
	}
	return out
}

// TestDiffBlockModeAdapters compares the cipher.BlockMode adapters for CBC
// and ECB with Go's, over many CryptBlocks calls per BlockMode.
func TestDiffBlockModeAdapters(t *testing.T) {
	for _, da := range diffAlgs() {
		for _, keyLen := range da.keyLens {
			for _, dm := range diffModes() {
				if !dm.whole {
					continue
				}
				t.Run(da.name+"-"+strconv.Itoa(keyLen*8)+"/"+dm.name, func(t *testing.T) {
					t.Parallel()
					r := diffRand(t)
					for i := range 100 {
						key := diffBytes(r, keyLen)
						alg, err := da.new(key)
						require.NoError(t, err)
						bs := alg.BlockSize() / 8
						iv := diffBytes(r, bs)
						mode, err := dm.new(iv)
						require.NoError(t, err)
						if i == 0 && !diffSupported(t, alg, mode) {
							_, err := ciphers.NewBlockModeEncrypter(alg, mode)
							assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
							return
						}
						gb, err := da.goCipher(key)
						require.NoError(t, err)
						pt := diffBytes(r, r.IntN(128)*bs)
						want := dm.goEnc(gb, iv, pt)

						enc, err := ciphers.NewBlockModeEncrypter(alg, mode)
						require.NoError(t, err)
						assert.Equal(t, bs, enc.BlockSize())
						got := diffCryptBlocks(r, enc, pt, i%2 == 0)
						if !assert.Equal(t, diffHex(want), diffHex(got), "%d bytes, in place %v", len(pt), i%2 == 0) {
							return
						}
						dec, err := ciphers.NewBlockModeDecrypter(alg, mode)
						require.NoError(t, err)
						assert.Equal(t, diffHex(pt), diffHex(diffCryptBlocks(r, dec, want, i%2 == 1)))
					}
				})
			}
		}
	}
}

// TestDiffSupportedMatchesErrors checks that Supported and the
// constructors agree for every pair tested above.
func TestDiffSupportedMatchesErrors(t *testing.T) {
	r := diffRand(t)
	for _, da := range diffAlgs() {
		alg, err := da.new(diffBytes(r, da.keyLens[len(da.keyLens)-1]))
		require.NoError(t, err)
		for _, dm := range diffModes() {
			mode, err := dm.new(diffBytes(r, alg.BlockSize()/8))
			require.NoError(t, err)
			c, err := ciphers.NewCipher(alg, mode)
			require.NoError(t, err)
			_, encErr := c.Encryptor()
			if ciphers.Supported(alg, mode) {
				assert.NoError(t, encErr, "%s/%s", da.name, dm.name)
			} else {
				assert.True(t, errors.Is(encErr, backends.ErrUnsupportedAlgorithm), "%s/%s: %v", da.name, dm.name, encErr)
			}
		}
	}
}

// notInGo reports whether err is the Go backend's refusal of an algorithm
// that Go's crypto does not have (CFB8, Camellia, SEED, ...).
func notInGo(err error) bool {
	return defaultbackend.Name() == defaultbackend.Go && strings.Contains(fmt.Sprint(err), "not in Go's crypto")
}

// gcmHoldsBack reports whether the default backend's streaming GCM keeps
// every byte until Finalize, as the Go backend's does (Go's GCM is
// one-shot, and decryption releases nothing before the tag is checked);
// OpenSSL's releases each Update's bytes at once.
func gcmHoldsBack() bool { return defaultbackend.Name() == defaultbackend.Go }

// gcmWay returns way, or wayInto instead of wayInPlace for a GCM that
// holds its output back (in place, its bytes come out of Finalize, not
// over the input).
func gcmWay(way diffWay) diffWay {
	if gcmHoldsBack() && way == wayInPlace {
		return wayInto
	}
	return way
}
