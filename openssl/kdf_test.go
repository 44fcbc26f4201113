//go:build cgo

package openssl_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/backends/backendtest"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// kdfSamples is one derivation of each KDF the FIPS provider serves, with
// parameters its rules accept.
func kdfSamples() []backends.KDFAlgorithm {
	salt := bytes.Repeat([]byte{1}, 16)
	return []backends.KDFAlgorithm{
		kdfalg.HKDF{Hash: hashes.SHA256{}, Salt: salt},
		kdfalg.PBKDF2{Hash: hashes.SHA256{}, Salt: salt, Iterations: 1000},
		kdfalg.KBKDF{Hash: hashes.SHA256{}, Label: []byte("l"), Context: []byte("c")},
		kdfalg.X963{Hash: hashes.SHA256{}},
		kdfalg.ConcatHash{Hash: hashes.SHA256{}},
		kdfalg.ConcatHMAC{Hash: hashes.SHA256{}},
	}
}

// TestKDFProviders: every derivation runs in the provider of the mode in
// force, the FIPS provider in FIPS mode.
func TestKDFProviders(t *testing.T) {
	b := openssl.DefaultBackend()
	for _, alg := range kdfSamples() {
		require.NoError(t, b.DeriveKey(alg, bytes.Repeat([]byte{2}, 32), make([]byte, 32)), alg.KDFName())
	}
	want := "default"
	if openssl.FIPS() {
		want = "fips"
	}
	provs := openssl.FetchedProviders(openssl.FIPS())
	for _, name := range []string{"kdf:hkdf", "kdf:pbkdf2", "kdf:kbkdf", "kdf:x963kdf", "kdf:sskdf"} {
		assert.Equal(t, want, provs[name], name)
	}
}

// TestKDFFollowsSwitch: a derivation runs in the FIPS mode in force when it
// starts; scrypt and the PBKDF2 rules change with the mode.
func TestKDFFollowsSwitch(t *testing.T) {
	needSwitch(t)
	b := openssl.DefaultBackend()
	scrypt := kdfalg.Scrypt{N: 16, R: 1, P: 1}
	weak := kdfalg.PBKDF2{Hash: hashes.SHA256{}, Salt: []byte("salt"), Iterations: 1}
	require.NoError(t, b.DeriveKey(scrypt, []byte("p"), make([]byte, 16)))
	require.NoError(t, b.DeriveKey(weak, []byte("p"), make([]byte, 16)))

	require.NoError(t, openssl.SetFIPS(true))
	err := b.DeriveKey(scrypt, []byte("p"), make([]byte, 16))
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
	assert.Contains(t, err.Error(), "FIPS")
	assert.False(t, b.KDFSupported(scrypt))
	assert.ErrorIs(t, b.DeriveKey(weak, []byte("p"), make([]byte, 16)), backends.ErrFIPSRule)
	for _, alg := range kdfSamples() {
		require.NoError(t, b.DeriveKey(alg, bytes.Repeat([]byte{2}, 32), make([]byte, 32)), alg.KDFName())
	}
	assert.Equal(t, "fips", openssl.FetchedProviders(true)["kdf:hkdf"])

	require.NoError(t, openssl.SetFIPS(false))
	assert.NoError(t, b.DeriveKey(scrypt, []byte("p"), make([]byte, 16)))
	assert.True(t, b.KDFSupported(scrypt))
}

// TestKDFCgo: only the bytes passed are checked by cgo, not the structure
// around them.
func TestKDFCgo(t *testing.T) {
	d := new(cgoData)
	d.Ptr = d
	b := openssl.DefaultBackend()
	for _, alg := range kdfSamples() {
		require.NoError(t, b.DeriveKey(alg, d.Data[:32], d.Data[32:64]), alg.KDFName())
	}
	fb := kdfalg.KBKDF{Hash: hashes.SHA256{}, Mode: kdfalg.FeedbackMode, IV: d.Data[:32], Label: d.Data[8:16], Context: d.Data[16:24]}
	require.NoError(t, b.DeriveKey(fb, d.Data[:32], d.Data[32:64]))
}

func TestKDFBackendConformance(t *testing.T) {
	backendtest.TestKDFBackend(t, openssl.DefaultBackend())
}
