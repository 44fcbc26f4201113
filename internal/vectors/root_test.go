package vectors

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRootFromEnv(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HAZMAT_VECTORS", dir)
	got, err := Root()
	require.NoError(t, err)
	assert.Equal(t, dir, got)
	assert.Equal(t, filepath.Join(dir, "hashes", "MD5", "rfc-1321.txt"), Path(t, "hashes/MD5/rfc-1321.txt"))
}

func TestRootEnvMissing(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "absent")
	t.Setenv("HAZMAT_VECTORS", missing)
	_, err := Root()
	require.ErrorIs(t, err, ErrNoVectors)
	assert.Contains(t, err.Error(), missing)
}

// fakeTB records what Path does with a test.
type fakeTB struct {
	testing.TB
	skipped string
	logs    []string
}

func (f *fakeTB) Helper()                       {}
func (f *fakeTB) Skipf(format string, a ...any) { f.skipped = fmt.Sprintf(format, a...) }
func (f *fakeTB) Logf(format string, a ...any)  { f.logs = append(f.logs, fmt.Sprintf(format, a...)) }

func TestPathSkipsWithoutRoot(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "absent")
	t.Setenv("HAZMAT_VECTORS", missing)
	f := &fakeTB{TB: t}
	Path(f, "hashes/SHA2/SHA256ShortMsg.rsp")
	assert.Contains(t, f.skipped, missing, "the skip message names the folder tried")
	assert.Empty(t, f.logs)
}

func TestPathLogsOncePerTest(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HAZMAT_VECTORS", dir)
	f := &fakeTB{TB: t}
	Path(f, "a")
	Path(f, "b")
	require.Len(t, f.logs, 1)
	assert.Contains(t, f.logs[0], dir)
	assert.Empty(t, f.skipped)
}

func TestCandidates(t *testing.T) {
	t.Setenv("HAZMAT_CACHE", "/cache/hz")
	assert.Contains(t, candidates(), filepath.Clean("/cache/hz/vectors/cryptography_vectors"))

	t.Setenv("HAZMAT_CACHE", "")
	t.Setenv("XDG_CACHE_HOME", "/xdg")
	assert.Contains(t, candidates(), filepath.Clean("/xdg/hazmat/vectors/cryptography_vectors"))

	t.Setenv("XDG_CACHE_HOME", "")
	t.Setenv("HOME", "/home/u")
	assert.Contains(t, candidates(), filepath.Clean("/home/u/.cache/hazmat/vectors/cryptography_vectors"))

	// The working directory is inside the module, so the folder beside it
	// comes first.
	wd, err := os.Getwd()
	require.NoError(t, err)
	root, ok := moduleRoot(wd)
	require.True(t, ok)
	assert.Equal(t, filepath.Join(root, "..", "shared", "vectors", "nist"), candidates()[0])
}

func TestModuleRoot(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	require.NoError(t, os.MkdirAll(sub, 0o755))

	_, ok := moduleRoot(sub)
	assert.False(t, ok, "no go.mod above")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "a", "go.mod"), []byte("module example.com/other\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"),
		[]byte("// comment\nmodule \"github.com/go-hazmat/hazmat\" // the module\n\ngo 1.25\n"), 0o644))
	got, ok := moduleRoot(sub)
	require.True(t, ok)
	assert.Equal(t, dir, got, "a go.mod of another module is passed over")

	for _, tc := range []struct {
		content string
		want    bool
	}{
		{"module github.com/go-hazmat/hazmat\n", true},
		{"module\tgithub.com/go-hazmat/hazmat", true},
		{"modulex github.com/go-hazmat/hazmat\n", false},
		{"module github.com/go-hazmat/hazmat/v2\n", false},
		{"", false},
	} {
		p := filepath.Join(t.TempDir(), "go.mod")
		require.NoError(t, os.WriteFile(p, []byte(tc.content), 0o644))
		assert.Equal(t, tc.want, declaresModule(p), tc.content)
	}
}

func TestRootDefault(t *testing.T) {
	t.Setenv("HAZMAT_VECTORS", "")
	root, err := Root()
	if err != nil {
		require.ErrorIs(t, err, ErrNoVectors)
		t.Skipf("no collection: %v", err)
	}
	assert.DirExists(t, filepath.Join(root, "hashes"))
	assert.DirExists(t, filepath.Join(root, "ciphers"))
}
