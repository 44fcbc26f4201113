//go:build cgo

package openssl_test

import (
	"bytes"
	"errors"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// finalizer is what the digest, HMAC and MAC contexts have in common.
type finalizer interface {
	Update([]byte) error
	Sum([]byte) ([]byte, error)
	Finalize() ([]byte, error)
	Reset() error
}

// finalizeCase is a context to finalise and the one-shot answer for a
// message.
type finalizeCase struct {
	name    string
	make    func(t *testing.T) finalizer
	oneShot func(t *testing.T, msg []byte) []byte
}

// TestFinalizeInC: Finalize of a message that went to C, which finalises
// the context in place instead of copying it as Sum does, returns what
// Sum returned just before, spends the context (a second Finalize, a Sum
// and an Update say so), and Reset starts it over: short and long messages
// afterwards, a Copy of the reset context, and a second Finalize in place,
// all give the one-shot answer. The sizes cross the Go buffers of each
// context (256 bytes for a new hasher, 4 KiB for HMAC, CMAC and a reused
// hasher), in several writes.
func TestFinalizeInC(t *testing.T) {
	b := openssl.DefaultBackend()
	key := bytes.Repeat([]byte{0x5a}, 32)
	var cases []finalizeCase
	for _, alg := range []backends.HashAlgorithm{hashes.SHA256{}, hashes.SHA512{}, hashes.SHA3_256{}, hashes.SHA1{}} {
		if !b.HashSupported(alg) {
			continue
		}
		cases = append(cases, finalizeCase{
			"digest " + alg.Name(),
			func(t *testing.T) finalizer {
				h, err := b.CreateHashCtx(alg)
				require.NoError(t, err)
				return asFinalizer(t, h)
			},
			func(t *testing.T, msg []byte) []byte {
				out, err := b.Digest(alg, msg, nil)
				require.NoError(t, err)
				return out
			},
		}, finalizeCase{
			"HMAC " + alg.Name(),
			func(t *testing.T) finalizer {
				h, err := b.CreateHMACCtx(key, alg)
				require.NoError(t, err)
				return asFinalizer(t, h)
			},
			func(t *testing.T, msg []byte) []byte {
				out, err := b.MAC(key, alg, msg, nil)
				require.NoError(t, err)
				return out
			},
		})
	}
	cmac := macalg.CMAC{Cipher: macalg.AES}
	cases = append(cases, finalizeCase{
		"CMAC-AES-256",
		func(t *testing.T) finalizer {
			c, err := b.CreateMACCtx(cmac, key)
			require.NoError(t, err)
			return asFinalizer(t, c)
		},
		func(t *testing.T, msg []byte) []byte {
			out, err := b.ComputeMAC(cmac, key, msg, nil)
			require.NoError(t, err)
			return out
		},
	})
	msg := make([]byte, 3*openssl.MACBufSize+17)
	for i := range msg {
		msg[i] = byte(i*7 + 3)
	}
	for _, tc := range cases {
		for _, n := range []int{0, 100, openssl.DigestBufSize + 1, openssl.MACBufSize + 1, len(msg)} {
			t.Run(tc.name+"/"+strconv.Itoa(n), func(t *testing.T) {
				c := tc.make(t)
				write(t, c, msg[:n])
				sum, err := c.Sum(nil)
				require.NoError(t, err)
				require.Equal(t, tc.oneShot(t, msg[:n]), sum)
				got, err := c.Finalize()
				require.NoError(t, err)
				assert.Equal(t, sum, got, "Finalize returns what Sum did")

				_, err = c.Finalize()
				assert.True(t, errors.Is(err, backends.ErrAlreadyFinalized), "a second Finalize: %v", err)
				_, err = c.Sum(nil)
				assert.True(t, errors.Is(err, backends.ErrAlreadyFinalized), "Sum after Finalize: %v", err)
				assert.True(t, errors.Is(c.Update([]byte("x")), backends.ErrAlreadyFinalized), "Update after Finalize")

				// Reset starts over: a short message, then a long one.
				for _, m := range [][]byte{msg[:5], msg[1:]} {
					require.NoError(t, c.Reset())
					write(t, c, m)
					assert.Equal(t, tc.oneShot(t, m), copyFinalize(t, c), "a Copy of the reset context")
					got, err := c.Finalize()
					require.NoError(t, err)
					assert.Equal(t, tc.oneShot(t, m), got, "Finalize after Reset, %d bytes", len(m))
				}
			})
		}
	}
}

// copyFinalize returns the Finalize of a Copy of c, whichever of the
// three context interfaces' Copy it has.
func copyFinalize(t *testing.T, c any) []byte {
	t.Helper()
	var d interface{ Finalize() ([]byte, error) }
	var err error
	switch x := c.(type) {
	case backends.HashContext:
		d, err = x.Copy()
	case backends.HMACContext:
		d, err = x.Copy()
	case backends.MACContext:
		d, err = x.Copy()
	default:
		t.Fatalf("%T has no Copy", c)
	}
	require.NoError(t, err)
	got, err := d.Finalize()
	require.NoError(t, err)
	return got
}

// asFinalizer returns c as a finalizer: OpenSSL's contexts all Sum and
// Reset.
func asFinalizer(t *testing.T, c any) finalizer {
	t.Helper()
	f, ok := c.(finalizer)
	require.True(t, ok, "%T has Update, Sum, Finalize and Reset", c)
	return f
}

// write updates c with msg in three uneven parts.
func write(t *testing.T, c finalizer, msg []byte) {
	t.Helper()
	for len(msg) > 0 {
		k := min(len(msg), len(msg)/3+1)
		require.NoError(t, c.Update(msg[:k]))
		msg = msg[k:]
	}
}

// BenchmarkFinalizeInC compares, for a 16 KiB message (in C, beyond every
// Go buffer), ending a reused context with Sum, which must copy the state
// (EVP_MD_CTX_copy_ex, EVP_MAC_CTX_dup), and with Finalize, which
// finalises it in place.
func BenchmarkFinalizeInC(b *testing.B) {
	be := openssl.DefaultBackend()
	key := bytes.Repeat([]byte{0x5a}, 32)
	msg := make([]byte, 16384)
	ctxs := []struct {
		name string
		make func() (any, error)
	}{
		{"SHA-256", func() (any, error) { return be.CreateHashCtx(hashes.SHA256{}) }},
		{"HMAC-SHA-256", func() (any, error) { return be.CreateHMACCtx(key, hashes.SHA256{}) }},
		{"CMAC-AES-256", func() (any, error) { return be.CreateMACCtx(macalg.CMAC{Cipher: macalg.AES}, key) }},
	}
	for _, c := range ctxs {
		for _, end := range []string{"Sum", "Finalize"} {
			b.Run(c.name+"/"+end, func(b *testing.B) {
				x, err := c.make()
				require.NoError(b, err)
				f := x.(finalizer)
				out := make([]byte, 0, 64)
				b.SetBytes(int64(len(msg)))
				for b.Loop() {
					if err := f.Reset(); err != nil {
						b.Fatal(err)
					}
					if err := f.Update(msg); err != nil {
						b.Fatal(err)
					}
					if end == "Sum" {
						out, err = f.Sum(out[:0])
					} else {
						out, err = f.Finalize()
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestHMACFinalizeFreesOwnContext: an HMAC never Reset (a new HMAC per
// message, the usual pattern) frees the EVP_MAC_CTX of its own that a
// long message made it take, at Finalize, rather than when the collector
// finds it; one that was Reset keeps its context for the next message.
// Either way the MACs after Reset are right.
func TestHMACFinalizeFreesOwnContext(t *testing.T) {
	b := openssl.DefaultBackend()
	key := bytes.Repeat([]byte{7}, 32)
	long := bytes.Repeat([]byte{1}, openssl.MACBufSize+1)
	want, err := b.MAC(key, hashes.SHA256{}, long, nil)
	require.NoError(t, err)

	h, err := b.CreateHMACCtx(key, hashes.SHA256{})
	require.NoError(t, err)
	require.NoError(t, h.Update(long))
	require.True(t, openssl.HMACHasOwnContext(h), "a long message takes a context of its own")
	got, err := h.Finalize()
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.False(t, openssl.HMACHasOwnContext(h), "freed at Finalize: never Reset")

	f := asFinalizer(t, h)
	for i := range 2 {
		require.NoError(t, f.Reset())
		require.True(t, openssl.HMACHasOwnContext(h), "Reset keys a context of its own")
		require.NoError(t, f.Update(long))
		got, err := f.Finalize()
		require.NoError(t, err)
		assert.Equal(t, want, got, "message %d after Reset", i)
		assert.True(t, openssl.HMACHasOwnContext(h), "kept at Finalize once Reset, for the next message")
	}
}
