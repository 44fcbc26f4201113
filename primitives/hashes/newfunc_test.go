package hashes_test

import (
	"crypto/hkdf"
	stdhmac "crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// TestNewFuncPlugsIntoGo uses NewFunc's constructors in Go's HMAC, HKDF
// and PBKDF2, and compares with Go's own hashes.
func TestNewFuncPlugsIntoGo(t *testing.T) {
	tests := []struct {
		alg    hashes.Algorithm
		goHash func() hash.Hash
	}{
		{hashes.SHA256{}, sha256.New},
		{hashes.SHA384{}, sha512.New384},
		{hashes.SHA512{}, sha512.New},
	}
	key := []byte("0123456789abcdef")
	msg := []byte("what do ya want for nothing?")
	for _, tt := range tests {
		t.Run(tt.alg.Name(), func(t *testing.T) {
			newHash, err := hashes.NewFunc(tt.alg)
			require.NoError(t, err)

			h1, h2 := newHash(), newHash()
			h1.Write(msg)
			assert.Equal(t, tt.goHash().Size(), h1.Size())
			g := tt.goHash()
			g.Write(msg)
			assert.Equal(t, hex.EncodeToString(g.Sum(nil)), hex.EncodeToString(h1.Sum(nil)))
			assert.Equal(t, hex.EncodeToString(tt.goHash().Sum(nil)), hex.EncodeToString(h2.Sum(nil)), "each call gives a fresh hash")

			if gocrypto.Enforced() {
				// Go's module takes only its own SHA-2 and SHA-3 under
				// GODEBUG=fips140=only: crypto/hmac refuses any other
				// hash.Hash, hazmat's included.
				assert.Panics(t, func() { stdhmac.New(newHash, key).Write(msg) })
				return
			}
			mac := stdhmac.New(newHash, key)
			mac.Write(msg)
			want := stdhmac.New(tt.goHash, key)
			want.Write(msg)
			assert.Equal(t, hex.EncodeToString(want.Sum(nil)), hex.EncodeToString(mac.Sum(nil)), "crypto/hmac")

			got, err := hkdf.Key(newHash, key, []byte("salt"), "info", 42)
			require.NoError(t, err)
			exp, err := hkdf.Key(tt.goHash, key, []byte("salt"), "info", 42)
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(exp), hex.EncodeToString(got), "crypto/hkdf")

			got, err = pbkdf2.Key(newHash, "password", []byte("saltsaltsaltsalt"), 100, 32)
			require.NoError(t, err)
			exp, err = pbkdf2.Key(tt.goHash, "password", []byte("saltsaltsaltsalt"), 100, 32)
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(exp), hex.EncodeToString(got), "crypto/pbkdf2")
		})
	}
}

// noSuchHash is an algorithm no backend knows.
type noSuchHash struct{}

func (noSuchHash) Name() string    { return "no-such-hash" }
func (noSuchHash) DigestSize() int { return 32 }
func (noSuchHash) BlockSize() int  { return 64 }

// TestNewFuncErrors: NewFunc refuses what New refuses, with the same
// sentinels, and returns no constructor.
func TestNewFuncErrors(t *testing.T) {
	tests := []struct {
		name string
		alg  hashes.Algorithm
		want error
	}{
		{"unknown", noSuchHash{}, backends.ErrUnsupportedAlgorithm},
		{"shake without size", hashes.SHAKE128{}, backends.ErrInvalidDigestSize},
		{"nil", nil, backends.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := hashes.NewFunc(tt.alg)
			assert.ErrorIs(t, err, tt.want)
			assert.Nil(t, f)
		})
	}
}
