//go:build cgo

package openssl_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
)

// namedHash is a digest descriptor with any name.
type namedHash string

func (h namedHash) Name() string    { return string(h) }
func (h namedHash) DigestSize() int { return 32 }
func (h namedHash) BlockSize() int  { return 64 }

// TestInventedNamesDoNotFillTheCache asks for three times as many digests
// no provider has as the fetch cache keeps failures of, from several
// goroutines: every one is refused as unsupported, asked twice it is
// refused again the same way, and the cache holds no more failures than
// its bound, as its counter says.
func TestInventedNamesDoNotFillTheCache(t *testing.T) {
	b := openssl.NewBackend()
	const workers = 4
	n := 3 * openssl.MaxFailedFetchEntries
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				alg := namedHash(fmt.Sprintf("no-such-digest-%d", i))
				for range 2 {
					if b.HashSupported(alg) {
						errs <- fmt.Errorf("%s supported", alg)
						return
					}
					_, err := b.CreateHashCtx(alg)
					var ue *backends.UnsupportedAlgorithmError
					if !errors.As(err, &ue) {
						errs <- fmt.Errorf("%s: %v, want an *UnsupportedAlgorithmError", alg, err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	counted, inCache := openssl.FailedFetchEntries()
	assert.LessOrEqual(t, inCache, openssl.MaxFailedFetchEntries, "failed fetches kept")
	assert.Equal(t, int64(inCache), counted, "the counter and the cache disagree")

	// A digest that exists is still fetched and kept.
	h, err := b.CreateHashCtx(namedHash("sha256"))
	require.NoError(t, err)
	require.NoError(t, h.Update([]byte("abc")))
	sum, err := h.Finalize()
	require.NoError(t, err)
	assert.Equal(t, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", fmt.Sprintf("%x", sum))
}

// inventedCMAC is a CMAC descriptor whose cipher name is the caller's.
type inventedCMAC string

func (c inventedCMAC) Name() string  { return "CMAC-" + string(c) }
func (inventedCMAC) Size() int       { return 16 }
func (inventedCMAC) KeySizes() []int { return []int{16} }
func (c inventedCMAC) Params(key []byte) (backends.MACParams, error) {
	return backends.MACParams{MAC: "CMAC", Cipher: string(c)}, nil
}

// TestInventedMACParametersDoNotFillTheCaches asks for CMAC with three
// times as many invented cipher names as the MACs keep C names and trial
// outcomes of: each is refused as unsupported, twice, and the caches stay
// within their bound; CMAC with AES still works.
func TestInventedMACParametersDoNotFillTheCaches(t *testing.T) {
	b := openssl.NewBackend()
	key := make([]byte, 16)
	for i := range 3 * openssl.MaxCachedMACNames {
		alg := inventedCMAC(fmt.Sprintf("no-such-cipher-%d-cbc", i))
		for range 2 {
			require.False(t, b.MACSupported(alg), "%s", alg.Name())
			_, err := b.CreateMACCtx(alg, key)
			var ue *backends.UnsupportedAlgorithmError
			require.ErrorAs(t, err, &ue, "%s", alg.Name())
		}
	}
	names, probes := openssl.MACCacheSizes()
	assert.LessOrEqual(t, names, openssl.MaxCachedMACNames, "C cipher names kept")
	assert.LessOrEqual(t, probes, openssl.MaxCachedMACNames, "trial outcomes kept")

	m, err := b.CreateMACCtx(inventedCMAC("aes-128-cbc"), key)
	require.NoError(t, err)
	require.NoError(t, m.Update([]byte("abc")))
	tag, err := m.Finalize()
	require.NoError(t, err)
	assert.Len(t, tag, 16)
}
