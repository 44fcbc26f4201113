//go:build cgo

package hmac_test

import (
	"bytes"
	stdhmac "crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/fipschild"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

const keyCheckResetChild = "HAZMAT_HMAC_KEY_CHECK_RESET_CHILD"

// TestFIPSKeyCheckReset runs TestFIPSKeyCheckResetChild under a copy of
// the FIPS configuration with the provider's HMAC key check on
// (hmac-key-check, FIPS providers 3.4 and later).
func TestFIPSKeyCheckReset(t *testing.T) {
	fipschild.Pass(t, "TestFIPSKeyCheckResetChild", keyCheckResetChild, map[string]string{"hmac-key-check": "1"}, "provider does not enforce", "no HMAC key check")
}

// TestFIPSKeyCheckResetChild: an HMAC made in the default mode with a key
// FIPS mode refuses, Reset once FIPS mode is on, reports the refusal of
// its own key (not of another, such as an empty one), and computes with
// its key again after a Reset back in the default mode.
func TestFIPSKeyCheckResetChild(t *testing.T) {
	if os.Getenv(keyCheckResetChild) == "" {
		t.Skip("run by TestFIPSKeyCheckReset")
	}
	require.True(t, openssl.FIPS())
	if _, err := hmac.New([]byte{1, 2}, hashes.SHA256{}); err == nil {
		t.Skip("provider does not enforce a minimum HMAC key length")
	}
	defer func() { require.NoError(t, openssl.SetFIPS(true)) }()
	key := bytes.Repeat([]byte{7}, 10)
	msg := []byte("a message MACed across two switches")
	ref := stdhmac.New(sha256.New, key)
	ref.Write(msg)
	want := hex.EncodeToString(ref.Sum(nil))

	require.NoError(t, openssl.SetFIPS(false))
	h, err := hmac.New(key, hashes.SHA256{})
	require.NoError(t, err)
	_, err = h.Write([]byte("in the default mode"))
	require.NoError(t, err)

	require.NoError(t, openssl.SetFIPS(true))
	assert.NotPanics(t, h.Reset)
	_, err = h.Write(msg)
	require.Error(t, err)
	assert.ErrorIs(t, err, backends.ErrInvalidKeySize)
	assert.Contains(t, err.Error(), "key of 10 bytes refused", "the refusal of the HMAC's own key")
	assert.Regexp(t, "^openssl: HMAC-", err.Error(), "one prefix")

	require.NoError(t, openssl.SetFIPS(false))
	assert.NotPanics(t, h.Reset)
	_, err = h.Write(msg)
	require.NoError(t, err)
	assert.Equal(t, want, hex.EncodeToString(h.Sum(nil)))
}
