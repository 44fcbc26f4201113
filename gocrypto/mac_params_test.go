package gocrypto_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
)

// paramsMAC is a caller's MAC descriptor whose Params returns whatever it
// was given, checked by nothing.
type paramsMAC struct{ p backends.MACParams }

func (m paramsMAC) Name() string                              { return "custom-" + m.p.MAC }
func (m paramsMAC) Size() int                                 { return 16 }
func (m paramsMAC) KeySizes() []int                           { return []int{16, 32} }
func (m paramsMAC) Params([]byte) (backends.MACParams, error) { return m.p, nil }

// TestConformanceMACParams: a MAC descriptor says which MAC to compute
// through its parameters, and the backend computes that MAC or refuses:
// it never pads or cuts a key to fit (a Poly1305 key is 32 bytes), nor
// computes another cipher's GMAC than the one named (AES-256's with a
// 16-byte key, AES's for ARIA).
func TestConformanceMACParams(t *testing.T) {
	b := gocrypto.NewBackend()
	iv := testKey(12)
	for _, c := range []struct {
		p      backends.MACParams
		keyLen int
		want   error // nil: computed
	}{
		{backends.MACParams{MAC: "POLY1305"}, 32, nil},
		{backends.MACParams{MAC: "POLY1305"}, 0, backends.ErrInvalidKeySize},
		{backends.MACParams{MAC: "POLY1305"}, 16, backends.ErrInvalidKeySize},
		{backends.MACParams{MAC: "POLY1305"}, 31, backends.ErrInvalidKeySize},
		{backends.MACParams{MAC: "POLY1305"}, 33, backends.ErrInvalidKeySize},
		{backends.MACParams{MAC: "GMAC", Cipher: "aes-128-gcm", IV: iv}, 16, nil},
		{backends.MACParams{MAC: "GMAC", Cipher: "AES-256-GCM", IV: iv}, 32, nil},
		{backends.MACParams{MAC: "GMAC", Cipher: "aes-256-gcm", IV: iv}, 16, backends.ErrInvalidKeySize},
		{backends.MACParams{MAC: "GMAC", Cipher: "aes-128-gcm", IV: iv}, 32, backends.ErrInvalidKeySize},
		{backends.MACParams{MAC: "GMAC", Cipher: "aria-128-gcm", IV: iv}, 16, backends.ErrUnsupportedAlgorithm},
		{backends.MACParams{MAC: "GMAC", Cipher: "aes-128-cbc", IV: iv}, 16, backends.ErrUnsupportedAlgorithm},
		{backends.MACParams{MAC: "GMAC", IV: iv}, 16, backends.ErrUnsupportedAlgorithm},
	} {
		t.Run(fmt.Sprintf("%s/%s/%d", c.p.MAC, c.p.Cipher, c.keyLen), func(t *testing.T) {
			alg := paramsMAC{c.p}
			key := testKey(c.keyLen)
			_, refusal := b.ComputeMAC(alg, testKey(32), []byte("abc"), nil)
			if c.p.MAC == "POLY1305" && gocrypto.FIPS() || c.p.MAC == "GMAC" && gocrypto.Enforced() {
				require.ErrorIs(t, refusal, backends.ErrUnsupportedAlgorithm)
				assert.ErrorContains(t, refusal, "FIPS")
				return
			}
			dst := []byte("dst")
			out, err := b.ComputeMAC(alg, key, []byte("abc"), dst)
			ctx, cerr := b.CreateMACCtx(alg, key)
			if c.want == nil {
				require.NoError(t, err)
				require.NoError(t, cerr)
				assert.Len(t, out, len(dst)+16)
				return
			}
			assert.ErrorIs(t, err, c.want)
			assert.Equal(t, "dst", string(out), "dst unchanged")
			assert.ErrorIs(t, cerr, c.want)
			assert.Nil(t, ctx)
		})
	}
}
