//go:build cgo

package openssl_test

import (
	"bytes"
	"encoding/hex"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// TestRandFromFIPSProvider: the DRBGs random bytes come from, on this
// thread, are the FIPS provider's in FIPS mode (and the bytes are drawn);
// in the default mode, the default provider's.
func TestRandFromFIPSProvider(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b := openssl.DefaultBackend()
	buf := make([]byte, 32)
	err := b.RandBytes(buf, false)
	primary, pub, priv := openssl.RandProviders()
	t.Logf("FIPS mode %v: primary DRBG from %q, public %q, private %q", openssl.FIPS(), primary, pub, priv)
	if !openssl.FIPS() {
		require.NoError(t, err)
		return
	}
	if primary == "fips" && pub == "fips" && priv == "fips" {
		require.NoError(t, err)
		require.NoError(t, b.RandBytes(buf, true))
		assert.NotEqual(t, make([]byte, 32), buf)
		return
	}
	// DRBGs made before FIPS mode was switched on: refused, naming FIPS.
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
	assert.Contains(t, err.Error(), "FIPS")
}

// TestRandAcrossSwitch: after a switch to FIPS mode a read either comes
// from the FIPS provider's DRBGs or fails naming FIPS; it never draws from
// another provider's DRBG.
func TestRandAcrossSwitch(t *testing.T) {
	needSwitch(t)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b := openssl.DefaultBackend()
	buf := make([]byte, 16)
	require.NoError(t, b.RandBytes(buf, false))
	require.NoError(t, openssl.SetFIPS(true))
	err := b.RandBytes(buf, false)
	primary, pub, _ := openssl.RandProviders()
	t.Logf("after the switch: primary DRBG from %q, public %q; read error: %v", primary, pub, err)
	if primary == "fips" && pub == "fips" {
		assert.NoError(t, err)
	} else {
		require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
		assert.Contains(t, err.Error(), "FIPS")
	}
}

// TestMACContextAcrossSwitch: a CMAC context made in the default mode and
// holding no data in C (none, or less than it keeps in Go) follows a switch
// to FIPS mode (it then computes the whole MAC in the FIPS provider); one
// holding data in C fails with ErrModeChanged; a Poly1305 context fails as
// refused in FIPS mode.
func TestMACContextAcrossSwitch(t *testing.T) {
	needSwitch(t)
	b := openssl.DefaultBackend()
	key := bytes.Repeat([]byte{3}, 16)
	alg := macalg.CMAC{Cipher: macalg.AES}
	want, err := b.ComputeMAC(alg, key, []byte("abc"), nil)
	require.NoError(t, err)

	fresh, err := b.CreateMACCtx(alg, key)
	require.NoError(t, err)
	buffered, err := b.CreateMACCtx(alg, key)
	require.NoError(t, err)
	require.NoError(t, buffered.Update([]byte("a")))
	busy, err := b.CreateMACCtx(alg, key)
	require.NoError(t, err)
	require.NoError(t, busy.Update(make([]byte, openssl.MACBufSize+1)))
	poly, err := b.CreateMACCtx(macalg.Poly1305{}, make([]byte, 32))
	require.NoError(t, err)
	assert.Equal(t, "default", openssl.MACProvider(fresh))

	require.NoError(t, openssl.SetFIPS(true))
	require.NoError(t, fresh.Update([]byte("abc")))
	assert.Equal(t, "fips", openssl.MACProvider(fresh))
	got, err := fresh.Finalize()
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))

	require.NoError(t, buffered.Update([]byte("bc")))
	assert.Equal(t, "fips", openssl.MACProvider(buffered))
	got, err = buffered.Finalize()
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))

	assert.ErrorIs(t, busy.Update([]byte("bc")), backends.ErrModeChanged)
	var ue *backends.UnsupportedAlgorithmError
	require.ErrorAs(t, poly.Update([]byte("x")), &ue)
	assert.Equal(t, backends.ReasonFIPSRefused, ue.Reason)
}

// TestKeyWrapBackend: the backend's own length checks hold without the
// primitive's, and unwrap failures are the bare sentinel.
func TestKeyWrapBackend(t *testing.T) {
	b := openssl.DefaultBackend()
	kek := make([]byte, 32)
	_, err := b.WrapKey(backends.KW, kek, make([]byte, 12))
	assert.ErrorIs(t, err, backends.ErrInvalidDataLength)
	_, err = b.WrapKey(backends.KWP, kek[:20], make([]byte, 12))
	assert.ErrorIs(t, err, backends.ErrInvalidKeySize)
	out, err := b.UnwrapKey(backends.KW, kek, make([]byte, 20))
	assert.Equal(t, backends.ErrInvalidUnwrap, err)
	assert.Nil(t, out)
	w, err := b.WrapKey(backends.KWP, kek, []byte{1, 2, 3})
	require.NoError(t, err)
	w[8] ^= 1
	out, err = b.UnwrapKey(backends.KWP, kek, w)
	assert.Equal(t, backends.ErrInvalidUnwrap, err)
	assert.Nil(t, out)
}
