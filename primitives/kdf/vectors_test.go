package kdf_test

import (
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// tally counts the records a vector test ran, and those it did not run, by
// reason; it logs the counts and fails the test when nothing ran.
type tally struct {
	ran     int
	skipped map[string]int
}

func (c *tally) skip(reason string) {
	if c.skipped == nil {
		c.skipped = map[string]int{}
	}
	c.skipped[reason]++
}

func (c *tally) report(t *testing.T, total int) {
	t.Helper()
	var reasons []string
	n := 0
	for r, k := range c.skipped {
		reasons = append(reasons, fmt.Sprintf("%d: %s", k, r))
		n += k
	}
	sort.Strings(reasons)
	t.Logf("FIPS mode %v: ran %d of %d records; not run: %d (%s)", defaultbackend.FIPS(), c.ran, total, n, strings.Join(reasons, "; "))
	assert.Equal(t, total, c.ran+n, "every record is either run or counted as not run")
	assert.Positive(t, c.ran, "no record ran")
}

func hashByName(t *testing.T, name string) hashes.Algorithm {
	t.Helper()
	switch strings.ToUpper(strings.ReplaceAll(name, "-", "")) {
	case "SHA1":
		return hashes.SHA1{}
	case "SHA224":
		return hashes.SHA224{}
	case "SHA256":
		return hashes.SHA256{}
	case "SHA384":
		return hashes.SHA384{}
	case "SHA512":
		return hashes.SHA512{}
	}
	require.FailNow(t, "unknown hash "+name)
	return nil
}

func mustHex(t *testing.T, r *vectors.Record, name string) []byte {
	t.Helper()
	b, err := r.Hex(name)
	require.NoError(t, err)
	return b
}

func mustInt(t *testing.T, r *vectors.Record, name string) int {
	t.Helper()
	n, err := r.Int(name)
	require.NoError(t, err)
	return n
}

func parse(t *testing.T, rel string) []vectors.Record {
	t.Helper()
	recs, err := vectors.ParseFile(vectors.Path(t, rel))
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	return recs
}

// derive runs alg over secret through a KDF object of package kdf.
func derive(alg backends.KDFAlgorithm, secret []byte, n int) ([]byte, error) {
	k, err := kdf.New(alg, n)
	if err != nil {
		return nil, err
	}
	return k.Derive(secret)
}

// joined merges the pieces of records that the RFC 5869 files split with
// blank lines (COUNT; Hash ... L; PRK, OKM) into one record each: a record
// with a COUNT starts a new one.
func joined(recs []vectors.Record) []vectors.Record {
	var out []vectors.Record
	for _, r := range recs {
		if r.Has("COUNT") || len(out) == 0 {
			f := map[string]string{}
			for k, v := range r.Fields {
				f[k] = v
			}
			r.Fields = f
			out = append(out, r)
			continue
		}
		for k, v := range r.Fields {
			out[len(out)-1].Fields[k] = v
		}
	}
	return out
}

func TestHKDFVectors(t *testing.T) {
	for _, file := range []string{"KDF/rfc-5869-HKDF-SHA1.txt", "KDF/rfc-5869-HKDF-SHA256.txt", "KDF/hkdf-generated.txt"} {
		recs := joined(parse(t, file))
		require.NotEmpty(t, recs)
		for i := range recs {
			r := &recs[i]
			t.Run(r.Name(), func(t *testing.T) {
				h := hashByName(t, r.Fields["hash"])
				ikm, salt, info := mustHex(t, r, "IKM"), mustHex(t, r, "salt"), mustHex(t, r, "info")
				n := mustInt(t, r, "L")
				got, err := derive(kdfalg.HKDF{Hash: h, Salt: salt, Info: info}, ikm, n)
				if defaultbackend.Name() == defaultbackend.Go && gocrypto.Enforced() && (h.Name() == "sha1" || len(ikm) < 14) {
					// Go's module takes SHA-2 and SHA-3, and secrets of
					// 112 bits or more, under GODEBUG=fips140=only.
					require.Error(t, err)
					assert.Contains(t, err.Error(), "FIPS")
					assert.Nil(t, got)
					return
				}
				require.NoError(t, err)
				assert.Equal(t, hex.EncodeToString(mustHex(t, r, "OKM")), hex.EncodeToString(got))
				if !r.Has("PRK") {
					return
				}
				prk, err := derive(kdfalg.HKDF{Hash: h, Salt: salt, Mode: kdfalg.ExtractOnly}, ikm, h.DigestSize())
				require.NoError(t, err)
				assert.Equal(t, hex.EncodeToString(mustHex(t, r, "PRK")), hex.EncodeToString(prk))
				okm, err := derive(kdfalg.HKDF{Hash: h, Info: info, Mode: kdfalg.ExpandOnly}, prk, n)
				require.NoError(t, err)
				assert.Equal(t, hex.EncodeToString(mustHex(t, r, "OKM")), hex.EncodeToString(okm))
			})
		}
	}
}

// pbkdf2FIPSRefuses reports whether the FIPS provider's SP 800-132 checks
// refuse the parameters.
func pbkdf2FIPSRefuses(salt []byte, iter, n int) bool {
	return len(salt) < 16 || iter < 1000 || n < 14
}

// slowIterations is the iteration count above which a PBKDF2 record is
// left out under -short: RFC 6070's 16,777,216-iteration record takes
// about 15 s here. It runs otherwise, also under -race, which does not
// slow down OpenSSL's C code.
const slowIterations = 1 << 20

func TestPBKDF2Vectors(t *testing.T) {
	recs := parse(t, "KDF/rfc-6070-PBKDF2-SHA1.txt")
	var c tally
	for i := range recs {
		r := &recs[i]
		iter, n := mustInt(t, r, "ITERATIONS"), mustInt(t, r, "LENGTH")
		pass, salt := []byte(r.Fields["password"]), []byte(r.Fields["salt"])
		// RFC 6070 writes the NUL bytes of one record as "\0".
		pass = []byte(strings.ReplaceAll(string(pass), `\0`, "\x00"))
		salt = []byte(strings.ReplaceAll(string(salt), `\0`, "\x00"))
		if iter > slowIterations && testing.Short() {
			c.skip(fmt.Sprintf("%d iterations: not run under -short", iter))
			continue
		}
		c.ran++
		t.Run(r.Name(), func(t *testing.T) {
			got, err := derive(kdfalg.PBKDF2{Hash: hashes.SHA1{}, Salt: salt, Iterations: iter}, pass, n)
			if defaultbackend.Name() == defaultbackend.Go && gocrypto.Enforced() {
				// Go's module approves PBKDF2 over SHA-2 and SHA-3 only.
				require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
				assert.Contains(t, err.Error(), "FIPS")
				assert.Nil(t, got)
				return
			}
			if openSSLFIPS() && pbkdf2FIPSRefuses(salt, iter, n) {
				require.ErrorIs(t, err, backends.ErrFIPSRule)
				assert.Contains(t, err.Error(), "FIPS")
				assert.Nil(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(mustHex(t, r, "DERIVED_KEY")), hex.EncodeToString(got))
		})
	}
	c.report(t, len(recs))
}

// scryptSlowN is the cost above which a scrypt record needs 1 GiB of
// memory and seconds: left out under -short.
const scryptSlowN = 1 << 16

func TestScryptVectors(t *testing.T) {
	recs := parse(t, "KDF/scrypt.txt")
	var c tally
	for i := range recs {
		r := &recs[i]
		N := mustInt(t, r, "N")
		if N > scryptSlowN && testing.Short() {
			c.skip(fmt.Sprintf("N=%d needs about 1 GiB: not run under -short", N))
			continue
		}
		c.ran++
		t.Run(r.Name(), func(t *testing.T) {
			alg := kdfalg.Scrypt{Salt: []byte(r.Fields["salt"]), N: uint64(N), R: mustInt(t, r, "r"), P: mustInt(t, r, "p")}
			got, err := derive(alg, []byte(r.Fields["password"]), mustInt(t, r, "LENGTH"))
			if defaultbackend.FIPS() {
				var ue *backends.UnsupportedAlgorithmError
				require.ErrorAs(t, err, &ue)
				assert.Equal(t, backends.ReasonFIPSRefused, ue.Reason)
				assert.Contains(t, err.Error(), "FIPS")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(mustHex(t, r, "DERIVED_KEY")), hex.EncodeToString(got))
		})
	}
	c.report(t, len(recs))
}

// openSSLFIPS reports whether the default backend is OpenSSL's in FIPS
// mode, whose FIPS provider applies SP 800-132's minimums to PBKDF2 (Go's
// module checks them only under GODEBUG=fips140=only).
func openSSLFIPS() bool {
	return defaultbackend.FIPS() && defaultbackend.Name() == defaultbackend.OpenSSL
}
