package ciphers_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

func TestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are checked without -race (scripts/test.sh runs that pass too)")
	}
	alg, err := algorithms.NewAES(make([]byte, 32))
	require.NoError(t, err)
	cbc, err := modes.NewCBC(make([]byte, 16))
	require.NoError(t, err)
	c, err := ciphers.NewCipher(alg, cbc)
	require.NoError(t, err)
	e, err := c.Encryptor()
	require.NoError(t, err)
	buf := make([]byte, 1024)
	assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = e.UpdateInto(buf, buf) }), "CBC UpdateInto in place")

	ctr, err := modes.NewCTR(make([]byte, 16))
	require.NoError(t, err)
	s, err := ciphers.NewStreamEncrypter(alg, ctr)
	require.NoError(t, err)
	assert.Zero(t, testing.AllocsPerRun(100, func() { s.XORKeyStream(buf, buf) }), "CTR XORKeyStream")

	b, err := ciphers.NewBlock(alg)
	require.NoError(t, err)
	assert.Zero(t, testing.AllocsPerRun(100, func() { b.Encrypt(buf[:16], buf[:16]) }), "Block.Encrypt")
}
