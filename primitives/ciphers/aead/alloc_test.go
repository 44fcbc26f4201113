package aead_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
)

func TestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are checked without -race (scripts/test.sh runs that pass too)")
	}
	msg, out := make([]byte, 64), make([]byte, 0, 128)
	if a, err := aead.NewAESGCM(make([]byte, 16)); !gcmRefused(t, err) {
		nonce := make([]byte, 12)
		ct := a.Seal(nil, nonce, msg, nil)
		assert.Zero(t, testing.AllocsPerRun(100, func() { out = a.Seal(out[:0], nonce, msg, nil) }), "Seal")
		assert.Zero(t, testing.AllocsPerRun(100, func() { out, _ = a.Open(out[:0], nonce, ct, nil) }), "Open")
	}

	r, err := aead.NewAESGCMWithRandomNonce(make([]byte, 16))
	require.NoError(t, err)
	sealed := r.Seal(nil, nil, msg, nil)
	assert.Zero(t, testing.AllocsPerRun(100, func() { out = r.Seal(out[:0], nil, msg, nil) }), "AESGCMRandomNonce.Seal")
	assert.Zero(t, testing.AllocsPerRun(100, func() { out, _ = r.Open(out[:0], nil, sealed, nil) }), "AESGCMRandomNonce.Open")
}
