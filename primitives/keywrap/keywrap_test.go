//go:build cgo

package keywrap_test

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/keywrap"
)

// The tests of this file and of vectors_test.go need a backend that has key
// wrap: they wrap on the OpenSSL backend, whichever backend is the default
// (Go's crypto has no key wrap; TestDefaultBackendSupport checks the
// default backend's answer and refusal).
var (
	sslKW  = keywrap.WithBackend(backends.KW, openssl.DefaultBackend())
	sslKWP = keywrap.WithBackend(backends.KWP, openssl.DefaultBackend())
)

// TestMisuse: the RFC length rules and the KEK length are checked before
// the backend, with sentinel errors; bad wrapped lengths are the bare
// ErrInvalidUnwrap; nothing panics.
func TestMisuse(t *testing.T) {
	kek := make([]byte, 16)
	cases := []struct {
		name string
		do   func() ([]byte, error)
		want error
	}{
		{"KW 8-byte key", func() ([]byte, error) { return sslKW.Wrap(kek, make([]byte, 8)) }, backends.ErrInvalidDataLength},
		{"KW 17-byte key", func() ([]byte, error) { return sslKW.Wrap(kek, make([]byte, 17)) }, backends.ErrInvalidDataLength},
		{"KW empty key", func() ([]byte, error) { return sslKW.Wrap(kek, nil) }, backends.ErrInvalidDataLength},
		{"KWP empty key", func() ([]byte, error) { return sslKWP.Wrap(kek, nil) }, backends.ErrInvalidDataLength},
		{"KEK of 15 bytes", func() ([]byte, error) { return sslKW.Wrap(kek[:15], make([]byte, 16)) }, backends.ErrInvalidKeySize},
		{"KEK of 0 bytes", func() ([]byte, error) { return sslKWP.Unwrap(nil, make([]byte, 16)) }, backends.ErrInvalidKeySize},
		{"KW unwrap 16 bytes", func() ([]byte, error) { return sslKW.Unwrap(kek, make([]byte, 16)) }, keywrap.ErrInvalidUnwrap},
		{"KW unwrap 25 bytes", func() ([]byte, error) { return sslKW.Unwrap(kek, make([]byte, 25)) }, keywrap.ErrInvalidUnwrap},
		{"KWP unwrap 8 bytes", func() ([]byte, error) { return sslKWP.Unwrap(kek, make([]byte, 8)) }, keywrap.ErrInvalidUnwrap},
		{"KWP unwrap garbage", func() ([]byte, error) { return sslKWP.Unwrap(kek, make([]byte, 32)) }, keywrap.ErrInvalidUnwrap},
		{"KW unwrap garbage", func() ([]byte, error) { return sslKW.Unwrap(kek, make([]byte, 32)) }, keywrap.ErrInvalidUnwrap},
		{"unknown mode", func() ([]byte, error) { return keywrap.WithMode(0).Wrap(kek, make([]byte, 16)) }, backends.ErrInvalidArgument},
		{"zero Wrapper", func() ([]byte, error) { return keywrap.Wrapper{}.Wrap(kek, make([]byte, 16)) }, backends.ErrInvalidArgument},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var (
				out []byte
				err error
			)
			assert.NotPanics(t, func() { out, err = c.do() })
			require.ErrorIs(t, err, c.want)
			assert.Nil(t, out)
			if c.want == keywrap.ErrInvalidUnwrap {
				assert.Equal(t, keywrap.ErrInvalidUnwrap, err, "bare sentinel, no detail")
			} else {
				assert.NotContains(t, err.Error(), "openssl", "checked before the backend")
			}
		})
	}
}

// TestRoundTrip wraps and unwraps keys of every length to 72 bytes with
// every KEK size, in both modes; a flipped bit fails.
func TestRoundTrip(t *testing.T) {
	for _, kekLen := range []int{16, 24, 32} {
		kek := bytes.Repeat([]byte{byte(kekLen)}, kekLen)
		for n := 1; n <= 72; n++ {
			key := bytes.Repeat([]byte{byte(n)}, n)
			w, err := sslKWP.Wrap(kek, key)
			require.NoError(t, err)
			assert.Len(t, w, (n+7)/8*8+8)
			back, err := sslKWP.Unwrap(kek, w)
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(key), hex.EncodeToString(back))
			w[len(w)-1] ^= 1
			_, err = sslKWP.Unwrap(kek, w)
			assert.Equal(t, keywrap.ErrInvalidUnwrap, err)
			if n%8 == 0 && n >= 16 {
				w, err := sslKW.Wrap(kek, key)
				require.NoError(t, err)
				assert.Len(t, w, n+8)
				back, err := sslKW.Unwrap(kek, w)
				require.NoError(t, err)
				assert.Equal(t, hex.EncodeToString(key), hex.EncodeToString(back))
				w[0] ^= 0x80
				_, err = sslKW.Unwrap(kek, w)
				assert.Equal(t, keywrap.ErrInvalidUnwrap, err)
			}
		}
	}
}

// TestSupported: every mode and KEK size is served by the OpenSSL backend,
// in both modes of the FIPS provider 3.5 (AES key wrap is approved); other
// KEK sizes are not.
func TestSupported(t *testing.T) {
	for _, mode := range []backends.KeyWrapMode{backends.KW, backends.KWP, backends.KWInverse, backends.KWPInverse} {
		for _, n := range []int{16, 24, 32} {
			assert.True(t, openssl.DefaultBackend().KeyWrapSupported(mode, n), "%v %d", mode, n)
		}
		assert.False(t, openssl.DefaultBackend().KeyWrapSupported(mode, 20), "%v 20", mode)
	}
}

// FuzzUnwrap: unwrapping arbitrary bytes never panics; it fails with the
// bare ErrInvalidUnwrap and no output, or returns a key that wraps back to
// the same bytes (KW and KWP are deterministic).
func FuzzUnwrap(f *testing.F) {
	kek := []byte("0123456789abcdef")
	w, _ := sslKWP.Wrap(kek, []byte("hello"))
	f.Add(w, true)
	w, _ = sslKW.Wrap(kek, make([]byte, 16))
	f.Add(w, false)
	f.Add(make([]byte, 24), false)
	f.Add([]byte{}, true)
	f.Fuzz(func(t *testing.T, wrapped []byte, pad bool) {
		mode := backends.KW
		if pad {
			mode = backends.KWP
		}
		wr := keywrap.WithBackend(mode, openssl.DefaultBackend())
		out, err := wr.Unwrap(kek, wrapped)
		if err != nil {
			require.Equal(t, keywrap.ErrInvalidUnwrap, err)
			require.Nil(t, out)
			return
		}
		again, err := wr.Wrap(kek, out)
		require.NoError(t, err)
		require.Equal(t, hex.EncodeToString(wrapped), hex.EncodeToString(again))
	})
}
