//go:build cgo

package cmac_test

import (
	"encoding/hex"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/cmac"
	"github.com/go-hazmat/hazmat/primitives/mac"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// RFC 4493, section 4: the four examples with the key
// 2b7e1516 28aed2a6 abf71588 09cf4f3c, on the OpenSSL backend always, and
// through cmac's functions when the default backend serves CMAC; when it
// does not (the Go backend: Go's crypto has no CMAC), they must refuse
// with the unsupported-algorithm error.
func TestRFC4493(t *testing.T) {
	alg := macalg.CMAC{Cipher: macalg.AES}
	supported := mac.Supported(alg)
	key, _ := hex.DecodeString("2b7e151628aed2a6abf7158809cf4f3c")
	full, _ := hex.DecodeString("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710")
	for _, c := range []struct {
		n    int
		want string
	}{
		{0, "bb1d6929e95937287fa37d129b756746"},
		{16, "070a16b46b4d4144f79bdd9dd04a287c"},
		{40, "dfa66747de9ae63030ca32611497c827"},
		{64, "51f0bebf7e3b9d92fc49741779363cfe"},
	} {
		t.Run(fmt.Sprint(c.n), func(t *testing.T) {
			got, err := mac.SumWithBackend(alg, key, full[:c.n], openssl.DefaultBackend())
			require.NoError(t, err, "the OpenSSL backend")
			assert.Equal(t, c.want, hex.EncodeToString(got), "the OpenSSL backend")

			got, err = cmac.Sum(key, full[:c.n])
			if !supported {
				var ue *backends.UnsupportedAlgorithmError
				require.ErrorAs(t, err, &ue, "cmac.Sum on the %s backend, which does not serve CMAC", defaultbackend.Name())
				assert.Nil(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, hex.EncodeToString(got))
			m, err := cmac.New(key)
			require.NoError(t, err)
			_, _ = m.Write(full[:c.n])
			assert.Equal(t, c.want, hex.EncodeToString(m.Sum(nil)))
			want, _ := hex.DecodeString(c.want)
			assert.NoError(t, cmac.Verify(key, full[:c.n], want))
			want[15] ^= 1
			assert.ErrorIs(t, cmac.Verify(key, full[:c.n], want), backends.ErrInvalidSignature)
		})
	}
}

func TestBadKeys(t *testing.T) {
	_, err := cmac.New(make([]byte, 17))
	assert.ErrorIs(t, err, backends.ErrInvalidKeySize)
	_, err = cmac.NewTripleDES(make([]byte, 8))
	assert.ErrorIs(t, err, backends.ErrInvalidKeySize)
}

func ExampleSum() {
	key, _ := hex.DecodeString("2b7e151628aed2a6abf7158809cf4f3c")
	tag, err := cmac.Sum(key, nil)
	if errors.Is(err, backends.ErrUnsupportedAlgorithm) {
		// The default backend has no CMAC (the Go backend: Go's crypto has
		// none); the OpenSSL backend has.
		tag, err = mac.SumWithBackend(macalg.CMAC{Cipher: macalg.AES}, key, nil, openssl.DefaultBackend())
	}
	if err != nil {
		panic(err)
	}
	fmt.Println(hex.EncodeToString(tag))
	// Output: bb1d6929e95937287fa37d129b756746
}
