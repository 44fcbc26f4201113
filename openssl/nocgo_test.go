//go:build !cgo

package openssl_test

import (
	"encoding/hex"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

type sha256Alg struct{}

func (sha256Alg) Name() string    { return "sha256" }
func (sha256Alg) DigestSize() int { return 32 }
func (sha256Alg) BlockSize() int  { return 64 }

// TestNoCgoPackage checks the package-level answers of the build without
// cgo: it says that OpenSSL is not there, and why.
func TestNoCgoPackage(t *testing.T) {
	err := openssl.Init()
	require.Error(t, err)
	assert.ErrorIs(t, err, openssl.ErrNoCgo)
	for _, word := range []string{"openssl: ", "CGO_ENABLED=0", "CGO_ENABLED=1", "libssl-dev", "gocrypto"} {
		assert.Contains(t, err.Error(), word)
	}
	assert.ErrorIs(t, openssl.SetFIPS(true), openssl.ErrNoCgo)
	assert.ErrorIs(t, openssl.SetFIPS(false), openssl.ErrNoCgo)
	assert.Contains(t, openssl.Version(), "without cgo")
	major, minor, patch := openssl.VersionNumber()
	assert.Equal(t, [3]int{0, 0, 0}, [3]int{major, minor, patch})
	assert.False(t, openssl.FIPS())
	assert.False(t, openssl.FIPSCapable())
	assert.Empty(t, openssl.Providers())
	assert.Empty(t, openssl.FIPSProviderVersion())
	_, _, err = openssl.NewHashCtxBeside[int](sha256Alg{})
	assert.ErrorIs(t, err, openssl.ErrNoCgo)
	assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
	_, _, err = openssl.NewHMACCtxBeside[int]([]byte("key"), sha256Alg{})
	assert.ErrorIs(t, err, openssl.ErrNoCgo)
	assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
}

// TestNoCgoBackendRefuses checks that every method of every Backend value
// (the default, a new one, the zero value, nil) refuses: Supported
// answers false, the others return an *backends.UnsupportedAlgorithmError
// (or, for random bytes, an error) wrapping ErrNoCgo, and nothing is
// written to the caller's buffers.
func TestNoCgoBackendRefuses(t *testing.T) {
	aes, err := algorithms.NewAES(make([]byte, 16))
	require.NoError(t, err)
	cbc, err := modes.NewCBC(make([]byte, 16))
	require.NoError(t, err)
	gcm, err := modes.NewGCM(make([]byte, 12), nil)
	require.NoError(t, err)
	hkdf := kdfalg.HKDF{Hash: sha256Alg{}}
	var poly macalg.Poly1305

	for _, tc := range []struct {
		name string
		b    *openssl.Backend
	}{
		{"DefaultBackend", openssl.DefaultBackend()},
		{"NewBackend", openssl.NewBackend()},
		{"zero", &openssl.Backend{}},
		{"nil", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.b
			assert.False(t, b.HashSupported(sha256Alg{}))
			assert.False(t, b.HMACSupported(sha256Alg{}))
			assert.False(t, b.CipherSupported(aes, cbc))
			assert.False(t, b.AEADSupported(aes, gcm))
			assert.False(t, b.RandomNonceAEADSupported(aes, gcm))
			assert.False(t, b.MACSupported(poly))
			assert.False(t, b.KeyWrapSupported(backends.KW, 16))
			assert.False(t, b.KDFSupported(hkdf))

			dst := []byte("untouched")
			errs := map[string]error{}
			_, errs["CreateHashCtx"] = b.CreateHashCtx(sha256Alg{})
			_, errs["CreateHMACCtx"] = b.CreateHMACCtx(make([]byte, 16), sha256Alg{})
			_, errs["CreateSymmetricEncryptionCtx"] = b.CreateSymmetricEncryptionCtx(aes, cbc)
			_, errs["CreateSymmetricDecryptionCtx"] = b.CreateSymmetricDecryptionCtx(aes, cbc)
			_, errs["CreateAEADCtx"] = b.CreateAEADCtx(aes, gcm, 16)
			_, errs["CreateRandomNonceAEADCtx"] = b.CreateRandomNonceAEADCtx(aes, gcm, 16)
			_, errs["CreateMACCtx"] = b.CreateMACCtx(poly, make([]byte, 32))
			_, errs["WrapKey"] = b.WrapKey(backends.KW, make([]byte, 16), make([]byte, 16))
			_, errs["UnwrapKey"] = b.UnwrapKey(backends.KW, make([]byte, 16), make([]byte, 24))
			var out []byte
			out, errs["Digest"] = b.Digest(sha256Alg{}, []byte("abc"), dst)
			assert.Equal(t, "untouched", string(out))
			out, errs["MAC"] = b.MAC(make([]byte, 16), sha256Alg{}, []byte("abc"), dst)
			assert.Equal(t, "untouched", string(out))
			out, errs["ComputeMAC"] = b.ComputeMAC(poly, make([]byte, 32), []byte("abc"), dst)
			assert.Equal(t, "untouched", string(out))
			key := make([]byte, 32)
			errs["DeriveKey"] = b.DeriveKey(hkdf, []byte("secret"), key)
			assert.Equal(t, hex.EncodeToString(make([]byte, 32)), hex.EncodeToString(key), "DeriveKey wrote to out")
			for name, err := range errs {
				var ue *backends.UnsupportedAlgorithmError
				assert.ErrorAs(t, err, &ue, name)
				assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, name)
				assert.ErrorIs(t, err, openssl.ErrNoCgo, name)
			}

			p := make([]byte, 8)
			assert.ErrorIs(t, b.RandBytes(p, false), openssl.ErrNoCgo)
			n, err := b.RandReader(true).Read(p)
			assert.Zero(t, n)
			assert.ErrorIs(t, err, openssl.ErrNoCgo)
			assert.False(t, errors.Is(err, io.EOF))
			assert.Equal(t, make([]byte, 8), p, "nothing written")
			assert.ErrorIs(t, b.RegisterCipherAdapter(nil, nil, nil), openssl.ErrNoCgo)
		})
	}
}
