//go:build cgo

// The runner's use of a chosen backend, shown with the OpenSSL backend
// (these tests need cgo).

package kat_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/kat"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/openssl"
)

// errRefused is the refusal of refusingBackend.
var errRefused = errors.New("refused by the test's backend")

// refusingBackend is an OpenSSL backend that has no one-shot AEADs and no
// key wrap: it refuses them as a backend that lacks them does, and counts
// the refusals.
type refusingBackend struct {
	*openssl.Backend
	refusals atomic.Int64
}

func (b *refusingBackend) refuse(alg string) error {
	b.refusals.Add(1)
	return &backends.UnsupportedAlgorithmError{Algorithm: alg, Reason: backends.ReasonUnsupportedCipher, Err: errRefused}
}

func (b *refusingBackend) AEADSupported(backends.CipherAlgorithm, backends.Mode) bool { return false }

func (b *refusingBackend) CreateAEADCtx(c backends.CipherAlgorithm, _ backends.Mode, _ int) (backends.AEADContext, error) {
	return nil, b.refuse(c.Name())
}

func (b *refusingBackend) KeyWrapSupported(backends.KeyWrapMode, int) bool { return false }

func (b *refusingBackend) WrapKey(mode backends.KeyWrapMode, _, _ []byte) ([]byte, error) {
	return nil, b.refuse("AES-" + mode.String())
}

func (b *refusingBackend) UnwrapKey(mode backends.KeyWrapMode, _, _ []byte) ([]byte, error) {
	return nil, b.refuse("AES-" + mode.String())
}

// kwADFile holds a good record and a FAIL record of SP 800-38F's
// KW_AD_128.txt.
const kwADFile = `[PLAINTEXT LENGTH = 128]

COUNT = 0
K = 1cbd2f79078b9500fae23696311953eb
C = ecbd7a17c5da3cfdfe2225d2bf9ac7abce78c2b2aefa6eac
P = 9c4e675277a3bdc3a071048b327a011e

COUNT = 1
K = 5d4899ee66beff1bda1fc717a1ad4c50
C = bb7fd0bce778bd775e4e88d904d26a7134364c53a6c493a0
FAIL
`

// TestRunOnRefusingBackend checks that the one-shot AEAD and key-wrap
// files run on the backend given to Run: a backend that refuses them
// skips every record (FAIL records too) with its refusal, which the
// skipped record keeps; the OpenSSL backend passes them.
func TestRunOnRefusingBackend(t *testing.T) {
	td, err := vectors.TestdataDir()
	require.NoError(t, err)
	paths := []string{
		filepath.Join(td, "ciphers", "chacha20poly1305-rfc8439.txt"),
		write(t, t.TempDir(), "keywrap/kwtestvectors/KW_AD_128.txt", kwADFile),
	}
	if !openssl.FIPS() {
		paths = append(paths, filepath.Join(td, "ciphers", "aes-ccm-rfc3610.txt"))
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			want := kat.Run(p, openssl.DefaultBackend())
			passed, failed, _ := want.Counts()
			require.Zero(t, failed, "%v", want.Failures())
			if openssl.FIPS() && filepath.Base(p) == "chacha20poly1305-rfc8439.txt" {
				require.Zero(t, passed)
			} else {
				require.Positive(t, passed, "the OpenSSL backend runs the file")
			}

			b := &refusingBackend{Backend: openssl.NewBackend()}
			got := kat.Run(p, b)
			assert.Equal(t, [3]int{0, 0, len(want.Records)}, counts(got), "%s; failures: %v", got.Summary(), got.Failures())
			assert.Positive(t, b.refusals.Load(), "refusals by the given backend")
			for _, rec := range got.Records {
				assert.ErrorIs(t, rec.Err, errRefused, "record %s: %s", rec.Name, rec.Reason)
				assert.ErrorIs(t, rec.Err, backends.ErrUnsupportedAlgorithm, "record %s", rec.Name)
			}
		})
	}
}

// shortKeyBackend is an OpenSSL backend whose HMAC refuses keys shorter
// than 112 bits, as a FIPS module may (Go's under GODEBUG=fips140=only).
type shortKeyBackend struct{ *openssl.Backend }

func (b shortKeyBackend) CreateHMACCtx(key []byte, alg backends.HashAlgorithm) (backends.HMACContext, error) {
	if len(key) < 14 {
		return nil, fmt.Errorf("test: HMAC key of %d bytes refused in FIPS mode: %w", len(key), backends.ErrInvalidKeySize)
	}
	return b.Backend.CreateHMACCtx(key, alg)
}

// TestRunHMACShortKeyRefused checks that an HMAC record whose key a FIPS
// module refuses for its length (shorter than 112 bits) is skipped with
// kat.ReasonHMACKey, and the others still pass.
func TestRunHMACShortKeyRefused(t *testing.T) {
	td, err := vectors.TestdataDir()
	require.NoError(t, err)
	p := filepath.Join(td, "hmac", "sha256.txt")
	want := kat.Run(p, openssl.DefaultBackend())
	passed, failed, skipped := want.Counts()
	require.Zero(t, failed+skipped, "%v", want.Failures())

	got := kat.Run(p, shortKeyBackend{openssl.NewBackend()})
	short := 0
	for _, rec := range got.Records {
		if rec.Status == kat.Skip {
			short++
			assert.Equal(t, kat.ReasonHMACKey, rec.Reason, rec.Name)
		}
	}
	assert.Positive(t, short, "the file has keys shorter than 14 bytes (RFC 4231's \"Jefe\")")
	assert.Equal(t, [3]int{passed - short, 0, short}, counts(got), "%v", got.Failures())
}
