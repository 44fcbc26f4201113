package hashes_test

import (
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// pastPattern returns size bytes, none of them zero.
func pastPattern(size int) []byte {
	b := make([]byte, size)
	for i := range b {
		b[i] = 0xA5 ^ byte(i&0x7f)
	}
	return b
}

// TestNothingPastOutput checks, on both backends, that AppendSum and Sum
// append only the digest and that Read of SHAKE output writes only len(p)
// bytes, into windows on a larger patterned buffer whose capacity ends at
// the output or goes on past it: for Read, at every length to 64 bytes and
// some longer ones, in reads that cross the doubling of Read's own buffer.
func TestNothingPastOutput(t *testing.T) {
	const prefix, slack = 3, 40
	window := func(n int, exact bool) (buf, dst []byte) {
		buf = pastPattern(prefix + n + slack)
		end := len(buf)
		if exact {
			end = prefix + n
		}
		return buf, buf[:prefix:end]
	}
	past := func(t *testing.T, buf []byte, n int, what string) {
		t.Helper()
		want := pastPattern(len(buf))
		assert.Equal(t, hex.EncodeToString(want[:prefix]), hex.EncodeToString(buf[:prefix]), "%s: bytes before the output changed", what)
		assert.Equal(t, hex.EncodeToString(want[prefix+n:]), hex.EncodeToString(buf[prefix+n:]), "%s: bytes past the output changed", what)
	}
	msg := pastPattern(200)
	for _, b := range []struct {
		name string
		b    backends.HashBackend
	}{{"default", defaultbackend.Get()}, {"gocrypto", gocrypto.NewBackend()}} {
		t.Run(b.name, func(t *testing.T) {
			for _, alg := range []hashes.Algorithm{hashes.SHA256{}, hashes.SHA512{}, hashes.SHA3_256{}, hashes.SHAKE128{Size: 32}, hashes.SHAKE256{Size: 100}} {
				if !b.b.HashSupported(alg) {
					t.Logf("%s is not served", alg.Name())
					continue
				}
				size := alg.DigestSize()
				h, err := hashes.NewWithBackend(alg, b.b)
				require.NoError(t, err)
				_, err = h.Write(msg)
				require.NoError(t, err)
				for _, exact := range []bool{true, false} {
					what := fmt.Sprintf("%s, capacity ending at the output %v", alg.Name(), exact)
					buf, dst := window(size, exact)
					got, err := hashes.AppendSumWithBackend(dst, alg, msg, b.b)
					require.NoError(t, err, what)
					require.Len(t, got, prefix+size, what)
					past(t, buf, size, "AppendSum, "+what)

					buf, dst = window(size, exact)
					sum := h.Sum(dst)
					assert.Equal(t, hex.EncodeToString(got[prefix:]), hex.EncodeToString(sum[prefix:]), what)
					past(t, buf, size, "Sum, "+what)
				}
				if _, xof := alg.(backends.ExtendableOutputAlgorithm); !xof {
					continue
				}
				for _, exact := range []bool{true, false} {
					// One stream read in pieces of every length to 64 and
					// longer ones equals one long read.
					var lens []int
					total := 0
					for n := 0; n <= 64; n++ {
						lens = append(lens, n)
						total += n
					}
					lens = append(lens, 127, 128, 129, 1025)
					total += 127 + 128 + 129 + 1025
					whole, err := hashes.NewWithBackend(alg, b.b)
					require.NoError(t, err)
					_, err = whole.Write(msg)
					require.NoError(t, err)
					want := make([]byte, total)
					_, err = whole.Read(want)
					require.NoError(t, err)

					r, err := hashes.NewWithBackend(alg, b.b)
					require.NoError(t, err)
					_, err = r.Write(msg)
					require.NoError(t, err)
					off := 0
					for _, n := range lens {
						what := fmt.Sprintf("%s Read of %d bytes at %d, capacity ending at the output %v", alg.Name(), n, off, exact)
						buf, dst := window(n, exact)
						p := buf[prefix : prefix+n : cap(dst)]
						got, err := r.Read(p)
						require.NoError(t, err, what)
						require.Equal(t, n, got, what)
						assert.Equal(t, hex.EncodeToString(want[off:off+n]), hex.EncodeToString(p), what)
						past(t, buf, n, what)
						off += n
					}
				}
			}
		})
	}
}
