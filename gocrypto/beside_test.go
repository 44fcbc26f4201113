package gocrypto_test

import (
	stdhmac "crypto/hmac"
	"crypto/sha256"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// owner stands for the caller's value that NewHashCtxBeside places beside
// the context.
type owner struct {
	name string
	n    int
}

// TestNewHashCtxBeside: the context made beside a caller's value computes
// what CreateHashCtx's does, through its whole life (Sum, Reset, Copy,
// Finalize), the value is a fresh zero one, and a refusal is the same as
// CreateHashCtx's, with nothing returned.
func TestNewHashCtxBeside(t *testing.T) {
	b := gocrypto.NewBackend()
	msg := []byte("the context beside the caller's value")
	for _, alg := range []hashes.Algorithm{hashes.SHA256{}, hashes.SHA512{}, hashes.SHA3_256{}, hashes.SHAKE128{Size: 40}, hashes.MD5{}} {
		t.Run(alg.Name(), func(t *testing.T) {
			o, ctx, err := gocrypto.NewHashCtxBeside[owner](alg)
			want, werr := b.CreateHashCtx(alg)
			if werr != nil {
				require.Error(t, err)
				assert.Nil(t, o)
				assert.Nil(t, ctx)
				assert.Equal(t, werr.Error(), err.Error())
				assert.True(t, errors.Is(err, backends.ErrUnsupportedAlgorithm))
				return
			}
			require.NoError(t, err)
			require.NotNil(t, o)
			assert.Equal(t, owner{}, *o)
			o.name, o.n = "written", 7 // the caller's value is its own
			assert.Equal(t, alg, ctx.Algorithm())
			require.NoError(t, ctx.Update(msg))
			require.NoError(t, want.Update(msg))
			got, err := ctx.(backends.Summer).Sum(nil)
			require.NoError(t, err)
			exp, err := want.(backends.Summer).Sum(nil)
			require.NoError(t, err)
			assert.Equal(t, exp, got)
			assert.Len(t, got, alg.DigestSize())
			c, err := ctx.Copy()
			require.NoError(t, err)
			require.NoError(t, ctx.(backends.Resetter).Reset())
			require.NoError(t, ctx.Update(msg[:5]))
			cgot, err := c.Finalize()
			require.NoError(t, err)
			assert.Equal(t, exp, cgot, "a copy keeps the state it was made from")
			fin, err := ctx.Finalize()
			require.NoError(t, err)
			assert.NotEqual(t, exp, fin)
			_, err = ctx.Finalize()
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
			assert.Equal(t, owner{"written", 7}, *o)
		})
	}
	t.Run("refusals", func(t *testing.T) {
		for _, alg := range []backends.HashAlgorithm{nil, hashes.SHAKE128{}, hashes.SM3{}} {
			o, ctx, err := gocrypto.NewHashCtxBeside[owner](alg)
			_, werr := b.CreateHashCtx(alg)
			require.Error(t, werr)
			require.Error(t, err)
			assert.Equal(t, werr.Error(), err.Error())
			assert.Nil(t, o)
			assert.Nil(t, ctx)
		}
	})
}

// TestNewHashCtxBesideAllocs: the value and the context are one
// allocation, and Go's digest state the only other.
func TestNewHashCtxBesideAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are checked by the run without -race")
	}
	if !gocrypto.NewBackend().HashSupported(hashes.SHA256{}) {
		t.Fatal("SHA-256 is served in every setting")
	}
	allocs := testing.AllocsPerRun(100, func() {
		_, _, _ = gocrypto.NewHashCtxBeside[owner](hashes.SHA256{})
	})
	assert.Equal(t, 2.0, allocs)
}

// TestNewHMACCtxBeside: the HMAC context made beside a caller's value
// computes what CreateHMACCtx's does, through its whole life (Sum, Reset,
// Copy, Finalize), for digests whose Go HMAC clones and those that replay
// (SHA-3), the value is a fresh zero one, and a refusal is the same as
// CreateHMACCtx's, with nothing returned.
func TestNewHMACCtxBeside(t *testing.T) {
	b := gocrypto.NewBackend()
	key := []byte("a key of at least fourteen bytes")
	msg := []byte("the HMAC context beside the caller's value")
	for _, alg := range []hashes.Algorithm{hashes.SHA256{}, hashes.SHA512{}, hashes.SHA3_256{}, hashes.MD5{}} {
		t.Run(alg.Name(), func(t *testing.T) {
			o, ctx, err := gocrypto.NewHMACCtxBeside[owner](key, alg)
			want, werr := b.CreateHMACCtx(key, alg)
			if werr != nil {
				require.Error(t, err)
				assert.Nil(t, o)
				assert.Nil(t, ctx)
				assert.Equal(t, werr.Error(), err.Error())
				return
			}
			require.NoError(t, err)
			require.NotNil(t, o)
			assert.Equal(t, owner{}, *o)
			o.name, o.n = "written", 7 // the caller's value is its own
			assert.Equal(t, alg, ctx.Algorithm())
			require.NoError(t, ctx.Update(msg))
			require.NoError(t, want.Update(msg))
			got, err := ctx.(backends.Summer).Sum(nil)
			require.NoError(t, err)
			exp, err := want.(backends.Summer).Sum(nil)
			require.NoError(t, err)
			assert.Equal(t, exp, got)
			c, err := ctx.Copy()
			require.NoError(t, err)
			require.NoError(t, ctx.(backends.Resetter).Reset())
			require.NoError(t, ctx.Update(msg[:5]))
			cgot, err := c.Finalize()
			require.NoError(t, err)
			assert.Equal(t, exp, cgot, "a copy keeps the state it was made from")
			fin, err := ctx.Finalize()
			require.NoError(t, err)
			short, err := b.MAC(key, alg, msg[:5], nil)
			require.NoError(t, err)
			assert.Equal(t, short, fin, "after Reset, the same key")
			_, err = ctx.Finalize()
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
			assert.Equal(t, owner{"written", 7}, *o)
		})
	}
	t.Run("refusals", func(t *testing.T) {
		for _, alg := range []backends.HashAlgorithm{nil, hashes.SHAKE128{Size: 32}, hashes.SM3{}} {
			o, ctx, err := gocrypto.NewHMACCtxBeside[owner](key, alg)
			_, werr := b.CreateHMACCtx(key, alg)
			require.Error(t, werr)
			require.Error(t, err)
			assert.Equal(t, werr.Error(), err.Error())
			assert.Nil(t, o)
			assert.Nil(t, ctx)
		}
	})
}

// TestNewHMACCtxBesideAllocs: the value and the context are one
// allocation; the others are crypto/hmac's own, as many as hmac.New makes.
func TestNewHMACCtxBesideAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are checked by the run without -race")
	}
	key := make([]byte, 32)
	goAllocs := testing.AllocsPerRun(100, func() {
		_ = stdhmac.New(sha256.New, key)
	})
	allocs := testing.AllocsPerRun(100, func() {
		_, _, _ = gocrypto.NewHMACCtxBeside[owner](key, hashes.SHA256{})
	})
	assert.Equal(t, goAllocs+1, allocs)
}

// TestNewHMACCtxBesideKeysAndDigests: for every digest of package hashes
// and keys of 0, 1, 13, 14 bytes, of a block and longer than one, the
// context beside a caller's value refuses exactly what CreateHMACCtx
// refuses (short keys under GODEBUG=fips140=only with an error wrapping
// ErrInvalidKeySize, digests Go lacks or FIPS mode refuses, SHAKE), with
// the same error and nothing returned, and otherwise MACs as the one-shot
// MAC does. A nil or typed-nil algorithm is refused without a panic; a
// pointer to a descriptor works as the descriptor does.
func TestNewHMACCtxBesideKeysAndDigests(t *testing.T) {
	b := gocrypto.NewBackend()
	msg := []byte("message")
	algs := []backends.HashAlgorithm{
		hashes.MD5{}, hashes.SHA1{}, hashes.SHA224{}, hashes.SHA256{}, hashes.SHA384{}, hashes.SHA512{},
		hashes.SHA512_224{}, hashes.SHA512_256{}, hashes.SHA3_224{}, hashes.SHA3_256{}, hashes.SHA3_384{},
		hashes.SHA3_512{}, hashes.BLAKE2b{}, hashes.BLAKE2s{}, hashes.SM3{}, hashes.RIPEMD160{},
		hashes.SHAKE128{Size: 32}, hashes.SHAKE256{Size: 64}, &hashes.SHA256{},
	}
	for _, alg := range algs {
		for _, kl := range []int{0, 1, 13, 14, 64, 65, 200} {
			key := make([]byte, kl)
			for i := range key {
				key[i] = byte(i + kl)
			}
			o, ctx, err := gocrypto.NewHMACCtxBeside[owner](key, alg)
			_, werr := b.CreateHMACCtx(key, alg)
			if werr != nil {
				require.Error(t, err, "%s, key of %d bytes", alg.Name(), kl)
				assert.Equal(t, werr.Error(), err.Error())
				assert.Nil(t, o)
				assert.Nil(t, ctx)
				if kl < 14 && gocrypto.Enforced() && b.HMACSupported(alg) {
					assert.ErrorIs(t, err, backends.ErrInvalidKeySize, "%s, key of %d bytes", alg.Name(), kl)
				} else {
					assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "%s, key of %d bytes", alg.Name(), kl)
				}
				continue
			}
			require.NoError(t, err, "%s, key of %d bytes", alg.Name(), kl)
			want, err := b.MAC(key, alg, msg, nil)
			require.NoError(t, err)
			require.NoError(t, ctx.Update(msg))
			got, err := ctx.Finalize()
			require.NoError(t, err)
			assert.Equal(t, want, got, "%s, key of %d bytes", alg.Name(), kl)
		}
	}
	for _, alg := range []backends.HashAlgorithm{nil, (*hashes.SHA256)(nil), (*hashes.SHA3_256)(nil), (*hashes.SHAKE128)(nil)} {
		var err error
		assert.NotPanics(t, func() { _, _, err = gocrypto.NewHMACCtxBeside[owner]([]byte("a key of fourteen+"), alg) })
		assert.ErrorIs(t, err, backends.ErrInvalidArgument, "%T", alg)
	}
}
