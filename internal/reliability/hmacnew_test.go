package reliability_test

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/internal/cmem"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

// TestNewHMACsCMemory makes 100,000 HMACs with keys of their own and
// short messages, as a server checking request signatures does, and
// abandons them: MACed at Sum on a C context of the thread's, or, once
// Reset, on a context of their own that a cleanup frees. The C memory in
// use comes back to where it was.
func TestNewHMACsCMemory(t *testing.T) {
	if cmem.InUse() < 0 {
		t.Skip("cmem.InUse returns -1: the C library cannot report memory in use")
	}
	msg := []byte("GET /v1/objects/42 date=2026-11-30T05:00:00Z")
	for _, reset := range []bool{false, true} {
		t.Run(fmt.Sprintf("reset=%v", reset), func(t *testing.T) {
			run := func(n int) {
				for i := range n {
					key := []byte(fmt.Sprintf("key number %08d of a client", i))
					m, err := hmac.New(key, hashes.SHA256{})
					require.NoError(t, err)
					if reset {
						m.Reset()
					}
					m.Write(msg)
					require.Len(t, m.Sum(nil), 32)
					if i%10_000 == 9_999 {
						runtime.GC()
					}
				}
			}
			run(2_000) // warm up: fetch caches, the thread's contexts
			before := settle()
			run(100_000)
			after := settle()
			t.Logf("C memory in use: before %d, after %d", before, after)
			assert.Less(t, after-before, int64(leakBound), "C memory grew by %d bytes", after-before)
		})
	}
}
