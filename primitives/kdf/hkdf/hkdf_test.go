package hkdf_test

import (
	"crypto/sha256"
	"hash"
	"hash/crc32"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/kdf/hkdf"
)

// TestRefusals: lengths outside 1 to 255 times the hash size, a nil or
// unknown hash constructor give an error wrapping the sentinel and no key,
// and a refused length allocates nothing of its size.
func TestRefusals(t *testing.T) {
	secret, salt := []byte("input keying material"), []byte("salt")
	for _, c := range []struct {
		name   string
		derive func() ([]byte, error)
		want   error
	}{
		{"Key, length 0", func() ([]byte, error) { return hkdf.Key(sha256.New, secret, salt, "info", 0) }, backends.ErrInvalidArgument},
		{"Key, length -1", func() ([]byte, error) { return hkdf.Key(sha256.New, secret, salt, "info", -1) }, backends.ErrInvalidArgument},
		{"Key, 255 hashes and 1 byte", func() ([]byte, error) { return hkdf.Key(sha256.New, secret, salt, "info", 255*32+1) }, backends.ErrInvalidArgument},
		{"Key, 1 GiB", func() ([]byte, error) { return hkdf.Key(sha256.New, secret, salt, "info", 1<<30) }, backends.ErrInvalidArgument},
		{"Expand, length 0", func() ([]byte, error) { return hkdf.Expand(sha256.New, secret, "info", 0) }, backends.ErrInvalidArgument},
		{"Expand, 1 GiB", func() ([]byte, error) { return hkdf.Expand(sha256.New, secret, "info", 1<<30) }, backends.ErrInvalidArgument},
		{"Key, nil constructor", func() ([]byte, error) { return hkdf.Key[hash.Hash](nil, secret, salt, "info", 32) }, backends.ErrInvalidArgument},
		{"Key, CRC-32", func() ([]byte, error) {
			return hkdf.Key(func() hash.Hash { return crc32.NewIEEE() }, secret, salt, "info", 32)
		}, backends.ErrUnsupportedAlgorithm},
	} {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			key, err := c.derive()
			runtime.ReadMemStats(&after)
			assert.ErrorIs(t, err, c.want)
			assert.Nil(t, key)
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20), "bytes allocated by a refused derivation")
		})
	}
}
