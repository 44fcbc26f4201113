//go:build cgo

package openssl_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/fipschild"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

const keyCheckChild = "HAZMAT_HMAC_KEY_CHECK_CHILD"

// TestFIPSHMACKeyCheck runs this test binary again under a copy of the FIPS
// configuration with the provider's HMAC key check on (hmac-key-check,
// FIPS providers 3.4 and later), and expects a short key to be refused
// with ErrInvalidKeySize rather than a bare OpenSSL error.
func TestFIPSHMACKeyCheck(t *testing.T) {
	if os.Getenv(keyCheckChild) != "" {
		t.Skip("the parent test runs this one")
	}
	fipschild.Pass(t, "TestFIPSHMACKeyCheckChild", keyCheckChild, map[string]string{"hmac-key-check": "1"}, "provider does not enforce", "no HMAC key check")
}

func TestFIPSHMACKeyCheckChild(t *testing.T) {
	if os.Getenv(keyCheckChild) == "" {
		t.Skip("run by TestFIPSHMACKeyCheck")
	}
	require.True(t, openssl.FIPS())
	b := openssl.DefaultBackend()
	_, err := b.CreateHMACCtx(make([]byte, 16), hashes.SHA256{})
	require.NoError(t, err, "a 128-bit key is allowed")
	_, err = b.CreateHMACCtx([]byte{1, 2}, hashes.SHA256{})
	if err == nil {
		t.Skip("provider does not enforce a minimum HMAC key length")
	}
	assert.ErrorIs(t, err, backends.ErrInvalidKeySize)
	assert.Contains(t, err.Error(), "112 bits")
	o, ctx, err := openssl.NewHMACCtxBeside[int]([]byte{1, 2}, hashes.SHA256{})
	assert.ErrorIs(t, err, backends.ErrInvalidKeySize, "beside a caller's value too")
	assert.Nil(t, o)
	assert.Nil(t, ctx)
	// On one thread: the refusal drops the thread's HMAC context, and the
	// next HMAC on that thread gets a new one.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	key := make([]byte, 16)
	want, err := b.MAC(key, hashes.SHA256{}, []byte("x"), nil)
	require.NoError(t, err)
	_, err = b.MAC([]byte{1, 2}, hashes.SHA256{}, []byte("x"), nil)
	assert.ErrorIs(t, err, backends.ErrInvalidKeySize)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "EVP_MAC_init failed", "names the call that refused the key")
	got, err := b.MAC(key, hashes.SHA256{}, []byte("x"), nil)
	require.NoError(t, err, "a valid key after a refused one")
	assert.Equal(t, goHMAC(sha256.New, key, []byte("x")), got)
	assert.Equal(t, want, got)
}

const keyCheckSwitchChild = "HAZMAT_HMAC_KEY_CHECK_SWITCH_CHILD"

// TestFIPSHMACKeyCheckSwitch runs TestFIPSHMACKeyCheckSwitchChild under
// the FIPS configuration with the provider's HMAC key check on.
func TestFIPSHMACKeyCheckSwitch(t *testing.T) {
	if os.Getenv(keyCheckSwitchChild) != "" {
		t.Skip("the parent test runs this one")
	}
	fipschild.Pass(t, "TestFIPSHMACKeyCheckSwitchChild", keyCheckSwitchChild, map[string]string{"hmac-key-check": "1"}, "provider does not enforce", "no HMAC key check")
}

// TestFIPSHMACKeyCheckSwitchChild: HMAC contexts made in the default mode,
// whatever their key, are judged by the FIPS provider's key check once
// FIPS mode is on: a key under 14 bytes is refused by every method that
// computes (with ErrInvalidKeySize), and is never set on the thread's HMAC
// context; with 14 bytes or more they compute on the FIPS provider. Back in
// the default mode the short keys work again, and a context made in FIPS
// mode follows both switches.
func TestFIPSHMACKeyCheckSwitchChild(t *testing.T) {
	if os.Getenv(keyCheckSwitchChild) == "" {
		t.Skip("run by TestFIPSHMACKeyCheckSwitch")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b := openssl.DefaultBackend()
	if _, err := b.CreateHMACCtx([]byte{1, 2}, hashes.SHA256{}); err == nil {
		t.Skip("provider does not enforce a minimum HMAC key length")
	}
	msg := []byte("made in the default mode")
	require.NoError(t, openssl.SetFIPS(false))
	type made struct {
		key  []byte
		ctx  backends.HMACContext
		data bool // written to before the switch
	}
	var all []made
	for _, n := range []int{0, 2, 13, 14, 32} {
		for _, data := range []bool{false, true} {
			key := bytes.Repeat([]byte{byte(n + 1)}, n)
			ctx, err := b.CreateHMACCtx(key, hashes.SHA256{})
			require.NoError(t, err, "a %d-byte key in the default mode", n)
			if data {
				require.NoError(t, ctx.Update(msg))
			}
			all = append(all, made{key, ctx, data})
		}
	}
	fipsCtx, err := b.CreateHMACCtx(bytes.Repeat([]byte{9}, 20), hashes.SHA256{})
	require.NoError(t, err)

	require.NoError(t, openssl.SetFIPS(true))
	for _, m := range all {
		c, err := m.ctx.Copy()
		if len(m.key) < 14 {
			assert.ErrorIs(t, err, backends.ErrInvalidKeySize, "Copy, %d-byte key", len(m.key))
			_, err = m.ctx.(backends.Summer).Sum(nil)
			assert.ErrorIs(t, err, backends.ErrInvalidKeySize, "Sum, %d-byte key", len(m.key))
			assert.ErrorIs(t, m.ctx.Update(msg), backends.ErrInvalidKeySize, "Update, %d-byte key", len(m.key))
			_, err = m.ctx.Finalize()
			assert.ErrorIs(t, err, backends.ErrInvalidKeySize, "Finalize, %d-byte key", len(m.key))
			continue
		}
		require.NoError(t, err)
		var in []byte
		if m.data {
			in = msg
		}
		got, err := c.Finalize()
		require.NoError(t, err, "%d-byte key", len(m.key))
		assert.Equal(t, hex.EncodeToString(goHMAC(sha256.New, m.key, in)), hex.EncodeToString(got))
		assert.Equal(t, "fips", openssl.ImplProvider(m.ctx))
	}
	if held, _, ok := openssl.ThreadHMAC(hashes.SHA256{}, msg); ok {
		assert.Equal(t, hex.EncodeToString(goHMAC(sha256.New, restKey, msg)), hex.EncodeToString(held),
			"the thread's context holds the resting key")
	}

	require.NoError(t, openssl.SetFIPS(false))
	for _, m := range all[:6] { // the keys under 14 bytes
		require.NoError(t, m.ctx.(backends.Resetter).Reset(), "%d-byte key", len(m.key))
		require.NoError(t, m.ctx.Update(msg))
		got, err := m.ctx.Finalize()
		require.NoError(t, err, "%d-byte key back in the default mode", len(m.key))
		assert.Equal(t, hex.EncodeToString(goHMAC(sha256.New, m.key, msg)), hex.EncodeToString(got))
	}
	require.NoError(t, fipsCtx.Update(msg))
	require.NoError(t, openssl.SetFIPS(true))
	got, err := fipsCtx.(backends.Summer).Sum(nil)
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(goHMAC(sha256.New, bytes.Repeat([]byte{9}, 20), msg)), hex.EncodeToString(got))
	assert.Equal(t, "fips", openssl.ImplProvider(fipsCtx))
}

const keyCheckSlotsChild = "HAZMAT_HMAC_KEY_CHECK_SLOTS_CHILD"

// TestFIPSHMACKeyCheckSlots runs TestFIPSHMACKeyCheckSlotsChild under the
// FIPS configuration with the provider's HMAC key check on.
func TestFIPSHMACKeyCheckSlots(t *testing.T) {
	if os.Getenv(keyCheckSlotsChild) != "" {
		t.Skip("the parent test runs this one")
	}
	fipschild.Pass(t, "TestFIPSHMACKeyCheckSlotsChild", keyCheckSlotsChild, map[string]string{"hmac-key-check": "1"}, "provider does not enforce", "no HMAC key check")
}

// TestFIPSHMACKeyCheckSlotsChild: a key the provider refuses empties the
// slot of the thread's HMAC context for its digest, and the next digest
// that needs a context takes that slot rather than replacing a context in
// use.
func TestFIPSHMACKeyCheckSlotsChild(t *testing.T) {
	if os.Getenv(keyCheckSlotsChild) == "" {
		t.Skip("run by TestFIPSHMACKeyCheckSlots")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b := openssl.DefaultBackend()
	if _, err := b.CreateHMACCtx([]byte{1, 2}, hashes.SHA256{}); err == nil {
		t.Skip("provider does not enforce a minimum HMAC key length")
	}
	var ds []hashes.Algorithm
	for _, d := range hmacDigests {
		if b.HMACSupported(d.alg) {
			ds = append(ds, d.alg)
		}
	}
	require.Greater(t, len(ds), openssl.HMACThreadContexts, "more digests than a thread keeps contexts")
	ds = ds[:openssl.HMACThreadContexts+1]
	key, msg := bytes.Repeat([]byte{0x77}, 16), []byte("m")
	for range 2 {
		for _, alg := range ds {
			_, err := b.MAC(key, alg, msg, nil)
			require.NoError(t, err, alg.Name())
		}
	}
	last := ds[len(ds)-1]
	_, n, ok := openssl.ThreadHMAC(last, msg)
	require.True(t, ok)
	require.Equal(t, openssl.HMACThreadContexts, n, "every slot in use")

	_, err := b.MAC([]byte{1, 2}, last, msg, nil)
	require.ErrorIs(t, err, backends.ErrInvalidKeySize)
	_, _, ok = openssl.ThreadHMAC(last, msg)
	assert.False(t, ok, "the refused key's context is dropped")
	var kept, absent []hashes.Algorithm
	for _, alg := range ds[:len(ds)-1] {
		if _, _, ok := openssl.ThreadHMAC(alg, msg); ok {
			kept = append(kept, alg)
		} else {
			absent = append(absent, alg)
		}
	}
	require.Len(t, kept, openssl.HMACThreadContexts-1)
	require.Len(t, absent, 1)

	_, err = b.MAC(key, absent[0], msg, nil)
	require.NoError(t, err)
	for _, alg := range kept {
		_, _, ok := openssl.ThreadHMAC(alg, msg)
		assert.True(t, ok, "%s: a context in use is kept while a slot is empty", alg.Name())
	}
	_, n, ok = openssl.ThreadHMAC(absent[0], msg)
	require.True(t, ok)
	assert.Equal(t, openssl.HMACThreadContexts, n, "the empty slot is taken")
}
