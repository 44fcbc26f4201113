//go:build cgo

package openssl_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

func newRandomNonceGCM(t *testing.T, key []byte) backends.RandomNonceAEADContext {
	t.Helper()
	alg, err := algorithms.NewAES(key)
	require.NoError(t, err)
	a, err := openssl.NewBackend().CreateRandomNonceAEADCtx(alg, (*modes.GCM)(nil), 16)
	require.NoError(t, err)
	return a
}

// TestRandomNonceIVFromProvider checks that the IV of a seal is the
// provider's: the provider's "iv-generated" indicator says so after every
// seal where the provider has one (the FIPS provider 3.5 of the FIPS run
// has it, OpenSSL 3.0's default provider not), and never says otherwise;
// with FIPS mode on, the seal runs in the FIPS provider. The Go code never
// writes the IV: it is read back from the provider's context after the
// seal, in the same C call.
func TestRandomNonceIVFromProvider(t *testing.T) {
	t.Logf("%s, FIPS mode %v", openssl.Version(), openssl.FIPS())
	a := newRandomNonceGCM(t, make([]byte, 32))
	_, ivgen, err := openssl.SealIVGen(a, []byte("abc"))
	require.NoError(t, err)
	t.Logf("iv-generated indicator: %d (-1: the provider has none)", ivgen)
	assert.NotEqual(t, 0, ivgen, "the provider says it did not generate the IV")
	if openssl.FIPS() {
		assert.Equal(t, "fips", openssl.ImplProvider(a))
		assert.Equal(t, 1, ivgen, "the FIPS provider does not say it generated the IV")
	}
	for range 64 {
		_, g, err := openssl.SealIVGen(a, nil)
		require.NoError(t, err)
		assert.Equal(t, ivgen, g, "the indicator changed from one seal to the next")
	}
}

// TestRandomNonceMessageLimit checks that a key seals at most 2^32
// messages with random IVs (NIST SP 800-38D 8.3) and that a refused seal
// writes nothing, while Open goes on working.
func TestRandomNonceMessageLimit(t *testing.T) {
	a := newRandomNonceGCM(t, make([]byte, 16))
	sealed, err := a.Seal(nil, []byte("before the limit"), nil)
	require.NoError(t, err)
	openssl.SetSealCount(a, 1<<32-1)
	last, err := a.Seal(nil, []byte("the last one"), nil)
	require.NoError(t, err, "the 2^32nd seal")
	for i := range 3 {
		buf := []byte("dst")
		out, err := a.Seal(buf, []byte("one too many"), nil)
		require.ErrorIs(t, err, backends.ErrMessageLimit, "seal %d past the limit", i)
		assert.ErrorContains(t, err, "2^32")
		assert.Equal(t, "dst", string(out))
	}
	for _, s := range [][]byte{sealed, last} {
		_, err := a.Open(nil, s, nil)
		assert.NoError(t, err, "Open past the limit")
	}
}
