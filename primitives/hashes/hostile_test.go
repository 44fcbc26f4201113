package hashes_test

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// hostileBackend is a custom HashBackend that breaks the contract in the
// way its fields say, to show what a Hash does with a backend that lies.
type hostileBackend struct {
	nilCtx    bool // CreateHashCtx returns nil, nil
	typedNil  bool // CreateHashCtx returns a nil *hostileCtx, nil
	digestLen int  // the length of what Finalize returns
	nilCopy   bool // Copy returns nil, nil
}

func (b *hostileBackend) HashSupported(backends.HashAlgorithm) bool { return true }

func (b *hostileBackend) CreateHashCtx(alg backends.HashAlgorithm) (backends.HashContext, error) {
	switch {
	case b.nilCtx:
		return nil, nil
	case b.typedNil:
		return (*hostileCtx)(nil), nil
	}
	return &hostileCtx{b: b, alg: alg}, nil
}

type hostileDigester struct{ *hostileBackend }

func (b hostileDigester) Digest(_ backends.HashAlgorithm, _, dst []byte) ([]byte, error) {
	return append(dst, make([]byte, b.digestLen)...), nil
}

type hostileCtx struct {
	b   *hostileBackend
	alg backends.HashAlgorithm
}

func (c *hostileCtx) Algorithm() backends.HashAlgorithm { return c.alg }
func (c *hostileCtx) Update([]byte) error               { return nil }
func (c *hostileCtx) Finalize() ([]byte, error)         { return make([]byte, c.b.digestLen), nil }
func (c *hostileCtx) Copy() (backends.HashContext, error) {
	if c.b.nilCopy {
		return nil, nil
	}
	return &hostileCtx{b: c.b, alg: c.alg}, nil
}

// TestHostileBackend: a backend that hands out no context, or digests of
// the wrong length, gives errors wrapping ErrInvalidArgument (Sum, with no
// error result, a panic that says so), never a nil-pointer panic and never
// a digest of the wrong length.
func TestHostileBackend(t *testing.T) {
	alg := hashes.SHA256{}
	for _, tc := range []struct {
		name string
		b    *hostileBackend
	}{
		{"nil context", &hostileBackend{nilCtx: true}},
		{"typed nil context", &hostileBackend{typedNil: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			assert.NotPanics(t, func() { _, err = hashes.NewWithBackend(alg, tc.b) })
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
			assert.NotPanics(t, func() { _, err = hashes.AppendSumWithBackend(nil, alg, nil, tc.b) })
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
			assert.NotPanics(t, func() { _, err = hashes.NewFuncWithBackend(alg, tc.b) })
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
		})
	}
	for _, n := range []int{0, 1, sha256.Size - 1, sha256.Size + 1} {
		t.Run(fmt.Sprintf("digest length %d", n), func(t *testing.T) {
			b := &hostileBackend{digestLen: n}
			h, err := hashes.NewWithBackend(alg, b)
			require.NoError(t, err)
			assert.PanicsWithValue(t, fmt.Sprintf("hashes: backend returned a digest of %d bytes for sha256, not 32: invalid argument", n), func() { h.Sum(nil) })
			_, err = h.Finalize()
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
			out, err := hashes.AppendSumWithBackend([]byte("x"), alg, nil, b)
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
			assert.Equal(t, "x", string(out))
			out, err = hashes.AppendSumWithBackend([]byte("x"), alg, nil, hostileDigester{b})
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
			assert.Equal(t, "x", string(out))
		})
	}
	t.Run("nil copy", func(t *testing.T) {
		h, err := hashes.NewWithBackend(alg, &hostileBackend{digestLen: sha256.Size, nilCopy: true})
		require.NoError(t, err)
		var cp *hashes.Hash
		assert.NotPanics(t, func() { cp, err = h.Copy() })
		assert.ErrorIs(t, err, backends.ErrInvalidArgument)
		assert.Nil(t, cp)
		assert.PanicsWithValue(t, "hashes: backend returned a nil context for sha256: invalid argument", func() { h.Sum(nil) })
	})
}

// TestNilArguments: a nil pointer in a non-nil interface, as algorithm or
// as backend, is refused like a nil interface, by every constructor and
// one-shot function, without a panic.
func TestNilArguments(t *testing.T) {
	for _, tc := range []struct {
		name string
		alg  hashes.Algorithm
		b    backends.HashBackend
	}{
		{"typed nil SHAKE128", (*hashes.SHAKE128)(nil), defaultbackend.Get()},
		{"typed nil SHA256", (*hashes.SHA256)(nil), defaultbackend.Get()},
		{"typed nil OpenSSL backend", hashes.SHA256{}, (*openssl.Backend)(nil)},
		{"typed nil custom backend", hashes.SHA256{}, (*hostileBackend)(nil)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			assert.NotPanics(t, func() { _, err = hashes.NewWithBackend(tc.alg, tc.b) })
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
			assert.NotPanics(t, func() { _, err = hashes.AppendSumWithBackend(nil, tc.alg, nil, tc.b) })
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
			assert.NotPanics(t, func() { _, err = hashes.NewFuncWithBackend(tc.alg, tc.b) })
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
		})
	}
}

// flipBackend serves its first context and refuses every later one, as
// the default backend does for MD5 once FIPS mode is switched on.
type flipBackend struct{ served bool }

func (b *flipBackend) HashSupported(backends.HashAlgorithm) bool { return !b.served }

func (b *flipBackend) CreateHashCtx(alg backends.HashAlgorithm) (backends.HashContext, error) {
	if b.served {
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: alg.Name(), Reason: backends.ReasonFIPSRefused}
	}
	b.served = true
	return defaultbackend.Get().CreateHashCtx(alg)
}

// TestNewFuncAfterSupportEnds: a constructor from NewFunc whose algorithm
// is no longer served panics with a message that says what to do and
// carries one package prefix.
func TestNewFuncAfterSupportEnds(t *testing.T) {
	f, err := hashes.NewFuncWithBackend(hashes.SHA256{}, &flipBackend{})
	require.NoError(t, err)
	defer func() {
		msg := fmt.Sprint(recover())
		assert.Contains(t, msg, "call NewFunc again")
		assert.Contains(t, msg, "refused in FIPS mode")
		assert.Equal(t, 1, strings.Count(msg, "hashes: "), "%s", msg)
	}()
	f()
}

// shortXOFCtx is a SHAKE context whose SumXOF returns fewer bytes than
// asked, more so with each call.
type shortXOFCtx struct {
	hostileCtx
	calls int
}

func (c *shortXOFCtx) SumXOF(dst []byte, n int) ([]byte, error) {
	c.calls++
	return append(dst, make([]byte, max(0, n/c.calls-1))...), nil
}

type shortXOFBackend struct{ hostileBackend }

func (b *shortXOFBackend) CreateHashCtx(alg backends.HashAlgorithm) (backends.HashContext, error) {
	return &shortXOFCtx{hostileCtx: hostileCtx{b: &b.hostileBackend, alg: alg}}, nil
}

// TestHostileXOF: a backend's SumXOF that returns fewer bytes than asked
// is an error of Read, not a short read that later slices out of range.
func TestHostileXOF(t *testing.T) {
	h, err := hashes.NewWithBackend(hashes.SHAKE128{Size: 32}, &shortXOFBackend{hostileBackend{digestLen: 32}})
	require.NoError(t, err)
	p := make([]byte, 60)
	var n int
	assert.NotPanics(t, func() { n, err = h.Read(p) })
	assert.ErrorIs(t, err, backends.ErrInvalidArgument)
	assert.Zero(t, n)
	assert.NotPanics(t, func() { _, err = h.Read(make([]byte, 100)) })
	assert.ErrorIs(t, err, backends.ErrInvalidArgument)
}

// TestNewMistakeErrors: a caller's mistake at New gives the same error,
// with one prefix, whichever backend serves it (the OpenSSL backend finds
// these mistakes itself, and New names them only when it has failed).
func TestNewMistakeErrors(t *testing.T) {
	names := []string{defaultbackend.Go}
	if defaultbackend.BuildDefault() == defaultbackend.OpenSSL { // a build with cgo
		names = append(names, defaultbackend.OpenSSL)
	}
	for _, name := range names {
		b, err := defaultbackend.Lookup(name)
		require.NoError(t, err)
		for _, tc := range []struct {
			alg      hashes.Algorithm
			sentinel error
			want     string
		}{
			{nil, backends.ErrInvalidArgument, "hashes: nil algorithm or backend: invalid argument"},
			{(*hashes.SHA256)(nil), backends.ErrInvalidArgument, "hashes: nil algorithm or backend: invalid argument"},
			{hashes.SHAKE128{}, backends.ErrInvalidDigestSize, "hashes: shake128 needs a positive output length, got 0: "},
			{hashes.SHAKE256{Size: -1}, backends.ErrInvalidDigestSize, "hashes: shake256 needs a positive output length, got -1: "},
		} {
			t.Run(fmt.Sprintf("%s/%T", name, tc.alg), func(t *testing.T) {
				h, err := hashes.NewWithBackend(tc.alg, b)
				require.Error(t, err)
				assert.Nil(t, h)
				assert.ErrorIs(t, err, tc.sentinel)
				assert.True(t, strings.HasPrefix(err.Error(), tc.want), "%s", err)
				assert.Equal(t, 1, strings.Count(err.Error(), ": "+tc.sentinel.Error()), "%s", err)
			})
		}
	}
}
