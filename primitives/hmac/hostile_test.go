package hmac_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

// hostileBackend is a custom HMACBackend that breaks the contract as its
// fields say.
type hostileBackend struct {
	typedNil bool // CreateHMACCtx returns a nil *hostileCtx, nil
	macLen   int  // the length of what Finalize (and MAC) return
}

func (b *hostileBackend) HMACSupported(backends.HashAlgorithm) bool { return true }

func (b *hostileBackend) CreateHMACCtx(_ []byte, alg backends.HashAlgorithm) (backends.HMACContext, error) {
	if b.typedNil {
		return (*hostileCtx)(nil), nil
	}
	return &hostileCtx{b: b, alg: alg}, nil
}

type hostileMACer struct{ *hostileBackend }

func (b hostileMACer) MAC(_ []byte, _ backends.HashAlgorithm, _, dst []byte) ([]byte, error) {
	return append(dst, make([]byte, b.macLen)...), nil
}

type hostileCtx struct {
	b   *hostileBackend
	alg backends.HashAlgorithm
}

func (c *hostileCtx) Algorithm() backends.HashAlgorithm { return c.alg }
func (c *hostileCtx) Update([]byte) error               { return nil }
func (c *hostileCtx) Finalize() ([]byte, error)         { return make([]byte, c.b.macLen), nil }
func (c *hostileCtx) Copy() (backends.HMACContext, error) {
	return &hostileCtx{b: c.b, alg: c.alg}, nil
}
func (c *hostileCtx) Sum(dst []byte) ([]byte, error) {
	return append(dst, make([]byte, c.b.macLen)...), nil
}

// TestHostileBackend: no HMAC over a nil context, and no MAC of the wrong
// length handed to the caller (Verify included: a short MAC must not
// verify a short signature).
func TestHostileBackend(t *testing.T) {
	alg := hashes.SHA256{}
	key := []byte("key")
	var err error
	assert.NotPanics(t, func() { _, err = hmac.NewWithBackend(key, alg, &hostileBackend{typedNil: true}) })
	assert.ErrorIs(t, err, backends.ErrInvalidArgument)
	assert.NotPanics(t, func() { _, err = hmac.SumWithBackend(key, alg, nil, &hostileBackend{typedNil: true}) })
	assert.ErrorIs(t, err, backends.ErrInvalidArgument)

	for _, n := range []int{0, 16, 33} {
		t.Run(fmt.Sprintf("MAC length %d", n), func(t *testing.T) {
			b := &hostileBackend{macLen: n}
			h, err := hmac.NewWithBackend(key, alg, b)
			require.NoError(t, err)
			assert.Panics(t, func() { h.Sum(nil) })
			assert.ErrorIs(t, h.Verify(make([]byte, n)), backends.ErrInvalidArgument)
			_, err = hmac.SumWithBackend(key, alg, nil, b)
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
			_, err = hmac.SumWithBackend(key, alg, nil, hostileMACer{b})
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
		})
	}
}

// TestNilArguments: a nil pointer in a non-nil interface, as algorithm or
// as backend, is refused like a nil interface, without a panic.
func TestNilArguments(t *testing.T) {
	for _, tc := range []struct {
		name string
		alg  backends.HashAlgorithm
		b    backends.HMACBackend
	}{
		{"typed nil SHAKE128", (*hashes.SHAKE128)(nil), defaultbackend.Get()},
		{"typed nil SHA256", (*hashes.SHA256)(nil), defaultbackend.Get()},
		{"typed nil OpenSSL backend", hashes.SHA256{}, (*openssl.Backend)(nil)},
		{"typed nil custom backend", hashes.SHA256{}, (*hostileBackend)(nil)},
		{"typed nil Go backend", hashes.SHA256{}, (*gocrypto.Backend)(nil)},
		{"typed nil SHA256, Go backend", (*hashes.SHA256)(nil), gocrypto.NewBackend()},
		{"typed nil SHA3-256, Go backend", (*hashes.SHA3_256)(nil), gocrypto.NewBackend()},
		{"typed nil SHA256, OpenSSL backend", (*hashes.SHA256)(nil), openssl.DefaultBackend()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			assert.NotPanics(t, func() { _, err = hmac.NewWithBackend([]byte("k"), tc.alg, tc.b) })
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
			assert.NotPanics(t, func() { _, err = hmac.SumWithBackend([]byte("k"), tc.alg, nil, tc.b) })
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
		})
	}
}
