package gocrypto_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// TestAllocations: the fast paths allocate nothing once dst has room (the
// one-shot digest, and Update, Sum and Reset of a context).
func TestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are checked by the run without -race")
	}
	b := gocrypto.NewBackend()
	msg := make([]byte, 300)
	dst := make([]byte, 0, 64)
	for _, alg := range []hashes.Algorithm{hashes.SHA256{}, hashes.SHA512{}, hashes.SHA3_256{}} {
		if !b.HashSupported(alg) {
			continue
		}
		t.Run(alg.Name(), func(t *testing.T) {
			assert.Zero(t, testing.AllocsPerRun(100, func() {
				_, _ = b.Digest(alg, msg, dst)
			}), "Digest")
			ctx, err := b.CreateHashCtx(alg)
			require.NoError(t, err)
			s, r := ctx.(backends.Summer), ctx.(backends.Resetter)
			assert.Zero(t, testing.AllocsPerRun(100, func() {
				_ = r.Reset()
				_ = ctx.Update(msg)
				_, _ = s.Sum(dst)
			}), "Reset, Update, Sum")
		})
	}
	key := make([]byte, 32)
	ctx, err := b.CreateHMACCtx(key, hashes.SHA256{})
	require.NoError(t, err)
	s, r := ctx.(backends.Summer), ctx.(backends.Resetter)
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		_ = r.Reset()
		_ = ctx.Update(msg)
		_, _ = s.Sum(dst)
	}), "HMAC Reset, Update, Sum")
}
