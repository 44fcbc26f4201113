package vectors

import (
	"crypto/sha3"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hugeSHAKEMonte is a 165-byte SHAKE128Monte.rsp whose output-length
// bounds ask for 1 GiB per iteration, 100,000 iterations.
const hugeSHAKEMonte = "[Minimum Output Length (bits) = 8589934592]\n" +
	"[Maximum Output Length (bits) = 8589934592]\n\n" +
	"Msg = c8b310cb97efa3855434998fa81c7674\n\nCOUNT = 0\nOutputlen = 8\nOutput = fe\n"

// TestMonteOutputLimit: a SHAKE Monte Carlo file may not ask for output
// lengths beyond MaxMonteOutputBits; the loader refuses it with
// ErrTooLarge, and MonteSHAKE refuses to run such bounds.
func TestMonteOutputLimit(t *testing.T) {
	require.Len(t, hugeSHAKEMonte, 165)
	for _, tc := range []struct {
		name    string
		lo, hi  int
		refused bool
	}{
		{"1 GiB", 8589934592, 8589934592, true},
		{"maximum too large", 128, MaxMonteOutputBits + 8, true},
		{"minimum too large", MaxMonteOutputBits + 8, MaxMonteOutputBits + 8, true},
		{"at the limit", 128, MaxMonteOutputBits, false},
		{"CAVP SHAKE256", 16, 2000, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			content := fmt.Sprintf("[Minimum Output Length (bits) = %d]\n[Maximum Output Length (bits) = %d]\n\n"+
				"Msg = c8b310cb97efa3855434998fa81c7674\n\nCOUNT = 0\nOutputlen = 8\nOutput = fe\n", tc.lo, tc.hi)
			m, err := LoadHashMonte(writeFile(t, "SHAKE128Monte.rsp", content))
			if !tc.refused {
				require.NoError(t, err)
				assert.Equal(t, tc.hi/8, m.MaxOutLen)
				return
			}
			require.ErrorIs(t, err, ErrTooLarge)
			assert.Contains(t, err.Error(), "SHAKE128Monte.rsp")
			assert.Contains(t, err.Error(), fmt.Sprint(MaxMonteOutputBits))
			assert.Nil(t, m)
		})
	}
	_, err := LoadHashMonte(writeFile(t, "SHAKE128Monte.rsp", hugeSHAKEMonte))
	assert.ErrorIs(t, err, ErrTooLarge)

	calls := 0
	out := MonteSHAKE(&HashMonte{Seed: []byte{1}, MinOutLen: 1 << 30, MaxOutLen: 1 << 30},
		func(msg []byte, n int) []byte { calls++; return sha3.SumSHAKE128(msg, 1) })
	assert.Nil(t, out)
	assert.Zero(t, calls, "MonteSHAKE ran bounds beyond the limit")
}
