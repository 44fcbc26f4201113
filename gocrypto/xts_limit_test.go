package gocrypto_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// TestXTSDataUnitLimit: IEEE 1619-2018 (5.1) and NIST SP 800-38E allow at
// most 2^20 blocks in one XTS data unit, and OpenSSL refuses more. So must
// this backend, with an error wrapping ErrInvalidDataLength and nothing
// written; a unit of exactly 2^20 blocks runs.
func TestXTSDataUnitLimit(t *testing.T) {
	if gocrypto.FIPS() {
		t.Skip("XTS is refused in FIPS mode (TestConformanceCipherRefusals)")
	}
	const limit = 1 << 20 * 16
	b := gocrypto.NewBackend()
	alg := mustDesc(algorithms.NewAES(testKey(32)))
	mode := mustDesc(modes.NewXTS(make([]byte, 16)))
	for _, enc := range []bool{true, false} {
		create := b.CreateSymmetricDecryptionCtx
		if enc {
			create = b.CreateSymmetricEncryptionCtx
		}
		ctx, err := create(alg, mode)
		require.NoError(t, err)
		out, err := ctx.Update(make([]byte, limit))
		require.NoError(t, err, "2^20 blocks")
		assert.Len(t, out, limit)

		ctx, err = create(alg, mode)
		require.NoError(t, err)
		in := make([]byte, limit+16)
		buf := bytes.Repeat([]byte{0xa5}, len(in))
		n, err := ctx.UpdateInto(in, buf)
		assert.ErrorIs(t, err, backends.ErrInvalidDataLength, "2^20 + 1 blocks, encrypt %v", enc)
		assert.Zero(t, n)
		assert.True(t, bytes.Equal(buf, bytes.Repeat([]byte{0xa5}, len(in))), "nothing written")
		out, err = ctx.Update(in)
		assert.ErrorIs(t, err, backends.ErrInvalidDataLength)
		assert.Empty(t, out)
	}
}
