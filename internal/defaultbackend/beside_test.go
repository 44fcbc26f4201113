package defaultbackend

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/openssl"
)

// sha256Alg names SHA-256 (package hashes imports this one).
type sha256Alg struct{}

func (sha256Alg) Name() string    { return "sha256" }
func (sha256Alg) DigestSize() int { return 32 }
func (sha256Alg) BlockSize() int  { return 64 }

// otherBackend is a hash backend of neither package.
type otherBackend struct{ *gocrypto.Backend }

// TestNewHashCtxBeside: both backends place the caller's value beside
// their context (the OpenSSL one only with cgo); a nil backend of either
// type and a backend of another type are left to the caller (ok false,
// nothing made).
func TestNewHashCtxBeside(t *testing.T) {
	type owner struct{ n int }
	msg := []byte("abc")
	want, err := gocrypto.NewBackend().Digest(sha256Alg{}, msg, nil)
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		b    backends.HashBackend
		ok   bool
	}{
		{"go", gocrypto.NewBackend(), true},
		{"openssl", openssl.NewBackend(), cgoEnabled},
		{"nil go", (*gocrypto.Backend)(nil), false},
		{"nil openssl", (*openssl.Backend)(nil), false},
		{"other", otherBackend{gocrypto.NewBackend()}, false},
		{"nil interface", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, ctx, ok, err := NewHashCtxBeside[owner](tc.b, sha256Alg{})
			assert.Equal(t, tc.ok, ok)
			if !tc.ok {
				assert.Nil(t, o)
				assert.Nil(t, ctx)
				assert.NoError(t, err)
				return
			}
			require.NoError(t, err)
			require.NotNil(t, o)
			assert.Zero(t, o.n)
			require.NoError(t, ctx.Update(msg))
			got, err := ctx.Finalize()
			require.NoError(t, err)
			assert.Equal(t, want, got)

			_, _, ok, err = NewHashCtxBeside[owner](tc.b, nil)
			assert.True(t, ok)
			assert.ErrorIs(t, err, backends.ErrInvalidArgument, "a nil algorithm")
		})
	}
}

// TestNewHMACCtxBeside: both backends place the caller's value beside
// their HMAC context (the OpenSSL one only with cgo); a nil backend of
// either type and a backend of another type are left to the caller (ok
// false, nothing made).
func TestNewHMACCtxBeside(t *testing.T) {
	type owner struct{ n int }
	key, msg := []byte("a key of twenty bytes"), []byte("abc")
	want, err := gocrypto.NewBackend().MAC(key, sha256Alg{}, msg, nil)
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		b    backends.HMACBackend
		ok   bool
	}{
		{"openssl", openssl.NewBackend(), cgoEnabled},
		{"go", gocrypto.NewBackend(), true},
		{"nil openssl", (*openssl.Backend)(nil), false},
		{"nil go", (*gocrypto.Backend)(nil), false},
		{"other", otherBackend{gocrypto.NewBackend()}, false},
		{"nil interface", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, ctx, ok, err := NewHMACCtxBeside[owner](tc.b, key, sha256Alg{})
			assert.Equal(t, tc.ok, ok)
			if !tc.ok {
				assert.Nil(t, o)
				assert.Nil(t, ctx)
				assert.NoError(t, err)
				return
			}
			require.NoError(t, err)
			require.NotNil(t, o)
			assert.Zero(t, o.n)
			require.NoError(t, ctx.Update(msg))
			got, err := ctx.Finalize()
			require.NoError(t, err)
			assert.Equal(t, want, got)

			_, _, ok, err = NewHMACCtxBeside[owner](tc.b, key, nil)
			assert.True(t, ok)
			assert.ErrorIs(t, err, backends.ErrInvalidArgument, "a nil algorithm")
		})
	}
}
