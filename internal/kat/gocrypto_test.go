package kat_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/kat"
	"github.com/go-hazmat/hazmat/internal/vectors"
)

// goSettingEnv tells a child of TestRunCollectionOnGo which GODEBUG
// fips140 setting its parent started it under.
const goSettingEnv = "HAZMAT_KAT_GO_SETTING"

// goSetting is a setting of Go's FIPS 140-3 module with the counts of the
// curated collection's 102,562 records that pass and are skipped on the Go
// backend under it (nothing may fail).
type goSetting struct {
	name           string
	fips, enforced bool
	passed         int
	skipped        int
}

// goSettings are the three settings the collection runs under.
//
//   - off: 34,888 records pass. Of the 67,674 skipped, 12,129 are key wrap
//     (KW, KWP and their inverses: not in Go's crypto), 31,708 are what
//     Go's GCM, XTS and ChaCha20 cannot compute (GCM tags shorter than 12
//     bytes, or shorter than 16 with an IV other than 12 bytes; XTS data
//     units that end in a partial block; ChaCha20 past its 32-bit block
//     counter), the rest Camellia, SEED, IDEA, SM4, SM3, CFB8, CMAC,
//     KBKDF, X9.63 and the other KDFs Go lacks, RIPEMD-160 (only in a
//     deprecated package), and the 13,128 records the runner skips on
//     every backend (CFB1, interleaved TDES, TKW, KBKDF counter locations,
//     Monte Carlo .txt files, XTS units of bits).
//   - on: 26,837 pass; Go's module also refuses MD5, BLAKE2, TDES,
//     Blowfish, CAST5, ARC4, ChaCha20, Poly1305, scrypt, XTS and AES in
//     CFB and OFB modes.
//   - only: 10,837 pass; Go's module also refuses GCM with caller nonces
//     (every GCM record), SHA-1 and HMAC keys shorter than 112 bits.
var goSettings = []goSetting{
	{name: "off", passed: 34888, skipped: 67674},
	{name: "on", fips: true, passed: 26837, skipped: 75725},
	{name: "only", fips: true, enforced: true, passed: 10837, skipped: 91725},
}

// TestRunCollectionOnGo runs the curated collection on the Go backend
// (gocrypto.NewBackend) in a child process under each GODEBUG fips140
// setting: nothing fails, the counts of passed and skipped records are
// those of goSettings, and every record skipped is skipped honestly (see
// skipHonest). With the race detector or a sanitizer, the children run a
// sample of the files (see instrumentedSample).
func TestRunCollectionOnGo(t *testing.T) {
	if name := os.Getenv(goSettingEnv); name != "" {
		runCollectionOnGo(t, name)
		return
	}
	root := vectors.RootForTest(t)
	if !vectors.Curated(root) {
		t.Skipf("counts are known only for the curated collection, not %s", root)
	}
	for _, s := range goSettings {
		t.Run(s.name, func(t *testing.T) {
			if asanBuild && s.fips {
				t.Skip("Go's FIPS 140-3 mode does not start in a binary built with -asan (crypto/internal/fips140/check refuses it)")
			}
			t.Parallel()
			cmd := exec.Command(os.Args[0], "-test.run=^TestRunCollectionOnGo$", "-test.v", "-test.count=1")
			cmd.Env = append(withoutEnv(os.Environ(), "GODEBUG", goSettingEnv),
				"GODEBUG="+godebugWith(os.Getenv("GODEBUG"), "fips140="+s.name),
				goSettingEnv+"="+s.name)
			out, err := cmd.CombinedOutput()
			ok := assert.NoError(t, err, "the collection failed on the Go backend under GODEBUG=fips140=%s", s.name)
			ok = assert.True(t, strings.Contains(string(out), "--- PASS: TestRunCollectionOnGo"), "the child ran the collection and passed") && ok
			if !ok || testing.Verbose() {
				t.Logf("child output (GODEBUG=fips140=%s):\n%s", s.name, lastLines(out, 120))
			}
		})
	}
}

// runCollectionOnGo is TestRunCollectionOnGo in a child process.
func runCollectionOnGo(t *testing.T, name string) {
	i := slices.IndexFunc(goSettings, func(s goSetting) bool { return s.name == name })
	require.GreaterOrEqual(t, i, 0, "unknown setting %q", name)
	s := goSettings[i]
	require.Equal(t, s.fips, gocrypto.FIPS(), "gocrypto.FIPS() under GODEBUG=fips140=%s", name)
	require.Equal(t, s.enforced, gocrypto.Enforced(), "gocrypto.Enforced() under GODEBUG=fips140=%s", name)
	b := gocrypto.NewBackend()
	require.Equal(t, s.fips, b.FIPS())

	root := vectors.RootForTest(t)
	require.True(t, vectors.Curated(root), "the parent checked the collection")
	var passed, failed, skipped int
	var failures, dishonest []string // the first few of each
	why := map[string]int{}
	files, ran := 0, 0
	require.NoError(t, filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		files++
		rel, _ := filepath.Rel(root, p)
		if instrumented && (files%instrumentedSample != 1 || slices.Contains(heavyFiles, filepath.ToSlash(rel))) {
			return nil
		}
		ran++
		r := kat.Run(p, b)
		for _, rec := range r.Records {
			switch rec.Status {
			case kat.Pass:
				passed++
			case kat.Fail:
				failed++
				failures = appendFew(failures, fmt.Sprintf("%s %s: %v", rel, rec.Name, rec.Err))
			case kat.Skip:
				skipped++
				kind, ok := skipHonest(rec, s.fips)
				if !ok {
					dishonest = appendFew(dishonest, fmt.Sprintf("%s %s: %s (%v)", rel, rec.Name, rec.Reason, rec.Err))
				}
				why[kind+": "+rec.Reason]++
			}
		}
		return nil
	}))
	reasons := make([]string, 0, len(why))
	for r, n := range why {
		reasons = append(reasons, fmt.Sprintf("%7d  %s", n, r))
	}
	slices.Sort(reasons)
	t.Logf("GODEBUG=fips140=%s: %d passed, %d failed, %d skipped; skipped by reason:\n%s", name, passed, failed, skipped, strings.Join(reasons, "\n"))
	assert.Zero(t, failed, "records failed; the first of them:\n%s", strings.Join(failures, "\n"))
	assert.Empty(t, dishonest, "records skipped for a reason that is not an honest refusal (the first of them)")
	if instrumented {
		t.Logf("race detector or sanitizer: %d of %d files run (one in %d, without %s); the counts are held in builds without them",
			ran, files, instrumentedSample, strings.Join(heavyFiles, " and "))
		assert.Positive(t, passed, "records passed")
		return
	}
	assert.Equal(t, [2]int{s.passed, s.skipped}, [2]int{passed, skipped}, "passed, skipped under GODEBUG=fips140=%s", name)
}

// instrumentedSample is the share of the collection's files a child runs
// in a binary built with the race detector or a sanitizer (one in
// instrumentedSample, in walk order, without heavyFiles), which would take
// minutes over the whole collection: the failures and the honesty of the
// skips are checked on that sample, the exact counts only in plain builds.
const instrumentedSample = 4

// heavyFiles are the files that take most of a run of the collection on
// the Go backend (16 of its 20 seconds without the race detector): RFC
// 7914's scrypt with N = 2^20 and RFC 6070's PBKDF2 with 2^24 iterations.
var heavyFiles = []string{"KDF/scrypt.txt", "KDF/rfc-6070-PBKDF2-SHA1.txt"}

// appendFew appends s to list while it holds fewer than 20 lines.
func appendFew(list []string, s string) []string {
	if len(list) < 20 {
		return append(list, s)
	}
	return list
}

// runnerReasons are the reasons for which the runner skips records
// whatever the backend: formats, modes and layouts hazmat does not run
// (the OpenSSL backend skips the same records).
var runnerReasons = []string{
	kat.ReasonCFB1, kat.ReasonXTSBits, kat.ReasonMonteTxt, kat.ReasonNotVectors, kat.ReasonTKW, kat.ReasonKDFFile,
}

// runnerPrefixes begin the other reasons of the runner that do not depend
// on the backend.
var runnerPrefixes = []string{
	"format not run: ", kat.ReasonKBKDFLocation,
	"CAVP AES-CCM layout", "OCB3 is not", "SIV is not", "GCM-SIV is not", "RC2 is not",
	"ChaCha20-Poly1305 in OpenSSL's and BoringSSL's layouts",
}

// skipHonest says whether a skipped record was skipped honestly, and
// under which heading: the Go backend refused the algorithm because Go's
// crypto lacks it, because its FIPS module (with fips on) does not approve
// it or a rule of that module, because a streaming context cannot run it,
// or because only a deprecated package has it (RIPEMD-160); or the runner
// skips the record whatever the backend.
func skipHonest(rec kat.Record, fips bool) (string, bool) {
	if rec.Err != nil {
		var ue *backends.UnsupportedAlgorithmError
		switch {
		case !errors.As(rec.Err, &ue):
			return "refusal of no known kind", false
		case strings.Contains(rec.Err.Error(), "not in Go's crypto"):
			return "not in Go's crypto", true
		case strings.Contains(rec.Err.Error(), "only in a deprecated golang.org/x/crypto package"):
			// RIPEMD-160: golang.org/x/crypto/ripemd160 is deprecated, and
			// the backend does not use it.
			return "only in a deprecated package", true
		case ue.Reason == backends.ReasonFIPSRefused && fips:
			return "refused by Go's FIPS module", true
		case ue.Reason == backends.ReasonNotStreamable:
			return "not streamable", true
		}
		return "refusal of no honest kind", false
	}
	switch {
	case slices.Contains(runnerReasons, rec.Reason):
		return "not run by hazmat", true
	case fips && (strings.HasPrefix(rec.Reason, "refused in FIPS mode: ") || rec.Reason == kat.ReasonTDESKey || rec.Reason == kat.ReasonHMACKey):
		return "refused by Go's FIPS module", true
	}
	for _, p := range runnerPrefixes {
		if strings.HasPrefix(rec.Reason, p) {
			return "not run by hazmat", true
		}
	}
	return "unknown", false
}

// withoutEnv returns env without the variables named in names.
func withoutEnv(env []string, names ...string) []string {
	var out []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		if !slices.Contains(names, name) {
			out = append(out, kv)
		}
	}
	return out
}

// godebugWith returns the GODEBUG value godebug with setting added last
// (Go takes the last of repeated keys).
func godebugWith(godebug, setting string) string {
	if godebug == "" {
		return setting
	}
	return godebug + "," + setting
}

// lastLines returns the last n lines of out.
func lastLines(out []byte, n int) string {
	lines := strings.Split(string(out), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
