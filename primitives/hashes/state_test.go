package hashes_test

import (
	"crypto/sha256"
	"crypto/sha3"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// errSwitchedOff is what a switchBackend returns while it refuses.
var errSwitchedOff = fmt.Errorf("switched off: %w", backends.ErrUnsupportedAlgorithm)

// switchBackend computes digests with the default backend until refuse is
// set; then it makes no context, and the Reset of its contexts fails, as
// the OpenSSL backend's do for a digest FIPS mode stops serving.
type switchBackend struct {
	b        backends.HashBackend
	sum      bool // its contexts implement backends.Summer
	resetter bool // its contexts implement backends.Resetter
	refuse   bool
	created  int // contexts made
}

func (s *switchBackend) HashSupported(alg backends.HashAlgorithm) bool {
	return !s.refuse && s.b.HashSupported(alg)
}

func (s *switchBackend) CreateHashCtx(alg backends.HashAlgorithm) (backends.HashContext, error) {
	if s.refuse {
		return nil, errSwitchedOff
	}
	c, err := s.b.CreateHashCtx(alg)
	if err != nil {
		return nil, err
	}
	s.created++
	return s.wrap(c), nil
}

// wrap returns c with the optional interfaces s says.
func (s *switchBackend) wrap(c backends.HashContext) backends.HashContext {
	base := switchCtx{s, c}
	switch {
	case s.sum && s.resetter:
		return &switchSumResetCtx{base}
	case s.sum:
		return &switchSumCtx{base}
	case s.resetter:
		return &switchResetCtx{base}
	}
	return &base
}

// switchCtx is a context of a switchBackend, with none of the optional
// interfaces.
type switchCtx struct {
	s *switchBackend
	c backends.HashContext
}

func (c *switchCtx) Algorithm() backends.HashAlgorithm { return c.c.Algorithm() }
func (c *switchCtx) Update(p []byte) error             { return c.c.Update(p) }
func (c *switchCtx) Finalize() ([]byte, error)         { return c.c.Finalize() }
func (c *switchCtx) Copy() (backends.HashContext, error) {
	cp, err := c.c.Copy()
	if err != nil {
		return nil, err
	}
	return c.s.wrap(cp), nil
}

func (c *switchCtx) sum(dst []byte) ([]byte, error) { return c.c.(backends.Summer).Sum(dst) }

func (c *switchCtx) reset() error {
	if c.s.refuse {
		return errSwitchedOff
	}
	return c.c.(backends.Resetter).Reset()
}

type switchSumCtx struct{ switchCtx }

func (c *switchSumCtx) Sum(dst []byte) ([]byte, error) { return c.sum(dst) }

type switchResetCtx struct{ switchCtx }

func (c *switchResetCtx) Reset() error { return c.reset() }

type switchSumResetCtx struct{ switchCtx }

func (c *switchSumResetCtx) Sum(dst []byte) ([]byte, error) { return c.sum(dst) }
func (c *switchSumResetCtx) Reset() error                   { return c.reset() }

// TestFailedReset: when Reset can give a Hash no working context, every
// later method returns the error (Sum panics with it) until a Reset
// succeeds; that Reset tries the old context's own Reset before asking
// the backend for a new context, and the Hash then computes as new.
// Contexts with and without Sum and Reset of their own take their
// separate paths (a context without Sum is summed through a copy).
func TestFailedReset(t *testing.T) {
	want := sha256.Sum256([]byte("abc"))
	for _, tc := range []struct{ sum, resetter bool }{{true, true}, {true, false}, {false, true}, {false, false}} {
		resetter := tc.resetter
		t.Run(fmt.Sprintf("sum=%v,resetter=%v", tc.sum, resetter), func(t *testing.T) {
			s := &switchBackend{b: defaultbackend.Get(), sum: tc.sum, resetter: resetter}
			h, err := hashes.NewWithBackend(hashes.SHA256{}, s)
			require.NoError(t, err)
			_, err = h.Write([]byte("garbage"))
			require.NoError(t, err)
			garbage := sha256.Sum256([]byte("garbage"))
			assert.Equal(t, hex.EncodeToString(garbage[:]), hex.EncodeToString(h.Sum(nil)), "Sum before the switch")
			assert.Equal(t, hex.EncodeToString(garbage[:]), hex.EncodeToString(h.Sum(nil)), "Sum again: the state is unchanged")

			s.refuse = true
			for range 2 { // a second Reset, still refused, keeps the state
				assert.NotPanics(t, h.Reset)
				_, err = h.Write([]byte("x"))
				assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "Write")
				assert.True(t, strings.HasPrefix(err.Error(), "hashes: switched off"), "%v", err)
				assert.Equal(t, 32, h.Size())
				assert.Equal(t, hashes.SHA256{}, h.Algorithm())
				_, ferr := h.Finalize()
				assert.Equal(t, err, ferr, "Finalize")
				_, cerr := h.Copy()
				assert.Equal(t, err, cerr, "Copy")
				assert.PanicsWithValue(t, err.Error(), func() { h.Sum(nil) }, "Sum")
			}

			created := s.created
			s.refuse = false
			h.Reset()
			if resetter {
				assert.Equal(t, created, s.created, "the old context's Reset, no new context")
			} else {
				assert.Equal(t, created+1, s.created, "a new context")
			}
			_, err = h.Write([]byte("abc"))
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(want[:]), hex.EncodeToString(h.Sum(nil)), "Sum")
			got, err := h.Finalize()
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(want[:]), hex.EncodeToString(got), "Finalize")
			assert.Equal(t, hex.EncodeToString(want[:]), hex.EncodeToString(h.Sum([]byte{})), "Sum after Finalize")
		})
	}
}

// TestCopyWhileReading: a Copy made between two Reads of an XOF continues
// the same output stream as the original, independently, refuses writes
// as the original does, and starts afresh after its own Reset without
// touching the original.
func TestCopyWhileReading(t *testing.T) {
	msg := []byte("the quick brown fox")
	want := make([]byte, 300)
	ref := sha3.NewSHAKE128()
	ref.Write(msg)
	ref.Read(want)

	h, err := hashes.New(hashes.SHAKE128{Size: 32})
	require.NoError(t, err)
	_, err = h.Write(msg)
	require.NoError(t, err)
	first := make([]byte, 50)
	_, err = h.Read(first)
	require.NoError(t, err)
	require.Equal(t, hex.EncodeToString(want[:50]), hex.EncodeToString(first))

	c, err := h.Copy()
	require.NoError(t, err)
	_, err = c.Write([]byte("x"))
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, "Write to the copy")
	a, b := make([]byte, 250), make([]byte, 250)
	_, err = c.Read(b[:100])
	require.NoError(t, err)
	_, err = h.Read(a)
	require.NoError(t, err)
	_, err = c.Read(b[100:])
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(want[50:]), hex.EncodeToString(a), "original")
	assert.Equal(t, hex.EncodeToString(want[50:]), hex.EncodeToString(b), "copy")

	c.Reset()
	_, err = c.Write(msg)
	require.NoError(t, err)
	_, err = c.Read(b[:50])
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(want[:50]), hex.EncodeToString(b[:50]), "copy after Reset")
	_, err = h.Write([]byte("x"))
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, "the original still reading")
}
