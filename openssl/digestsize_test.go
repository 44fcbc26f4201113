//go:build cgo

package openssl_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// customHash is a caller's own HashAlgorithm that names an OpenSSL digest
// and claims a digest size of its own.
type customHash struct {
	name string
	size int
}

func (c customHash) Name() string    { return c.name }
func (c customHash) DigestSize() int { return c.size }
func (c customHash) BlockSize() int  { return 64 }

// TestCustomDigestSizeMismatch: an algorithm whose DigestSize disagrees
// with the digest OpenSSL has under its name is refused wherever a digest
// or HMAC is set up, naming both sizes; a hash.Hash could otherwise report
// a Size that Sum does not keep.
func TestCustomDigestSizeMismatch(t *testing.T) {
	b := openssl.DefaultBackend()
	for _, size := range []int{0, 5, 33} {
		alg := customHash{"sha256", size}
		t.Run(strconv.Itoa(size), func(t *testing.T) {
			check := func(what string, err error) {
				t.Helper()
				require.ErrorIs(t, err, backends.ErrInvalidDigestSize, what)
				assert.Contains(t, err.Error(), "32", what)
				assert.Contains(t, err.Error(), strconv.Itoa(size), what)
			}
			_, err := b.CreateHashCtx(alg)
			check("CreateHashCtx", err)
			_, err = b.Digest(alg, []byte("abc"), nil)
			check("Digest", err)
			_, err = hashes.New(alg)
			check("hashes.New", err)
			_, err = b.CreateHMACCtx([]byte("key"), alg)
			check("CreateHMACCtx", err)
			_, err = b.MAC([]byte("key"), alg, []byte("abc"), nil)
			check("MAC", err)
			assert.False(t, b.HashSupported(alg))
			assert.False(t, b.HMACSupported(alg))
		})
	}
	// The right size is accepted.
	good := customHash{"sha256", 32}
	d, err := b.Digest(good, []byte("abc"), nil)
	require.NoError(t, err)
	assert.Len(t, d, 32)
	_, err = b.CreateHMACCtx([]byte("key"), good)
	assert.NoError(t, err)
}
