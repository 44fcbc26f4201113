package hmac_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

// flakyResetBackend serves HMAC with OpenSSL through contexts whose own
// Reset fails while *fails is positive (as a context's re-keying does when
// FIPS mode refuses its key), and records the keys it is asked for.
type flakyResetBackend struct {
	fails *int
	keys  *[][]byte
}

func (f flakyResetBackend) HMACSupported(alg backends.HashAlgorithm) bool {
	return defaultbackend.Get().HMACSupported(alg)
}

func (f flakyResetBackend) CreateHMACCtx(key []byte, alg backends.HashAlgorithm) (backends.HMACContext, error) {
	*f.keys = append(*f.keys, append([]byte(nil), key...))
	ctx, err := defaultbackend.Get().CreateHMACCtx(key, alg)
	if err != nil {
		return nil, err
	}
	return flakyResetCtx{ctx, f.fails}, nil
}

var errFlakyReset = errors.New("flaky reset refused")

type flakyResetCtx struct {
	backends.HMACContext
	fails *int
}

func (c flakyResetCtx) Sum(dst []byte) ([]byte, error) {
	return c.HMACContext.(backends.Summer).Sum(dst)
}

func (c flakyResetCtx) Reset() error {
	if *c.fails > 0 {
		*c.fails--
		return errFlakyReset
	}
	return c.HMACContext.(backends.Resetter).Reset()
}

// TestFailedContextReset: when the context's own Reset fails, the HMAC
// never goes on with a context keyed with anything but its key (the
// backend is not asked for a context with another key), keeps the error
// of that Reset until one succeeds, and then MACs with its key again.
func TestFailedContextReset(t *testing.T) {
	const want = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" // RFC 4231, case 1
	key := bytes.Repeat([]byte{0x0b}, 20)
	msg := []byte("Hi There")
	for _, step := range []string{"fresh", "after Write", "after Finalize"} {
		t.Run(step, func(t *testing.T) {
			var fails int
			var keys [][]byte
			h, err := hmac.NewWithBackend(key, hashes.SHA256{}, flakyResetBackend{&fails, &keys})
			require.NoError(t, err)
			switch step {
			case "after Write":
				_, err = h.Write([]byte("garbage"))
				require.NoError(t, err)
			case "after Finalize":
				_, err = h.Finalize()
				require.NoError(t, err)
			}
			fails = 1
			assert.NotPanics(t, h.Reset)
			for i, k := range keys {
				assert.Equal(t, hex.EncodeToString(key), hex.EncodeToString(k), "key of context %d", i)
			}
			if _, err := h.Write(msg); err == nil {
				// A Reset that went on must MAC with the key.
				got, err := h.Finalize()
				require.NoError(t, err)
				assert.Equal(t, want, hex.EncodeToString(got))
			} else {
				assert.ErrorIs(t, err, errFlakyReset)
				assert.Regexp(t, "^hmac: ", err.Error())
				_, err = h.Finalize()
				assert.ErrorIs(t, err, errFlakyReset)
				assert.PanicsWithValue(t, err.Error(), func() { h.Sum(nil) })
			}
			assert.NotPanics(t, h.Reset) // succeeds now
			_, err = h.Write(msg)
			require.NoError(t, err)
			assert.Equal(t, want, hex.EncodeToString(h.Sum(nil)), "Sum after a Reset that succeeded")
		})
	}
}
