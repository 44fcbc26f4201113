package hmac_test

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

// plainBackend serves HMAC with OpenSSL but hides the optional interfaces
// of its contexts (Summer, Resetter), as a backend that implements only
// the contract would.
type plainBackend struct{ b defaultbackend.Backend }

func (p plainBackend) HMACSupported(alg backends.HashAlgorithm) bool { return p.b.HMACSupported(alg) }

func (p plainBackend) CreateHMACCtx(key []byte, alg backends.HashAlgorithm) (backends.HMACContext, error) {
	ctx, err := p.b.CreateHMACCtx(key, alg)
	if err != nil {
		return nil, err
	}
	return plainCtx{ctx}, nil
}

type plainCtx struct{ c backends.HMACContext }

func (p plainCtx) Algorithm() backends.HashAlgorithm { return p.c.Algorithm() }
func (p plainCtx) Update(data []byte) error          { return p.c.Update(data) }
func (p plainCtx) Finalize() ([]byte, error)         { return p.c.Finalize() }
func (p plainCtx) Copy() (backends.HMACContext, error) {
	c, err := p.c.Copy()
	if err != nil {
		return nil, err
	}
	return plainCtx{c}, nil
}

// TestResetWithoutResetter checks that HMAC works over a backend whose
// contexts have none of the optional interfaces: Sum through Copy, and
// Reset (which must not panic) through a freshly keyed context.
func TestResetWithoutResetter(t *testing.T) {
	const want = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" // RFC 4231, case 1
	key := bytes.Repeat([]byte{0x0b}, 20)
	m, err := hmac.NewWithBackend(key, hashes.SHA256{}, plainBackend{defaultbackend.Get()})
	require.NoError(t, err)
	key[0] = 'X' // the key was copied
	for _, step := range []string{"fresh", "after Write", "after Finalize"} {
		t.Run(step, func(t *testing.T) {
			switch step {
			case "after Write":
				m.Write([]byte("garbage"))
			case "after Finalize":
				_, err := m.Finalize()
				require.NoError(t, err)
			}
			assert.NotPanics(t, m.Reset)
			m.Write([]byte("Hi There"))
			assert.Equal(t, want, hex.EncodeToString(m.Sum(nil)), "Sum")
			got, err := m.Finalize()
			require.NoError(t, err)
			assert.Equal(t, want, hex.EncodeToString(got), "Finalize")
			m.Reset()
		})
	}
	sum, err := hmac.SumWithBackend(bytes.Repeat([]byte{0x0b}, 20), hashes.SHA256{}, []byte("Hi There"), plainBackend{defaultbackend.Get()})
	require.NoError(t, err)
	assert.Equal(t, want, hex.EncodeToString(sum), "SumWithBackend without MACer")
}
