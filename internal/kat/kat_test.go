package kat_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/kat"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
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

// countingBackend passes every call to a real OpenSSL backend and counts
// the contexts it creates, to show which backend a run used.
type countingBackend struct {
	backends.Backend
	hashes, macs, ciphers atomic.Int64
}

func (b *countingBackend) CreateHashCtx(alg backends.HashAlgorithm) (backends.HashContext, error) {
	b.hashes.Add(1)
	return b.Backend.CreateHashCtx(alg)
}

func (b *countingBackend) CreateHMACCtx(key []byte, alg backends.HashAlgorithm) (backends.HMACContext, error) {
	b.macs.Add(1)
	return b.Backend.CreateHMACCtx(key, alg)
}

func (b *countingBackend) CreateSymmetricEncryptionCtx(c backends.CipherAlgorithm, m backends.Mode) (backends.CipherContext, error) {
	b.ciphers.Add(1)
	return b.Backend.CreateSymmetricEncryptionCtx(c, m)
}

func (b *countingBackend) CreateSymmetricDecryptionCtx(c backends.CipherAlgorithm, m backends.Mode) (backends.CipherContext, error) {
	b.ciphers.Add(1)
	return b.Backend.CreateSymmetricDecryptionCtx(c, m)
}

// TestRunWithBackend runs the project's testdata on a chosen backend: the
// records go through it, with the outcomes of the default backend.
func TestRunWithBackend(t *testing.T) {
	td, err := vectors.TestdataDir()
	require.NoError(t, err)
	b := &countingBackend{Backend: openssl.NewBackend()}
	for _, rel := range []string{"hashes/sha256.txt", "hmac/sha256.txt", "ciphers/camellia-rfc3713.txt", "ciphers/sm4.txt", "ciphers/aes-gcm-spec.txt"} {
		p := filepath.Join(td, filepath.FromSlash(rel))
		want := kat.Run(p, nil)
		got := kat.Run(p, b)
		assert.Equal(t, want.Summary(), got.Summary(), rel)
		assert.Empty(t, got.Failures(), rel)
	}
	assert.Positive(t, b.hashes.Load(), "hash contexts made by the chosen backend")
	assert.Positive(t, b.macs.Load(), "HMAC contexts made by the chosen backend")
	if !defaultbackend.FIPS() {
		assert.Positive(t, b.ciphers.Load(), "cipher contexts made by the chosen backend")
	}
}

// TestRunTestdata runs the project's own vector files: nothing fails, and
// in the default mode a file without passing records is one whose
// algorithm this OpenSSL does not offer (SM4-GCM before OpenSSL 3.2).
func TestRunTestdata(t *testing.T) {
	td, err := vectors.TestdataDir()
	require.NoError(t, err)
	n := 0
	require.NoError(t, filepath.WalkDir(td, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") || vectors.Kind(p) == "" {
			return err
		}
		n++
		r := kat.Run(p, nil)
		passed, failed, _ := r.Counts()
		assert.Zero(t, failed, "%s: %v", p, r.Failures())
		if !defaultbackend.FIPS() && passed == 0 {
			for _, rec := range r.Records {
				assert.True(t, strings.HasPrefix(rec.Reason, "unsupported here: "), "%s: %s", p, r.Summary())
			}
		}
		return nil
	}))
	assert.Greater(t, n, 30)
}

// TestRunCuratedCollection runs the curated collection's covered folders
// and holds the exact counts of records that pass and are skipped, in the
// default mode and in FIPS mode; nothing fails.
func TestRunCuratedCollection(t *testing.T) {
	root := vectors.RootForTest(t)
	if !vectors.Curated(root) {
		t.Skipf("counts are known only for the curated collection, not %s", root)
	}
	var total [3]int
	require.NoError(t, filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		r := kat.Run(p, nil)
		c := counts(r)
		assert.Zero(t, c[1], "%s: %v", p, r.Failures())
		for i := range total {
			total[i] += c[i]
		}
		return nil
	}))
	// With OpenSSL 3.0; the KDF files pass 518 records in the default
	// mode, 1549 in FIPS mode (the FIPS provider 3.5 has KBKDF counters of
	// every width, and refuses scrypt and short PBKDF2 salts).
	want := [3]int{87270, 0, 15292}
	if defaultbackend.FIPS() {
		want = [3]int{81271, 0, 21291}
	} else {
		if defaultbackend.Get().KDFSupported(kdfalg.KBKDF{Hash: hashes.SHA256{}, RLen: 1}) {
			// OpenSSL 3.1 and later: the 8-, 16- and 24-bit KBKDF counters
			// run too (1,200 records).
			want[0], want[2] = want[0]+1200, want[2]-1200
		}
		sm4, err := algorithms.NewSM4(make([]byte, 16))
		require.NoError(t, err)
		gcm, err := modes.NewGCM(make([]byte, 12), nil)
		require.NoError(t, err)
		if ciphers.Supported(sm4, gcm) {
			// OpenSSL 3.1 and later: SM4-GCM (RFC 8998's one record).
			want[0], want[2] = want[0]+1, want[2]-1
		}
	}
	assert.Equal(t, want, total, "passed, failed, skipped")
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
