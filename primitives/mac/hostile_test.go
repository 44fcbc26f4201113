package mac_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/mac"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// hostileMACBackend is a custom MACBackend that breaks the contract as its
// fields say.
type hostileMACBackend struct {
	typedNil bool  // CreateMACCtx returns a nil *hostileMACCtx, nil
	tagLen   int   // the length of the tags it computes
	err      error // what Update returns
}

func (b *hostileMACBackend) MACSupported(backends.MACAlgorithm) bool { return true }

func (b *hostileMACBackend) CreateMACCtx(alg backends.MACAlgorithm, _ []byte) (backends.MACContext, error) {
	if b.typedNil {
		return (*hostileMACCtx)(nil), nil
	}
	return &hostileMACCtx{b, alg}, nil
}

type hostileOneShot struct{ *hostileMACBackend }

func (b hostileOneShot) ComputeMAC(_ backends.MACAlgorithm, _, _, dst []byte) ([]byte, error) {
	return append(dst, make([]byte, b.tagLen)...), nil
}

type hostileMACCtx struct {
	b   *hostileMACBackend
	alg backends.MACAlgorithm
}

func (c *hostileMACCtx) Algorithm() backends.MACAlgorithm { return c.alg }
func (c *hostileMACCtx) Update([]byte) error              { return c.b.err }
func (c *hostileMACCtx) Finalize() ([]byte, error)        { return make([]byte, c.b.tagLen), nil }
func (c *hostileMACCtx) Copy() (backends.MACContext, error) {
	return &hostileMACCtx{c.b, c.alg}, nil
}

// TestHostileMACBackend: a backend that returns no context, tags of the
// wrong length (an empty tag must not verify an empty signature) or an
// error without a package prefix gives errors wrapping ErrInvalidArgument
// (Sum: a panic), and every error has exactly one package prefix.
func TestHostileMACBackend(t *testing.T) {
	alg := macalg.CMAC{Cipher: macalg.AES}
	key := make([]byte, 16)
	var err error
	assert.NotPanics(t, func() { _, err = mac.NewWithBackend(alg, key, &hostileMACBackend{typedNil: true}) })
	assert.ErrorIs(t, err, backends.ErrInvalidArgument)

	for _, n := range []int{0, 8, 17} {
		t.Run(fmt.Sprintf("tag length %d", n), func(t *testing.T) {
			b := &hostileMACBackend{tagLen: n}
			m, err := mac.NewWithBackend(alg, key, b)
			require.NoError(t, err)
			assert.Panics(t, func() { m.Sum(nil) })
			assert.ErrorIs(t, m.Verify(make([]byte, n)), backends.ErrInvalidArgument)
			_, err = mac.SumWithBackend(alg, key, nil, b)
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
			_, err = mac.SumWithBackend(alg, key, nil, hostileOneShot{b})
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
		})
	}

	boom := errors.New("boom")
	m, err := mac.NewWithBackend(alg, key, &hostileMACBackend{tagLen: 16, err: boom})
	require.NoError(t, err)
	err = m.Update(nil)
	assert.ErrorIs(t, err, boom)
	assert.True(t, strings.HasPrefix(fmt.Sprint(err), "mac: "), "%v", err)
}
