package reliability_test

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/goref"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
	"github.com/go-hazmat/hazmat/primitives/padding"
)

var hx = hex.EncodeToString

// splitAt reduces a fuzzed split point to 0..n.
func splitAt(split uint, n int) int { return int(split % uint(n+1)) }

// FuzzHash compares every hash Go's standard library has with hazmat's,
// one-shot (hashes.Sum) and streamed (two Writes at split, Sum in the
// middle and at the end, then Finalize), and SHAKE128/SHAKE256 output of a
// length taken from split. An unsupported hash (MD5 in FIPS mode) must be
// refused with ErrUnsupportedAlgorithm. Seeds: testdata/fuzz/FuzzHash.
func FuzzHash(f *testing.F) {
	f.Add([]byte(""), uint(0))
	f.Add([]byte("abc"), uint(1))
	f.Fuzz(func(t *testing.T, data []byte, split uint) {
		s := splitAt(split, len(data))
		for _, g := range goHashes {
			name := g.alg.Name()
			if !hashes.Supported(g.alg) {
				requireHashRefused(t, g.alg, defaultbackend.Get())
				continue
			}
			want := hx(goSum(g.new, data))
			got, err := hashes.Sum(g.alg, data)
			require.NoError(t, err, name)
			assert.Equal(t, want, hx(got), "%s one-shot", name)

			h, err := hashes.New(g.alg)
			require.NoError(t, err, name)
			n, err := h.Write(data[:s])
			require.NoError(t, err, name)
			require.Equal(t, s, n)
			assert.Equal(t, hx(goSum(g.new, data[:s])), hx(h.Sum(nil)), "%s Sum at %d", name, s)
			_, err = h.Write(data[s:])
			require.NoError(t, err, name)
			assert.Equal(t, want, hx(h.Sum(nil)), "%s streamed", name)
			fin, err := h.Finalize()
			require.NoError(t, err, name)
			assert.Equal(t, want, hx(fin), "%s Finalize", name)
		}

		size := 1 + int(split%300)
		for _, x := range []struct {
			alg hashes.Algorithm
			ref func([]byte, int) []byte
		}{
			{hashes.SHAKE128{Size: size}, sha3.SumSHAKE128},
			{hashes.SHAKE256{Size: size}, sha3.SumSHAKE256},
		} {
			if !hashes.Supported(x.alg) {
				requireHashRefused(t, x.alg, defaultbackend.Get())
				continue
			}
			got, err := hashes.Sum(x.alg, data)
			require.NoError(t, err, x.alg.Name())
			assert.Equal(t, hx(x.ref(data, size)), hx(got), "%s-%d", x.alg.Name(), size)
			h, err := hashes.New(x.alg)
			require.NoError(t, err)
			_, err = h.Write(data[:s])
			require.NoError(t, err)
			_, err = h.Write(data[s:])
			require.NoError(t, err)
			long := make([]byte, size+s)
			n, err := h.Read(long[:s])
			require.NoError(t, err)
			require.Equal(t, s, n)
			_, err = h.Read(long[s:])
			require.NoError(t, err)
			assert.Equal(t, hx(x.ref(data, len(long))), hx(long), "%s read in two pieces", x.alg.Name())
		}
	})
}

// FuzzHMAC compares HMAC-SHA-256 and HMAC-SHA-512 with crypto/hmac for any
// key and message: one-shot, streamed with Sum at the split point,
// Finalize and Verify. In FIPS mode the provider may refuse keys shorter
// than 112 bits; hmac.New must then return an error (and no HMAC), which is
// checked before the input is skipped.
func FuzzHMAC(f *testing.F) {
	f.Add([]byte("Jefe"), []byte("what do ya want for nothing?"), uint(7))
	f.Add(make([]byte, 200), []byte(""), uint(0))
	f.Fuzz(func(t *testing.T, key, data []byte, split uint) {
		s := splitAt(split, len(data))
		for _, g := range []goHash{{hashes.SHA256{}, sha256.New}, {hashes.SHA512{}, sha512.New}} {
			name := g.alg.Name()
			h, err := hmac.New(key, g.alg)
			if err != nil {
				assert.Nil(t, h, "an HMAC returned with an error")
				requireKnownError(t, err)
				if defaultbackend.FIPS() && len(key) < 14 {
					t.Skipf("FIPS mode refuses HMAC-%s with a %d-byte key: %v", name, len(key), err)
				}
				require.NoError(t, err, "HMAC-%s with a %d-byte key", name, len(key))
			}
			want := goHMAC(g.new, key, data)

			got, err := hmac.Sum(key, g.alg, data)
			require.NoError(t, err, name)
			assert.Equal(t, hx(want), hx(got), "HMAC-%s one-shot", name)

			_, err = h.Write(data[:s])
			require.NoError(t, err)
			assert.Equal(t, hx(goHMAC(g.new, key, data[:s])), hx(h.Sum(nil)), "HMAC-%s Sum at %d", name, s)
			_, err = h.Write(data[s:])
			require.NoError(t, err)
			c, err := h.Copy()
			require.NoError(t, err)
			fin, err := h.Finalize()
			require.NoError(t, err)
			assert.Equal(t, hx(want), hx(fin), "HMAC-%s Finalize", name)
			assert.NoError(t, c.Verify(want), "HMAC-%s Verify of a copy", name)

			bad := bytes.Clone(want)
			bad[s%len(bad)] ^= 1 << (s % 8)
			h.Reset()
			_, err = h.Write(data)
			require.NoError(t, err)
			assert.ErrorIs(t, h.Verify(bad), backends.ErrInvalidSignature, "HMAC-%s Verify of a wrong MAC", name)
		}
	})
}

// fuzzKey returns a 16-, 24- or 32-byte AES key chosen and filled by sel.
func fuzzKey(sel byte) []byte {
	key := make([]byte, []int{16, 24, 32}[sel%3])
	for i := range key {
		key[i] = byte(int(sel)*31 + i*7)
	}
	return key
}

// hazmatCrypt runs msg through a context for (alg, mode) in two pieces cut
// at split, with Update when encrypting and UpdateInto when decrypting, and
// returns the output (and, for GCM encryption, the tag).
func hazmatCrypt(t *testing.T, alg backends.CipherAlgorithm, mode backends.Mode, encrypt bool, aad, msg []byte, split int) (out, tag []byte) {
	t.Helper()
	c, err := ciphers.NewCipher(alg, mode)
	require.NoError(t, err)
	var ctx *ciphers.Context
	if encrypt {
		ctx, err = c.Encryptor()
	} else {
		ctx, err = c.Decryptor()
	}
	require.NoError(t, err)
	if aad != nil {
		require.NoError(t, ctx.AuthenticateAdditionalData(aad))
	}
	if encrypt {
		a, err := ctx.Update(msg[:split])
		require.NoError(t, err)
		b, err := ctx.Update(msg[split:])
		require.NoError(t, err)
		out = append(a, b...)
	} else {
		buf := make([]byte, len(msg)+16)
		n1, err := ctx.UpdateInto(msg[:split], buf)
		require.NoError(t, err)
		n2, err := ctx.UpdateInto(msg[split:], buf[n1:])
		require.NoError(t, err)
		out = buf[:n1+n2]
	}
	fin, err := ctx.Finalize()
	require.NoError(t, err)
	out = append(out, fin...)
	if encrypt && aad != nil {
		tag, err = ctx.Tag()
		require.NoError(t, err)
	}
	return out, tag
}

// FuzzAESModes encrypts with AES in ECB, CBC (whole blocks), CTR, OFB, CFB
// and GCM, compares with crypto/aes and crypto/cipher, and decrypts back.
// The key size and bytes come from keySel; iv is padded or cut to a block
// (GCM takes it as given when it is 1 to 128 bytes long).
func FuzzAESModes(f *testing.F) {
	f.Add(byte(0), []byte("0123456789abcdef"), []byte("sixteen byte msgand some more"), uint(5))
	f.Add(byte(2), []byte(""), []byte(""), uint(0))
	f.Fuzz(func(t *testing.T, keySel byte, iv, data []byte, split uint) {
		key := fuzzKey(keySel)
		alg, err := algorithms.NewAES(key)
		require.NoError(t, err)
		block, err := aes.NewCipher(key)
		require.NoError(t, err)
		iv16 := make([]byte, 16)
		copy(iv16, iv)
		whole := data[:len(data)/16*16]

		type mode struct {
			name string
			mode backends.Mode
			msg  []byte
			ref  func(dst, src []byte)
		}
		must := func(m backends.Mode, err error) backends.Mode {
			require.NoError(t, err)
			return m
		}
		var all []mode
		// Go's OFB and CFB refuse to be made under GODEBUG=fips140=only
		// but for a reference (see goref.Run).
		goref.Run(func() {
			all = []mode{
				{"ECB", modes.NewECB(), whole, func(dst, src []byte) {
					for i := 0; i < len(src); i += 16 {
						block.Encrypt(dst[i:i+16], src[i:i+16])
					}
				}},
				{"CBC", must(modes.NewCBC(iv16)), whole, cipher.NewCBCEncrypter(block, iv16).CryptBlocks},
				{"CTR", must(modes.NewCTR(iv16)), data, cipher.NewCTR(block, iv16).XORKeyStream},
				//lint:ignore SA1019 OFB is what is being compared
				{"OFB", must(modes.NewOFB(iv16)), data, cipher.NewOFB(block, iv16).XORKeyStream},
				//lint:ignore SA1019 CFB is what is being compared
				{"CFB", must(modes.NewCFB(iv16)), data, cipher.NewCFBEncrypter(block, iv16).XORKeyStream},
			}
		})
		for _, m := range all {
			if !ciphers.Supported(alg, m.mode) {
				requireCipherRefused(t, alg, m.mode, defaultbackend.Get())
				continue
			}
			want := make([]byte, len(m.msg))
			m.ref(want, m.msg)
			s := splitAt(split, len(m.msg))
			ct, _ := hazmatCrypt(t, alg, m.mode, true, nil, m.msg, s)
			assert.Equal(t, hx(want), hx(ct), "AES-%d-%s encrypt", len(key)*8, m.name)
			pt, _ := hazmatCrypt(t, alg, m.mode, false, nil, ct, len(ct)-s)
			assert.Equal(t, hx(m.msg), hx(pt), "AES-%d-%s round trip", len(key)*8, m.name)
		}

		nonce := iv
		if len(nonce) < 1 || len(nonce) > 128 {
			nonce = iv16[:12]
		}
		aad := iv16[:keySel%17]
		encMode := must(modes.NewGCM(nonce, nil))
		if !ciphers.Supported(alg, encMode) {
			requireCipherRefused(t, alg, encMode, defaultbackend.Get())
			return
		}
		gcm, err := goGCM(key, len(nonce))
		require.NoError(t, err)
		want := gcm.Seal(nil, nonce, data, aad)
		s := splitAt(split, len(data))
		ct, tag := hazmatCrypt(t, alg, encMode, true, aad, data, s)
		assert.Equal(t, hx(want), hx(append(ct, tag...)), "AES-%d-GCM with a %d-byte nonce", len(key)*8, len(nonce))
		pt, _ := hazmatCrypt(t, alg, must(modes.NewGCM(nonce, tag)), false, aad, ct, len(ct)-s)
		assert.Equal(t, hx(data), hx(pt), "AES-%d-GCM round trip", len(key)*8)
	})
}

// FuzzGCMOpenMutated seals with aead.AESGCM (checked against crypto/cipher),
// flips one bit, chosen by bit, of the ciphertext, the tag or the
// additional data, and opens: Open, Decrypt and a streaming decryption
// context must all fail with ErrInvalidTag itself, Open and Decrypt must
// return nil, and the spare capacity of Open's dst must hold nothing but
// its old bytes or zeros (no plaintext).
func FuzzGCMOpenMutated(f *testing.F) {
	f.Add(byte(0), []byte("nonce"), []byte("attack at dawn"), []byte("header"), uint(3))
	f.Add(byte(1), []byte(""), []byte(""), []byte(""), uint(0))
	f.Fuzz(func(t *testing.T, keySel byte, nonce, pt, aad []byte, bit uint) {
		key := fuzzKey(keySel)
		a, err := aead.NewAESGCM(key)
		require.NoError(t, err)
		n12 := make([]byte, 12)
		copy(n12, nonce)
		gcm, err := goGCM(key, 12)
		require.NoError(t, err)
		sealed := a.Seal(nil, n12, pt, aad)
		require.Equal(t, hx(gcm.Seal(nil, n12, pt, aad)), hx(sealed))
		opened, err := a.Open(nil, n12, sealed, aad)
		require.NoError(t, err)
		require.Equal(t, hx(pt), hx(opened))

		ct, ad := bytes.Clone(sealed), bytes.Clone(aad)
		b := int(bit % uint(8*(len(ct)+len(ad))))
		if b < 8*len(ct) {
			ct[b/8] ^= 1 << (b % 8)
		} else {
			b -= 8 * len(ct)
			ad[b/8] ^= 1 << (b % 8)
		}

		const fill = 0xa5
		const prefix = 5
		dst := bytes.Repeat([]byte{fill}, prefix+len(pt)+32)[:prefix]
		out, err := a.Open(dst, n12, ct, ad)
		assert.Same(t, backends.ErrInvalidTag, err, "Open of a mutated message: %v", err)
		assert.Nil(t, out)
		whole := dst[:cap(dst)]
		assert.Equal(t, hx(bytes.Repeat([]byte{fill}, prefix)), hx(whole[:prefix]), "dst changed")
		for i, c := range whole[prefix:] {
			if c != fill && c != 0 {
				t.Fatalf("dst's spare capacity holds byte %#x at %d after a failed Open", c, i)
			}
		}

		out, err = a.Decrypt(n12, ct, ad)
		assert.Same(t, backends.ErrInvalidTag, err, "Decrypt of a mutated message: %v", err)
		assert.Nil(t, out)

		alg, err := algorithms.NewAES(key)
		require.NoError(t, err)
		mode, err := modes.NewGCM(n12, ct[len(ct)-16:])
		require.NoError(t, err)
		c, err := ciphers.NewCipher(alg, mode)
		require.NoError(t, err)
		dec, err := c.Decryptor()
		require.NoError(t, err)
		require.NoError(t, dec.AuthenticateAdditionalData(ad))
		_, err = dec.Update(ct[:len(ct)-16])
		require.NoError(t, err)
		out, err = dec.Finalize()
		assert.Same(t, backends.ErrInvalidTag, err, "streaming Finalize of a mutated message: %v", err)
		assert.Nil(t, out)
	})
}

// padScheme is what PKCS7 and ANSIX923 share.
type padScheme interface {
	BlockSize() int
	Pad(dst, data []byte) []byte
	Unpad(data []byte) ([]byte, error)
	Padder() *padding.Padder
	Unpadder() *padding.Unpadder
}

// pieces cuts data at lengths taken from cuts (each 0 to two blocks), the
// rest in a last piece.
func pieces(data, cuts []byte, bs int) [][]byte {
	var out [][]byte
	for _, c := range cuts {
		n := min(int(c)%(2*bs+1), len(data))
		out = append(out, data[:n])
		data = data[n:]
	}
	return append(out, data)
}

// FuzzUnpad cross-checks, for PKCS #7 and ANSI X9.23 at any block size, the
// one-shot Unpad with the streaming Unpadder fed in pieces cut by cuts, and
// Pad with the Padder: no panic, the same outcome both ways, success only
// when re-padding gives the input back, failure as ErrInvalidPadding with
// nothing returned. Input that ends in 0x01 on a whole block is valid under
// both schemes, with the same result; no other input is.
func FuzzUnpad(f *testing.F) {
	f.Add(128, []byte("YELLOW SUBMARINE\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10"), []byte{3, 9})
	f.Add(64, []byte("abcde\x00\x00\x03"), []byte{})
	f.Add(12, []byte("\x01"), []byte{1})
	f.Fuzz(func(t *testing.T, bits int, data, cuts []byte) {
		newSchemes := func(bits int) ([]padScheme, error) {
			p, err := padding.NewPKCS7(bits)
			if err != nil {
				return nil, err
			}
			a, err := padding.NewANSIX923(bits)
			require.NoError(t, err, "ANSIX923 refuses a size PKCS7 takes")
			return []padScheme{p, a}, nil
		}
		schemes, err := newSchemes(bits)
		if err != nil {
			require.ErrorIs(t, err, padding.ErrInvalidBlockSize)
			_, err = padding.NewANSIX923(bits)
			require.ErrorIs(t, err, padding.ErrInvalidBlockSize)
			bits = int(uint(bits)%255+1) * 8
			schemes, err = newSchemes(bits)
			require.NoError(t, err)
		}
		bs := bits / 8
		orig := bytes.Clone(data)
		var results [2][]byte
		var oks [2]bool
		for i, s := range schemes {
			got, err := s.Unpad(data)
			require.Equal(t, hx(orig), hx(data), "Unpad modified its input")
			if err == nil {
				assert.Equal(t, hx(data), hx(s.Pad(nil, got)), "re-padded result")
			} else {
				assert.ErrorIs(t, err, padding.ErrInvalidPadding)
				assert.Nil(t, got)
			}
			results[i], oks[i] = got, err == nil

			u := s.Unpadder()
			var streamed []byte
			for _, p := range pieces(data, cuts, bs) {
				out, err := u.Update(p)
				require.NoError(t, err)
				streamed = append(streamed, out...)
				assert.LessOrEqual(t, len(streamed), max(0, len(data)-1), "Unpadder released the last byte early")
			}
			last, serr := u.Finalize()
			require.Equal(t, err == nil, serr == nil, "Unpad error %v, Unpadder error %v", err, serr)
			if serr == nil {
				assert.Equal(t, hx(got), hx(append(streamed, last...)), "Unpadder result")
			} else {
				assert.ErrorIs(t, serr, padding.ErrInvalidPadding)
				assert.Nil(t, last)
			}
			_, err = u.Finalize()
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
			_, err = u.Update(data)
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)

			padded := s.Pad(nil, data)
			assert.Zero(t, len(padded)%bs)
			assert.True(t, len(padded) > len(data) && len(padded) <= len(data)+bs, "padded length %d for %d bytes", len(padded), len(data))
			pd := s.Padder()
			var spad []byte
			for _, p := range pieces(data, cuts, bs) {
				out, err := pd.Update(p)
				require.NoError(t, err)
				spad = append(spad, out...)
			}
			last, err = pd.Finalize()
			require.NoError(t, err)
			assert.Equal(t, hx(padded), hx(append(spad, last...)), "Padder result")
			_, err = pd.Update(data)
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
		}
		both := len(data) > 0 && len(data)%bs == 0 && data[len(data)-1] == 1
		assert.Equal(t, both, oks[0] && oks[1], "valid under both schemes")
		if both {
			assert.Equal(t, hx(results[0]), hx(results[1]))
		}
	})
}

// prog reads a fuzzed byte program; past its end it reads zeros.
type prog struct {
	p   []byte
	i   int
	seq int
}

func (r *prog) next() byte {
	if r.i >= len(r.p) {
		return 0
	}
	r.i++
	return r.p[r.i-1]
}

// data returns 0 to 511 bytes of generated data, its length read from the
// program.
func (r *prog) data() []byte {
	n := int(r.next()) + int(r.next()&1)*256
	r.seq++
	d := make([]byte, n)
	for i := range d {
		d[i] = byte(r.seq*131 + i*7)
	}
	return d
}

// buf returns a buffer of n bytes filled with 0xee, to see what is written.
func filled(n int) []byte { return bytes.Repeat([]byte{0xee}, n) }

// untouched asserts that b still holds only 0xee.
func untouched(t *testing.T, b []byte, what string) {
	t.Helper()
	assert.Equal(t, hx(filled(len(b))), hx(b), "%s: buffer written", what)
}

var (
	seqKey   = []byte("0123456789abcdef")
	seqIV    = []byte("0123456789ab")
	seqCBCIV = []byte("fedcba9876543210")
	seqMAC   = []byte("a MAC key of thirty-two bytes!!!")
)

// expect asserts that err is nil when want is, and otherwise wraps want
// (and a known sentinel).
func expect(t *testing.T, want, err error, what string) {
	t.Helper()
	if want == nil {
		require.NoError(t, err, what)
		return
	}
	requireKnownError(t, err, what)
	require.ErrorIs(t, err, want, what)
}

// gcmModel tracks an AES-GCM encryption context.
type gcmModel struct {
	ctx     *ciphers.Context
	aad, pt []byte
	ct      []byte
	started bool // an Update with data succeeded
	done    bool
	tag     []byte
}

func newGCMModel(t *testing.T) *gcmModel {
	alg, err := algorithms.NewAES(seqKey)
	require.NoError(t, err)
	m, err := modes.NewGCM(seqIV, nil)
	require.NoError(t, err)
	c, err := ciphers.NewCipher(alg, m)
	require.NoError(t, err)
	ctx, err := c.Encryptor()
	require.NoError(t, err)
	return &gcmModel{ctx: ctx}
}

// cbcModel tracks an AES-CBC decryption context.
type cbcModel struct {
	ctx  *ciphers.Context
	in   []byte // all ciphertext accepted
	out  []byte // all plaintext returned
	ref  cipher.BlockMode
	done bool
}

func newCBCModel(t *testing.T) *cbcModel {
	alg, err := algorithms.NewAES(seqKey)
	require.NoError(t, err)
	m, err := modes.NewCBC(seqCBCIV)
	require.NoError(t, err)
	c, err := ciphers.NewCipher(alg, m)
	require.NoError(t, err)
	ctx, err := c.Decryptor()
	require.NoError(t, err)
	block, err := aes.NewCipher(seqKey)
	require.NoError(t, err)
	return &cbcModel{ctx: ctx, ref: cipher.NewCBCDecrypter(block, seqCBCIV)}
}

// accept records that data went into the CBC context and out came back,
// and checks out against Go's decryption of the blocks data completed.
func (m *cbcModel) accept(t *testing.T, data, out []byte) {
	t.Helper()
	before := len(m.in) / 16 * 16
	m.in = append(m.in, data...)
	after := len(m.in) / 16 * 16
	want := make([]byte, after-before)
	m.ref.CryptBlocks(want, m.in[before:after])
	require.Equal(t, hx(want), hx(out), "CBC output after %d bytes", len(m.in))
	m.out = append(m.out, out...)
}

// need is the output an update of n bytes produces.
func (m *cbcModel) need(n int) int { return (len(m.in)+n)/16*16 - len(m.in)/16*16 }

// macModel tracks a hashes.Hash (SHA-256) or an hmac.HMAC (HMAC-SHA-256).
type macModel struct {
	h     *hashes.Hash
	m     *hmac.HMAC
	data  []byte
	done  bool
	final []byte
}

func (m *macModel) want() []byte {
	var r hash.Hash
	if m.h != nil {
		r = sha256.New()
	} else {
		return goHMAC(sha256.New, seqMAC, m.data)
	}
	r.Write(m.data)
	return r.Sum(nil)
}

func (m *macModel) update(d []byte) error {
	if m.h != nil {
		return m.h.Update(d)
	}
	return m.m.Update(d)
}

func (m *macModel) finalize() ([]byte, error) {
	if m.h != nil {
		return m.h.Finalize()
	}
	return m.m.Finalize()
}

func (m *macModel) sum() []byte {
	if m.h != nil {
		return m.h.Sum(nil)
	}
	return m.m.Sum(nil)
}

func (m *macModel) reset() {
	if m.h != nil {
		m.h.Reset()
	} else {
		m.m.Reset()
	}
	m.data, m.done, m.final = nil, false, nil
}

func (m *macModel) copy() (*macModel, error) {
	c := &macModel{data: bytes.Clone(m.data)}
	var err error
	if m.h != nil {
		c.h, err = m.h.Copy()
	} else {
		c.m, err = m.m.Copy()
	}
	return c, err
}

// step runs one call on a hash or HMAC model and checks it.
func (m *macModel) step(t *testing.T, r *prog, op byte, what string) (copied *macModel) {
	switch op % 6 {
	case 0: // Update
		d := r.data()
		err := m.update(d)
		if m.done {
			expect(t, backends.ErrAlreadyFinalized, err, what+" Update after Finalize")
			return nil
		}
		expect(t, nil, err, what+" Update")
		m.data = append(m.data, d...)
	case 1: // Finalize
		got, err := m.finalize()
		if m.done {
			expect(t, backends.ErrAlreadyFinalized, err, what+" second Finalize")
			assert.Nil(t, got)
			return nil
		}
		expect(t, nil, err, what+" Finalize")
		require.Equal(t, hx(m.want()), hx(got), what+" Finalize")
		m.done, m.final = true, got
	case 2: // Copy
		c, err := m.copy()
		if m.done {
			expect(t, backends.ErrAlreadyFinalized, err, what+" Copy after Finalize")
			return nil
		}
		expect(t, nil, err, what+" Copy")
		return c
	case 3: // Reset
		m.reset()
	case 4: // Sum: the state stays
		want := m.final
		if !m.done {
			want = m.want()
		}
		require.Equal(t, hx(want), hx(m.sum()), what+" Sum")
	case 5: // Verify (HMAC), or a Write (hash)
		if m.h != nil {
			d := r.data()
			n, err := m.h.Write(d)
			if m.done {
				expect(t, backends.ErrAlreadyFinalized, err, what+" Write after Finalize")
				assert.Zero(t, n)
				return nil
			}
			expect(t, nil, err, what+" Write")
			assert.Equal(t, len(d), n)
			m.data = append(m.data, d...)
			return nil
		}
		mac := m.want()
		wrong := r.next()&1 == 1
		if wrong {
			mac[0] ^= 0x80
		}
		err := m.m.Verify(mac)
		switch {
		case m.done:
			expect(t, backends.ErrAlreadyFinalized, err, what+" Verify after Finalize")
			return nil
		case wrong:
			expect(t, backends.ErrInvalidSignature, err, what+" Verify of a wrong MAC")
		default:
			expect(t, nil, err, what+" Verify")
		}
		m.done, m.final = true, m.want()
	}
	return nil
}

// gcmStep runs one call on the GCM encryption context and checks it.
func (g *gcmModel) step(t *testing.T, r *prog, op byte) {
	switch op % 6 {
	case 0: // AuthenticateAdditionalData
		d := r.data()
		err := g.ctx.AuthenticateAdditionalData(d)
		switch {
		case g.done:
			expect(t, backends.ErrAlreadyFinalized, err, "GCM AAD after Finalize")
		case g.started:
			expect(t, backends.ErrInvalidArgument, err, "GCM AAD after Update")
		default:
			expect(t, nil, err, "GCM AAD")
			g.aad = append(g.aad, d...)
		}
	case 1: // Update
		d := r.data()
		out, err := g.ctx.Update(d)
		if g.done {
			expect(t, backends.ErrAlreadyFinalized, err, "GCM Update after Finalize")
			assert.Nil(t, out)
			return
		}
		expect(t, nil, err, "GCM Update")
		require.Len(t, out, gcmReleased(len(d)), "GCM Update output")
		g.pt, g.ct = append(g.pt, d...), append(g.ct, out...)
		g.started = g.started || len(d) > 0
	case 2: // UpdateInto a buffer of random size
		d := r.data()
		buf := filled(int(r.next()) * 2)
		n, err := g.ctx.UpdateInto(d, buf)
		switch {
		case g.done:
			expect(t, backends.ErrAlreadyFinalized, err, "GCM UpdateInto after Finalize")
			untouched(t, buf, "GCM UpdateInto after Finalize")
		case len(buf) < gcmReleased(len(d)):
			expect(t, backends.ErrShortBuffer, err, "GCM UpdateInto a short buffer")
			untouched(t, buf, "GCM UpdateInto a short buffer")
		default:
			expect(t, nil, err, "GCM UpdateInto")
			require.Equal(t, gcmReleased(len(d)), n)
			untouched(t, buf[n:], "GCM UpdateInto past the output")
			g.pt, g.ct = append(g.pt, d...), append(g.ct, buf[:n]...)
			g.started = g.started || len(d) > 0
		}
	case 3: // Finalize
		out, err := g.ctx.Finalize()
		if g.done {
			expect(t, backends.ErrAlreadyFinalized, err, "GCM second Finalize")
			assert.Nil(t, out)
			return
		}
		expect(t, nil, err, "GCM Finalize")
		g.ct = append(g.ct, out...)
		g.done = true
		ref, err := goGCM(seqKey, len(seqIV))
		require.NoError(t, err)
		want := ref.Seal(nil, seqIV, g.pt, g.aad)
		require.Equal(t, hx(want[:len(g.pt)]), hx(g.ct), "GCM ciphertext")
		g.tag = want[len(g.pt):]
	case 4: // Tag
		tag, err := g.ctx.Tag()
		if !g.done {
			expect(t, backends.ErrNotYetFinalized, err, "GCM Tag before Finalize")
			assert.Nil(t, tag)
			return
		}
		expect(t, nil, err, "GCM Tag")
		require.Equal(t, hx(g.tag), hx(tag), "GCM tag")
	case 5: // FinalizeWithTag: not for encryption
		out, err := g.ctx.FinalizeWithTag(make([]byte, 16))
		expect(t, backends.ErrInvalidArgument, err, "GCM FinalizeWithTag on an encryption context")
		assert.Nil(t, out)
	}
}

// cbcStep runs one call on the CBC decryption context and checks it.
func (c *cbcModel) step(t *testing.T, r *prog, op byte) {
	switch op % 6 {
	case 0: // Update
		d := r.data()
		out, err := c.ctx.Update(d)
		if c.done {
			expect(t, backends.ErrAlreadyFinalized, err, "CBC Update after Finalize")
			assert.Nil(t, out)
			return
		}
		expect(t, nil, err, "CBC Update")
		c.accept(t, d, out)
	case 1: // UpdateInto a buffer of random size
		d := r.data()
		buf := filled(int(r.next()) * 2)
		n, err := c.ctx.UpdateInto(d, buf)
		need := c.need(len(d))
		switch {
		case c.done:
			expect(t, backends.ErrAlreadyFinalized, err, "CBC UpdateInto after Finalize")
			untouched(t, buf, "CBC UpdateInto after Finalize")
		case len(buf) < need:
			expect(t, backends.ErrShortBuffer, err, "CBC UpdateInto a short buffer")
			untouched(t, buf, "CBC UpdateInto a short buffer")
		default:
			expect(t, nil, err, "CBC UpdateInto")
			require.Equal(t, need, n)
			untouched(t, buf[n:], "CBC UpdateInto past the output")
			c.accept(t, d, buf[:n])
		}
	case 2: // UpdateInto in place
		d := r.data()
		in := bytes.Clone(d)
		n, err := c.ctx.UpdateInto(in, in)
		need := c.need(len(d))
		switch {
		case c.done:
			expect(t, backends.ErrAlreadyFinalized, err, "CBC in place after Finalize")
		case need > len(d):
			expect(t, backends.ErrShortBuffer, err, "CBC in place, short")
		case need > 0 && len(c.in)%16 != 0:
			expect(t, backends.ErrInvalidBufferOverlap, err, "CBC in place with a partial block pending")
		default:
			expect(t, nil, err, "CBC in place")
			require.Equal(t, need, n)
			c.accept(t, d, in[:n])
			return
		}
		require.Equal(t, hx(d), hx(in), "CBC in place: buffer written on error")
	case 3: // Finalize
		out, err := c.ctx.Finalize()
		switch {
		case c.done:
			expect(t, backends.ErrAlreadyFinalized, err, "CBC second Finalize")
		case len(c.in)%16 != 0:
			expect(t, backends.ErrInvalidDataLength, err, "CBC Finalize on a partial block")
		default:
			expect(t, nil, err, "CBC Finalize")
			assert.Empty(t, out)
			c.done = true
			return
		}
		assert.Nil(t, out)
		c.done = true
	case 4: // AuthenticateAdditionalData and Tag: not for CBC
		expect(t, backends.ErrInvalidArgument, c.ctx.AuthenticateAdditionalData([]byte("x")), "CBC AAD")
		tag, err := c.ctx.Tag()
		expect(t, backends.ErrInvalidArgument, err, "CBC Tag")
		assert.Nil(t, tag)
	case 5: // FinalizeWithTag: not for CBC
		out, err := c.ctx.FinalizeWithTag(make([]byte, 16))
		expect(t, backends.ErrInvalidArgument, err, "CBC FinalizeWithTag")
		assert.Nil(t, out)
	}
}

// FuzzContextSequence runs a byte program against an AES-GCM encryption
// context, an AES-CBC decryption context, SHA-256 hashes and HMAC-SHA-256s
// (and their copies): each instruction picks an object and a call
// (Update, UpdateInto with a buffer of random size or in place,
// AuthenticateAdditionalData, Finalize, Tag, FinalizeWithTag, Copy, Reset,
// Sum, Verify) or starts a fresh context. A model in Go predicts every
// result: outputs match Go's crypto, errors wrap the predicted sentinel
// (and every error a sentinel or an *openssl.Error), every mutating call
// after Finalize returns ErrAlreadyFinalized, and failed calls leave
// caller buffers untouched.
func FuzzContextSequence(f *testing.F) {
	f.Add([]byte{1, 10, 0, 3, 4, 7, 20, 0, 9})
	f.Add([]byte{0, 5, 0, 2, 100, 1, 40, 3, 3, 4, 5})
	f.Fuzz(func(t *testing.T, program []byte) {
		if len(program) > 512 {
			t.Skip("programs are capped at 512 bytes")
		}
		r := &prog{p: program}
		gcm, cbc := newGCMModel(t), newCBCModel(t)
		h, err := hashes.New(hashes.SHA256{})
		require.NoError(t, err)
		m, err := hmac.New(seqMAC, hashes.SHA256{})
		require.NoError(t, err)
		hs := []*macModel{{h: h}}
		ms := []*macModel{{m: m}}
		for r.i < len(r.p) {
			op := r.next()
			switch op >> 5 { // the top three bits pick the object
			case 0, 1:
				gcm.step(t, r, op)
			case 2, 3:
				cbc.step(t, r, op)
			case 4:
				i := int(r.next()) % len(hs)
				if c := hs[i].step(t, r, op, "hash"); c != nil && len(hs) < 4 {
					hs = append(hs, c)
				}
			case 5:
				i := int(r.next()) % len(ms)
				if c := ms[i].step(t, r, op, "HMAC"); c != nil && len(ms) < 4 {
					ms = append(ms, c)
				}
			case 6:
				if op&1 == 0 {
					gcm = newGCMModel(t)
				} else {
					cbc = newCBCModel(t)
				}
			case 7: // a copy of a finalized hash must not be usable
				for _, set := range [][]*macModel{hs, ms} {
					for _, x := range set {
						if x.done {
							_, err := x.copy()
							expect(t, backends.ErrAlreadyFinalized, err, "Copy after Finalize")
						}
					}
				}
			}
		}
	})
}

// gcmReleased returns how many bytes a streaming GCM encryption releases
// for n bytes of input: all of them at once with the OpenSSL backend, none
// before Finalize with the Go backend (Go's GCM is one-shot).
func gcmReleased(n int) int {
	if defaultbackend.Name() == defaultbackend.Go {
		return 0
	}
	return n
}
