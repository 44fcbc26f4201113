package algorithms_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
)

// seq returns n bytes 1, 2, 3, ... so that halves and thirds differ.
func seq(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i + 1)
	}
	return b
}

func rangeOf(lo, hi int) []int {
	var r []int
	for n := lo; n <= hi; n++ {
		r = append(r, n)
	}
	return r
}

type keyedCase struct {
	name      string
	new       func(key []byte) (backends.CipherAlgorithm, error)
	blockSize int // 0 for a stream cipher
	valid     []int
	invalid   []int
}

func keyedCases() []keyedCase {
	return []keyedCase{
		{
			name:      "AES",
			new:       func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewAES(k) },
			blockSize: 128,
			valid:     []int{16, 24, 32, 64},
			invalid:   []int{0, 1, 8, 15, 17, 23, 25, 31, 33, 48, 63, 65, 128},
		},
		{
			name:      "Camellia",
			new:       func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewCamellia(k) },
			blockSize: 128,
			valid:     []int{16, 24, 32},
			invalid:   []int{0, 15, 17, 23, 25, 31, 33, 64},
		},
		{
			name:      "Blowfish",
			new:       func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewBlowfish(k) },
			blockSize: 64,
			valid:     rangeOf(4, 56),
			invalid:   []int{0, 1, 3, 57, 64},
		},
		{
			name:      "CAST5",
			new:       func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewCAST5(k) },
			blockSize: 64,
			valid:     rangeOf(5, 16),
			invalid:   []int{0, 4, 17, 32},
		},
		{
			name:      "SEED",
			new:       func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewSEED(k) },
			blockSize: 128,
			valid:     []int{16},
			invalid:   []int{0, 15, 17, 32},
		},
		{
			name:      "IDEA",
			new:       func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewIDEA(k) },
			blockSize: 64,
			valid:     []int{16},
			invalid:   []int{0, 15, 17, 32},
		},
		{
			name:      "SM4",
			new:       func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewSM4(k) },
			blockSize: 128,
			valid:     []int{16},
			invalid:   []int{0, 15, 17, 32},
		},
		{
			name:    "ARC4",
			new:     func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewARC4(k) },
			valid:   []int{5, 6, 16, 128, 255, 256},
			invalid: []int{0, 1, 4, 257, 512},
		},
	}
}

func TestKeyedAlgorithms(t *testing.T) {
	for _, tc := range keyedCases() {
		t.Run(tc.name, func(t *testing.T) {
			for _, n := range tc.valid {
				key := seq(n)
				alg, err := tc.new(key)
				require.NoError(t, err, "key of %d bytes", n)
				assert.Equal(t, tc.name, alg.Name())
				assert.Equal(t, n*8, alg.KeySize(), "key of %d bytes", n)
				assert.Equal(t, hex.EncodeToString(key), hex.EncodeToString(alg.Key()))

				block, isBlock := alg.(backends.BlockCipherAlgorithm)
				if tc.blockSize == 0 {
					assert.False(t, isBlock, "%s must not be a block cipher", tc.name)
				} else if assert.True(t, isBlock, "%s must be a block cipher", tc.name) {
					assert.Equal(t, tc.blockSize, block.BlockSize())
				}
			}
			for _, n := range tc.invalid {
				alg, err := tc.new(seq(n))
				require.ErrorIs(t, err, backends.ErrInvalidKeySize, "key of %d bytes", n)
				assert.Nil(t, alg)
				assert.Contains(t, err.Error(), "algorithms: "+tc.name)
			}
			alg, err := tc.new(nil)
			require.ErrorIs(t, err, backends.ErrInvalidKeySize, "nil key")
			assert.Nil(t, alg)
		})
	}
}

func TestKeyIsCopied(t *testing.T) {
	cases := keyedCases()
	cases = append(cases,
		keyedCase{
			name: "TripleDES",
			new:  func(k []byte) (backends.CipherAlgorithm, error) { return algorithms.NewTripleDES(k) },
		},
		keyedCase{
			name: "ChaCha20",
			new: func(k []byte) (backends.CipherAlgorithm, error) {
				return algorithms.NewChaCha20(k, seq(16))
			},
		},
	)
	sizes := map[string]int{"TripleDES": 24, "ChaCha20": 32}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n := sizes[tc.name]
			if n == 0 {
				n = tc.valid[0]
			}
			key := seq(n)
			alg, err := tc.new(key)
			require.NoError(t, err)
			want := hex.EncodeToString(key)
			for i := range key {
				key[i] ^= 0xff
			}
			assert.Equal(t, want, hex.EncodeToString(alg.Key()))
		})
	}
}

func TestErrorMessageSaysGivenAndAccepted(t *testing.T) {
	_, err := algorithms.NewAES(seq(20))
	require.ErrorIs(t, err, backends.ErrInvalidKeySize)
	assert.Equal(t,
		"algorithms: AES key of 20 bytes (160 bits), want 16, 24 or 32 bytes (128, 192 or 256 bits), or 64 bytes for AES-256-XTS: invalid key size",
		err.Error())

	_, err = algorithms.NewBlowfish(seq(57))
	require.ErrorIs(t, err, backends.ErrInvalidKeySize)
	assert.Equal(t,
		"algorithms: Blowfish key of 57 bytes (456 bits), want 4 to 56 bytes (32 to 448 bits): invalid key size",
		err.Error())
}

func TestTripleDES(t *testing.T) {
	k1 := bytes.Repeat([]byte{0x11}, 8)
	k2 := bytes.Repeat([]byte{0x22}, 8)
	k3 := bytes.Repeat([]byte{0x33}, 8)
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

	cases := []struct {
		name string
		key  []byte
		want []byte
	}{
		{"one key", k1, cat(k1, k1, k1)},
		{"two keys", cat(k1, k2), cat(k1, k2, k1)},
		{"three keys", cat(k1, k2, k3), cat(k1, k2, k3)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			given := bytes.Clone(tc.key)
			alg, err := algorithms.NewTripleDES(tc.key)
			require.NoError(t, err)
			assert.Equal(t, "TripleDES", alg.Name())
			assert.Equal(t, 192, alg.KeySize())
			assert.Equal(t, 64, alg.BlockSize())
			assert.Equal(t, hex.EncodeToString(tc.want), hex.EncodeToString(alg.Key()))
			assert.Equal(t, hex.EncodeToString(given), hex.EncodeToString(tc.key), "the caller's key was modified")
		})
	}

	for _, n := range []int{0, 1, 7, 9, 15, 17, 23, 25, 32} {
		alg, err := algorithms.NewTripleDES(seq(n))
		require.ErrorIs(t, err, backends.ErrInvalidKeySize, "key of %d bytes", n)
		assert.Nil(t, alg)
	}
}

func TestTripleDESExpansionDoesNotAliasCaller(t *testing.T) {
	// A 16-byte key in a slice with spare capacity: expansion must not
	// write K1 into the caller's backing array.
	buf := make([]byte, 16, 24)
	copy(buf, seq(16))
	spare := buf[:24]
	for i := 16; i < 24; i++ {
		spare[i] = 0xee
	}
	_, err := algorithms.NewTripleDES(buf)
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(bytes.Repeat([]byte{0xee}, 8)), hex.EncodeToString(spare[16:24]))
}

func TestChaCha20(t *testing.T) {
	key, nonce := seq(32), seq(16)
	alg, err := algorithms.NewChaCha20(key, nonce)
	require.NoError(t, err)
	assert.Equal(t, "ChaCha20", alg.Name())
	assert.Equal(t, 256, alg.KeySize())
	assert.Equal(t, hex.EncodeToString(key), hex.EncodeToString(alg.Key()))
	assert.Equal(t, hex.EncodeToString(nonce), hex.EncodeToString(alg.Nonce()))

	var a backends.CipherAlgorithm = alg
	_, isBlock := a.(backends.BlockCipherAlgorithm)
	assert.False(t, isBlock, "ChaCha20 must not be a block cipher")

	want := hex.EncodeToString(nonce)
	nonce[0] ^= 0xff
	assert.Equal(t, want, hex.EncodeToString(alg.Nonce()), "the nonce was not copied")

	for _, n := range []int{0, 16, 31, 33, 64} {
		got, err := algorithms.NewChaCha20(seq(n), seq(16))
		require.ErrorIs(t, err, backends.ErrInvalidKeySize, "key of %d bytes", n)
		assert.Nil(t, got)
	}
	for _, n := range []int{0, 8, 12, 15, 17, 24, 32} {
		got, err := algorithms.NewChaCha20(seq(32), seq(n))
		require.ErrorIs(t, err, backends.ErrInvalidIVSize, "nonce of %d bytes", n)
		assert.False(t, errors.Is(err, backends.ErrInvalidKeySize))
		assert.Nil(t, got)
	}
}

func TestNilDescriptorsDoNotPanic(t *testing.T) {
	algs := []backends.CipherAlgorithm{
		(*algorithms.AES)(nil), (*algorithms.Camellia)(nil), (*algorithms.TripleDES)(nil),
		(*algorithms.Blowfish)(nil), (*algorithms.CAST5)(nil), (*algorithms.SEED)(nil),
		(*algorithms.IDEA)(nil), (*algorithms.SM4)(nil), (*algorithms.ARC4)(nil),
		(*algorithms.ChaCha20)(nil),
	}
	for _, alg := range algs {
		assert.NotPanics(t, func() {
			assert.NotEmpty(t, alg.Name())
			assert.Zero(t, alg.KeySize())
			assert.Nil(t, alg.Key())
			if n, ok := alg.(backends.CipherAlgorithmWithNonce); ok {
				assert.Nil(t, n.Nonce())
			}
		})
	}
}
