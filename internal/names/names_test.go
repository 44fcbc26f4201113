package names_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/names"
)

// TestCipher checks that each name builds the algorithm it names, in any
// case, and that the constructors keep their parameter checks.
func TestCipher(t *testing.T) {
	key16 := bytes.Repeat([]byte{1}, 16)
	key24 := append(bytes.Repeat([]byte{1}, 8), append(bytes.Repeat([]byte{2}, 8), bytes.Repeat([]byte{3}, 8)...)...)
	key32 := bytes.Repeat([]byte{1}, 32)
	tests := []struct {
		names  []string
		key    []byte
		nonce  []byte
		want   string // the algorithm's Name
		stream bool
	}{
		{names: []string{"aes", "AES"}, key: key16, want: "AES"},
		{names: []string{"3des", "TDES", "tripledes", "des-ede3"}, key: key24, want: "TripleDES"},
		{names: []string{"camellia", "Camellia"}, key: key16, want: "Camellia"},
		{names: []string{"blowfish", "bf"}, key: key16, want: "Blowfish"},
		{names: []string{"cast5", "CAST5"}, key: key16, want: "CAST5"},
		{names: []string{"seed", "SEED"}, key: key16, want: "SEED"},
		{names: []string{"idea", "IDEA"}, key: key16, want: "IDEA"},
		{names: []string{"sm4", "SM4"}, key: key16, want: "SM4"},
		{names: []string{"arc4", "rc4", "ARC4"}, key: key16, want: "ARC4", stream: true},
		{names: []string{"chacha20", "ChaCha20"}, key: key32, nonce: key16, want: "ChaCha20", stream: true},
	}
	for _, tt := range tests {
		for _, name := range tt.names {
			t.Run(name, func(t *testing.T) {
				f, ok := names.Cipher(name)
				require.True(t, ok)
				alg, err := f(tt.key, tt.nonce)
				require.NoError(t, err)
				assert.Equal(t, tt.want, alg.Name())
				assert.Equal(t, tt.stream, names.Stream(name))
				_, err = f([]byte{1, 2, 3}, tt.nonce)
				assert.ErrorIs(t, err, backends.ErrInvalidKeySize)
			})
		}
	}
	_, ok := names.Cipher("rc2")
	assert.False(t, ok)
}

// TestMode checks the mode names, in any case, and that IVs are checked.
func TestMode(t *testing.T) {
	iv := bytes.Repeat([]byte{7}, 16)
	for _, tt := range []struct {
		name, want string
		takesIV    bool
	}{
		{"ECB", "ECB", false}, {"cbc", "CBC", true}, {"CTR", "CTR", true},
		{"ofb", "OFB", true}, {"CFB", "CFB", true}, {"cfb8", "CFB8", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := names.Mode(tt.name)
			require.True(t, ok)
			m, err := f(iv)
			require.NoError(t, err)
			assert.Equal(t, tt.want, m.Name())
			if tt.takesIV {
				_, err := f(nil)
				assert.Error(t, err)
			}
		})
	}
	for _, name := range []string{"gcm", "xts", "cfb1", ""} {
		_, ok := names.Mode(name)
		assert.False(t, ok, name)
	}
}

// TestLists checks that Ciphers and Modes list exactly the names their
// lookups know, sorted.
func TestLists(t *testing.T) {
	cs := names.Ciphers()
	assert.IsNonDecreasing(t, cs)
	assert.Subset(t, cs, []string{"aes", "3des", "camellia", "blowfish", "cast5", "seed", "idea", "sm4", "arc4", "chacha20"})
	for _, n := range cs {
		_, ok := names.Cipher(n)
		assert.True(t, ok, n)
	}
	ms := names.Modes()
	assert.Equal(t, []string{"cbc", "cfb", "cfb8", "ctr", "ecb", "ofb"}, ms)
	for _, n := range ms {
		_, ok := names.Mode(n)
		assert.True(t, ok, n)
	}
	_, ok := names.Mode("gcm")
	assert.False(t, ok, "GCM takes more than an IV")
}
