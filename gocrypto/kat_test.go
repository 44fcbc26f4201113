//go:build cgo

package gocrypto_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/kat"
	"github.com/go-hazmat/hazmat/internal/vectors"
)

// TestConformanceCipherVectors runs the cipher vector files of the collection
// (NIST CAVP and RFC) through the shared runner on the Go backend: no
// record fails, and the ciphers Go serves in the setting in force pass
// records.
func TestConformanceCipherVectors(t *testing.T) {
	root := vectors.RootForTest(t)
	dir := filepath.Join(root, "ciphers")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no cipher vectors in %s", root)
	}
	t.Logf("vectors from %s; FIPS %v, enforced %v", root, gocrypto.FIPS(), gocrypto.Enforced())
	b := gocrypto.NewBackend()
	passedBy := map[string]int{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || vectors.Kind(p) == "" {
			return err
		}
		r := kat.Run(p, b)
		passed, failed, _ := r.Counts()
		if !assert.Zero(t, failed, "%s", p) {
			fs := r.Failures()
			t.Logf("%s: %d failures, first: %s", p, len(fs), kat.OneLine(fs[0]))
		}
		rel, _ := filepath.Rel(dir, p)
		passedBy[strings.Split(filepath.ToSlash(rel), "/")[0]+"/"+filepath.Base(filepath.Dir(p))] += passed
		return nil
	}))
	t.Logf("records passed by folder: %v", passedBy)
	assert.Positive(t, passedBy["AES/CBC"], "AES-CBC records")
	assert.Positive(t, passedBy["AES/ECB"], "AES-ECB records")
}
