//go:build cgo

package keywrap_test

import (
	"encoding/hex"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/keywrap"
)

// TestSP80038FVectors runs NIST's SP 800-38F KW and KWP files
// (nist/keywrap/kwtestvectors), in the AE (wrap) and AD (unwrap, with FAIL
// records) directions, the _inv files with OpenSSL's inverse-cipher
// variants, in the default and FIPS modes. The TKW files are counted as
// skipped: TKW is SP 800-38F's key wrap over TDEA, which OpenSSL does not
// have (its des3-wrap is the CMS wrap of RFC 3217, another algorithm).
func TestSP80038FVectors(t *testing.T) {
	dir := vectors.Path(t, "keywrap/kwtestvectors")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	require.NoError(t, err)
	sort.Strings(files)
	skipped := map[string]int{}
	ran, fails := 0, 0
	for _, path := range files {
		base := filepath.Base(path)
		if strings.EqualFold(base, "Readme.txt") {
			continue
		}
		recs, err := vectors.ParseFile(path)
		require.NoError(t, err)
		if strings.HasPrefix(base, "TKW") {
			skipped["TKW (SP 800-38F TDEA key wrap): OpenSSL has no such cipher; des3-wrap is RFC 3217"] += len(recs)
			continue
		}
		var mode backends.KeyWrapMode
		switch {
		case strings.HasPrefix(base, "KWP_") && strings.HasSuffix(base, "_inv.txt"):
			mode = backends.KWPInverse
		case strings.HasPrefix(base, "KWP_"):
			mode = backends.KWP
		case strings.HasSuffix(base, "_inv.txt"):
			mode = backends.KWInverse
		default:
			mode = backends.KW
		}
		w := keywrap.WithBackend(mode, openssl.DefaultBackend())
		wrap := strings.Contains(base, "_AE_")
		t.Run(base, func(t *testing.T) {
			for _, r := range recs {
				k := recHex(t, &r, "K")
				c := recHex(t, &r, "C")
				if wrap {
					got, err := w.Wrap(k, recHex(t, &r, "P"))
					require.NoError(t, err, r.Name())
					assert.Equal(t, hex.EncodeToString(c), hex.EncodeToString(got), r.Name())
				} else {
					got, err := w.Unwrap(k, c)
					if r.Fail {
						require.ErrorIs(t, err, keywrap.ErrInvalidUnwrap, r.Name())
						assert.Equal(t, keywrap.ErrInvalidUnwrap, err, "bare sentinel")
						assert.Nil(t, got, r.Name())
						fails++
					} else {
						require.NoError(t, err, r.Name())
						assert.Equal(t, hex.EncodeToString(recHex(t, &r, "P")), hex.EncodeToString(got), r.Name())
					}
				}
				ran++
			}
		})
	}
	for reason, n := range skipped {
		t.Logf("skipped %d records: %s", n, reason)
	}
	t.Logf("%d records run, %d of them FAIL records", ran, fails)
	if vectors.Curated(vectors.RootForTest(t)) {
		assert.Equal(t, 12000, ran)
		assert.Equal(t, 2000, skipped["TKW (SP 800-38F TDEA key wrap): OpenSSL has no such cipher; des3-wrap is RFC 3217"])
	}
}

// TestBotanKWP runs kwp_botan.txt (RFC 5649's examples and more) both
// ways.
func TestBotanKWP(t *testing.T) {
	recs, err := vectors.ParseFile(vectors.Path(t, "keywrap/kwp_botan.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	for _, r := range recs {
		k, in, out := recHex(t, &r, "Key"), recHex(t, &r, "Input"), recHex(t, &r, "Output")
		got, err := sslKWP.Wrap(k, in)
		require.NoError(t, err, r.Name())
		assert.Equal(t, hex.EncodeToString(out), hex.EncodeToString(got), r.Name())
		back, err := sslKWP.Unwrap(k, out)
		require.NoError(t, err, r.Name())
		assert.Equal(t, hex.EncodeToString(in), hex.EncodeToString(back), r.Name())
	}
}

func recHex(t *testing.T, r *vectors.Record, name string) []byte {
	t.Helper()
	b, err := r.Hex(name)
	require.NoError(t, err, "%s %s", r.Name(), name)
	return b
}
