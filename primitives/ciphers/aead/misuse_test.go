package aead_test

// Misuse: wrong keys, nonces, tag sizes and lengths return an error
// wrapping the one sentinel that names the mistake, without a panic;
// Seal, which has no error result, panics as Go's AEADs do.

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

var misuseSentinels = []error{
	backends.ErrUnsupportedAlgorithm, backends.ErrAlreadyFinalized, backends.ErrNotYetFinalized,
	backends.ErrInvalidTag, backends.ErrDuplicateAdapter, backends.ErrInvalidKeySize,
	backends.ErrInvalidIVSize, backends.ErrInvalidTagSize, backends.ErrInvalidDataLength,
	backends.ErrShortBuffer, backends.ErrInvalidBufferOverlap, backends.ErrInvalidArgument,
}

// misuseCheck asserts that err wraps want and no other sentinel.
func misuseCheck(t *testing.T, err, want error) {
	t.Helper()
	if !assert.ErrorIs(t, err, want) {
		return
	}
	for _, s := range misuseSentinels {
		if s != want {
			assert.False(t, errors.Is(err, s), "%v also matches %v", err, s)
		}
	}
}

func misuseSeq(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*29 + 7)
	}
	return b
}

// misuseAEAD builds one of the three AEADs with a 32-byte key, or returns
// the constructor's error (ChaCha20-Poly1305 in FIPS mode).
type misuseAEAD struct {
	name string
	new  func() (diffAEAD, error)
}

func misuseAEADs() []misuseAEAD {
	return []misuseAEAD{
		{"AESGCM", func() (diffAEAD, error) { return aead.NewAESGCM(misuseSeq(32)) }},
		{"AESCCM", func() (diffAEAD, error) { return aead.NewAESCCM(misuseSeq(32), 16) }},
		{"ChaCha20Poly1305", func() (diffAEAD, error) { return aead.NewChaCha20Poly1305(misuseSeq(32)) }},
	}
}

// misuseOpaque asserts that an authentication failure is the bare
// sentinel (or carries its text exactly): no OpenSSL detail.
func misuseOpaque(t *testing.T, err error) {
	t.Helper()
	if err == backends.ErrInvalidTag {
		return
	}
	require.Error(t, err)
	assert.Equal(t, "authentication tag is invalid", err.Error())
}

type misuseCase struct {
	name string
	want error
	run  func(t *testing.T) error
}

func misuseCases() []misuseCase {
	var cases []misuseCase
	add := func(name string, want error, run func(t *testing.T) error) {
		cases = append(cases, misuseCase{name, want, run})
	}

	// Key sizes.
	for _, n := range []int{0, 15, 17, 31, 33, 64} {
		add("AESGCM/"+strconv.Itoa(n)+"-byte key", backends.ErrInvalidKeySize, func(*testing.T) error {
			a, err := aead.NewAESGCM(misuseSeq(n))
			if a != nil {
				return errors.New("a value came with the error")
			}
			return err
		})
	}
	for _, n := range []int{8, 20, 64} {
		add("AESCCM/"+strconv.Itoa(n)+"-byte key", backends.ErrInvalidKeySize, func(*testing.T) error {
			_, err := aead.NewAESCCM(misuseSeq(n), 16)
			return err
		})
	}
	for _, n := range []int{0, 16, 31, 33} {
		add("ChaCha20Poly1305/"+strconv.Itoa(n)+"-byte key", backends.ErrInvalidKeySize, func(*testing.T) error {
			_, err := aead.NewChaCha20Poly1305(misuseSeq(n))
			return err
		})
	}
	add("AESCCM/bad key before bad tag size", backends.ErrInvalidKeySize, func(*testing.T) error {
		_, err := aead.NewAESCCM(misuseSeq(10), 3)
		return err
	})

	// CCM tag sizes.
	for _, n := range []int{-2, 0, 2, 3, 5, 7, 15, 17, 18} {
		add("AESCCM/"+strconv.Itoa(n)+"-byte tag", backends.ErrInvalidTagSize, func(*testing.T) error {
			_, err := aead.NewAESCCM(misuseSeq(16), n)
			return err
		})
	}

	// Nonce sizes, for Encrypt, Decrypt and Open.
	nonces := map[string][]int{
		"AESGCM":           {0, 129, 200}, // modes.CheckGCMIVSize: 1 to 128
		"AESCCM":           {0, 6, 14, 16},
		"ChaCha20Poly1305": {0, 8, 11, 13, 24},
	}
	for _, ma := range misuseAEADs() {
		for _, n := range nonces[ma.name] {
			add(ma.name+"/Encrypt with a "+strconv.Itoa(n)+"-byte nonce", backends.ErrInvalidIVSize, func(t *testing.T) error {
				a, err := ma.new()
				if err != nil {
					return err
				}
				out, err := a.Encrypt(misuseSeq(n), []byte("data"), nil)
				assert.Nil(t, out)
				return err
			})
			add(ma.name+"/Decrypt with a "+strconv.Itoa(n)+"-byte nonce", backends.ErrInvalidIVSize, func(*testing.T) error {
				a, err := ma.new()
				if err != nil {
					return err
				}
				_, err = a.Decrypt(misuseSeq(n), misuseSeq(40), nil)
				return err
			})
		}
		add(ma.name+"/Open with a nonce one byte short", backends.ErrInvalidIVSize, func(t *testing.T) error {
			a, err := ma.new()
			if err != nil {
				return err
			}
			sealed := a.Seal(nil, misuseSeq(a.NonceSize()), []byte("data"), nil)
			out, err := a.Open(nil, misuseSeq(a.NonceSize()-1), sealed, nil)
			assert.Nil(t, out)
			return err
		})
	}
	add("AESGCM/Open with an 8-byte nonce that Decrypt takes", backends.ErrInvalidIVSize, func(t *testing.T) error {
		a, err := aead.NewAESGCM(misuseSeq(16))
		if err != nil {
			return err // refused under GODEBUG=fips140=only; TestMisuse checks that
		}
		sealed, err := a.Encrypt(misuseSeq(8), []byte("data"), nil)
		require.NoError(t, err)
		_, err = a.Open(nil, misuseSeq(8), sealed, nil)
		return err
	})

	// CCM lengths: a 13-byte nonce leaves 2 bytes for the length.
	add("AESCCM/Encrypt of 65536 bytes with a 13-byte nonce", backends.ErrInvalidDataLength, func(t *testing.T) error {
		a, err := aead.NewAESCCM(misuseSeq(16), 8)
		if err != nil {
			return err // the Go backend has no CCM; TestMisuse checks that
		}
		_, err = a.Encrypt(misuseSeq(13), make([]byte, 1<<16), nil)
		return err
	})
	add("AESCCM/Decrypt of 65536 bytes with a 13-byte nonce", backends.ErrInvalidDataLength, func(t *testing.T) error {
		a, err := aead.NewAESCCM(misuseSeq(16), 8)
		if err != nil {
			return err // the Go backend has no CCM; TestMisuse checks that
		}
		_, err = a.Decrypt(misuseSeq(13), make([]byte, 1<<16+8), nil)
		return err
	})

	// Truncated and tampered messages.
	for _, ma := range misuseAEADs() {
		add(ma.name+"/Decrypt of less than a tag", backends.ErrInvalidTag, func(t *testing.T) error {
			a, err := ma.new()
			if err != nil {
				return err
			}
			out, err := a.Decrypt(misuseSeq(a.NonceSize()), misuseSeq(a.Overhead()-1), nil)
			assert.Nil(t, out)
			misuseOpaque(t, err)
			return err
		})
		add(ma.name+"/Open of nothing", backends.ErrInvalidTag, func(t *testing.T) error {
			a, err := ma.new()
			if err != nil {
				return err
			}
			_, err = a.Open(nil, misuseSeq(a.NonceSize()), nil, nil)
			misuseOpaque(t, err)
			return err
		})
		for _, what := range []string{"ciphertext", "tag", "AAD", "nonce"} {
			add(ma.name+"/Open with a mutated "+what, backends.ErrInvalidTag, func(t *testing.T) error {
				a, err := ma.new()
				if err != nil {
					return err
				}
				pt, aad, nonce := []byte("the plaintext must not leak out"), []byte("header"), misuseSeq(a.NonceSize())
				sealed := a.Seal(nil, nonce, pt, aad)
				switch what {
				case "ciphertext":
					sealed[3] ^= 0x01
				case "tag":
					sealed[len(sealed)-1] ^= 0x80
				case "AAD":
					aad = []byte("Header")
				case "nonce":
					nonce[0] ^= 0x04
				}
				dst := make([]byte, 0, 256)
				for i := range dst[:cap(dst)] {
					dst[:cap(dst)][i] = 0xAA
				}
				out, err := a.Open(dst, nonce, sealed, aad)
				assert.Nil(t, out)
				assert.False(t, bytes.Contains(dst[:cap(dst)], pt[:8]), "plaintext left in dst's spare capacity")
				misuseOpaque(t, err)
				dec, derr := a.Decrypt(nonce, sealed, aad)
				assert.Nil(t, dec)
				misuseOpaque(t, derr)
				return err
			})
		}
		add(ma.name+"/Open into a buffer overlapping the ciphertext", backends.ErrInvalidBufferOverlap, func(t *testing.T) error {
			a, err := ma.new()
			if err != nil {
				return err
			}
			nonce := misuseSeq(a.NonceSize())
			buf := make([]byte, 100)
			sealed := a.Seal(buf[:0], nonce, misuseSeq(40), nil)
			_, err = a.Open(buf[1:1], nonce, sealed, nil)
			return err
		})
	}
	return cases
}

func TestMisuse(t *testing.T) {
	cases := misuseCases()
	require.GreaterOrEqual(t, len(cases), 40)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.want
			if strings.HasPrefix(tc.name, "ChaCha20Poly1305/") && !strings.Contains(tc.name, "-byte key") {
				if _, err := aead.NewChaCha20Poly1305(misuseSeq(32)); err != nil {
					// FIPS mode: the constructor refuses, and that is checked.
					require.True(t, defaultbackend.FIPS(), "unsupported outside FIPS mode: %v", err)
					want = backends.ErrUnsupportedAlgorithm
				}
			}
			if strings.HasPrefix(tc.name, "AESGCM/") && !strings.Contains(tc.name, "-byte key") {
				if _, err := aead.NewAESGCM(misuseSeq(32)); gcmRefused(t, err) {
					// The constructor refuses, and that is checked.
					want = backends.ErrUnsupportedAlgorithm
				}
			}
			noCCM := false
			if strings.HasPrefix(tc.name, "AESCCM/") {
				if _, err := aead.NewAESCCM(misuseSeq(16), 16); err != nil {
					// The Go backend: Go's crypto has no CCM. Parameter
					// checks may still come first.
					require.Equal(t, defaultbackend.Go, defaultbackend.Name(), "CCM unsupported on OpenSSL: %v", err)
					noCCM = true
				}
			}
			var err error
			assert.NotPanics(t, func() { err = tc.run(t) })
			if noCCM && errors.Is(err, backends.ErrUnsupportedAlgorithm) {
				want = backends.ErrUnsupportedAlgorithm
			}
			misuseCheck(t, err, want)
		})
	}
}

// TestMisuseSealPanics checks that Seal, whose cipher.AEAD signature has
// no error, panics on what Encrypt reports as an error: a nonce of the
// wrong length, CCM data too long for its nonce, an inexact overlap.
func TestMisuseSealPanics(t *testing.T) {
	for _, ma := range misuseAEADs() {
		t.Run(ma.name, func(t *testing.T) {
			a, err := ma.new()
			if err != nil {
				require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
				require.True(t, defaultbackend.FIPS() || (ma.name == "AESCCM" && defaultbackend.Name() == defaultbackend.Go), "%v", err)
				return
			}
			n := a.NonceSize()
			assert.Panics(t, func() { a.Seal(nil, misuseSeq(n-1), []byte("x"), nil) }, "short nonce")
			assert.Panics(t, func() { a.Seal(nil, misuseSeq(n+1), []byte("x"), nil) }, "long nonce")
			assert.Panics(t, func() { a.Seal(nil, nil, []byte("x"), nil) }, "no nonce")
			buf := misuseSeq(100)
			assert.Panics(t, func() { a.Seal(buf[1:1], misuseSeq(n), buf[:40], nil) }, "inexact overlap")
			if ma.name == "AESCCM" {
				assert.Panics(t, func() { a.Seal(nil, misuseSeq(n), make([]byte, 1<<16), nil) }, "CCM data too long")
			}
			// Still usable afterwards.
			assert.NotPanics(t, func() { a.Seal(nil, misuseSeq(n), []byte("x"), nil) })
		})
	}
}

// TestGCMNonceRuleIsOne checks that AESGCM's Encrypt and Decrypt take the
// GCM IV lengths modes.NewGCM takes, and refuse the others with
// ErrInvalidIVSize: one rule for GCM on every path.
func TestGCMNonceRuleIsOne(t *testing.T) {
	a, err := aead.NewAESGCM(make([]byte, 16))
	if gcmRefused(t, err) {
		return
	}
	for _, n := range []int{0, 1, 7, 8, 12, 16, 128, 129, 200} {
		t.Run(fmt.Sprintf("%d bytes", n), func(t *testing.T) {
			nonce := make([]byte, n)
			_, modeErr := modes.NewGCM(nonce, nil)
			sealed, encErr := a.Encrypt(nonce, []byte("pay 100 to alice"), nil)
			if modeErr != nil {
				require.ErrorIs(t, modeErr, backends.ErrInvalidIVSize)
				assert.ErrorIs(t, encErr, backends.ErrInvalidIVSize, "Encrypt")
				_, decErr := a.Decrypt(nonce, make([]byte, 32), nil)
				assert.ErrorIs(t, decErr, backends.ErrInvalidIVSize, "Decrypt")
				return
			}
			require.NoError(t, encErr, "Encrypt")
			pt, err := a.Decrypt(nonce, sealed, nil)
			require.NoError(t, err, "Decrypt")
			assert.Equal(t, "pay 100 to alice", string(pt))
		})
	}
}
