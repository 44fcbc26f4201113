//go:build cgo

package cmac_test

import (
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/cmac"
)

// RFC 4493, section 4: the four examples with the key
// 2b7e1516 28aed2a6 abf71588 09cf4f3c.
func TestRFC4493(t *testing.T) {
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
			got, err := cmac.Sum(key, full[:c.n])
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
	if err != nil {
		panic(err)
	}
	fmt.Println(hex.EncodeToString(tag))
	// Output: bb1d6929e95937287fa37d129b756746
}
