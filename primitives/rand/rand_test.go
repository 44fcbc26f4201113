package rand_test

import (
	"bytes"
	stdrand "crypto/rand"
	"fmt"
	"io"
	"math/big"
	"os"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/rand"
)

func TestMain(m *testing.M) {
	fmt.Fprintln(os.Stderr, defaultbackend.Describe())
	os.Exit(m.Run())
}

// TestRead fills buffers of many sizes, across the 1 MiB chunk boundary of
// the backend, from both readers; two reads differ and the bytes look
// random (no 64-byte window of zeros, byte counts near uniform).
func TestRead(t *testing.T) {
	for _, r := range []struct {
		name string
		read func([]byte) (int, error)
	}{{"public", rand.Read}, {"private", rand.ReadPrivate}, {"Reader", rand.Reader.Read}, {"PrivateReader", rand.PrivateReader.Read}} {
		for _, n := range []int{0, 1, 16, 32, 4096, 1<<20 - 1, 1 << 20, 1<<20 + 1, 3<<20 + 5} {
			t.Run(fmt.Sprintf("%s/%d", r.name, n), func(t *testing.T) {
				a, b := make([]byte, n), make([]byte, n)
				got, err := r.read(a)
				require.NoError(t, err)
				assert.Equal(t, n, got)
				_, err = r.read(b)
				require.NoError(t, err)
				if n >= 16 {
					assert.NotEqual(t, a, b, "two reads gave the same bytes")
				}
				if n >= 64 {
					assert.False(t, bytes.Contains(a, make([]byte, 64)), "64 zero bytes in a row")
				}
				if n >= 1<<20 {
					var counts [256]int
					for _, c := range a {
						counts[c]++
					}
					exp := n / 256
					for v, c := range counts {
						assert.InDelta(t, exp, c, float64(exp)/10, "byte %d", v)
					}
				}
			})
		}
	}
}

// TestStandsForCryptoRand: Reader works where Go takes crypto/rand.Reader.
func TestStandsForCryptoRand(t *testing.T) {
	max := new(big.Int).Lsh(big.NewInt(1), 200)
	v, err := stdrand.Int(rand.Reader, max)
	require.NoError(t, err)
	assert.Equal(t, -1, v.Cmp(max))
	buf := make([]byte, 100)
	n, err := io.ReadFull(rand.PrivateReader, buf)
	require.NoError(t, err)
	assert.Equal(t, 100, n)
}

// TestConcurrent reads from many goroutines at once (run with -race): no
// error, and no two goroutines get the same bytes.
func TestConcurrent(t *testing.T) {
	const g = 16
	out := make([][]byte, g)
	var wg sync.WaitGroup
	errs := make([]error, g)
	for i := range g {
		wg.Go(func() {
			buf := make([]byte, 32)
			for range 500 {
				r := rand.Reader
				if i%2 == 1 {
					r = rand.PrivateReader
				}
				if _, err := r.Read(buf); err != nil {
					errs[i] = err
					return
				}
			}
			out[i] = buf
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for i := range g {
		require.NoError(t, errs[i])
		assert.False(t, seen[string(out[i])], "goroutine %d repeated bytes", i)
		seen[string(out[i])] = true
	}
}
