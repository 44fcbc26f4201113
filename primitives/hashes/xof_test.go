package hashes_test

import (
	"encoding/hex"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// limitBackend is the default backend with a lower output limit for XOFs:
// its contexts refuse a SumXOF request above limit, as OpenSSL's refuses
// one above 1 GiB, and remember the largest request.
type limitBackend struct {
	defaultbackend.Backend
	limit   int
	largest int
}

type limitCtx struct {
	backends.HashContext
	b *limitBackend
}

func (b *limitBackend) CreateHashCtx(alg backends.HashAlgorithm) (backends.HashContext, error) {
	ctx, err := b.Backend.CreateHashCtx(alg)
	if err != nil {
		return nil, err
	}
	return &limitCtx{ctx, b}, nil
}

func (c *limitCtx) SumXOF(dst []byte, n int) ([]byte, error) {
	c.b.largest = max(c.b.largest, n)
	if n > c.b.limit {
		return dst, backends.ErrInvalidDigestSize
	}
	return c.HashContext.(backends.XOFSummer).SumXOF(dst, n)
}

// TestReadUpToLimit reads SHAKE output in pieces up to the limit exactly:
// the prefix Read computes grows by doubling but never past the limit, and
// the byte after the limit gives io.EOF.
func TestReadUpToLimit(t *testing.T) {
	const limit = 1000
	defer hashes.SetMaxRead(limit)()
	for _, tc := range []struct {
		name   string
		pieces []int
	}{
		{"600 then 400", []int{600, 1, 399}},
		{"one read", []int{limit}},
		{"small reads", []int{64, 64, 128, 256, 488}},
		{"straddles the limit", []int{900, 50, 49, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			alg := hashes.SHAKE128{Size: 32}
			b := &limitBackend{Backend: defaultbackend.Get(), limit: limit}
			h, err := hashes.NewWithBackend(alg, b)
			require.NoError(t, err)
			h.Write([]byte("abc"))
			want, err := hashes.Sum(hashes.SHAKE128{Size: limit}, []byte("abc"))
			require.NoError(t, err)

			var got []byte
			for _, n := range tc.pieces {
				p := make([]byte, n)
				m, err := h.Read(p)
				require.NoError(t, err, "after %d bytes", len(got))
				require.Equal(t, n, m)
				got = append(got, p...)
			}
			assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))
			assert.LessOrEqual(t, b.largest, limit, "a request above the limit")

			m, err := h.Read(make([]byte, 1))
			assert.Equal(t, 0, m)
			assert.ErrorIs(t, err, io.EOF)
		})
	}
}

// TestReadStraddlingLimit: a read that crosses the limit returns the bytes
// below it and io.EOF.
func TestReadStraddlingLimit(t *testing.T) {
	defer hashes.SetMaxRead(100)()
	h, err := hashes.New(hashes.SHAKE256{Size: 8})
	require.NoError(t, err)
	_, err = h.Read(make([]byte, 60))
	require.NoError(t, err)
	p := make([]byte, 60)
	n, err := h.Read(p)
	assert.Equal(t, 40, n)
	assert.ErrorIs(t, err, io.EOF)
	assert.Equal(t, make([]byte, 20), p[40:], "nothing written past the limit")
}
