package gocrypto_test

import (
	"bytes"
	"encoding/hex"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
)

// keyedCipher is a caller's cipher descriptor, for an adapter of its own.
type keyedCipher struct{ key []byte }

func (c keyedCipher) Name() string { return "keyed" }
func (c keyedCipher) KeySize() int { return len(c.key) * 8 }
func (c keyedCipher) Key() []byte  { return c.key }

// ivMode is a caller's mode descriptor with any IV.
type ivMode struct{ iv []byte }

func (m *ivMode) Name() string                                        { return "iv" }
func (m *ivMode) ValidateForAlgorithm(backends.CipherAlgorithm) error { return nil }
func (m *ivMode) IV() []byte                                          { return m.iv }

// TestAdapterNameSpellings: an adapter names a cipher as OpenSSL does, and
// OpenSSL finds a cipher by any case of its name and by its aliases
// ("AES-128-CBC", "aes128", "des3", "bf", ...). A name that means a cipher
// Go runs must run here too, with the output of the canonical name; only
// what OpenSSL itself would not find (a name with a space) stays refused.
func TestAdapterNameSpellings(t *testing.T) {
	if gocrypto.FIPS() {
		t.Skip("the aliases of TripleDES, Blowfish and CAST5 are refused in FIPS mode; TestAdapterNames covers the FIPS settings")
	}
	for _, c := range []struct {
		name, canonical string
		keyLen, ivLen   int
	}{
		{"AES-128-CBC", "aes-128-cbc", 16, 16},
		{"Aes-256-Ctr", "aes-256-ctr", 32, 16},
		{"aes128", "aes-128-cbc", 16, 16},
		{"AES256", "aes-256-cbc", 32, 16},
		{"des3", "des-ede3-cbc", 24, 8},
		{"DES-EDE3", "des-ede3-ecb", 24, 0},
		{"bf", "bf-cbc", 16, 8},
		{"blowfish", "bf-cbc", 16, 8},
		{"cast", "cast5-cbc", 16, 8},
		{"cast-cbc", "cast5-cbc", 16, 8},
		{"RC4", "rc4", 16, 0},
		{" aes-128-cbc", "", 16, 16},
	} {
		t.Run(c.name, func(t *testing.T) {
			run := func(name string) ([]byte, error) {
				b := gocrypto.NewBackend()
				require.NoError(t, b.RegisterCipherAdapter(reflect.TypeFor[keyedCipher](), reflect.TypeFor[*ivMode](),
					func(backends.CipherAlgorithm, backends.Mode) (string, bool) { return name, true }))
				desc := keyedCipher{key: testKey(c.keyLen)}
				var m *ivMode = &ivMode{iv: testKey(c.ivLen)}
				if c.ivLen == 0 {
					m.iv = nil
				}
				if !b.CipherSupported(desc, m) {
					_, err := b.CreateSymmetricEncryptionCtx(desc, m)
					require.Error(t, err, "CipherSupported is false")
					return nil, err
				}
				ctx, err := b.CreateSymmetricEncryptionCtx(desc, m)
				require.NoError(t, err, "CipherSupported is true")
				out, err := ctx.Update(bytes.Repeat([]byte{7}, 32))
				require.NoError(t, err)
				_, err = ctx.Finalize()
				require.NoError(t, err)
				return out, nil
			}
			got, err := run(c.name)
			if c.canonical == "" {
				assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
				return
			}
			require.NoError(t, err, "%q names %s", c.name, c.canonical)
			want, err := run(c.canonical)
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))
		})
	}
}
