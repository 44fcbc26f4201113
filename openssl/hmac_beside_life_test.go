//go:build cgo

package openssl_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// besideLife makes an HMAC context beside a T, writes data past the Go
// buffer (so that the context has a C context of its own, freed by a
// cleanup), drops the T, collects garbage, and checks that the context
// computes the right MAC, then that a Reset (which keys its C context
// again) does too.
func besideLife[T any](t *testing.T, key []byte) {
	t.Helper()
	msg := bytes.Repeat([]byte("beside "), 1000) // 7,000 bytes: past the Go buffer
	o, ctx, err := openssl.NewHMACCtxBeside[T](key, hashes.SHA256{})
	require.NoError(t, err)
	require.NotNil(t, o)
	var zero T
	assert.Equal(t, zero, *o, "a zero T")
	require.NoError(t, ctx.Update(msg))
	o = nil
	runtime.GC()
	runtime.GC()
	sum, err := ctx.(backends.Summer).Sum(nil)
	require.NoError(t, err)
	assert.Equal(t, goHMAC(sha256.New, key, msg), sum)
	require.NoError(t, ctx.(backends.Resetter).Reset())
	runtime.GC()
	runtime.GC()
	require.NoError(t, ctx.Update(msg[:10]))
	got, err := ctx.Finalize()
	require.NoError(t, err)
	assert.Equal(t, goHMAC(sha256.New, key, msg[:10]), got)
}

// TestNewHMACCtxBesideKinds: the context made beside a value of any kind
// of type (zero-size, large, holding pointers, an interface) lives while
// only the context is reachable, and so does its C context, whatever the
// key (nil, empty, longer than a block).
func TestNewHMACCtxBesideKinds(t *testing.T) {
	for _, key := range [][]byte{nil, {}, []byte("k"), bytes.Repeat([]byte{5}, 200)} {
		t.Run(fmt.Sprintf("key of %d bytes", len(key)), func(t *testing.T) {
			if openssl.FIPS() && len(key) < 14 {
				_, _, err := openssl.NewHMACCtxBeside[int](key, hashes.SHA256{})
				_, werr := openssl.DefaultBackend().CreateHMACCtx(key, hashes.SHA256{})
				if werr != nil {
					require.Error(t, err)
					assert.Equal(t, werr.Error(), err.Error())
					return
				}
			}
			t.Run("struct{}", func(t *testing.T) { besideLife[struct{}](t, key) })
			t.Run("[1<<16]byte", func(t *testing.T) { besideLife[[1 << 16]byte](t, key) })
			t.Run("pointers", func(t *testing.T) {
				besideLife[struct {
					p *int
					s []string
					m map[string]int
				}](t, key)
			})
			t.Run("any", func(t *testing.T) { besideLife[any](t, key) })
			t.Run("error", func(t *testing.T) { besideLife[error](t, key) })
		})
	}
}
