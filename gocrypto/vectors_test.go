package gocrypto_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/kat"
	"github.com/go-hazmat/hazmat/internal/vectors"
)

// TestConformanceVectors runs the known-answer files of the hash, HMAC,
// KDF and MAC areas (the NIST and RFC collection, and the project's own
// testdata) through the shared runner on the Go backend, in each setting:
// nothing fails, and records of every area pass in every setting (SHA-2,
// HMAC-SHA-2, HKDF-SHA-256 are served in all three).
//
// Under a plain go test, TestConformanceInEachSetting runs it in the three
// settings, and the parent process leaves it to them (the files take
// seconds, scrypt's largest record a GiB of memory); with -short the parent
// runs it in its own setting.
func TestConformanceVectors(t *testing.T) {
	logSetting(t)
	if os.Getenv(settingEnv) == "" && !testing.Short() {
		t.Skip("run in each setting by TestConformanceInEachSetting")
	}
	root := vectors.RootForTest(t)
	td, err := vectors.TestdataDir()
	require.NoError(t, err)
	b := gocrypto.NewBackend()
	passedIn := map[string]int{}
	for _, dir := range []string{
		filepath.Join(root, "hashes"), filepath.Join(root, "HMAC"), filepath.Join(root, "KDF"), filepath.Join(root, "poly1305"),
		filepath.Join(td, "hashes"), filepath.Join(td, "hmac"), filepath.Join(td, "kdf"), filepath.Join(td, "mac"),
	} {
		require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") || vectors.Kind(p) == "" {
				return err
			}
			start := time.Now()
			r := kat.Run(p, b)
			if d := time.Since(start); d > time.Second {
				t.Logf("%s took %v", p, d.Round(time.Millisecond))
			}
			passed, failed, skipped := r.Counts()
			rel, _ := filepath.Rel(filepath.Dir(dir), p)
			for _, f := range r.Failures() {
				// The runner counts a refusal by a FIPS rule as a failure;
				// under fips140=only Go's rules refuse short HMAC keys and
				// PBKDF2 salts and outputs (checked by the refusal tests).
				if gocrypto.Enforced() && strings.Contains(f, "refused in FIPS mode") {
					failed--
					continue
				}
				t.Errorf("%s: %s", rel, f)
			}
			assert.Zero(t, failed, "%s", rel)
			passedIn[filepath.Base(dir)] += passed
			t.Logf("%s: %d passed, %d skipped", rel, passed, skipped)
			return nil
		}))
	}
	for _, dir := range []string{"hashes", "HMAC", "hmac", "KDF"} {
		assert.Positive(t, passedIn[dir], "no record of %s passed", dir)
	}
}
