//go:build cgo

package openssl_test

import (
	stdhmac "crypto/hmac"
	"crypto/sha256"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// streamCtx is what a digest and an HMAC context have in common here.
type streamCtx interface {
	Update([]byte) error
	Finalize() ([]byte, error)
	backends.Summer
	backends.Resetter
}

// TestGoBufferBoundaries writes messages whose length falls on each side of
// the buffers a context keeps in Go (the inline one of a new hash, the
// larger one of a hash that was Reset, the HMAC's), in one write and in
// chunks, on a new context and on one Reset after a longer message: Sum
// matches Go's SHA-256 and HMAC-SHA-256 (CMAC and KMAC: the backend's
// one-shot MAC), leaves the state unchanged (a
// second Sum and a later write give the right answers), and a copy made
// half-way is independent.
func TestGoBufferBoundaries(t *testing.T) {
	b := openssl.DefaultBackend()
	key := []byte("0123456789abcdef0123456789abcdef")
	kinds := []struct {
		name  string
		limit int
		make  func(t *testing.T) streamCtx
		copy  func(t *testing.T, c streamCtx) streamCtx
		want  func(msg []byte) []byte
	}{
		{"SHA-256", openssl.DigestMoreSize,
			func(t *testing.T) streamCtx {
				c, err := b.CreateHashCtx(hashes.SHA256{})
				require.NoError(t, err)
				return c.(streamCtx)
			},
			func(t *testing.T, c streamCtx) streamCtx {
				cp, err := c.(backends.HashContext).Copy()
				require.NoError(t, err)
				return cp.(streamCtx)
			},
			func(msg []byte) []byte { s := sha256.Sum256(msg); return s[:] }},
		{"HMAC-SHA-256", openssl.MACBufSize,
			func(t *testing.T) streamCtx {
				c, err := b.CreateHMACCtx(key, hashes.SHA256{})
				require.NoError(t, err)
				return c.(streamCtx)
			},
			func(t *testing.T, c streamCtx) streamCtx {
				cp, err := c.(backends.HMACContext).Copy()
				require.NoError(t, err)
				return cp.(streamCtx)
			},
			func(msg []byte) []byte { m := stdhmac.New(sha256.New, key); m.Write(msg); return m.Sum(nil) }},
	}
	// CMAC and KMAC against the backend's one-shot MAC, which makes, keys
	// and frees a context of its own in one C call.
	kmac, err := macalg.NewKMAC128([]byte("custom"), 32)
	require.NoError(t, err)
	for _, alg := range []backends.MACAlgorithm{macalg.CMAC{Cipher: macalg.AES}, kmac} {
		mkey := key[:alg.KeySizes()[0]]
		kinds = append(kinds, struct {
			name  string
			limit int
			make  func(t *testing.T) streamCtx
			copy  func(t *testing.T, c streamCtx) streamCtx
			want  func(msg []byte) []byte
		}{alg.Name(), openssl.MACBufSize,
			func(t *testing.T) streamCtx {
				c, err := b.CreateMACCtx(alg, mkey)
				require.NoError(t, err)
				return c.(streamCtx)
			},
			func(t *testing.T, c streamCtx) streamCtx {
				cp, err := c.(backends.MACContext).Copy()
				require.NoError(t, err)
				return cp.(streamCtx)
			},
			func(msg []byte) []byte {
				m, err := b.ComputeMAC(alg, mkey, msg, nil)
				require.NoError(t, err)
				return m
			}})
	}
	var sizes []int
	for _, s := range []int{0, openssl.DigestBufSize, openssl.DigestMoreSize, openssl.MACBufSize} {
		for _, d := range []int{-1, 0, 1} {
			if s+d >= 0 {
				sizes = append(sizes, s+d)
			}
		}
	}
	for _, k := range kinds {
		for _, n := range sizes {
			for _, chunk := range []int{n + 1, 100, 1000} {
				for _, reset := range []bool{false, true} {
					t.Run(fmt.Sprintf("%s/%d/chunk%d/reset%v", k.name, n, chunk, reset), func(t *testing.T) {
						msg := make([]byte, n)
						for i := range msg {
							msg[i] = byte(i*7 + n)
						}
						c := k.make(t)
						if reset {
							require.NoError(t, c.Update(make([]byte, k.limit+10)))
							require.NoError(t, c.Reset())
						}
						var half streamCtx
						done := 0 // bytes written when half was copied
						for off := 0; off < n; off += chunk {
							require.NoError(t, c.Update(msg[off:min(off+chunk, n)]))
							if half == nil && off+chunk >= n/2 {
								half, done = k.copy(t, c), min(off+chunk, n)
							}
						}
						if half == nil {
							half = k.copy(t, c)
						}
						s1, err := c.Sum([]byte("x"))
						require.NoError(t, err)
						assert.Equal(t, append([]byte("x"), k.want(msg)...), s1)
						s2, err := c.Sum(nil)
						require.NoError(t, err)
						assert.Equal(t, k.want(msg), s2, "a second Sum")
						require.NoError(t, c.Update([]byte("tail")))
						fin, err := c.Finalize()
						require.NoError(t, err)
						assert.Equal(t, k.want(append(append([]byte{}, msg...), "tail"...)), fin, "a write after Sum")

						// The copy holds what was written up to it.
						require.NoError(t, half.Update([]byte("other")))
						got, err := half.Finalize()
						require.NoError(t, err)
						assert.Equal(t, k.want(append(append([]byte{}, msg[:done]...), "other"...)), got, "the copy")
					})
				}
			}
		}
	}
}
