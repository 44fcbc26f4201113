package modes_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// seq returns n bytes 1, 2, 3, ... so that the halves of a key differ.
func seq(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i + 1)
	}
	return b
}

// must returns v, and fails the test run when err is not nil: the inputs it
// sees are valid by construction.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// ivMode is a mode whose constructor takes one IV or nonce of one block.
type ivMode struct {
	name string
	new  func(iv []byte) (backends.Mode, error)
	iv   func(m backends.Mode) []byte
}

func ivModes() []ivMode {
	getIV := func(m backends.Mode) []byte { return m.(backends.ModeWithIV).IV() }
	return []ivMode{
		{"CBC", func(iv []byte) (backends.Mode, error) { return modes.NewCBC(iv) }, getIV},
		{"OFB", func(iv []byte) (backends.Mode, error) { return modes.NewOFB(iv) }, getIV},
		{"CFB", func(iv []byte) (backends.Mode, error) { return modes.NewCFB(iv) }, getIV},
		{"CFB8", func(iv []byte) (backends.Mode, error) { return modes.NewCFB8(iv) }, getIV},
		{"CTR", func(iv []byte) (backends.Mode, error) { return modes.NewCTR(iv) },
			func(m backends.Mode) []byte { return m.(backends.ModeWithNonce).Nonce() }},
	}
}

// blockAlg is a block cipher built with a valid key.
type blockAlg struct {
	name  string
	alg   backends.BlockCipherAlgorithm
	block int // bytes
}

func blockAlgs() []blockAlg {
	return []blockAlg{
		{"AES-128", must(algorithms.NewAES(seq(16))), 16},
		{"AES-192", must(algorithms.NewAES(seq(24))), 16},
		{"AES-256", must(algorithms.NewAES(seq(32))), 16},
		{"Camellia", must(algorithms.NewCamellia(seq(16))), 16},
		{"SEED", must(algorithms.NewSEED(seq(16))), 16},
		{"SM4", must(algorithms.NewSM4(seq(16))), 16},
		{"TripleDES", must(algorithms.NewTripleDES(seq(24))), 8},
		{"Blowfish", must(algorithms.NewBlowfish(seq(16))), 8},
		{"CAST5", must(algorithms.NewCAST5(seq(16))), 8},
		{"IDEA", must(algorithms.NewIDEA(seq(16))), 8},
	}
}

func streamAlgs() []backends.CipherAlgorithm {
	return []backends.CipherAlgorithm{
		must(algorithms.NewARC4(seq(16))),
		must(algorithms.NewChaCha20(seq(32), seq(16))),
	}
}

// allModes returns one valid descriptor of every mode, with ivLen-byte IVs
// where the mode takes one block.
func allModes(ivLen int) []backends.Mode {
	ms := []backends.Mode{modes.NewECB()}
	for _, im := range ivModes() {
		ms = append(ms, must(im.new(seq(ivLen))))
	}
	return append(ms,
		must(modes.NewGCM(seq(12), nil)),
		must(modes.NewXTS(seq(16))),
	)
}

func TestNames(t *testing.T) {
	var names []string
	for _, m := range allModes(16) {
		names = append(names, m.Name())
	}
	assert.Equal(t, []string{"ECB", "CBC", "OFB", "CFB", "CFB8", "CTR", "GCM", "XTS"}, names)
}

func TestIVModeConstructors(t *testing.T) {
	for _, im := range ivModes() {
		t.Run(im.name, func(t *testing.T) {
			for _, n := range []int{1, 8, 15, 16, 17, 32} {
				iv := seq(n)
				m, err := im.new(iv)
				require.NoError(t, err, "IV of %d bytes", n)
				assert.Equal(t, im.name, m.Name())
				assert.Equal(t, hex.EncodeToString(iv), hex.EncodeToString(im.iv(m)))

				want := hex.EncodeToString(iv)
				iv[0] ^= 0xff
				assert.Equal(t, want, hex.EncodeToString(im.iv(m)), "the IV was not copied")
			}
			for _, iv := range [][]byte{nil, {}} {
				m, err := im.new(iv)
				require.ErrorIs(t, err, backends.ErrInvalidIVSize)
				assert.Nil(t, m)
			}
		})
	}
}

func TestIVModeValidateForAlgorithm(t *testing.T) {
	for _, im := range ivModes() {
		for _, ba := range blockAlgs() {
			t.Run(im.name+"/"+ba.name, func(t *testing.T) {
				m := must(im.new(seq(ba.block)))
				assert.NoError(t, m.ValidateForAlgorithm(ba.alg))

				for _, n := range []int{1, ba.block - 1, ba.block + 1, 2 * ba.block} {
					m := must(im.new(seq(n)))
					err := m.ValidateForAlgorithm(ba.alg)
					require.ErrorIs(t, err, backends.ErrInvalidIVSize, "IV of %d bytes", n)
					assert.Contains(t, err.Error(), fmt.Sprintf("of %d bytes", n))
					assert.Contains(t, err.Error(), fmt.Sprintf("want %d bytes", ba.block))
				}
			})
		}
	}
}

func TestECBValidateForAlgorithm(t *testing.T) {
	for _, ba := range blockAlgs() {
		assert.NoError(t, modes.NewECB().ValidateForAlgorithm(ba.alg), ba.name)
	}
}

func TestStreamCipherWithModeIsUnsupported(t *testing.T) {
	for _, alg := range streamAlgs() {
		for _, m := range allModes(16) {
			t.Run(alg.Name()+"/"+m.Name(), func(t *testing.T) {
				err := m.ValidateForAlgorithm(alg)
				require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
				var uerr *backends.UnsupportedAlgorithmError
				require.ErrorAs(t, err, &uerr)
				assert.Equal(t, alg.Name(), uerr.Algorithm)
				assert.Equal(t, m.Name(), uerr.Mode)
				assert.Equal(t, backends.ReasonUnsupportedCipher, uerr.Reason)
			})
		}
	}
}

func TestAES512IsForXTSOnly(t *testing.T) {
	aes512 := must(algorithms.NewAES(seq(64)))
	for _, m := range allModes(16) {
		t.Run(m.Name(), func(t *testing.T) {
			err := m.ValidateForAlgorithm(aes512)
			if m.Name() == "XTS" {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, backends.ErrInvalidKeySize)
			assert.Contains(t, err.Error(), "512-bit AES keys are for XTS only")
		})
	}
}

func TestGCMConstructor(t *testing.T) {
	cases := []struct {
		name   string
		iv     []byte
		tag    []byte
		minTag int // 0: NewGCM
		err    error
	}{
		{name: "12-byte IV, no tag", iv: seq(12)},
		{name: "1-byte IV", iv: seq(1)},
		{name: "8-byte IV", iv: seq(8)},
		{name: "128-byte IV", iv: seq(128)},
		{name: "nil IV", iv: nil, err: backends.ErrInvalidIVSize},
		{name: "empty IV", iv: []byte{}, err: backends.ErrInvalidIVSize},
		{name: "129-byte IV", iv: seq(129), err: backends.ErrInvalidIVSize},
		{name: "16-byte tag", iv: seq(12), tag: seq(16)},
		{name: "15-byte tag", iv: seq(12), tag: seq(15), err: backends.ErrInvalidTagSize},
		{name: "17-byte tag", iv: seq(12), tag: seq(17), err: backends.ErrInvalidTagSize},
		{name: "empty tag", iv: seq(12), tag: []byte{}, err: backends.ErrInvalidTagSize},
		{name: "min 4, 4-byte tag", iv: seq(12), tag: seq(4), minTag: 4},
		{name: "min 4, 3-byte tag", iv: seq(12), tag: seq(3), minTag: 4, err: backends.ErrInvalidTagSize},
		{name: "min 4, 16-byte tag", iv: seq(12), tag: seq(16), minTag: 4},
		{name: "min 4, 17-byte tag", iv: seq(12), tag: seq(17), minTag: 4, err: backends.ErrInvalidTagSize},
		{name: "min 8, 7-byte tag", iv: seq(12), tag: seq(7), minTag: 8, err: backends.ErrInvalidTagSize},
		{name: "min 8, 8-byte tag", iv: seq(12), tag: seq(8), minTag: 8},
		{name: "min 16, no tag", iv: seq(12), minTag: 16},
		{name: "min 3", iv: seq(12), minTag: 3, err: backends.ErrInvalidTagSize},
		{name: "min 17", iv: seq(12), minTag: 17, err: backends.ErrInvalidTagSize},
		{name: "min -1", iv: seq(12), minTag: -1, err: backends.ErrInvalidTagSize},
		{name: "bad IV before bad tag", iv: nil, tag: seq(3), err: backends.ErrInvalidIVSize},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var (
				m   *modes.GCM
				err error
			)
			wantMin := 16
			if tc.minTag == 0 {
				m, err = modes.NewGCM(tc.iv, tc.tag)
			} else {
				m, err = modes.NewGCMWithMinTagLength(tc.iv, tc.tag, tc.minTag)
				wantMin = tc.minTag
			}
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				for _, other := range []error{backends.ErrInvalidIVSize, backends.ErrInvalidTagSize} {
					if other != tc.err {
						assert.False(t, errors.Is(err, other), "error also matches %v", other)
					}
				}
				assert.Nil(t, m)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "GCM", m.Name())
			assert.Equal(t, hex.EncodeToString(tc.iv), hex.EncodeToString(m.IV()))
			assert.Equal(t, wantMin, m.MinTagLength())
			if tc.tag == nil {
				assert.Nil(t, m.Tag())
			} else {
				assert.Equal(t, hex.EncodeToString(tc.tag), hex.EncodeToString(m.Tag()))
			}
		})
	}
}

func TestGCMCopiesIVAndTag(t *testing.T) {
	iv, tag := seq(12), seq(16)
	m, err := modes.NewGCM(iv, tag)
	require.NoError(t, err)
	wantIV, wantTag := hex.EncodeToString(iv), hex.EncodeToString(tag)
	iv[0] ^= 0xff
	tag[0] ^= 0xff
	assert.Equal(t, wantIV, hex.EncodeToString(m.IV()))
	assert.Equal(t, wantTag, hex.EncodeToString(m.Tag()))
}

func TestGCMValidateForAlgorithm(t *testing.T) {
	m := must(modes.NewGCM(seq(12), nil))
	for _, ba := range blockAlgs() {
		t.Run(ba.name, func(t *testing.T) {
			err := m.ValidateForAlgorithm(ba.alg)
			if ba.block == 16 {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
			var uerr *backends.UnsupportedAlgorithmError
			require.ErrorAs(t, err, &uerr)
			assert.Equal(t, ba.alg.Name(), uerr.Algorithm)
			assert.Equal(t, "GCM", uerr.Mode)
		})
	}
	// The IV length does not depend on the block size.
	aes := must(algorithms.NewAES(seq(16)))
	for _, n := range []int{1, 12, 16, 128} {
		assert.NoError(t, must(modes.NewGCM(seq(n), nil)).ValidateForAlgorithm(aes), "IV of %d bytes", n)
	}
}

func TestXTSConstructor(t *testing.T) {
	tweak := seq(16)
	m, err := modes.NewXTS(tweak)
	require.NoError(t, err)
	assert.Equal(t, "XTS", m.Name())
	assert.Equal(t, hex.EncodeToString(tweak), hex.EncodeToString(m.Tweak()))
	want := hex.EncodeToString(tweak)
	tweak[0] ^= 0xff
	assert.Equal(t, want, hex.EncodeToString(m.Tweak()), "the tweak was not copied")

	for _, n := range []int{0, 1, 8, 12, 15, 17, 32} {
		m, err := modes.NewXTS(seq(n))
		require.ErrorIs(t, err, backends.ErrInvalidIVSize, "tweak of %d bytes", n)
		assert.Nil(t, m)
	}
	m, err = modes.NewXTS(nil)
	require.ErrorIs(t, err, backends.ErrInvalidIVSize)
	assert.Nil(t, m)
}

func TestXTSValidateForAlgorithm(t *testing.T) {
	m := must(modes.NewXTS(seq(16)))
	half := func(n int) []byte { return bytes.Repeat([]byte{0x5a}, n) }

	cases := []struct {
		name string
		alg  backends.CipherAlgorithm
		err  error
	}{
		{"AES-128-XTS", must(algorithms.NewAES(seq(32))), nil},
		{"AES-256-XTS", must(algorithms.NewAES(seq(64))), nil},
		{"AES-128", must(algorithms.NewAES(seq(16))), backends.ErrInvalidKeySize},
		{"AES-192", must(algorithms.NewAES(seq(24))), backends.ErrInvalidKeySize},
		{"AES-128-XTS equal halves", must(algorithms.NewAES(half(32))), backends.ErrInvalidKeySize},
		{"AES-256-XTS equal halves", must(algorithms.NewAES(half(64))), backends.ErrInvalidKeySize},
		{"Camellia", must(algorithms.NewCamellia(seq(32))), backends.ErrUnsupportedAlgorithm},
		{"SM4", must(algorithms.NewSM4(seq(16))), backends.ErrUnsupportedAlgorithm},
		{"TripleDES", must(algorithms.NewTripleDES(seq(24))), backends.ErrUnsupportedAlgorithm},
		{"ARC4", must(algorithms.NewARC4(seq(32))), backends.ErrUnsupportedAlgorithm},
		{"ChaCha20", must(algorithms.NewChaCha20(seq(32), seq(16))), backends.ErrUnsupportedAlgorithm},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := m.ValidateForAlgorithm(tc.alg)
			if tc.err == nil {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.err)
		})
	}

	err := m.ValidateForAlgorithm(must(algorithms.NewAES(seq(24))))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "XTS needs a 256- or 512-bit AES key (two keys of 128 or 256 bits)")
	err = m.ValidateForAlgorithm(must(algorithms.NewAES(half(64))))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "XTS key halves must differ")
}

// fakeAlg is a hand-made algorithm whose methods say what the test wants.
type fakeAlg struct {
	name      string
	keySize   int
	key       []byte
	blockSize int
}

func (f fakeAlg) Name() string   { return f.name }
func (f fakeAlg) KeySize() int   { return f.keySize }
func (f fakeAlg) Key() []byte    { return f.key }
func (f fakeAlg) BlockSize() int { return f.blockSize }

func TestMalformedValues(t *testing.T) {
	aes := must(algorithms.NewAES(seq(32)))

	t.Run("nil algorithm", func(t *testing.T) {
		for _, m := range allModes(16) {
			assert.NotPanics(t, func() {
				assert.ErrorIs(t, m.ValidateForAlgorithm(nil), backends.ErrInvalidArgument, m.Name())
			})
		}
	})
	t.Run("algorithm without a key", func(t *testing.T) {
		for _, alg := range []backends.CipherAlgorithm{&algorithms.AES{}, (*algorithms.AES)(nil)} {
			for _, m := range allModes(16) {
				assert.NotPanics(t, func() {
					assert.ErrorIs(t, m.ValidateForAlgorithm(alg), backends.ErrInvalidKeySize, m.Name())
				})
			}
		}
	})
	t.Run("Camellia without a key", func(t *testing.T) {
		cbc := must(modes.NewCBC(seq(16)))
		assert.ErrorIs(t, cbc.ValidateForAlgorithm(&algorithms.Camellia{}), backends.ErrInvalidKeySize)
	})
	t.Run("key length disagrees with KeySize", func(t *testing.T) {
		alg := fakeAlg{name: "AES", keySize: 512, key: seq(32), blockSize: 128}
		for _, m := range allModes(16) {
			assert.ErrorIs(t, m.ValidateForAlgorithm(alg), backends.ErrInvalidKeySize, m.Name())
		}
	})
	t.Run("block size not in bytes", func(t *testing.T) {
		for _, bs := range []int{0, -8, 12} {
			alg := fakeAlg{name: "Odd", keySize: 128, key: seq(16), blockSize: bs}
			for _, m := range allModes(16) {
				assert.ErrorIs(t, m.ValidateForAlgorithm(alg), backends.ErrUnsupportedAlgorithm, m.Name())
			}
		}
	})
	t.Run("nil modes", func(t *testing.T) {
		nilModes := []backends.Mode{
			(*modes.ECB)(nil), (*modes.CBC)(nil), (*modes.OFB)(nil), (*modes.CFB)(nil),
			(*modes.CFB8)(nil), (*modes.CTR)(nil), (*modes.GCM)(nil), (*modes.XTS)(nil),
		}
		for _, m := range nilModes {
			assert.NotPanics(t, func() {
				assert.ErrorIs(t, m.ValidateForAlgorithm(aes), backends.ErrInvalidArgument, m.Name())
			})
		}
		assert.NotPanics(t, func() {
			assert.Nil(t, (*modes.CBC)(nil).IV())
			assert.Nil(t, (*modes.CTR)(nil).Nonce())
			assert.Nil(t, (*modes.GCM)(nil).IV())
			assert.Nil(t, (*modes.GCM)(nil).Tag())
			assert.Zero(t, (*modes.GCM)(nil).MinTagLength())
			assert.Nil(t, (*modes.XTS)(nil).Tweak())
		})
	})
	t.Run("zero modes", func(t *testing.T) {
		aes128 := must(algorithms.NewAES(seq(16)))
		assert.NoError(t, (&modes.ECB{}).ValidateForAlgorithm(aes128), "ECB has no parameters")
		for _, m := range []backends.Mode{&modes.CBC{}, &modes.OFB{}, &modes.CFB{}, &modes.CFB8{}, &modes.CTR{}, &modes.GCM{}} {
			assert.ErrorIs(t, m.ValidateForAlgorithm(aes128), backends.ErrInvalidIVSize, "%T", m)
		}
		assert.ErrorIs(t, (&modes.XTS{}).ValidateForAlgorithm(aes), backends.ErrInvalidIVSize)
	})
}
