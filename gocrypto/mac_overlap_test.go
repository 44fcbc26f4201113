package gocrypto_test

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// TestConformanceMACOverlap: ComputeMAC appends to dst, whose spare
// capacity may be the very memory of data (a caller reusing one buffer).
// Go's GCM panics when its output overlaps the additional data, which is
// where GMAC puts the message; the backend must compute the MAC all the
// same, equal to the one of a separate buffer, and never panic.
func TestConformanceMACOverlap(t *testing.T) {
	b := gocrypto.NewBackend()
	gmac, err := macalg.NewGMAC(testKey(12))
	require.NoError(t, err)
	for _, c := range []struct {
		alg backends.MACAlgorithm
		key []byte
	}{
		{gmac, testKey(16)},
		{macalg.Poly1305{}, testKey(32)},
	} {
		t.Run(c.alg.Name(), func(t *testing.T) {
			if !b.MACSupported(c.alg) {
				_, err := b.ComputeMAC(c.alg, c.key, []byte("abc"), nil)
				require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "MACSupported is false")
				assert.ErrorContains(t, err, "FIPS")
				return
			}
			msg := bytes.Repeat([]byte("hazmat"), 8)
			want, err := b.ComputeMAC(c.alg, c.key, msg, nil)
			require.NoError(t, err)
			for _, off := range []int{0, 1, 16, 40} {
				buf := make([]byte, 128)
				copy(buf[off:], msg)
				data := buf[off : off+len(msg)]
				var got []byte
				require.NotPanics(t, func() {
					got, err = b.ComputeMAC(c.alg, c.key, data, buf[:0])
				}, "dst's spare capacity overlaps data at offset %d", off)
				require.NoError(t, err)
				assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got), "offset %d", off)
			}
		})
	}
}
