package hashes_test

import (
	"encoding/hex"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

func requireRefused(t *testing.T, alg hashes.Algorithm) {
	t.Helper()
	_, err := hashes.New(alg)
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
	var ue *backends.UnsupportedAlgorithmError
	require.ErrorAs(t, err, &ue)
	if defaultbackend.FIPS() && !goLacks(alg) {
		assert.Equal(t, backends.ReasonFIPSRefused, ue.Reason, "%v", err)
	}
}

// notInGo names the digests the Go backend does not offer in any mode: Go's
// crypto has no SM3, and its RIPEMD-160 is deprecated.
var notInGo = map[string]bool{"ripemd160": true, "sm3": true}

// goLacks reports whether the default backend is the Go backend and alg is
// one it does not offer.
func goLacks(alg backends.HashAlgorithm) bool {
	return defaultbackend.Name() == defaultbackend.Go && notInGo[alg.Name()]
}

func TestUseAfterFinalize(t *testing.T) {
	h, err := hashes.New(hashes.SHA256{})
	require.NoError(t, err)
	h.Write([]byte("abc"))
	d, err := h.Finalize()
	require.NoError(t, err)
	assert.Equal(t, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hex.EncodeToString(d))

	_, err = h.Finalize()
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
	assert.ErrorIs(t, h.Update([]byte("x")), backends.ErrAlreadyFinalized)
	_, err = h.Write([]byte("x"))
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
	_, err = h.Copy()
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
	_, err = h.Clone()
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
	// Sum after Finalize gives the finalized digest; Reset re-arms.
	assert.Equal(t, hex.EncodeToString(d), hex.EncodeToString(h.Sum(nil)))
	h.Reset()
	require.NoError(t, h.Update([]byte("abc")))
	assert.Equal(t, hex.EncodeToString(d), hex.EncodeToString(h.Sum(nil)))
}

func TestSHAKEWithoutLength(t *testing.T) {
	for _, alg := range []hashes.Algorithm{hashes.SHAKE128{}, hashes.SHAKE256{Size: -1}} {
		_, err := hashes.New(alg)
		assert.ErrorIs(t, err, backends.ErrInvalidDigestSize)
		_, err = hashes.Sum(alg, []byte("x"))
		assert.ErrorIs(t, err, backends.ErrInvalidDigestSize)
	}
}

type bogus struct{}

func (bogus) Name() string    { return "no-such-digest" }
func (bogus) DigestSize() int { return 32 }
func (bogus) BlockSize() int  { return 64 }

func TestUnknownAlgorithm(t *testing.T) {
	assert.False(t, hashes.Supported(bogus{}))
	_, err := hashes.New(bogus{})
	assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
	_, err = hashes.Sum(bogus{}, nil)
	assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
	_, err = hashes.New(nil)
	assert.ErrorIs(t, err, backends.ErrInvalidArgument)
}

func TestReadOnFixedHash(t *testing.T) {
	h, err := hashes.New(hashes.SHA256{})
	require.NoError(t, err)
	_, err = h.Read(make([]byte, 4))
	assert.ErrorIs(t, err, backends.ErrInvalidArgument)
}

func TestWriteAfterRead(t *testing.T) {
	h, err := hashes.New(hashes.SHAKE128{Size: 16})
	require.NoError(t, err)
	_, err = h.Read(make([]byte, 4))
	require.NoError(t, err)
	_, err = h.Write([]byte("x"))
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
}

// TestSupportedMatchesNew walks every algorithm: Supported is true exactly
// when New works and a digest comes out.
func TestSupportedMatchesNew(t *testing.T) {
	for _, alg := range hashes.All() {
		t.Run(alg.Name(), func(t *testing.T) {
			h, err := hashes.New(alg)
			if !hashes.Supported(alg) {
				require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
				assert.False(t, errors.Is(err, backends.ErrAlreadyFinalized))
				return
			}
			require.NoError(t, err)
			d, err := h.Finalize()
			require.NoError(t, err)
			assert.Len(t, d, alg.DigestSize())
		})
	}
}

func TestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are checked without -race (scripts/test.sh runs that pass too)")
	}
	msg := make([]byte, 64)
	out := make([]byte, 0, 64)
	h, err := hashes.New(hashes.SHA256{})
	require.NoError(t, err)
	allocs := testing.AllocsPerRun(100, func() {
		h.Reset()
		h.Write(msg)
		out = h.Sum(out[:0])
	})
	assert.Zero(t, allocs, "Reset/Write/Sum")
	allocs = testing.AllocsPerRun(100, func() {
		out, _ = hashes.AppendSum(out[:0], hashes.SHA256{}, msg)
	})
	assert.Zero(t, allocs, "AppendSum")
	allocs = testing.AllocsPerRun(100, func() {
		h, _ := hashes.New(hashes.SHA256{})
		h.Write(msg)
		out = h.Sum(out[:0])
	})
	// Both backends place the Hash and its context in one allocation
	// (NewHashCtxBeside); with the Go backend, Go's digest state is one
	// more.
	newAllocs := 1.0
	if defaultbackend.Name() == defaultbackend.Go {
		newAllocs = 2
	}
	assert.LessOrEqual(t, allocs, newAllocs, "New/Write/Sum")
	big := make([]byte, 16384)
	allocs = testing.AllocsPerRun(100, func() {
		h, _ := hashes.New(hashes.SHA256{})
		h.Write(big)
		out = h.Sum(out[:0])
	})
	assert.LessOrEqual(t, allocs, newAllocs, "New/Write 16 KiB/Sum")
	allocs = testing.AllocsPerRun(100, func() {
		h.Reset()
		h.Write(big)
		out = h.Sum(out[:0])
	})
	assert.Zero(t, allocs, "Reset/Write 16 KiB/Sum")
}

// TestNewSize: with the OpenSSL backend, hashes.New's one allocation (the
// Hash and its context) is 384 bytes, a size class of Go's allocator (the
// next ones are 416, 448, 480 and 512), and the cost of an allocation
// grows with its size: a few bytes more cost every new hasher a larger
// class (TestHashSize and openssl's TestDigestCtxSize say which struct
// grew). With the Go backend the Hash and its context are one allocation
// too, and Go's digest state a second; the two together stay within the
// same 384 bytes.
func TestNewSize(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation sizes are checked without -race (scripts/test.sh runs that pass too)")
	}
	res := testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := hashes.New(hashes.SHA256{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	require.Positive(t, res.N)
	assert.LessOrEqual(t, res.AllocedBytesPerOp(), int64(384), "bytes allocated by hashes.New")
	wantAllocs := int64(1)
	if defaultbackend.Name() == defaultbackend.Go {
		wantAllocs = 2
	}
	assert.LessOrEqual(t, res.AllocsPerOp(), wantAllocs, "allocations by hashes.New (%s backend)", defaultbackend.Name())
}
