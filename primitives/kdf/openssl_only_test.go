//go:build cgo

package kdf_test

// Tests of the KDF rules and algorithms only the OpenSSL backend has
// (OpenSSL's HKDF info limit; the X9.63, single-step and KBKDF KDFs, which
// are not in Go's crypto).

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/go-hazmat/hazmat/internal/vectors"
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

// TestHKDFInfoLimit: OpenSSL's HKDF takes at most 32 KiB of info; longer
// info is bad input, refused with a clear error wrapping
// ErrInvalidArgument (not a failure without reasons, nor a FIPS refusal),
// the output untouched.
func TestHKDFInfoLimit(t *testing.T) {
	b := openssl.DefaultBackend()
	for _, mode := range []kdfalg.HKDFMode{kdfalg.ExtractAndExpand, kdfalg.ExpandOnly} {
		for _, n := range []int{32768, 32769, 1 << 20} {
			t.Run(fmt.Sprintf("%v/%d", mode, n), func(t *testing.T) {
				alg := kdfalg.HKDF{Hash: hashes.SHA256{}, Info: make([]byte, n), Mode: mode}
				out := bytes.Repeat([]byte{0xAA}, 32)
				err := b.DeriveKey(alg, bytes.Repeat([]byte{1}, 32), out)
				if n <= 32768 {
					require.NoError(t, err)
					return
				}
				require.ErrorIs(t, err, backends.ErrInvalidArgument)
				assert.Contains(t, err.Error(), "32768")
				assert.NotContains(t, err.Error(), "FIPS")
				assert.Equal(t, 1, strings.Count(err.Error(), "openssl:"), err.Error())
				assert.Equal(t, bytes.Repeat([]byte{0xAA}, 32), out, "nothing written")
			})
		}
	}
}

// oddBlockHash names SHA-256 with a block size of the caller's choosing.
type oddBlockHash struct{ bs int }

func (oddBlockHash) Name() string     { return "sha256" }
func (oddBlockHash) DigestSize() int  { return 32 }
func (h oddBlockHash) BlockSize() int { return h.bs }

// TestConcatHMACDefaultSaltBlock: the default salt of the HMAC Concat KDF
// is a block of the digest OpenSSL runs, whatever BlockSize a caller's
// descriptor reports (a negative one panicked making the salt; a huge one
// ran out of memory).
func TestConcatHMACDefaultSaltBlock(t *testing.T) {
	b := openssl.DefaultBackend()
	want := make([]byte, 32)
	require.NoError(t, b.DeriveKey(kdfalg.ConcatHMAC{Hash: hashes.SHA256{}}, bytes.Repeat([]byte{1}, 16), want))
	for _, bs := range []int{-1, 0, 1, 1 << 40} {
		t.Run(fmt.Sprint(bs), func(t *testing.T) {
			out := make([]byte, 32)
			var err error
			assert.NotPanics(t, func() {
				err = b.DeriveKey(kdfalg.ConcatHMAC{Hash: oddBlockHash{bs}}, bytes.Repeat([]byte{1}, 16), out)
			})
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(out))
		})
	}
}

func TestX963Vectors(t *testing.T) {
	recs := parse(t, "KDF/ansx963_2001.txt")
	var c tally
	for i := range recs {
		r := &recs[i]
		var h hashes.Algorithm
		for k := range r.Section {
			if strings.HasPrefix(k, "sha-") {
				h = hashByName(t, k)
			}
		}
		require.NotNil(t, h, r.Name())
		bits, _, err := r.SectionInt("key data length")
		require.NoError(t, err)
		c.ran++
		t.Run(r.Name(), func(t *testing.T) {
			got, err := sslDerive(kdfalg.X963{Hash: h, SharedInfo: mustHex(t, r, "SharedInfo")}, mustHex(t, r, "Z"), bits/8)
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(mustHex(t, r, "key_data")), hex.EncodeToString(got))
		})
	}
	c.report(t, len(recs))
}

func TestKBKDFCounterVectors(t *testing.T) {
	recs := parse(t, "KDF/nist-800-108-KBKDF-CTR.txt")
	b := openssl.DefaultBackend()
	var c tally
	for i := range recs {
		r := &recs[i]
		p := kbkdfPRF(t, r)
		rlen := strings.TrimSuffix(strings.ToUpper(r.Section["rlen"]), "_BITS")
		var bits int
		_, err := fmt.Sscan(rlen, &bits)
		require.NoError(t, err, r.Name())
		p.RLen = bits / 8
		loc := strings.ToUpper(r.Section["ctrlocation"])
		switch loc {
		case "BEFORE_FIXED":
			p.Location = kdfalg.BeforeFixed
			p.Fixed = mustHex(t, r, "FixedInputData")
		case "AFTER_FIXED":
			p.Location = kdfalg.AfterFixed
			p.Fixed = mustHex(t, r, "FixedInputData")
		case "MIDDLE_FIXED":
			p.Location = kdfalg.MiddleFixed
			p.Fixed = append(mustHex(t, r, "DataBeforeCtrData"), mustHex(t, r, "DataAfterCtrData")...)
		default:
			require.FailNow(t, "unknown counter location "+loc)
		}
		key, n := mustHex(t, r, "KI"), mustInt(t, r, "L")/8
		out := make([]byte, n)
		err = b.DeriveKey(p, key, out)
		switch {
		case p.Location != kdfalg.BeforeFixed:
			require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, r.Name())
			c.skip("counter " + p.Location.String() + ": OpenSSL's KBKDF cannot express it (refusal checked)")
			continue
		case bits != 32 && errors.Is(err, backends.ErrUnsupportedAlgorithm) && strings.Contains(err.Error(), "counter"):
			c.skip(fmt.Sprintf("%d-bit counter: this provider's KBKDF has only 32-bit counters (refusal checked)", bits))
			continue
		case openssl.FIPS() && p.Cipher == kdfalg.CMACTripleDES && errors.Is(err, backends.ErrUnsupportedAlgorithm):
			c.skip("CMAC-TripleDES PRF: refused in FIPS mode (refusal checked)")
			continue
		}
		c.ran++
		require.NoError(t, err, r.Name())
		assert.Equal(t, hex.EncodeToString(mustHex(t, r, "KO")), hex.EncodeToString(out), r.Name())
	}
	c.report(t, len(recs))
}

// kbkdfPRF reads the [PRF=...] section of the CAVP KBKDF file.
func kbkdfPRF(t *testing.T, r *vectors.Record) kdfalg.KBKDF {
	t.Helper()
	prf := strings.ToUpper(r.Section["prf"])
	switch {
	case strings.HasPrefix(prf, "HMAC_"):
		return kdfalg.KBKDF{Hash: hashByName(t, strings.TrimPrefix(prf, "HMAC_"))}
	case strings.HasPrefix(prf, "CMAC_AES"):
		return kdfalg.KBKDF{Cipher: kdfalg.CMACAES}
	case strings.HasPrefix(prf, "CMAC_TDES"):
		return kdfalg.KBKDF{Cipher: kdfalg.CMACTripleDES}
	}
	require.FailNow(t, "unknown PRF "+prf)
	return kdfalg.KBKDF{}
}

// sslDerive derives n bytes from secret with alg on the OpenSSL backend,
// whichever backend is the default: the tests of this file are about
// OpenSSL's KDFs.
func sslDerive(alg backends.KDFAlgorithm, secret []byte, n int) ([]byte, error) {
	k, err := kdf.NewWithBackend(alg, n, openssl.DefaultBackend())
	if err != nil {
		return nil, err
	}
	return k.Derive(secret)
}
