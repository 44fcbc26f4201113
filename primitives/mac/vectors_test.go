package mac_test

import (
	"encoding/hex"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/mac"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// macCase is one known answer, run three ways: one-shot Sum, a context fed
// in two pieces, and Verify.
type macCase struct {
	name      string
	alg       backends.MACAlgorithm
	key, msg  []byte
	want      []byte
	fipsUnsup bool // FIPS mode refuses it: expect ErrUnsupportedAlgorithm there
	onOpenSSL bool // run on the OpenSSL backend, whichever backend is the default
}

// skips counts records that OpenSSL here cannot express, by reason.
type skips map[string]int

func (s skips) log(t *testing.T) {
	for reason, n := range s {
		t.Logf("skipped %d records: %s", n, reason)
	}
}

func runMACCase(t *testing.T, c macCase) {
	t.Helper()
	var b backends.MACBackend = defaultbackend.Get()
	fips := defaultbackend.FIPS()
	verify := func(tag []byte) error { return mac.Verify(c.alg, c.key, c.msg, tag) }
	if c.onOpenSSL {
		b, fips = openssl.DefaultBackend(), openssl.FIPS()
		verify = func(tag []byte) error {
			m, err := mac.NewWithBackend(c.alg, c.key, b)
			if err != nil {
				return err
			}
			if err := m.Update(c.msg); err != nil {
				return err
			}
			return m.Verify(tag)
		}
	}
	goOnlyGMAC := c.alg.Name() == "GMAC" && !c.onOpenSSL && defaultbackend.Name() == defaultbackend.Go && gocryptoEnforced()
	if (c.fipsUnsup || goOnlyGMAC) && fips {
		_, err := mac.SumWithBackend(c.alg, c.key, c.msg, b)
		require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
		assert.Contains(t, err.Error(), "FIPS")
		assert.LessOrEqual(t, strings.Count(err.Error(), "openssl:"), 1, "one prefix: %s", err)
		_, err = mac.NewWithBackend(c.alg, c.key, b)
		require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
		assert.False(t, b.MACSupported(c.alg))
		return
	}
	got, err := mac.SumWithBackend(c.alg, c.key, c.msg, b)
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(c.want), hex.EncodeToString(got), "Sum")

	m, err := mac.NewWithBackend(c.alg, c.key, b)
	require.NoError(t, err)
	half := len(c.msg) / 2
	require.NoError(t, m.Update(c.msg[:half]))
	p, err := c.alg.Params(c.key)
	require.NoError(t, err)
	if !p.OneTime {
		mid := m.Sum(nil) // must not disturb the state
		require.Len(t, mid, c.alg.Size())
	}
	_, err = m.Write(c.msg[half:])
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(c.want), hex.EncodeToString(m.Sum(nil)), "streaming Sum")
	assert.NoError(t, m.Verify(c.want))

	assert.NoError(t, verify(c.want))
	bad := append([]byte(nil), c.want...)
	bad[0] ^= 1
	assert.ErrorIs(t, verify(bad), backends.ErrInvalidSignature)
}

func recHex(t *testing.T, r *vectors.Record, name string) []byte {
	t.Helper()
	b, err := r.Hex(name)
	require.NoError(t, err, "%s %s", r.Name(), name)
	return b
}

// TestPoly1305Vectors runs RFC 8439's Poly1305 vectors (nist/poly1305):
// refused in FIPS mode, naming FIPS.
func TestPoly1305Vectors(t *testing.T) {
	recs, err := vectors.ParseFile(vectors.Path(t, "poly1305/rfc7539.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	for _, r := range recs {
		c := macCase{name: r.Name(), alg: macalg.Poly1305{}, key: recHex(t, &r, "KEY"), msg: recHex(t, &r, "MSG"), want: recHex(t, &r, "TAG"), fipsUnsup: true}
		t.Run(c.name, func(t *testing.T) { runMACCase(t, c) })
	}
}

// TestGMACFromGCMVectors runs the records of NIST's GCM encryption vectors
// (gcmEncryptExtIV*.rsp) that have an empty plaintext and a full 128-bit
// tag: their tag is the GMAC of the AAD. Records with truncated tags are
// compared with the leftmost bytes of the MAC; IVs FIPS mode refuses are
// skipped, counted by reason.
func TestGMACFromGCMVectors(t *testing.T) {
	if g, _ := macalg.NewGMAC(make([]byte, 12)); defaultbackend.Name() == defaultbackend.Go && gocryptoEnforced() {
		// Go's module refuses GCM with a caller's IV under
		// GODEBUG=fips140=only, and the Go backend GMAC with it.
		assert.False(t, mac.Supported(g))
		_, err := mac.Sum(g, make([]byte, 16), []byte("aad"))
		require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
		assert.Contains(t, err.Error(), "fips140=only")
		return
	}
	sk := skips{}
	n, truncated := 0, 0
	for _, bits := range []string{"128", "192", "256"} {
		recs, err := vectors.ParseFile(vectors.Path(t, filepath.Join("ciphers/AES/GCM", "gcmEncryptExtIV"+bits+".rsp")))
		require.NoError(t, err)
		for _, r := range recs {
			if r.Section["ptlen"] != "0" {
				continue
			}
			iv := recHex(t, &r, "IV")
			if r.Section["taglen"] != "128" {
				// A truncated tag (SP 800-38D, 5.2.1.2): the leftmost bytes.
				g, err := macalg.NewGMAC(iv)
				require.NoError(t, err)
				got, err := mac.Sum(g, recHex(t, &r, "Key"), recHex(t, &r, "AAD"))
				require.NoError(t, err, r.Name())
				want := recHex(t, &r, "Tag")
				assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got[:len(want)]), r.Name())
				truncated++
				continue
			}
			g, err := macalg.NewGMAC(iv)
			require.NoError(t, err)
			c := macCase{name: bits + "/" + r.Name(), alg: g, key: recHex(t, &r, "Key"), msg: recHex(t, &r, "AAD"), want: recHex(t, &r, "Tag")}
			if defaultbackend.FIPS() && len(iv) < 12 {
				// The FIPS provider takes GMAC IVs of 96 bits and more.
				if _, err := mac.Sum(c.alg, c.key, c.msg); err != nil {
					sk["IV shorter than 96 bits, refused in FIPS mode"]++
					continue
				}
			}
			t.Run(c.name, func(t *testing.T) { runMACCase(t, c) })
			n++
		}
	}
	sk.log(t)
	t.Logf("%d GMAC records run, and %d with truncated tags", n, truncated)
	assert.Greater(t, n, 100)
}

// TestTestdataGMAC runs GMAC's known answers from the GCM specification.
func TestTestdataGMAC(t *testing.T) {
	dir, err := vectors.TestdataDir()
	require.NoError(t, err)
	recs, err := vectors.ParseFile(filepath.Join(dir, "mac", "gmac-gcm-spec.txt"))
	require.NoError(t, err)
	require.Len(t, recs, 3)
	for _, r := range recs {
		g, err := macalg.NewGMAC(recHex(t, &r, "IV"))
		require.NoError(t, err)
		c := macCase{name: r.Name(), alg: g, key: recHex(t, &r, "KEY"), msg: recHex(t, &r, "MESSAGE"), want: recHex(t, &r, "TAG")}
		t.Run(c.name, func(t *testing.T) { runMACCase(t, c) })
	}
}

// gocryptoEnforced reports whether Go's FIPS 140-3 module enforces its
// rules (GODEBUG=fips140=only).
func gocryptoEnforced() bool { return gocrypto.Enforced() }
