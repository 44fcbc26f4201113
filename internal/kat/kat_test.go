package kat_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/kat"
	"github.com/go-hazmat/hazmat/internal/vectors"
)

func TestMain(m *testing.M) {
	fmt.Fprintln(os.Stderr, defaultbackend.Describe())
	os.Exit(m.Run())
}

// write puts a vector file at rel under dir and returns its path.
func write(t *testing.T, dir, rel, text string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	return p
}

// sha256File holds the first two records of SHA256ShortMsg.rsp.
const sha256File = `[L = 32]

Len = 0
Msg = 00
MD = e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855

Len = 8
Msg = d3
MD = 28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1
`

// cbcFile holds the first record of AES's CBCMMT128.rsp.
const cbcFile = `[ENCRYPT]

COUNT = 0
KEY = 1f8e4973953f3fb0bd6b16662e9a3c17
IV = 2fe2b333ceda8f98f4a99b40d2cd34a8
PLAINTEXT = 45cf12964fc824ab76616ae2f4bf0822
CIPHERTEXT = 0f61c4d44c5147c03c195ad7e2cc12b2
`

// counts returns r's counts as one value for assert.Equal.
func counts(r *kat.Result) [3]int {
	p, f, s := r.Counts()
	return [3]int{p, f, s}
}

// TestRunOutcomes checks the outcome of records and files that pass, fail,
// cannot be read, or are of kinds hazmat does not run.
func TestRunOutcomes(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		rel     string
		text    string
		want    [3]int // passed, failed, skipped
		fileErr bool
		fail    string // a failure line must contain it
		summary string
	}{
		{name: "hash passes", rel: "hashes/SHA2/SHA256ShortMsg.rsp", text: sha256File, want: [3]int{2, 0, 0}, summary: "2 passed, 0 failed, 0 skipped"},
		{
			name: "hash differs", rel: "bad/hashes/SHA2/SHA256ShortMsg.rsp",
			text: strings.Replace(sha256File, "MD = 28969c", "MD = 38969c", 1),
			want: [3]int{1, 1, 0}, fail: "sha256 Sum: got 28969c",
		},
		{name: "cipher passes", rel: "ciphers/AES/CBC/CBCMMT128.rsp", text: cbcFile, want: [3]int{1, 0, 0}},
		{
			name: "cipher differs", rel: "bad/ciphers/AES/CBC/CBCMMT128.rsp",
			text: strings.Replace(cbcFile, "12b2", "12b3", 1),
			want: [3]int{0, 1, 0}, fail: "#0: encrypt: got 0f61c4d44c5147c03c195ad7e2cc12b2, want 0f61c4d44c5147c03c195ad7e2cc12b3",
		},
		{
			name: "iterations above the bound", rel: "ciphers/SM4/sm4.txt",
			text: "COUNT = 0\nKEY = 0123456789abcdeffedcba9876543210\nPLAINTEXT = 0123456789abcdeffedcba9876543210\n" +
				"CIPHERTEXT = 681edf34d206965e86b3e94f536e4246\nITERATIONS = 1000000000000\n",
			want: [3]int{0, 1, 0}, fail: "ITERATIONS 1000000000000 is more than the 4194304",
		},
		{
			name: "CMAC of an unknown cipher skipped whole", rel: "CMAC/cmac.txt", text: "COUNT = 0\nKEY = 00\n\nCOUNT = 1\nKEY = 01\n",
			want: [3]int{0, 0, 2}, summary: "0 passed, 0 failed, 2 skipped (" + kat.ReasonCMACName + ")",
		},
		{name: "prose", rel: "README.txt", text: "not vectors\n", want: [3]int{0, 0, 1}, summary: "0 passed, 0 failed, 1 skipped (" + kat.ReasonNotVectors + ")"},
		{name: "malformed", rel: "hashes/SHA2/SHA1ShortMsg.rsp", text: "Len = 8\nMsg = zz\nMD = 00\n", want: [3]int{0, 1, 0}, fileErr: true, fail: kat.FileRecord + ": "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, dir, tt.rel, tt.text)
			r := kat.Run(p, nil)
			require.NotNil(t, r)
			assert.Equal(t, p, r.Path)
			assert.Equal(t, tt.want, counts(r))
			assert.Equal(t, tt.fileErr, r.Err != nil, "file-level error: %v", r.Err)
			if tt.fail != "" {
				assert.Contains(t, strings.Join(r.Failures(), "\n"), tt.fail)
			} else {
				assert.Empty(t, r.Failures())
			}
			if tt.summary != "" {
				assert.Equal(t, tt.summary, r.Summary())
			}
		})
	}
}

// TestFailed checks the result of a file that could not be run.
func TestFailed(t *testing.T) {
	err := errors.New("no such file\nat all")
	r := kat.Failed("x.rsp", err)
	assert.Equal(t, [3]int{0, 1, 0}, counts(r))
	assert.Equal(t, err, r.Err)
	assert.Equal(t, []string{kat.FileRecord + ": no such file at all"}, r.Failures())
}

// TestSummaryReasons checks that several skip reasons are listed with
// their counts, in the order first met: an unknown file gives one reason,
// a CFB1 file another.
func TestSummaryReasons(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "ciphers/AES/CFB/CFB1MMT128.rsp", `[ENCRYPT]

COUNT = 0
KEY = 1f8e4973953f3fb0bd6b16662e9a3c17
IV = 2fe2b333ceda8f98f4a99b40d2cd34a8
PLAINTEXT = 1
CIPHERTEXT = 0
`)
	r := kat.Run(p, nil)
	assert.Equal(t, [3]int{0, 0, 1}, counts(r))
	assert.Equal(t, "0 passed, 0 failed, 1 skipped ("+kat.ReasonCFB1+")", r.Summary())
	require.Len(t, r.Records, 1)
	assert.Equal(t, kat.Skip, r.Records[0].Status)
	assert.Equal(t, "skip", r.Records[0].Status.String())
}

// TestRunConcurrent runs the project's testdata files on several
// goroutines at once, as hazmat vectors does, with the outcomes of a
// run one file at a time (run it with -race).
func TestRunConcurrent(t *testing.T) {
	td, err := vectors.TestdataDir()
	require.NoError(t, err)
	var paths []string
	require.NoError(t, filepath.WalkDir(td, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && vectors.Kind(p) != "" {
			paths = append(paths, p)
		}
		return err
	}))
	require.NotEmpty(t, paths)
	want := make([]string, len(paths))
	for i, p := range paths {
		want[i] = kat.Run(p, nil).Summary()
	}
	got := make([]string, len(paths))
	var wg sync.WaitGroup
	for i, p := range paths {
		wg.Go(func() { got[i] = kat.Run(p, nil).Summary() })
	}
	wg.Wait()
	assert.Equal(t, want, got)
}
