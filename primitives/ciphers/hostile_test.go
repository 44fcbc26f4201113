package ciphers_test

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// hostileCipherBackend is a custom CipherBackend whose contexts break the
// contract as its fields say.
type hostileCipherBackend struct {
	nilCtx   bool // Create*Ctx return nil, nil
	typedNil bool // Create*Ctx return a nil *hostileCipherCtx, nil
	delta    int  // UpdateInto reports len(data)+delta bytes written
}

func (b *hostileCipherBackend) CipherSupported(backends.CipherAlgorithm, backends.Mode) bool {
	return true
}

func (b *hostileCipherBackend) RegisterCipherAdapter(reflect.Type, reflect.Type, backends.CipherAdapter) error {
	return nil
}

func (b *hostileCipherBackend) ctx() (backends.CipherContext, error) {
	switch {
	case b.nilCtx:
		return nil, nil
	case b.typedNil:
		return (*hostileCipherCtx)(nil), nil
	}
	return &hostileCipherCtx{b}, nil
}

func (b *hostileCipherBackend) CreateSymmetricEncryptionCtx(backends.CipherAlgorithm, backends.Mode) (backends.CipherContext, error) {
	return b.ctx()
}

func (b *hostileCipherBackend) CreateSymmetricDecryptionCtx(backends.CipherAlgorithm, backends.Mode) (backends.CipherContext, error) {
	return b.ctx()
}

type hostileCipherCtx struct{ b *hostileCipherBackend }

func (c *hostileCipherCtx) Update(data []byte) ([]byte, error) {
	return append([]byte(nil), data...), nil
}
func (c *hostileCipherCtx) Finalize() ([]byte, error) { return nil, nil }

// UpdateInto copies what fits and reports a count that is off by delta.
func (c *hostileCipherCtx) UpdateInto(data, buf []byte) (int, error) {
	n := copy(buf, data[:max(0, min(len(data), len(data)+c.b.delta))])
	return n + max(0, c.b.delta), nil
}

// TestHostileCipherBackend: a backend that returns no context gives an
// error wrapping ErrInvalidArgument, not a nil-pointer panic; one whose
// UpdateInto reports a count beyond the buffer or short of the input gives
// an error from Context.UpdateInto and a panic saying so from the
// cipher.Block, cipher.Stream and cipher.BlockMode adapters, never an
// output of which part was not written.
func TestHostileCipherBackend(t *testing.T) {
	aes, err := algorithms.NewAES(make([]byte, 16))
	require.NoError(t, err)
	ctr, err := modes.NewCTR(make([]byte, 16))
	require.NoError(t, err)
	cbc, err := modes.NewCBC(make([]byte, 16))
	require.NoError(t, err)

	for _, b := range []*hostileCipherBackend{{nilCtx: true}, {typedNil: true}} {
		c, err := ciphers.NewCipherWithBackend(aes, cbc, b)
		require.NoError(t, err)
		assert.NotPanics(t, func() { _, err = c.Encryptor() })
		assert.ErrorIs(t, err, backends.ErrInvalidArgument)
		assert.NotPanics(t, func() { _, err = c.Decryptor() })
		assert.ErrorIs(t, err, backends.ErrInvalidArgument)
		assert.NotPanics(t, func() { _, err = ciphers.NewBlockWithBackend(aes, b) })
		assert.ErrorIs(t, err, backends.ErrInvalidArgument)
		assert.NotPanics(t, func() { _, err = ciphers.NewStreamEncrypterWithBackend(aes, ctr, b) })
		assert.ErrorIs(t, err, backends.ErrInvalidArgument)
		assert.NotPanics(t, func() { _, err = ciphers.NewBlockModeDecrypterWithBackend(aes, cbc, b) })
		assert.ErrorIs(t, err, backends.ErrInvalidArgument)
	}

	for _, delta := range []int{-1, 1} {
		b := &hostileCipherBackend{delta: delta}
		c, err := ciphers.NewCipherWithBackend(aes, cbc, b)
		require.NoError(t, err)
		ctx, err := c.Encryptor()
		require.NoError(t, err)
		buf := make([]byte, 32)
		_, err = ctx.UpdateInto(make([]byte, 16), buf[:16])
		if delta > 0 { // a count beyond buf; a short one is a mode holding data back
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
		}

		src, dst := make([]byte, 32), make([]byte, 32)
		blk, err := ciphers.NewBlockWithBackend(aes, b)
		require.NoError(t, err)
		assert.Panics(t, func() { blk.Encrypt(dst, src) }, "Block, delta %d", delta)
		s, err := ciphers.NewStreamEncrypterWithBackend(aes, ctr, b)
		require.NoError(t, err)
		assert.Panics(t, func() { s.XORKeyStream(dst, src) }, "Stream, delta %d", delta)
		bm, err := ciphers.NewBlockModeEncrypterWithBackend(aes, cbc, b)
		require.NoError(t, err)
		assert.Panics(t, func() { bm.CryptBlocks(dst, src) }, "BlockMode, delta %d", delta)
	}
}

// shortTagBackend serves GCM encryption contexts whose Tag is empty.
type shortTagBackend struct{ hostileCipherBackend }

type shortTagCtx struct{ hostileCipherCtx }

func (c *shortTagCtx) AuthenticateAdditionalData([]byte) error { return nil }
func (c *shortTagCtx) Tag() ([]byte, error)                    { return []byte{}, nil }

func (b *shortTagBackend) CreateSymmetricEncryptionCtx(backends.CipherAlgorithm, backends.Mode) (backends.CipherContext, error) {
	return &shortTagCtx{hostileCipherCtx{&b.hostileCipherBackend}}, nil
}

// TestHostileTag: a backend's tag shorter than the mode's shortest is an
// error of Tag, not an empty tag that authenticates nothing.
func TestHostileTag(t *testing.T) {
	aes, err := algorithms.NewAES(make([]byte, 16))
	require.NoError(t, err)
	gcm, err := modes.NewGCM(make([]byte, 12), nil)
	require.NoError(t, err)
	c, err := ciphers.NewCipherWithBackend(aes, gcm, &shortTagBackend{})
	require.NoError(t, err)
	enc, err := c.Encryptor()
	require.NoError(t, err)
	_, err = enc.Finalize()
	require.NoError(t, err)
	tag, err := enc.Tag()
	assert.ErrorIs(t, err, backends.ErrInvalidArgument)
	assert.Nil(t, tag)
}
