package padding

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzUnpad unpads arbitrary bytes with an arbitrary block size. It must
// never panic; a block size the constructors refuse must give
// ErrInvalidBlockSize (the data is then unpadded with a valid size derived
// from it); a successful Unpad must return a prefix of the input that pads
// back to the input; a failed one must return ErrInvalidPadding and nil; the
// streaming Unpadder must agree with Unpad; and padding the input must round
// trip. Seeds are in testdata/fuzz/FuzzUnpad.
func FuzzUnpad(f *testing.F) {
	f.Fuzz(func(t *testing.T, bits int, data []byte) {
		if _, err := NewPKCS7(bits); err != nil {
			require.ErrorIs(t, err, ErrInvalidBlockSize)
			_, err = NewANSIX923(bits)
			require.ErrorIs(t, err, ErrInvalidBlockSize)
			bits = int(uint(bits)%255+1) * 8 // go on with a valid size
		}
		for _, name := range schemeNames {
			s := newImpl(t, name, bits)
			bs := bits / 8
			orig := bytes.Clone(data)

			got, err := s.unpad(data)
			assert.Equal(t, orig, data, "%s: Unpad modified its input", name)
			if err == nil {
				require.LessOrEqual(t, len(got), len(data))
				if len(got) > 0 {
					assert.Same(t, &data[0], &got[0], "%s: result is not a prefix of the input", name)
				}
				assert.Equal(t, hex.EncodeToString(data), hex.EncodeToString(s.pad(nil, got)), "%s: re-padded result", name)
			} else {
				assert.True(t, errors.Is(err, ErrInvalidPadding), "%s: Unpad error %v", name, err)
				assert.Nil(t, got)
			}

			streamed, serr := streamUnpad(t, s.unpadder(), bs, data, []int{len(data) / 3, len(data) / 2})
			assert.Equal(t, err == nil, serr == nil, "%s: Unpad error %v, Unpadder error %v", name, err, serr)
			if err == nil && serr == nil {
				assert.Equal(t, hex.EncodeToString(got), hex.EncodeToString(streamed), "%s: Unpadder", name)
			}

			padded := s.pad(nil, data)
			back, err := s.unpad(padded)
			require.NoError(t, err, "%s: Unpad(Pad(data))", name)
			assert.Equal(t, hex.EncodeToString(data), hex.EncodeToString(back), "%s: Unpad(Pad(data))", name)
		}
	})
}
