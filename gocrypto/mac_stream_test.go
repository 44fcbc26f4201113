package gocrypto_test

import (
	"bytes"
	"encoding/hex"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// TestConformancePoly1305Bounded: a Poly1305 context streams, as
// golang.org/x/crypto/poly1305 does, rather than keep the message: a MAC of
// 32 MiB holds a bounded amount. It keeps the first 1 MiB to replay on Sum
// and Copy, which are refused past it (until Reset), and the MAC is right
// at any length.
func TestConformancePoly1305Bounded(t *testing.T) {
	b := gocrypto.NewBackend()
	alg := macalg.Poly1305{}
	key := testKey(32)
	if !b.MACSupported(alg) {
		_, err := b.CreateMACCtx(alg, key)
		require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "MACSupported is false")
		assert.ErrorContains(t, err, "FIPS")
		return
	}
	const total, chunk = 32 << 20, 64 << 10
	data := bytes.Repeat([]byte{0x3c}, chunk)
	ctx, err := b.CreateMACCtx(alg, key)
	require.NoError(t, err)
	require.NoError(t, ctx.Update(data[:100]))
	s, ok := ctx.(backends.Summer)
	require.True(t, ok, "the context is a Summer")
	early, err := s.Sum(nil)
	require.NoError(t, err, "Sum within the first MiB")
	want, err := b.ComputeMAC(alg, key, data[:100], nil)
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(early))

	before := heapInUse()
	for range total/chunk - 1 {
		require.NoError(t, ctx.Update(data))
	}
	require.NoError(t, ctx.Update(data[100:]))
	grown := int64(heapInUse()) - int64(before)
	assert.Less(t, grown, int64(8<<20), "the context holds %d bytes after %d written", grown, total)

	_, err = s.Sum(nil)
	assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "Sum past the bound")
	_, err = ctx.Copy()
	assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "Copy past the bound")
	got, err := ctx.Finalize()
	require.NoError(t, err)
	want, err = b.ComputeMAC(alg, key, bytes.Repeat(data, total/chunk), nil)
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))

	require.NoError(t, ctx.(backends.Resetter).Reset())
	require.NoError(t, ctx.Update([]byte("abc")))
	cp, err := ctx.Copy()
	require.NoError(t, err, "Copy after Reset")
	require.NoError(t, cp.Update([]byte("def")))
	got, err = cp.Finalize()
	require.NoError(t, err)
	want, err = b.ComputeMAC(alg, key, []byte("abcdef"), nil)
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))
	got, err = ctx.Finalize()
	require.NoError(t, err)
	want, err = b.ComputeMAC(alg, key, []byte("abc"), nil)
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got), "the original after its copy")
	runtime.KeepAlive(ctx)
}
