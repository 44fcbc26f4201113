//go:build cgo

package openssl_test

import (
	"bytes"
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// TestNewHMACCtxBeside: the HMAC context made beside a caller's value
// computes what CreateHMACCtx's does through its life (Sum, Copy, Reset,
// Finalize), the value is a fresh zero one that the caller may write, and
// a refusal is CreateHMACCtx's, with nothing returned.
func TestNewHMACCtxBeside(t *testing.T) {
	type owner struct {
		name string
		n    int
	}
	b := openssl.DefaultBackend()
	key := bytes.Repeat([]byte{9}, 20)
	msg := []byte("the HMAC beside the caller's value")
	o, ctx, err := openssl.NewHMACCtxBeside[owner](key, hashes.SHA256{})
	require.NoError(t, err)
	require.NotNil(t, o)
	assert.Equal(t, owner{}, *o)
	o.name, o.n = "written", 3
	want := goHMAC(sha256.New, key, msg)
	require.NoError(t, ctx.Update(msg))
	got, err := ctx.(backends.Summer).Sum(nil)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	c, err := ctx.Copy()
	require.NoError(t, err)
	require.NoError(t, ctx.(backends.Resetter).Reset())
	require.NoError(t, ctx.Update(msg[:4]))
	cgot, err := c.Finalize()
	require.NoError(t, err)
	assert.Equal(t, want, cgot, "a copy keeps the state it was made from")
	fin, err := ctx.Finalize()
	require.NoError(t, err)
	assert.Equal(t, goHMAC(sha256.New, key, msg[:4]), fin)
	assert.Equal(t, owner{"written", 3}, *o)

	for _, alg := range []backends.HashAlgorithm{nil, hashes.SHAKE128{Size: 32}, inventedHash{}} {
		o, ctx, err := openssl.NewHMACCtxBeside[owner](key, alg)
		_, werr := b.CreateHMACCtx(key, alg)
		require.Error(t, werr)
		require.Error(t, err)
		assert.Equal(t, werr.Error(), err.Error())
		assert.Nil(t, o)
		assert.Nil(t, ctx)
	}
}

// inventedHash is a digest no provider serves.
type inventedHash struct{}

func (inventedHash) Name() string    { return "no-such-digest-anywhere" }
func (inventedHash) DigestSize() int { return 32 }
func (inventedHash) BlockSize() int  { return 64 }
