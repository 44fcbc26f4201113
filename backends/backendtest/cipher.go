package backendtest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/rc4"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/goref"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// cipherSpec is a cipher of the descriptor leaves with one key size.
type cipherSpec struct {
	keyLen int // bytes
	block  int // bytes; 0 for a stream cipher
	build  func(key, nonce []byte) (backends.CipherAlgorithm, error)
	// goBlock is Go's block cipher for the key, or nil.
	goBlock func(key []byte) (cipher.Block, error)
}

func aesSpec(keyLen int) cipherSpec {
	s := cipherSpec{keyLen: keyLen, block: 16, build: func(k, _ []byte) (backends.CipherAlgorithm, error) { return algorithms.NewAES(k) }}
	if keyLen != 64 {
		s.goBlock = aes.NewCipher
	}
	return s
}

func camelliaSpec(keyLen int) cipherSpec {
	return cipherSpec{keyLen: keyLen, block: 16, build: func(k, _ []byte) (backends.CipherAlgorithm, error) { return algorithms.NewCamellia(k) }}
}

// cipherSpecs are the ciphers every backend is asked about, with every key
// size the modes distinguish (AES-256 and AES-512 keys also serve XTS).
var cipherSpecs = []cipherSpec{
	aesSpec(16), aesSpec(24), aesSpec(32), aesSpec(64),
	camelliaSpec(16), camelliaSpec(24), camelliaSpec(32),
	{keyLen: 24, block: 8, build: func(k, _ []byte) (backends.CipherAlgorithm, error) { return algorithms.NewTripleDES(k) }, goBlock: des.NewTripleDESCipher},
	{keyLen: 16, block: 8, build: func(k, _ []byte) (backends.CipherAlgorithm, error) { return algorithms.NewBlowfish(k) }},
	{keyLen: 16, block: 8, build: func(k, _ []byte) (backends.CipherAlgorithm, error) { return algorithms.NewCAST5(k) }},
	{keyLen: 16, block: 16, build: func(k, _ []byte) (backends.CipherAlgorithm, error) { return algorithms.NewSEED(k) }},
	{keyLen: 16, block: 8, build: func(k, _ []byte) (backends.CipherAlgorithm, error) { return algorithms.NewIDEA(k) }},
	{keyLen: 16, block: 16, build: func(k, _ []byte) (backends.CipherAlgorithm, error) { return algorithms.NewSM4(k) }},
	{keyLen: 16, build: func(k, _ []byte) (backends.CipherAlgorithm, error) { return algorithms.NewARC4(k) }},
	{keyLen: 32, build: func(k, n []byte) (backends.CipherAlgorithm, error) { return algorithms.NewChaCha20(k, n) }},
}

// modeSpec is a mode of the descriptor leaves.
type modeSpec struct {
	name  string
	ivLen func(block int) int // 0: no IV
	build func(iv, tag []byte) (backends.Mode, error)
	whole bool // ECB and CBC take whole blocks and no padding
	unit  bool // XTS takes one data unit of 16 bytes or more in one Update
	aead  bool
}

func blockIV(block int) int { return block }

var modeSpecs = []modeSpec{
	{name: "ECB", ivLen: func(int) int { return 0 }, build: func(_, _ []byte) (backends.Mode, error) { return modes.NewECB(), nil }, whole: true},
	{name: "CBC", ivLen: blockIV, build: func(iv, _ []byte) (backends.Mode, error) { return modes.NewCBC(iv) }, whole: true},
	{name: "CTR", ivLen: blockIV, build: func(iv, _ []byte) (backends.Mode, error) { return modes.NewCTR(iv) }},
	{name: "OFB", ivLen: blockIV, build: func(iv, _ []byte) (backends.Mode, error) { return modes.NewOFB(iv) }},
	{name: "CFB", ivLen: blockIV, build: func(iv, _ []byte) (backends.Mode, error) { return modes.NewCFB(iv) }},
	{name: "CFB8", ivLen: blockIV, build: func(iv, _ []byte) (backends.Mode, error) { return modes.NewCFB8(iv) }},
	{name: "GCM", ivLen: func(int) int { return 12 }, build: func(iv, tag []byte) (backends.Mode, error) { return modes.NewGCM(iv, tag) }, aead: true},
	{name: "XTS", ivLen: func(int) int { return 16 }, build: func(iv, _ []byte) (backends.Mode, error) { return modes.NewXTS(iv) }, unit: true},
}

// pairCase is one (cipher, mode) pair with its key and IV.
type pairCase struct {
	b     backends.CipherBackend
	c     cipherSpec
	m     *modeSpec // nil: no mode
	key   []byte
	nonce []byte // the cipher's own nonce (ChaCha20)
	iv    []byte
	alg   backends.CipherAlgorithm
	name  string
}

func (p *pairCase) block() int { return max(p.c.block, 1) }

// mode returns a new mode descriptor carrying tag (nil: none), or nil for
// a pair without a mode.
func (p *pairCase) mode(t *testing.T, tag []byte) backends.Mode {
	t.Helper()
	if p.m == nil {
		return nil
	}
	m, err := p.m.build(p.iv, tag)
	require.NoError(t, err)
	return m
}

func (p *pairCase) create(t *testing.T, encrypt bool, tag []byte) (backends.CipherContext, error) {
	t.Helper()
	if encrypt {
		return p.b.CreateSymmetricEncryptionCtx(p.alg, p.mode(t, tag))
	}
	return p.b.CreateSymmetricDecryptionCtx(p.alg, p.mode(t, tag))
}

// valid reports whether the pair takes a message of n bytes.
func (p *pairCase) valid(n int) bool {
	switch {
	case p.m == nil:
		return true
	case p.m.whole:
		return n%p.c.block == 0
	case p.m.unit:
		return n >= 16
	}
	return true
}

// feed writes data to ctx in random parts (one part for XTS), through
// Update and UpdateInto in turn, and returns the output with Finalize's.
// When tag is not nil, decryption ends with FinalizeWithTag.
func (p *pairCase) feed(t *testing.T, r *rand.Rand, ctx backends.CipherContext, data, tag []byte) ([]byte, error) {
	t.Helper()
	parts := [][]byte{data}
	if p.m == nil || !p.m.unit {
		parts = split(r, data)
	}
	var out []byte
	for i, part := range parts {
		if p.m != nil && p.m.unit && len(part) == 0 {
			continue
		}
		if i%2 == 0 {
			o, err := ctx.Update(part)
			require.NoError(t, err, "Update of %d bytes", len(part))
			out = append(out, o...)
			continue
		}
		buf := make([]byte, len(part)+p.block())
		n, err := ctx.UpdateInto(part, buf)
		require.NoError(t, err, "UpdateInto of %d bytes", len(part))
		require.LessOrEqual(t, n, len(buf))
		out = append(out, buf[:n]...)
	}
	var last []byte
	var err error
	if tag != nil {
		d, ok := ctx.(backends.AEADDecryptionContext)
		require.True(t, ok, "the decryption context of an authenticated mode is not an AEADDecryptionContext")
		last, err = d.FinalizeWithTag(tag)
	} else {
		last, err = ctx.Finalize()
	}
	if err != nil {
		return out, err
	}
	return append(out, last...), nil
}

func (p *pairCase) addAAD(t *testing.T, r *rand.Rand, ctx backends.CipherContext, aad []byte) {
	t.Helper()
	if p.m == nil || !p.m.aead {
		return
	}
	a, ok := ctx.(backends.AEADCipherContext)
	require.True(t, ok, "the context of an authenticated mode is not an AEADCipherContext")
	for _, part := range split(r, aad) {
		require.NoError(t, a.AuthenticateAdditionalData(part))
	}
}

// encrypt encrypts pt with additional data aad (authenticated modes) and
// returns the ciphertext and the tag.
func (p *pairCase) encrypt(t *testing.T, r *rand.Rand, pt, aad []byte) (ct, tag []byte) {
	t.Helper()
	ctx, err := p.create(t, true, nil)
	require.NoError(t, err)
	p.addAAD(t, r, ctx, aad)
	ct, err = p.feed(t, r, ctx, pt, nil)
	require.NoError(t, err, "Finalize")
	if p.m != nil && p.m.aead {
		e, ok := ctx.(backends.AEADEncryptionContext)
		require.True(t, ok, "the encryption context of an authenticated mode is not an AEADEncryptionContext")
		tag, err = e.Tag()
		require.NoError(t, err)
	}
	return ct, tag
}

// decrypt decrypts ct; for an authenticated mode the tag is given in the
// mode, or to FinalizeWithTag when late is set.
func (p *pairCase) decrypt(t *testing.T, r *rand.Rand, ct, aad, tag []byte, late bool) ([]byte, error) {
	t.Helper()
	var modeTag, finalTag []byte
	if p.m != nil && p.m.aead {
		if late {
			finalTag = tag
		} else {
			modeTag = tag
		}
	}
	ctx, err := p.create(t, false, modeTag)
	require.NoError(t, err)
	p.addAAD(t, r, ctx, aad)
	return p.feed(t, r, ctx, ct, finalTag)
}

// TestCipherBackend checks b against the contract of
// [backends.CipherBackend], for every (cipher, mode) pair that the
// descriptor leaves can build: AES-128, -192 and -256 (and AES-XTS with
// 256- and 512-bit keys), Camellia, TripleDES, Blowfish, CAST5, SEED, IDEA
// and SM4 in ECB, CBC, CTR, OFB, CFB, CFB8, GCM and XTS, and ARC4 and
// ChaCha20 with no mode:
//
//   - CipherSupported is true exactly when both contexts can be created; an
//     unsupported pair fails with an [*backends.UnsupportedAlgorithmError];
//   - a supported pair round-trips messages of 0 to 8208 bytes written in
//     random parts through Update and UpdateInto, leaves its inputs
//     unmodified, gives the known answers of the module's testdata/ciphers
//     and Go's answers (AES and TripleDES in every mode but XTS, ARC4) over
//     lengths 0 to 1040;
//   - every misuse gets its sentinel, and a failed call writes nothing;
//   - UpdateInto writes nothing past what it reports written, into a
//     buffer of exactly that length whose capacity ends with it or goes
//     on, encrypting and decrypting, in one call, in two (a partial block
//     held back) and in place, at every message length to 64 bytes and
//     around larger block boundaries;
//   - contexts of one backend used from many goroutines at once agree;
//   - nil and zero descriptors give errors, never panics, never support.
//
// The suite registers an adapter for a pair of its own types, so b keeps
// one more entry in its registry afterwards.
func TestCipherBackend(t *testing.T, b backends.CipherBackend) {
	t.Helper()
	require.NotNil(t, b, "backendtest: nil backend")
	r := newRand(t, "cipher keys")
	var supported []*pairCase
	for _, c := range cipherSpecs {
		for _, m := range append([]*modeSpec{nil}, ptrs(modeSpecs)...) {
			p := &pairCase{b: b, c: c, m: m, key: randBytes(r, c.keyLen), nonce: randBytes(r, 16)}
			alg, err := c.build(p.key, p.nonce)
			require.NoError(t, err)
			p.alg = alg
			if m != nil {
				p.iv = randBytes(r, m.ivLen(p.block()))
			}
			p.name = describe(alg, p.mode(t, nil))
			ok := false // stays false when a check stops the subtest
			t.Run(p.name, func(t *testing.T) { ok = testPair(t, p) })
			if ok {
				supported = append(supported, p)
			}
		}
	}
	t.Run("KnownAnswers", func(t *testing.T) { testCipherKAT(t, b) })
	t.Run("Concurrent", func(t *testing.T) { testCipherConcurrent(t, supported) })
	t.Run("ZeroValues", func(t *testing.T) { testCipherZeroValues(t, b) })
	t.Run("Adapters", func(t *testing.T) { testAdapters(t, b) })
}

func ptrs(ms []modeSpec) []*modeSpec {
	out := make([]*modeSpec, len(ms))
	for i := range ms {
		out[i] = &ms[i]
	}
	return out
}

// testPair runs the checks of one pair and reports whether it is
// supported and works.
func testPair(t *testing.T, p *pairCase) bool {
	b := p.b
	mode := p.mode(t, nil)
	var invalid error
	switch {
	case mode != nil:
		invalid = mode.ValidateForAlgorithm(p.alg)
	case p.c.block != 0:
		invalid = errors.New("a block cipher needs a mode")
	}
	supported := b.CipherSupported(p.alg, mode)
	t.Logf("CipherSupported(%s) = %v", p.name, supported)
	if invalid != nil {
		// A pair the descriptors refuse (a stream cipher in a block mode,
		// GCM with a 64-bit block, a key size the mode has no cipher for,
		// a block cipher without a mode) is never supported.
		t.Logf("not a valid pair: %v", invalid)
		assert.False(t, supported, "CipherSupported of a pair the descriptors refuse")
		for _, enc := range []bool{true, false} {
			noPanic(t, "Create", func() {
				ctx, err := p.create(t, enc, nil)
				assert.Error(t, err, "creating a context for a pair the descriptors refuse")
				assert.Nil(t, ctx)
				if errors.Is(invalid, backends.ErrUnsupportedAlgorithm) || mode == nil {
					assertUnsupported(t, err)
				}
			})
		}
		return false
	}
	if !supported {
		for _, enc := range []bool{true, false} {
			ctx, err := p.create(t, enc, nil)
			assert.Nil(t, ctx)
			assertUnsupported(t, err, "creating a context (encrypt %v) while CipherSupported is false", enc)
		}
		return false
	}
	ok := t.Run("RoundTrip", func(t *testing.T) { testRoundTrip(t, p) })
	ok = t.Run("MatchesGo", func(t *testing.T) { testCipherMatchesGo(t, p) }) && ok
	ok = t.Run("Misuse", func(t *testing.T) { testCipherMisuse(t, p) }) && ok
	ok = t.Run("NothingPastOutput", func(t *testing.T) { testCipherNothingPastOutput(t, p) }) && ok
	return ok
}

// roundTripLengths are the message lengths of the round trips, around
// block boundaries and up to 8208 bytes, as in Go's cryptotest.
var roundTripLengths = []int{0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65,
	127, 128, 129, 255, 256, 257, 1023, 1024, 1025, 4095, 4096, 8207, 8208}

func testRoundTrip(t *testing.T, p *pairCase) {
	r := newRand(t, "round trip "+p.name)
	keyCopy := bytes.Clone(p.alg.Key())
	for i, n := range roundTripLengths {
		if !p.valid(n) {
			continue
		}
		pt := randBytes(r, n)
		var aad []byte
		if p.m != nil && p.m.aead {
			aad = randBytes(r, r.IntN(40))
		}
		ptCopy, aadCopy := bytes.Clone(pt), bytes.Clone(aad)
		ct, tag := p.encrypt(t, r, pt, aad)
		assert.Len(t, ct, n, "ciphertext length of a %d-byte message", n)
		assert.Equal(t, hx(ptCopy), hx(pt), "plaintext modified")
		assert.Equal(t, hx(aadCopy), hx(aad), "additional data modified")
		if p.m != nil && p.m.aead {
			assert.Len(t, tag, 16, "default tag length")
		}
		ctCopy := bytes.Clone(ct)
		back, err := p.decrypt(t, r, ct, aad, tag, i%2 == 1)
		require.NoError(t, err, "decrypting a %d-byte message", n)
		if !assert.Equal(t, hx(pt), hx(back), "round trip of %d bytes", n) {
			return
		}
		assert.Equal(t, hx(ctCopy), hx(ct), "ciphertext modified")
	}
	assert.Equal(t, hx(keyCopy), hx(p.alg.Key()), "key modified")
}

// goEncrypt is Go's encryption of pt under the pair, or errNoAnswer. It is
// computed even where GODEBUG=fips140=only makes Go refuse it (see
// goref.Run).
func goEncrypt(p *pairCase, pt, aad []byte) (ct, tag []byte, err error) {
	goref.Run(func() { ct, tag, err = goEncryptEnforced(p, pt, aad) })
	return ct, tag, err
}

func goEncryptEnforced(p *pairCase, pt, aad []byte) (ct, tag []byte, err error) {
	if p.m == nil {
		if _, isARC4 := p.alg.(*algorithms.ARC4); !isARC4 {
			return nil, nil, errNoAnswer
		}
		c, err := rc4.NewCipher(p.key)
		if err != nil {
			return nil, nil, err
		}
		ct = make([]byte, len(pt))
		c.XORKeyStream(ct, pt)
		return ct, nil, nil
	}
	if p.c.goBlock == nil {
		return nil, nil, errNoAnswer
	}
	blk, err := p.c.goBlock(p.key)
	if err != nil {
		return nil, nil, err
	}
	bs := blk.BlockSize()
	ct = make([]byte, len(pt))
	switch p.m.name {
	case "ECB":
		for i := 0; i < len(pt); i += bs {
			blk.Encrypt(ct[i:i+bs], pt[i:i+bs])
		}
	case "CBC":
		cipher.NewCBCEncrypter(blk, p.iv).CryptBlocks(ct, pt)
	case "CTR":
		cipher.NewCTR(blk, p.iv).XORKeyStream(ct, pt)
	case "OFB":
		s := bytes.Clone(p.iv)
		for i := 0; i < len(pt); i += bs {
			blk.Encrypt(s, s)
			subtle(ct[i:], pt[i:], s)
		}
	case "CFB":
		s, k := bytes.Clone(p.iv), make([]byte, bs)
		for i := 0; i < len(pt); i += bs {
			blk.Encrypt(k, s)
			n := subtle(ct[i:], pt[i:], k)
			copy(s, ct[i:i+n])
		}
	case "CFB8":
		s, k := bytes.Clone(p.iv), make([]byte, bs)
		for i := range pt {
			blk.Encrypt(k, s)
			ct[i] = pt[i] ^ k[0]
			copy(s, s[1:])
			s[bs-1] = ct[i]
		}
	case "GCM":
		g, err := cipher.NewGCM(blk)
		if err != nil {
			return nil, nil, err
		}
		sealed := g.Seal(nil, p.iv, pt, aad)
		return sealed[:len(pt)], sealed[len(pt):], nil
	default:
		return nil, nil, errNoAnswer
	}
	return ct, nil, nil
}

// subtle writes src XOR key into dst for as many bytes as all three have,
// and returns that count.
func subtle(dst, src, key []byte) int {
	n := min(len(dst), len(src), len(key))
	for i := range n {
		dst[i] = src[i] ^ key[i]
	}
	return n
}

func testCipherMatchesGo(t *testing.T, p *pairCase) {
	if _, _, err := goEncrypt(p, nil, nil); errors.Is(err, errNoAnswer) {
		t.Logf("Go has no %s: round trips, known answers and misuse are checked", p.name)
		return
	}
	r := newRand(t, "go "+p.name)
	for _, n := range lengths() {
		if !p.valid(n) {
			continue
		}
		pt := randBytes(r, n)
		var aad []byte
		if p.m != nil && p.m.aead {
			aad = randBytes(r, r.IntN(40))
		}
		wantCT, wantTag, err := goEncrypt(p, pt, aad)
		require.NoError(t, err)
		ct, tag := p.encrypt(t, r, pt, aad)
		if !assert.Equal(t, hx(wantCT), hx(ct), "%s of %d bytes", p.name, n) ||
			!assert.Equal(t, hx(wantTag), hx(tag), "%s tag of %d bytes", p.name, n) {
			return
		}
		back, err := p.decrypt(t, r, wantCT, aad, wantTag, n%2 == 0)
		require.NoError(t, err)
		assert.Equal(t, hx(pt), hx(back), "decrypting Go's %s of %d bytes", p.name, n)
	}
}

// startCtx returns a context of the pair with its additional data added;
// decrypting an authenticated mode, the tag is given in the mode.
func (p *pairCase) startCtx(t *testing.T, r *rand.Rand, encrypt bool, aad, tag []byte) backends.CipherContext {
	t.Helper()
	var modeTag []byte
	if !encrypt && p.m != nil && p.m.aead {
		modeTag = tag
	}
	ctx, err := p.create(t, encrypt, modeTag)
	require.NoError(t, err)
	p.addAAD(t, r, ctx, aad)
	return ctx
}

// outputSizes returns how many bytes each of the parts of in gives from a
// context fed through Update.
func (p *pairCase) outputSizes(t *testing.T, r *rand.Rand, encrypt bool, aad, tag, in []byte, parts []int) []int {
	t.Helper()
	ctx := p.startCtx(t, r, encrypt, aad, tag)
	sizes := make([]int, len(parts))
	for i, m := range parts {
		out, err := ctx.Update(in[:m])
		require.NoError(t, err, "Update of %d bytes", m)
		sizes[i] = len(out)
		in = in[m:]
	}
	_, err := ctx.Finalize()
	require.NoError(t, err)
	return sizes
}

// testCipherNothingPastOutput encrypts and decrypts messages through
// UpdateInto into buffers of exactly the length each call writes, windows
// on larger patterned buffers with their capacity ending at the buffer's
// end or going on past it: the whole message in one call, in two calls
// (the first a third of the message, so a block mode holds a partial block
// back), and in place. The bytes past each output must keep their value,
// and the output must be the context's usual one.
func testCipherNothingPastOutput(t *testing.T, p *pairCase) {
	r := newRand(t, "nothing past output "+p.name)
	aead := p.m != nil && p.m.aead
	unit := p.m != nil && p.m.unit
	for _, n := range pastLengths() {
		if !p.valid(n) {
			continue
		}
		pt := randBytes(r, n)
		var aad []byte
		if aead {
			aad = randBytes(r, n%7)
		}
		ct, tag := p.encrypt(t, r, pt, aad)
		for _, enc := range []bool{true, false} {
			in, want := pt, ct
			if !enc {
				in, want = ct, pt
			}
			splits := [][]int{{n}}
			if !unit && n > 1 {
				splits = append(splits, []int{n / 3, n - n/3})
			}
			for _, parts := range splits {
				sizes := p.outputSizes(t, r, enc, aad, tag, in, parts)
				for _, exact := range []bool{true, false} {
					what := fmt.Sprintf("UpdateInto of %d bytes in parts of %v (encrypt %v), %s", n, parts, enc, capacity(exact))
					ctx := p.startCtx(t, r, enc, aad, tag)
					var got []byte
					rest := in
					for i, m := range parts {
						buf := pastBuffer(sizes[i])
						k, err := ctx.UpdateInto(rest[:m], intoWindow(buf, sizes[i], exact))
						require.NoError(t, err, what)
						require.Equal(t, sizes[i], k, what)
						assertNothingPast(t, buf, k, what)
						got = append(got, buf[pastPrefix:pastPrefix+k]...)
						rest = rest[m:]
					}
					last, err := ctx.Finalize()
					require.NoError(t, err, what)
					assert.Equal(t, hx(want), hx(append(got, last...)), what)

					if len(parts) != 1 || sizes[0] != n {
						continue
					}
					what = fmt.Sprintf("UpdateInto of %d bytes in place (encrypt %v), %s", n, enc, capacity(exact))
					buf := pastBuffer(n)
					copy(buf[pastPrefix:], in)
					w := intoWindow(buf, n, exact)
					ctx = p.startCtx(t, r, enc, aad, tag)
					k, err := ctx.UpdateInto(w, w)
					require.NoError(t, err, what)
					require.Equal(t, n, k, what)
					assertNothingPast(t, buf, n, what)
					last, err = ctx.Finalize()
					require.NoError(t, err, what)
					assert.Equal(t, hx(want), hx(append(bytes.Clone(w), last...)), what)
				}
			}
		}
	}
}

// misuseLen is a message length every pair takes: two blocks of 16 bytes
// or four of 8.
const misuseLen = 32

func testCipherMisuse(t *testing.T, p *pairCase) {
	r := newRand(t, "misuse "+p.name)
	pt := randBytes(r, misuseLen)
	want, wantTag := p.encrypt(t, r, pt, nil)
	aead := p.m != nil && p.m.aead

	t.Run("AlreadyFinalized", func(t *testing.T) {
		for _, enc := range []bool{true, false} {
			ctx, err := p.create(t, enc, nil)
			require.NoError(t, err)
			in, final := pt, []byte(nil)
			if !enc {
				in = want
				if aead {
					final = wantTag
				}
			}
			back, err := p.feed(t, r, ctx, in, final)
			require.NoError(t, err)
			if !enc {
				assert.Equal(t, hx(pt), hx(back))
			}
			out, err := ctx.Update(pt)
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, "Update after Finalize (encrypt %v)", enc)
			assert.Empty(t, out)
			buf, guard := guarded(2 * misuseLen)
			n, err := ctx.UpdateInto(pt, buf)
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, "UpdateInto after Finalize (encrypt %v)", enc)
			assert.Zero(t, n)
			assert.Equal(t, hx(guard), hx(buf), "UpdateInto after Finalize wrote to the buffer")
			out, err = ctx.Finalize()
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, "second Finalize (encrypt %v)", enc)
			assert.Empty(t, out)
			if a, ok := ctx.(backends.AEADCipherContext); ok {
				assert.ErrorIs(t, a.AuthenticateAdditionalData([]byte("aad")), backends.ErrAlreadyFinalized,
					"AuthenticateAdditionalData after Finalize")
			}
			if d, ok := ctx.(backends.AEADDecryptionContext); ok {
				out, err := d.FinalizeWithTag(wantTag)
				assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, "FinalizeWithTag after Finalize")
				assert.Empty(t, out)
			}
		}
	})

	t.Run("ShortBuffer", func(t *testing.T) {
		// A call refused for a short buffer writes nothing and leaves the
		// context as it was: the operation goes on as if it never came.
		// The buffer has guard bytes past its length, which no call may
		// touch. A backend that holds all data back until Finalize needs
		// no room at all and may accept the call.
		ctx, err := p.create(t, true, nil)
		require.NoError(t, err)
		in := bytes.Clone(pt)
		backing, guard := guarded(2 * misuseLen)
		buf := backing[:misuseLen-1]
		n, err := ctx.UpdateInto(in, buf)
		assert.Equal(t, hx(pt), hx(in), "input modified")
		var got []byte
		if err == nil {
			t.Logf("UpdateInto of %d bytes into %d accepted, %d written", len(in), len(buf), n)
			require.LessOrEqual(t, n, len(buf))
			assert.Equal(t, hx(guard[len(buf):]), hx(backing[len(buf):]), "UpdateInto wrote past the buffer's length")
			got = append(got, buf[:n]...)
			rest, err := ctx.Finalize()
			require.NoError(t, err)
			got = append(got, rest...)
		} else {
			assert.ErrorIs(t, err, backends.ErrShortBuffer)
			assert.Zero(t, n)
			assert.Equal(t, hx(guard), hx(backing), "a refused UpdateInto wrote to the buffer")
			got, err = p.feed(t, r, ctx, in, nil)
			require.NoError(t, err)
		}
		assert.Equal(t, hx(want), hx(got), "the output after a short buffer")
	})

	t.Run("Overlap", func(t *testing.T) {
		// Output that overlaps the input other than exactly is refused,
		// unless the backend holds all data back and writes nothing.
		ctx, err := p.create(t, true, nil)
		require.NoError(t, err)
		backing := append(bytes.Clone(pt), 0xa5)
		before := bytes.Clone(backing)
		n, err := ctx.UpdateInto(backing[:misuseLen], backing[1:])
		if err == nil {
			assert.Zero(t, n, "an overlapping UpdateInto wrote output")
		} else {
			assert.ErrorIs(t, err, backends.ErrInvalidBufferOverlap)
			assert.Zero(t, n)
		}
		assert.Equal(t, hx(before), hx(backing), "an overlapping UpdateInto wrote to the buffer")

		// The same slice for input and output is allowed.
		ctx, err = p.create(t, true, nil)
		require.NoError(t, err)
		inPlace := bytes.Clone(pt)
		n, err = ctx.UpdateInto(inPlace, inPlace)
		require.NoError(t, err, "in-place UpdateInto")
		rest, err := ctx.Finalize()
		require.NoError(t, err)
		assert.Equal(t, hx(want), hx(append(inPlace[:n:n], rest...)), "in-place encryption")
	})

	if p.m != nil && p.m.whole {
		t.Run("PartialBlock", func(t *testing.T) {
			for _, enc := range []bool{true, false} {
				ctx, err := p.create(t, enc, nil)
				require.NoError(t, err)
				_, err = ctx.Update(pt[:p.c.block+1])
				require.NoError(t, err)
				out, err := ctx.Finalize()
				assert.ErrorIs(t, err, backends.ErrInvalidDataLength, "Finalize after a partial block (encrypt %v)", enc)
				assert.Empty(t, out)
			}
		})
	}

	if p.m != nil && p.m.unit {
		t.Run("ShortUnit", func(t *testing.T) {
			// XTS needs a data unit of one block at least.
			for _, enc := range []bool{true, false} {
				ctx, err := p.create(t, enc, nil)
				require.NoError(t, err)
				buf, guard := guarded(misuseLen)
				n, err := ctx.UpdateInto(pt[:15], buf)
				assert.ErrorIs(t, err, backends.ErrInvalidDataLength, "15 bytes (encrypt %v)", enc)
				assert.Zero(t, n)
				assert.Equal(t, hx(guard), hx(buf), "a refused UpdateInto wrote to the buffer")
			}
		})
	}

	if aead {
		t.Run("AEAD", func(t *testing.T) { testAEADMisuse(t, p, r, pt, want, wantTag) })
	}
}

func testAEADMisuse(t *testing.T, p *pairCase, r *rand.Rand, pt, ct, tag []byte) {
	ctx, err := p.create(t, true, nil)
	require.NoError(t, err)
	e, ok := ctx.(backends.AEADEncryptionContext)
	require.True(t, ok, "the encryption context of an authenticated mode is not an AEADEncryptionContext")
	got, err := e.Tag()
	assert.ErrorIs(t, err, backends.ErrNotYetFinalized, "Tag before Finalize")
	assert.Empty(t, got)
	_, err = e.Update(pt)
	require.NoError(t, err)
	assert.ErrorIs(t, e.AuthenticateAdditionalData([]byte("late")), backends.ErrInvalidArgument,
		"AuthenticateAdditionalData after Update")

	// A tag belongs to decryption only.
	noPanic(t, "CreateSymmetricEncryptionCtx with a tag", func() {
		ctx, err := p.create(t, true, tag)
		assert.ErrorIs(t, err, backends.ErrInvalidArgument, "an encryption context given a tag")
		assert.Nil(t, ctx)
	})

	bad := bytes.Clone(tag)
	bad[len(bad)-1] ^= 1
	for _, late := range []bool{false, true} {
		// out is what Update released before the tag was checked: a
		// streaming backend releases it all, one that holds data back
		// none; the final call adds nothing.
		out, err := p.decrypt(t, r, ct, nil, bad, late)
		assert.ErrorIs(t, err, backends.ErrInvalidTag, "a wrong tag (FinalizeWithTag %v)", late)
		assert.LessOrEqual(t, len(out), len(pt), "output beyond what Update released")
		out, err = p.decrypt(t, r, ct, []byte("other data"), tag, late)
		assert.ErrorIs(t, err, backends.ErrInvalidTag, "wrong additional data (FinalizeWithTag %v)", late)
		assert.LessOrEqual(t, len(out), len(pt), "output beyond what Update released")
	}
	// A decryption context without a tag cannot Finalize: it needs
	// FinalizeWithTag.
	ctx, err = p.create(t, false, nil)
	require.NoError(t, err)
	_, err = ctx.Update(ct)
	require.NoError(t, err)
	out, err := ctx.Finalize()
	assert.ErrorIs(t, err, backends.ErrInvalidArgument, "Finalize of a decryption context without a tag")
	assert.Empty(t, out)
	// The tag belongs to the encryption side and FinalizeWithTag to the
	// decryption side, where a context type offers both.
	if e, ok := ctx.(backends.AEADEncryptionContext); ok {
		got, err := e.Tag()
		assert.ErrorIs(t, err, backends.ErrInvalidArgument, "Tag on a decryption context")
		assert.Empty(t, got)
	}
	ctx, err = p.create(t, true, nil)
	require.NoError(t, err)
	if d, ok := ctx.(backends.AEADDecryptionContext); ok {
		got, err := d.FinalizeWithTag(tag)
		assert.ErrorIs(t, err, backends.ErrInvalidArgument, "FinalizeWithTag on an encryption context")
		assert.Empty(t, got)
	}

	// Finalize returns nothing on a wrong tag.
	ctx, err = p.create(t, false, bad)
	require.NoError(t, err)
	_, err = ctx.Update(ct)
	require.NoError(t, err)
	out, err = ctx.Finalize()
	assert.ErrorIs(t, err, backends.ErrInvalidTag)
	assert.Empty(t, out, "Finalize released output with a wrong tag")
}

// testdataCiphers are the module's known-answer files for streaming
// contexts, with the cipher and mode they hold.
var testdataCiphers = []struct {
	file string
	mode string // "" for a stream cipher
	spec func(key, nonce []byte) (backends.CipherAlgorithm, error)
	aead bool
}{
	{"ciphers/camellia-rfc3713.txt", "ECB", func(k, _ []byte) (backends.CipherAlgorithm, error) { return algorithms.NewCamellia(k) }, false},
	{"ciphers/seed-rfc4269.txt", "ECB", func(k, _ []byte) (backends.CipherAlgorithm, error) { return algorithms.NewSEED(k) }, false},
	{"ciphers/sm4.txt", "ECB", func(k, _ []byte) (backends.CipherAlgorithm, error) { return algorithms.NewSM4(k) }, false},
	{"ciphers/chacha20-rfc8439.txt", "", func(k, n []byte) (backends.CipherAlgorithm, error) { return algorithms.NewChaCha20(k, n) }, false},
	{"ciphers/aes-gcm-spec.txt", "GCM", func(k, _ []byte) (backends.CipherAlgorithm, error) { return algorithms.NewAES(k) }, true},
	{"ciphers/sm4-gcm-rfc8998.txt", "GCM", func(k, _ []byte) (backends.CipherAlgorithm, error) { return algorithms.NewSM4(k) }, true},
}

func modeByName(name string) *modeSpec {
	for i := range modeSpecs {
		if modeSpecs[i].name == name {
			return &modeSpecs[i]
		}
	}
	return nil
}

func testCipherKAT(t *testing.T, b backends.CipherBackend) {
	r := newRand(t, "known answers")
	for _, f := range testdataCiphers {
		t.Run(f.file, func(t *testing.T) {
			if f.aead {
				testAEADKAT(t, b, r, f.file, f.spec)
				return
			}
			vs, err := vectors.LoadCipher(testdataFile(t, f.file))
			require.NoError(t, err)
			require.NotEmpty(t, vs)
			for _, v := range vs {
				alg, err := f.spec(v.Key, v.IV)
				require.NoError(t, err, v.Name)
				p := &pairCase{b: b, alg: alg, key: v.Key, m: modeByName(f.mode)}
				if p.m != nil {
					p.c.block = 16
				}
				mode := p.mode(t, nil)
				if !b.CipherSupported(alg, mode) {
					_, err := b.CreateSymmetricEncryptionCtx(alg, mode)
					assertUnsupported(t, err, "%s while CipherSupported is false", v.Name)
					continue
				}
				if v.Iterations > maxRaceIterations && raceEnabled {
					t.Logf("%s: %d iterations are left to the run without the race detector", v.Name, v.Iterations)
					continue
				}
				var got []byte
				if v.Iterations > 1 {
					got = iterateECB(t, p, v.Plaintext, v.Iterations)
				} else {
					got, _ = p.encrypt(t, r, v.Plaintext, nil)
				}
				assert.Equal(t, hx(v.Ciphertext), hx(got), v.Name)
				if v.Iterations <= 1 {
					back, err := p.decrypt(t, r, v.Ciphertext, nil, nil, false)
					require.NoError(t, err)
					assert.Equal(t, hx(v.Plaintext), hx(back), "decrypting %s", v.Name)
				}
			}
		})
	}
}

// maxRaceIterations bounds the iterated records run under the race
// detector (SM4's million-fold encryption takes seconds there).
const maxRaceIterations = 10000

// iterateECB encrypts block n times in a row (each output the next input)
// with one ECB context, in place: ECB keeps no state between blocks.
func iterateECB(t *testing.T, p *pairCase, block []byte, n int) []byte {
	t.Helper()
	require.Equal(t, "ECB", p.m.name, "iterated records are ECB")
	ctx, err := p.create(t, true, nil)
	require.NoError(t, err)
	buf := bytes.Clone(block)
	for range n {
		k, err := ctx.UpdateInto(buf, buf)
		require.NoError(t, err)
		require.Equal(t, len(buf), k)
	}
	rest, err := ctx.Finalize()
	require.NoError(t, err)
	require.Empty(t, rest)
	return buf
}

func testAEADKAT(t *testing.T, b backends.CipherBackend, r *rand.Rand, file string, spec func(key, nonce []byte) (backends.CipherAlgorithm, error)) {
	vs, err := vectors.LoadAEAD(testdataFile(t, file))
	require.NoError(t, err)
	require.NotEmpty(t, vs)
	for _, v := range vs {
		alg, err := spec(v.Key, nil)
		require.NoError(t, err, v.Name)
		p := &pairCase{b: b, alg: alg, key: v.Key, iv: v.IV, m: modeByName("GCM")}
		mode := p.mode(t, nil)
		if !b.CipherSupported(alg, mode) {
			_, err := b.CreateSymmetricEncryptionCtx(alg, mode)
			assertUnsupported(t, err, "%s while CipherSupported is false", v.Name)
			continue
		}
		if v.Fail {
			_, err := p.decrypt(t, r, v.Ciphertext, v.AAD, v.Tag, false)
			assert.ErrorIs(t, err, backends.ErrInvalidTag, v.Name)
			continue
		}
		ct, tag := p.encrypt(t, r, v.Plaintext, v.AAD)
		assert.Equal(t, hx(v.Ciphertext), hx(ct), v.Name)
		assert.Equal(t, hx(v.Tag), hx(tag[:len(v.Tag)]), v.Name)
		pt, err := p.decrypt(t, r, v.Ciphertext, v.AAD, tag, false)
		require.NoError(t, err, v.Name)
		assert.Equal(t, hx(v.Plaintext), hx(pt), "decrypting %s", v.Name)
	}
}

// concurrentPairs is how many supported pairs the concurrency test runs.
const concurrentPairs = 6

func testCipherConcurrent(t *testing.T, supported []*pairCase) {
	require.NotEmpty(t, supported, "the backend supports no cipher at all")
	// Spread the pairs over the supported ones, so that block, stream
	// and authenticated modes meet.
	var ps []*pairCase
	for i := 0; i < len(supported) && len(ps) < concurrentPairs; i += max(1, len(supported)/concurrentPairs) {
		ps = append(ps, supported[i])
	}
	r := newRand(t, "concurrent ciphers")
	type job struct {
		p           *pairCase
		mode        backends.Mode
		pt, ct, tag []byte
	}
	var jobs []job
	for _, p := range ps {
		n := 1024
		if p.m != nil && p.m.whole {
			n -= n % p.c.block
		}
		pt := randBytes(r, n)
		ct, tag := p.encrypt(t, r, pt, nil)
		jobs = append(jobs, job{p, p.mode(t, nil), pt, ct, tag})
	}
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.name
	}
	t.Logf("pairs: %v", names)
	runConcurrently(t, func(t *testing.T, g int) {
		for i := range jobs {
			j := jobs[(i+g)%len(jobs)]
			mode := j.mode
			if !assert.True(t, j.p.b.CipherSupported(j.p.alg, mode), j.p.name) {
				return
			}
			ctx, err := j.p.b.CreateSymmetricEncryptionCtx(j.p.alg, mode)
			if !assert.NoError(t, err, j.p.name) {
				return
			}
			out, err := ctx.Update(j.pt)
			if !assert.NoError(t, err, j.p.name) {
				return
			}
			last, err := ctx.Finalize()
			if !assert.NoError(t, err, j.p.name) {
				return
			}
			assert.Equal(t, hx(j.ct), hx(append(out, last...)), "%s in goroutine %d", j.p.name, g)
			if e, ok := ctx.(backends.AEADEncryptionContext); ok {
				tag, err := e.Tag()
				assert.NoError(t, err)
				assert.Equal(t, hx(j.tag), hx(tag), "%s tag in goroutine %d", j.p.name, g)
			}
		}
	})
}

func testCipherZeroValues(t *testing.T, b backends.CipherBackend) {
	key := bytes.Repeat([]byte{7}, 16)
	aes128, err := algorithms.NewAES(key)
	require.NoError(t, err)
	cbc, err := modes.NewCBC(make([]byte, 16))
	require.NoError(t, err)

	// Descriptors with no key (zero values, nil pointers): never
	// supported, never a context.
	algs := []struct {
		name string
		alg  backends.CipherAlgorithm
		mode backends.Mode
	}{
		{"nil", nil, nil},
		{"nil with CBC", nil, cbc},
		{"AES{}", &algorithms.AES{}, modes.NewECB()},
		{"AES{} CBC", &algorithms.AES{}, cbc},
		{"(*AES)(nil)", (*algorithms.AES)(nil), cbc},
		{"Camellia{}", &algorithms.Camellia{}, modes.NewECB()},
		{"TripleDES{}", &algorithms.TripleDES{}, modes.NewECB()},
		{"Blowfish{}", &algorithms.Blowfish{}, modes.NewECB()},
		{"CAST5{}", &algorithms.CAST5{}, modes.NewECB()},
		{"SEED{}", &algorithms.SEED{}, modes.NewECB()},
		{"IDEA{}", &algorithms.IDEA{}, modes.NewECB()},
		{"SM4{}", &algorithms.SM4{}, modes.NewECB()},
		{"ARC4{}", &algorithms.ARC4{}, nil},
		{"(*ARC4)(nil)", (*algorithms.ARC4)(nil), nil},
		{"ChaCha20{}", &algorithms.ChaCha20{}, nil},
		{"AES without a mode", aes128, nil},
	}
	for _, c := range algs {
		t.Run(c.name, func(t *testing.T) {
			noPanic(t, "CipherSupported", func() {
				assert.False(t, b.CipherSupported(c.alg, c.mode), "CipherSupported")
			})
			checkCreateFails(t, b, c.alg, c.mode)
		})
	}

	// Modes with no IV, nonce or tweak: no context, whatever the backend
	// answers for the pair.
	aes256, err := algorithms.NewAES(append(bytes.Repeat([]byte{1}, 16), bytes.Repeat([]byte{2}, 16)...))
	require.NoError(t, err)
	ms := []struct {
		name string
		alg  backends.CipherAlgorithm
		mode backends.Mode
	}{
		{"CBC{}", aes128, &modes.CBC{}},
		{"(*CBC)(nil)", aes128, (*modes.CBC)(nil)},
		{"CTR{}", aes128, &modes.CTR{}},
		{"OFB{}", aes128, &modes.OFB{}},
		{"CFB{}", aes128, &modes.CFB{}},
		{"CFB8{}", aes128, &modes.CFB8{}},
		{"GCM{}", aes128, &modes.GCM{}},
		{"(*GCM)(nil)", aes128, (*modes.GCM)(nil)},
		{"XTS{}", aes256, &modes.XTS{}},
	}
	for _, c := range ms {
		t.Run(c.name, func(t *testing.T) {
			noPanic(t, "CipherSupported", func() { b.CipherSupported(c.alg, c.mode) })
			checkCreateFails(t, b, c.alg, c.mode)
		})
	}
}

func checkCreateFails(t *testing.T, b backends.CipherBackend, alg backends.CipherAlgorithm, mode backends.Mode) {
	t.Helper()
	for _, enc := range []bool{true, false} {
		noPanic(t, "creating a context", func() {
			var ctx backends.CipherContext
			var err error
			if enc {
				ctx, err = b.CreateSymmetricEncryptionCtx(alg, mode)
			} else {
				ctx, err = b.CreateSymmetricDecryptionCtx(alg, mode)
			}
			assert.Error(t, err, "encrypt %v", enc)
			assert.Nil(t, ctx)
		})
	}
}

// adapterCipher and adapterMode are a pair of the suite's own types, for
// which it registers adapters.
type (
	adapterCipher struct{}
	adapterMode   struct{}
)

func (*adapterCipher) Name() string                                      { return "backendtest-cipher" }
func (*adapterCipher) KeySize() int                                      { return 128 }
func (*adapterCipher) Key() []byte                                       { return bytes.Repeat([]byte{9}, 16) }
func (*adapterMode) Name() string                                        { return "backendtest-mode" }
func (*adapterMode) ValidateForAlgorithm(backends.CipherAlgorithm) error { return nil }

func testAdapters(t *testing.T, b backends.CipherBackend) {
	ct, mt := reflect.TypeFor[*adapterCipher](), reflect.TypeFor[*adapterMode]()
	// An adapter that finds no cipher for the pair.
	none := func(backends.CipherAlgorithm, backends.Mode) (string, bool) { return "", false }
	for _, c := range []struct {
		name string
		mode backends.Mode
		mt   reflect.Type
	}{
		{"with a mode", &adapterMode{}, mt},
		{"stream", nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := b.RegisterCipherAdapter(ct, c.mt, none)
			if err != nil {
				// The suite ran on b before.
				require.ErrorIs(t, err, backends.ErrDuplicateAdapter)
			}
			err = b.RegisterCipherAdapter(ct, c.mt, none)
			assert.ErrorIs(t, err, backends.ErrDuplicateAdapter, "registering a pair twice")
			assert.False(t, b.CipherSupported(&adapterCipher{}, c.mode), "a pair whose adapter finds no cipher")
			ctx, err := b.CreateSymmetricEncryptionCtx(&adapterCipher{}, c.mode)
			assert.Nil(t, ctx)
			assertUnsupported(t, err, "a pair whose adapter finds no cipher")
		})
	}
}

// goroutines is how many goroutines the concurrency tests start.
const goroutines = 8

// runConcurrently runs f in goroutines at once, each with its number, and
// waits for them. f reports with assert, never require.
func runConcurrently(t *testing.T, f func(t *testing.T, g int)) {
	t.Helper()
	done := make(chan struct{})
	start := make(chan struct{})
	for g := range goroutines {
		go func() {
			defer func() { done <- struct{}{} }()
			<-start
			for range 4 {
				f(t, g)
			}
		}()
	}
	close(start)
	for range goroutines {
		<-done
	}
}
