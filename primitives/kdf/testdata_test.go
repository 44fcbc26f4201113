//go:build cgo

package kdf_test

import (
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/kdf"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

func testdataFile(t *testing.T, name string) []vectors.Record {
	t.Helper()
	dir, err := vectors.TestdataDir()
	require.NoError(t, err)
	recs, err := vectors.ParseFile(filepath.Join(dir, "kdf", name))
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	return recs
}

// TestSSKDFKnownAnswers runs testdata/kdf/sskdf.txt through the pyca
// shapes ConcatKDFHash and ConcatKDFHMAC on the OpenSSL backend, whichever
// backend is the default (Go's crypto has no SP 800-56C KDF).
func TestSSKDFKnownAnswers(t *testing.T) {
	recs := testdataFile(t, "sskdf.txt")
	assert.Len(t, recs, 12)
	for i := range recs {
		r := &recs[i]
		t.Run(r.Name(), func(t *testing.T) {
			h := hashByName(t, r.Fields["hash"])
			want := mustHex(t, r, "EXPECT")
			var k *kdf.KDF
			var err error
			switch r.Fields["variant"] {
			case "DIGEST":
				k, err = kdf.NewWithBackend(kdfalg.ConcatHash{Hash: h, OtherInfo: mustHex(t, r, "INFO")}, len(want), openssl.DefaultBackend())
			case "HMAC":
				var salt []byte
				if r.Has("SALT") {
					salt = mustHex(t, r, "SALT")
				}
				k, err = kdf.NewWithBackend(kdfalg.ConcatHMAC{Hash: h, Salt: salt, OtherInfo: mustHex(t, r, "INFO")}, len(want), openssl.DefaultBackend())
			default:
				require.FailNow(t, "unknown variant "+r.Fields["variant"])
			}
			require.NoError(t, err)
			got, err := k.Derive(mustHex(t, r, "SECRET"))
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))
		})
	}
}

// TestKBKDFFeedbackKnownAnswers runs testdata/kdf/kbkdf-feedback.txt:
// OpenSSL's feedback mode is K(i-1) || [i] || fixed input, the CAVP
// AFTER_ITER layout; the other layouts must be refused.
func TestKBKDFFeedbackKnownAnswers(t *testing.T) {
	recs := testdataFile(t, "kbkdf-feedback.txt")
	assert.Len(t, recs, 58)
	b := openssl.DefaultBackend()
	var c tally
	for i := range recs {
		r := &recs[i]
		p := kbkdfPRF(t, r)
		p.Mode = kdfalg.FeedbackMode
		var bits int
		_, err := fmt.Sscan(strings.TrimSuffix(strings.ToUpper(r.Section["rlen"]), "_BITS"), &bits)
		require.NoError(t, err)
		p.RLen = bits / 8
		p.IV = mustHex(t, r, "IV")
		p.Fixed = mustHex(t, r, "FixedInputData")
		switch loc := strings.ToUpper(r.Section["ctrlocation"]); loc {
		case "AFTER_ITER":
			p.Location = kdfalg.BeforeFixed
		case "AFTER_FIXED":
			p.Location = kdfalg.AfterFixed
		case "BEFORE_ITER":
			// The counter before K(i-1): no OpenSSL has it. Ask for the
			// nearest thing that is not it, to see it refused.
			p.Location = kdfalg.MiddleFixed
		default:
			require.FailNow(t, "unknown counter location "+loc)
		}
		out := make([]byte, mustInt(t, r, "L")/8)
		err = b.DeriveKey(p, mustHex(t, r, "KI"), out)
		switch {
		case p.Location != kdfalg.BeforeFixed:
			require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, r.Name())
			c.skip("counter location " + r.Section["ctrlocation"] + ": not expressible (refusal checked)")
			continue
		case bits != 32 && err != nil && strings.Contains(err.Error(), "counter"):
			require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, r.Name())
			c.skip(fmt.Sprintf("%d-bit counter: not in this provider's KBKDF (refusal checked)", bits))
			continue
		}
		c.ran++
		require.NoError(t, err, r.Name())
		assert.Equal(t, hex.EncodeToString(mustHex(t, r, "KO")), hex.EncodeToString(out), r.Name())
	}
	c.report(t, len(recs))
}
