//go:build cgo

package openssl_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
)

// anyKeyMAC is a caller's MAC descriptor whose Params takes any key, as
// a careless one may.
type anyKeyMAC struct{ p backends.MACParams }

func (m anyKeyMAC) Name() string                              { return "custom-" + m.p.MAC }
func (m anyKeyMAC) Size() int                                 { return 16 }
func (m anyKeyMAC) KeySizes() []int                           { return []int{32} }
func (m anyKeyMAC) Params([]byte) (backends.MACParams, error) { return m.p, nil }

// TestMACEmptyKey: EVP_MAC_init takes a NULL key to mean "keep the key
// already set", and a fresh Poly1305 context then runs with none: OpenSSL
// 3.0 crashed on the first update. An empty key, which no MAC takes, must
// be refused with an error wrapping ErrInvalidKeySize before any C code.
func TestMACEmptyKey(t *testing.T) {
	b := openssl.NewBackend()
	for _, p := range []backends.MACParams{
		{MAC: "POLY1305"},
		{MAC: "GMAC", Cipher: "aes-128-gcm", IV: make([]byte, 12)},
		{MAC: "CMAC", Cipher: "aes-128-cbc"},
		{MAC: "KMAC-128", Size: 16},
	} {
		t.Run(p.MAC, func(t *testing.T) {
			alg := anyKeyMAC{p}
			for _, key := range [][]byte{nil, {}} {
				out, err := b.ComputeMAC(alg, key, []byte("abc"), []byte("dst"))
				assert.ErrorIs(t, err, backends.ErrInvalidKeySize, "ComputeMAC")
				assert.Equal(t, "dst", string(out))
				ctx, err := b.CreateMACCtx(alg, key)
				assert.ErrorIs(t, err, backends.ErrInvalidKeySize, "CreateMACCtx")
				if ctx != nil {
					_ = ctx.Update([]byte("abc"))
					_, _ = ctx.Finalize()
				}
			}
		})
	}
}
