//go:build cgo

package differential_test

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/names"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// keyLens are the key lengths tried for every cipher of the table: each
// cipher's constructor keeps those it takes.
var keyLens = []int{5, 7, 8, 10, 16, 20, 24, 32, 40, 48, 56, 64, 128, 256}

// cipherCase is one (cipher, key length, mode) of the tables: it builds
// descriptors with fresh random keys and IVs.
type cipherCase struct {
	label     string
	newAlg    names.NewAlgorithm
	keyLen    int
	block     int           // the block size in bytes, 1 for a stream cipher
	newMode   names.NewMode // nil for a stream cipher
	wholeOnly bool          // ECB and CBC take whole blocks only
}

// chachaNonce returns ChaCha20's 16 bytes, counter ‖ nonce, with the
// counter low enough that 5000 bytes do not wrap it.
func chachaNonce(r *rand.Rand, counter uint32) []byte {
	n := randBytes(r, 16)
	binary.LittleEndian.PutUint32(n, counter)
	return n
}

// build returns the case's descriptors with a random key and IV.
func (c cipherCase) build(r *rand.Rand) (backends.CipherAlgorithm, backends.Mode, error) {
	alg, err := c.newAlg(randBytes(r, c.keyLen), chachaNonce(r, r.Uint32N(1<<31)))
	if err != nil || c.newMode == nil {
		return alg, nil, err
	}
	mode, err := c.newMode(randBytes(r, c.block))
	return alg, mode, err
}

// cipherCases enumerates the tables of package internal/names: every
// cipher (aliases once) at every key length its constructor takes, with
// every mode of the table that fits it.
func cipherCases(t *testing.T) []cipherCase {
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[string]bool{}
	var cases []cipherCase
	for _, name := range names.Ciphers() {
		newAlg, _ := names.Cipher(name)
		for _, kl := range keyLens {
			alg, err := newAlg(randBytes(r, kl), chachaNonce(r, 0))
			if err != nil {
				continue
			}
			algLabel := fmt.Sprintf("%s-%d", alg.Name(), kl*8)
			if seen[algLabel] {
				continue // an alias
			}
			seen[algLabel] = true
			if names.Stream(name) {
				cases = append(cases, cipherCase{label: algLabel, newAlg: newAlg, keyLen: kl, block: 1})
				continue
			}
			bc, ok := alg.(backends.BlockCipherAlgorithm)
			require.True(t, ok, "%s is neither a stream nor a block cipher", algLabel)
			for _, mname := range names.Modes() {
				newMode, _ := names.Mode(mname)
				block := bc.BlockSize() / 8 // BlockSize is in bits
				mode, err := newMode(randBytes(r, block))
				if err != nil || mode.ValidateForAlgorithm(alg) != nil {
					continue
				}
				cases = append(cases, cipherCase{
					label: algLabel + "/" + strings.ToUpper(mname), newAlg: newAlg, keyLen: kl, block: block,
					newMode: newMode, wholeOnly: mname == "ecb" || mname == "cbc",
				})
			}
		}
	}
	return cases
}

// modeName is the mode's name, or "stream" for none.
func modeName(m backends.Mode) string {
	if m == nil {
		return "stream"
	}
	return m.Name()
}

// crypt runs in through a streaming context of b in random pieces, with
// Update and UpdateInto by turns, then Finalize.
func crypt(r *rand.Rand, b backends.CipherBackend, alg backends.CipherAlgorithm, mode backends.Mode, encrypt bool, in []byte) ([]byte, error) {
	c, err := ciphers.NewCipherWithBackend(alg, mode, b)
	if err != nil {
		return nil, err
	}
	ctx, err := c.Encryptor()
	if !encrypt {
		ctx, err = c.Decryptor()
	}
	if err != nil {
		return nil, err
	}
	var out []byte
	for i, p := range splits(r, in) {
		if i%2 == 0 {
			o, err := ctx.Update(p)
			if err != nil {
				return nil, err
			}
			out = append(out, o...)
			continue
		}
		buf := make([]byte, len(p)+64)
		n, err := ctx.UpdateInto(p, buf)
		if err != nil {
			return nil, err
		}
		out = append(out, buf[:n]...)
	}
	tail, err := ctx.Finalize()
	if err != nil {
		return nil, err
	}
	return append(out, tail...), nil
}

// TestCiphers compares every (cipher, key length, mode) of the tables
// that both backends serve, in streaming contexts fed in random pieces, at
// lengths 0 to 5000 (whole blocks for ECB and CBC), each backend
// decrypting what the other encrypted.
func TestCiphers(t *testing.T) {
	r := newRand(t)
	tl := newTally("ciphers", 25, 6, 6)
	for _, cc := range cipherCases(t) {
		alg, mode, err := cc.build(r)
		require.NoError(t, err, cc.label)
		if !tl.served(cc.label, ossl.CipherSupported(alg, mode), gob.CipherSupported(alg, mode)) {
			continue
		}
		t.Run(cc.label, func(t *testing.T) {
			for _, n := range lengths(r, 4) {
				if cc.wholeOnly {
					n -= n % cc.block
				}
				alg, mode, err := cc.build(r)
				require.NoError(t, err)
				if !compareCipher(t, r, tl, alg, mode, randBytes(r, n)) {
					return
				}
			}
		})
	}
	tl.check(t)
}

// compareCipher encrypts pt on both backends and each decrypts the
// other's ciphertext; it reports whether all agreed. An encryption that one
// backend refuses by a rule of its FIPS module (TDES keys of one or two
// parts) is noted in tl; with no tally, it fails.
func compareCipher(t *testing.T, r *rand.Rand, tl *tally, alg backends.CipherAlgorithm, mode backends.Mode, pt []byte) bool {
	t.Helper()
	want, errO := crypt(r, ossl, alg, mode, true, pt)
	got, errG := crypt(r, gob, alg, mode, true, pt)
	if (errO == nil) != (errG == nil) && tl != nil {
		tl.oneSided(t, fmt.Sprintf("%s in %s mode, %d bytes", alg.Name(), modeName(mode), len(pt)), errO, errG)
		return !t.Failed()
	}
	require.NoError(t, errO, "openssl encrypts %d bytes", len(pt))
	require.NoError(t, errG, "go encrypts %d bytes", len(pt))
	if !assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got), "encryption of %d bytes", len(pt)) {
		return false
	}
	back, err := crypt(r, gob, alg, mode, false, want)
	require.NoError(t, err, "go decrypts %d bytes", len(pt))
	ok := assert.Equal(t, hex.EncodeToString(pt), hex.EncodeToString(back), "go decrypting openssl's %d bytes", len(pt))
	back, err = crypt(r, ossl, alg, mode, false, got)
	require.NoError(t, err, "openssl decrypts %d bytes", len(pt))
	return assert.Equal(t, hex.EncodeToString(pt), hex.EncodeToString(back), "openssl decrypting go's %d bytes", len(pt)) && ok
}

// TestCounterWrap compares AES-CTR whose 128-bit counter block wraps
// inside the message (both carry through every byte of the block), and
// ChaCha20 whose 32-bit block counter reaches its end: OpenSSL carries
// into the nonce, Go's chacha20 cannot go on; the Go backend must then
// agree or refuse with an error, never panic.
func TestCounterWrap(t *testing.T) {
	r := newRand(t)
	aes, err := algorithms.NewAES(randBytes(r, 16))
	require.NoError(t, err)
	iv := []byte{0: 0x01, 1: 0x02, 15: 0}
	for i := 2; i < 16; i++ {
		iv[i] = 0xff
	}
	iv[15] = 0xfd // three blocks before the low 112 bits wrap
	ctr, err := modes.NewCTR(iv)
	require.NoError(t, err)
	allFF := make([]byte, 16)
	for i := range allFF {
		allFF[i] = 0xff
	}
	ctrAll, err := modes.NewCTR(allFF)
	require.NoError(t, err)
	for _, m := range []backends.Mode{ctr, ctrAll} {
		if !ossl.CipherSupported(aes, m) || !gob.CipherSupported(aes, m) {
			t.Logf("AES-CTR not served by both")
			break
		}
		compareCipher(t, r, nil, aes, m, randBytes(r, 200))
	}

	chacha, err := algorithms.NewChaCha20(randBytes(r, 32), chachaNonce(r, 0xffffffff))
	require.NoError(t, err)
	if !ossl.CipherSupported(chacha, nil) || !gob.CipherSupported(chacha, nil) {
		t.Logf("ChaCha20 not served by both")
		return
	}
	pt := randBytes(r, 200)
	want, err := crypt(r, ossl, chacha, nil, true, pt)
	require.NoError(t, err)
	var got []byte
	assert.NotPanics(t, func() { got, err = crypt(r, gob, chacha, nil, true, pt) }, "ChaCha20 past its 32-bit counter")
	if err != nil {
		t.Logf("the Go backend refuses ChaCha20 past its 32-bit counter: %v", err)
		return
	}
	// The first 64 bytes are the last block before the counter wraps.
	assert.Equal(t, hex.EncodeToString(want[:64]), hex.EncodeToString(got[:64]), "before the wrap")
	assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got), "across the wrap")
}

// TestGCMStreaming compares AES-GCM in streaming contexts: IVs of several
// lengths, additional data, tags checked in full and truncated, each
// backend decrypting what the other encrypted; a changed tag fails on
// both.
func TestGCMStreaming(t *testing.T) {
	r := newRand(t)
	tl := newTally("GCM in streaming contexts", 6, 3, 0)
	for _, kl := range []int{16, 24, 32} {
		for _, ivLen := range []int{12, 1, 8, 16, 60} {
			label := fmt.Sprintf("AES-%d-GCM/iv%d", kl*8, ivLen)
			alg, err := algorithms.NewAES(randBytes(r, kl))
			require.NoError(t, err)
			mode, err := modes.NewGCM(randBytes(r, ivLen), nil)
			require.NoError(t, err)
			if !tl.served(label, ossl.CipherSupported(alg, mode), gob.CipherSupported(alg, mode)) {
				continue
			}
			t.Run(label, func(t *testing.T) {
				for _, n := range fewLengths(r) {
					alg, err := algorithms.NewAES(randBytes(r, kl))
					require.NoError(t, err)
					iv, aad, pt := randBytes(r, ivLen), randBytes(r, r.IntN(70)), randBytes(r, n)
					wantCT, wantTag := gcmSeal(t, r, ossl, alg, iv, aad, pt)
					gotCT, gotTag := gcmSeal(t, r, gob, alg, iv, aad, pt)
					if !assert.Equal(t, hex.EncodeToString(wantCT), hex.EncodeToString(gotCT), "ciphertext of %d bytes", n) ||
						!assert.Equal(t, hex.EncodeToString(wantTag), hex.EncodeToString(gotTag), "tag of %d bytes", n) {
						return
					}
					for _, tagLen := range []int{16, 12, 8, 4} {
						for _, b := range both {
							short, err := modes.NewGCMWithMinTagLength(iv, wantTag[:tagLen], tagLen)
							require.NoError(t, err)
							if !b.b.CipherSupported(alg, short) {
								require.Less(t, tagLen, 16, "%s refuses a full tag", b.name)
								continue // a module that takes no tag this short
							}
							got, err := gcmOpen(r, b.b, alg, iv, aad, wantCT, wantTag[:tagLen])
							if tagLen < 16 && (errors.Is(err, backends.ErrUnsupportedAlgorithm) || errors.Is(err, backends.ErrInvalidTagSize)) {
								continue // TestGoLimitsAreRefusals judges how
							}
							require.NoError(t, err, "%s, which serves %d-byte tags, opens %d bytes", b.name, tagLen, n)
							assert.Equal(t, hex.EncodeToString(pt), hex.EncodeToString(got), "%s opens %d bytes", b.name, n)
							bad := append([]byte(nil), wantTag[:tagLen]...)
							bad[r.IntN(tagLen)] ^= 1 << r.IntN(8)
							_, err = gcmOpen(r, b.b, alg, iv, aad, wantCT, bad)
							assert.ErrorIs(t, err, backends.ErrInvalidTag, "%s opens with a changed %d-byte tag", b.name, tagLen)
						}
					}
				}
			})
		}
	}
	tl.check(t)
}

func gcmSeal(t *testing.T, r *rand.Rand, b backends.CipherBackend, alg backends.CipherAlgorithm, iv, aad, pt []byte) (ct, tag []byte) {
	t.Helper()
	mode, err := modes.NewGCM(iv, nil)
	require.NoError(t, err)
	c, err := ciphers.NewCipherWithBackend(alg, mode, b)
	require.NoError(t, err)
	ctx, err := c.Encryptor()
	require.NoError(t, err)
	require.NoError(t, ctx.AuthenticateAdditionalData(aad))
	for _, p := range splits(r, pt) {
		o, err := ctx.Update(p)
		require.NoError(t, err)
		ct = append(ct, o...)
	}
	tail, err := ctx.Finalize()
	require.NoError(t, err)
	tag, err = ctx.Tag()
	require.NoError(t, err)
	return append(ct, tail...), tag
}

// gcmOpen decrypts with the tag given in the mode, accepting tags as
// short as it is.
func gcmOpen(r *rand.Rand, b backends.CipherBackend, alg backends.CipherAlgorithm, iv, aad, ct, tag []byte) ([]byte, error) {
	mode, err := modes.NewGCMWithMinTagLength(iv, tag, len(tag))
	if err != nil {
		return nil, err
	}
	c, err := ciphers.NewCipherWithBackend(alg, mode, b)
	if err != nil {
		return nil, err
	}
	ctx, err := c.Decryptor()
	if err != nil {
		return nil, err
	}
	if err := ctx.AuthenticateAdditionalData(aad); err != nil {
		return nil, err
	}
	var pt []byte
	for _, p := range splits(r, ct) {
		o, err := ctx.Update(p)
		if err != nil {
			return nil, err
		}
		pt = append(pt, o...)
	}
	tail, err := ctx.Finalize()
	if err != nil {
		return nil, err
	}
	return append(pt, tail...), nil
}

// sectorTweak is an XTS tweak that holds a data unit's number as IEEE
// 1619 writes it: 64 bits little endian, then zeros (the only tweaks
// golang.org/x/crypto/xts takes).
func sectorTweak(r *rand.Rand) []byte {
	t := make([]byte, 16)
	binary.LittleEndian.PutUint64(t, r.Uint64())
	return t
}

// TestXTS compares AES-XTS (256- and 512-bit keys) on whole data units of
// 16 to 5000 bytes numbered by sector-number tweaks, and with any 16-byte
// tweak where both take it, each backend decrypting what the other
// encrypted.
func TestXTS(t *testing.T) {
	r := newRand(t)
	// Go's FIPS module has no XTS (it is in golang.org/x/crypto): with it
	// on, nothing may be left to compare.
	tl := newTally("XTS", 2, 0, 0)
	for _, kl := range []int{32, 64} {
		for _, tw := range []struct {
			name  string
			tweak func(*rand.Rand) []byte
		}{
			{"sector", sectorTweak},
			{"any tweak", func(r *rand.Rand) []byte { return randBytes(r, 16) }},
		} {
			label := fmt.Sprintf("AES-%d-XTS/%s", kl*8, tw.name)
			alg, err := algorithms.NewAES(randBytes(r, kl))
			require.NoError(t, err)
			mode, err := modes.NewXTS(tw.tweak(r))
			require.NoError(t, err)
			if !tl.served(label, ossl.CipherSupported(alg, mode), gob.CipherSupported(alg, mode)) {
				continue
			}
			compareXTS(t, r, label, kl, tw.tweak)
		}
	}
	tl.check(t)
}

// compareXTS compares AES-XTS with keys of kl bytes and tweaks of tweak
// at lengths 16 to 5000. Go's XTS has no ciphertext stealing: a data unit
// of a partial last block is compared where both backends take it, and
// the Go backend may refuse it with an error wrapping
// [backends.ErrInvalidDataLength].
func compareXTS(t *testing.T, r *rand.Rand, label string, kl int, tweak func(*rand.Rand) []byte) {
	t.Run(label, func(t *testing.T) {
		stolen, refused := 0, 0
		ns := lengths(r, 4)
		for range 20 {
			ns = append(ns, 16*(1+r.IntN(312))) // whole blocks, up to 4992 bytes
		}
		for _, n := range ns {
			if n < 16 {
				continue
			}
			alg, err := algorithms.NewAES(randBytes(r, kl))
			require.NoError(t, err)
			mode, err := modes.NewXTS(tweak(r))
			require.NoError(t, err)
			pt := randBytes(r, n)
			var out [2][]byte
			var errs [2]error
			for i, b := range both {
				out[i], errs[i] = xtsUnit(b.b, alg, mode, true, pt)
			}
			require.NoError(t, errs[0], "openssl encrypts %d bytes", n)
			if n%16 != 0 {
				stolen++
				if errors.Is(errs[1], backends.ErrInvalidDataLength) {
					refused++
					continue
				}
			}
			require.NoError(t, errs[1], "go encrypts %d bytes", n)
			if !assert.Equal(t, hex.EncodeToString(out[0]), hex.EncodeToString(out[1]), "%d bytes", n) {
				return
			}
			back, err := xtsUnit(gob, alg, mode, false, out[0])
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(pt), hex.EncodeToString(back), "go decrypting openssl's")
			back, err = xtsUnit(ossl, alg, mode, false, out[1])
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(pt), hex.EncodeToString(back), "openssl decrypting go's")
		}
		if refused > 0 {
			t.Logf("the Go backend refused %d of %d data units that end in a partial block (no ciphertext stealing)", refused, stolen)
		}
	})
}

// xtsUnit runs one XTS data unit in one Update: XTS takes no pieces.
func xtsUnit(b backends.CipherBackend, alg backends.CipherAlgorithm, mode backends.Mode, encrypt bool, in []byte) ([]byte, error) {
	c, err := ciphers.NewCipherWithBackend(alg, mode, b)
	if err != nil {
		return nil, err
	}
	ctx, err := c.Encryptor()
	if !encrypt {
		ctx, err = c.Decryptor()
	}
	if err != nil {
		return nil, err
	}
	out, err := ctx.Update(in)
	if err != nil {
		return nil, err
	}
	tail, err := ctx.Finalize()
	if err != nil {
		return nil, err
	}
	return append(out, tail...), nil
}
