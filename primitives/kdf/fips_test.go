//go:build cgo

package kdf_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// TestFIPSRules: in FIPS mode the FIPS provider's SP 800-132 checks of
// PBKDF2 reach the caller as a *backends.KDFRuleError that names FIPS and
// the rule, never as an unsupported algorithm; in the default mode the same
// parameters derive.
func TestFIPSRules(t *testing.T) {
	salt16 := bytes.Repeat([]byte("s"), 16)
	cases := []struct {
		name string
		alg  kdfalg.PBKDF2
		n    int
		rule string
		kind error
	}{
		{"short salt", kdfalg.PBKDF2{Hash: hashes.SHA256{}, Salt: []byte("salt"), Iterations: 1000}, 32, "salt must be at least 16 bytes", backends.ErrInvalidArgument},
		{"nil salt", kdfalg.PBKDF2{Hash: hashes.SHA256{}, Iterations: 1000}, 32, "salt must be at least 16 bytes", backends.ErrInvalidArgument},
		{"few iterations", kdfalg.PBKDF2{Hash: hashes.SHA256{}, Salt: salt16, Iterations: 999}, 32, "at least 1000", backends.ErrInvalidArgument},
		{"short key", kdfalg.PBKDF2{Hash: hashes.SHA256{}, Salt: salt16, Iterations: 1000}, 13, "at least 14 bytes", backends.ErrInvalidKeySize},
	}
	b := openssl.DefaultBackend()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.True(t, b.KDFSupported(c.alg), "the rules are not a question of support")
			out := make([]byte, c.n)
			err := b.DeriveKey(c.alg, []byte("password"), out)
			if !openssl.FIPS() {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, backends.ErrFIPSRule)
			require.ErrorIs(t, err, c.kind)
			assert.NotErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
			var re *backends.KDFRuleError
			require.ErrorAs(t, err, &re)
			assert.Contains(t, re.Rule, c.rule)
			assert.Contains(t, err.Error(), "FIPS")
			assert.Contains(t, err.Error(), c.rule)
			assert.Equal(t, make([]byte, c.n), out, "nothing written")
			var oe *openssl.Error
			assert.True(t, errors.As(err, &oe), "OpenSSL's own error is kept")
		})
	}
}

// TestFIPSServes pins what FIPS mode serves: every KDF but scrypt, with
// SHA-2 and SHA-3; HKDF with a nil salt and a short key.
func TestFIPSServes(t *testing.T) {
	served := []struct {
		alg    backends.KDFAlgorithm
		secret []byte
	}{
		{kdfalg.HKDF{Hash: hashes.SHA256{}}, []byte("short")},
		{kdfalg.HKDF{Hash: hashes.SHA3_256{}, Salt: []byte("salt")}, bytes.Repeat([]byte{1}, 32)},
		{kdfalg.HKDF{Hash: hashes.SHA512{}, Mode: kdfalg.ExpandOnly}, bytes.Repeat([]byte{1}, 64)},
		{kdfalg.PBKDF2{Hash: hashes.SHA512{}, Salt: bytes.Repeat([]byte{2}, 16), Iterations: 1000}, []byte("password")},
		{kdfalg.KBKDF{Hash: hashes.SHA384{}, Label: []byte("label"), Context: []byte("ctx")}, bytes.Repeat([]byte{3}, 32)},
		{kdfalg.KBKDF{Cipher: kdfalg.CMACAES, Mode: kdfalg.FeedbackMode, IV: bytes.Repeat([]byte{4}, 16)}, bytes.Repeat([]byte{3}, 32)},
		{kdfalg.X963{Hash: hashes.SHA256{}, SharedInfo: []byte("info")}, bytes.Repeat([]byte{5}, 32)},
		{kdfalg.ConcatHash{Hash: hashes.SHA256{}}, bytes.Repeat([]byte{6}, 32)},
		{kdfalg.ConcatHMAC{Hash: hashes.SHA256{}}, bytes.Repeat([]byte{6}, 32)},
	}
	b := openssl.DefaultBackend()
	for _, s := range served {
		t.Run(s.alg.KDFName(), func(t *testing.T) {
			assert.True(t, b.KDFSupported(s.alg))
			k, err := kdf.NewWithBackend(s.alg, 32, b)
			require.NoError(t, err)
			out, err := k.Derive(s.secret)
			require.NoError(t, err)
			assert.Len(t, out, 32)
		})
	}
	scrypt := kdfalg.Scrypt{N: 16, R: 1, P: 1}
	md5 := kdfalg.HKDF{Hash: hashes.MD5{}}
	if !openssl.FIPS() {
		assert.True(t, b.KDFSupported(scrypt))
		assert.True(t, b.KDFSupported(md5))
		return
	}
	for _, alg := range []backends.KDFAlgorithm{scrypt, md5} {
		assert.False(t, b.KDFSupported(alg))
		err := b.DeriveKey(alg, []byte("secret"), make([]byte, 16))
		var ue *backends.UnsupportedAlgorithmError
		require.ErrorAs(t, err, &ue)
		assert.Equal(t, backends.ReasonFIPSRefused, ue.Reason)
		assert.Contains(t, err.Error(), "FIPS")
		_, err = kdf.NewWithBackend(alg, 16, b)
		assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
		assert.Contains(t, err.Error(), "FIPS")
	}
}

// TestFIPSKBKDFTripleDESKeys: in FIPS mode a CMAC-TripleDES KBKDF takes
// only keys of three distinct DES keys, the rule CMAC and the TripleDES
// ciphers follow there (the FIPS provider itself computes with any 24-byte
// key, single DES included); in the default mode these keys derive.
func TestFIPSKBKDFTripleDESKeys(t *testing.T) {
	k1, k2 := bytes.Repeat([]byte{0x01, 0x23}, 4), bytes.Repeat([]byte{0x45, 0x67}, 4)
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	cases := []struct {
		name string
		key  []byte
	}{
		{"one DES key three times", cat(k1, k1, k1)},
		{"K1 = K3", cat(k1, k2, k1)},
		{"K1 = K2", cat(k1, k1, k2)},
		{"K2 = K3", cat(k2, k1, k1)},
	}
	alg := kdfalg.KBKDF{Cipher: kdfalg.CMACTripleDES, Label: []byte("label")}
	b := openssl.DefaultBackend()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := bytes.Repeat([]byte{0xAA}, 16)
			err := b.DeriveKey(alg, c.key, out)
			if !openssl.FIPS() {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, backends.ErrInvalidKeySize)
			assert.Contains(t, err.Error(), "FIPS")
			assert.Equal(t, 1, strings.Count(err.Error(), "openssl:"), err.Error())
			assert.Equal(t, hex.EncodeToString(bytes.Repeat([]byte{0xAA}, 16)), hex.EncodeToString(out), "nothing written")
		})
	}
}
