package vectors

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// ErrNoVectors is wrapped by the error [Root] returns when no vector
// collection is found.
var ErrNoVectors = errors.New("vectors: no test-vector collection found")

// modulePath is the module whose root [Root] looks for.
const modulePath = "github.com/go-hazmat/hazmat"

// Root returns the folder that holds the vector collection (ciphers/,
// hashes/, HMAC/, ...). It looks, in this order, at:
//
//  1. the HAZMAT_VECTORS environment variable, when set and not empty (an
//     error if that folder does not exist);
//  2. ../shared/vectors/nist beside the module root, the module root being
//     the nearest folder above the working directory, or else above the
//     running executable, whose go.mod declares this module;
//  3. vectors/cryptography_vectors in the cache folder that `make vectors`
//     fills: $HAZMAT_CACHE, else $XDG_CACHE_HOME/hazmat, else
//     $HOME/.cache/hazmat.
//
// When none exists the error wraps [ErrNoVectors] and lists the folders
// tried.
func Root() (dir string, err error) {
	if env, ok := os.LookupEnv("HAZMAT_VECTORS"); ok && env != "" {
		if isDir(env) {
			return resolved(env), nil
		}
		return "", fmt.Errorf("%w: HAZMAT_VECTORS=%s is not a folder", ErrNoVectors, env)
	}
	tried := candidates()
	for _, c := range tried {
		if isDir(c) {
			return resolved(c), nil
		}
	}
	return "", fmt.Errorf("%w (set HAZMAT_VECTORS or run make vectors); tried %s",
		ErrNoVectors, strings.Join(tried, ", "))
}

// candidates lists the folders Root tries after HAZMAT_VECTORS, without
// duplicates.
func candidates() []string {
	var out []string
	add := func(p string) {
		p = filepath.Clean(p)
		for _, q := range out {
			if q == p {
				return
			}
		}
		out = append(out, p)
	}
	if wd, err := os.Getwd(); err == nil {
		if root, ok := moduleRoot(wd); ok {
			add(filepath.Join(root, "..", "shared", "vectors", "nist"))
		}
	}
	if exe, err := os.Executable(); err == nil {
		if exe, err := filepath.EvalSymlinks(exe); err == nil {
			if root, ok := moduleRoot(filepath.Dir(exe)); ok {
				add(filepath.Join(root, "..", "shared", "vectors", "nist"))
			}
		}
	}
	if cache := cacheDir(); cache != "" {
		add(filepath.Join(cache, "vectors", "cryptography_vectors"))
	}
	return out
}

// cacheDir is hazmat's cache folder: $HAZMAT_CACHE, $XDG_CACHE_HOME/hazmat
// or $HOME/.cache/hazmat, or "" when none of them is set.
func cacheDir() string {
	if d := os.Getenv("HAZMAT_CACHE"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "hazmat")
	}
	if d := os.Getenv("HOME"); d != "" {
		return filepath.Join(d, ".cache", "hazmat")
	}
	return ""
}

// moduleRoot walks up from dir to the folder whose go.mod declares
// modulePath.
func moduleRoot(dir string) (string, bool) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		if declaresModule(filepath.Join(dir, "go.mod")) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// declaresModule reports whether the go.mod file at path declares
// modulePath.
func declaresModule(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		rest, ok := strings.CutPrefix(line, "module")
		if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
			continue
		}
		rest, _, _ = strings.Cut(rest, "//")
		return strings.Trim(strings.TrimSpace(rest), `"`+"`") == modulePath
	}
	return false
}

// TestdataDir returns the module's own testdata folder: testdata/ in the
// module root, the nearest folder above the working directory (else above
// the running executable) whose go.mod declares
// github.com/go-hazmat/hazmat. Unlike the collection, these files are part
// of the repository, so tests fail rather than skip when this returns an
// error; the error wraps [ErrNoVectors].
func TestdataDir() (string, error) {
	var tried []string
	try := func(dir string) (string, bool) {
		root, ok := moduleRoot(dir)
		if !ok {
			return "", false
		}
		td := filepath.Join(root, "testdata")
		tried = append(tried, td)
		return td, isDir(td)
	}
	wd, err := os.Getwd()
	if err == nil {
		if td, ok := try(wd); ok {
			return td, nil
		}
	}
	if exe, err := os.Executable(); err == nil {
		if exe, err := filepath.EvalSymlinks(exe); err == nil {
			if td, ok := try(filepath.Dir(exe)); ok {
				return td, nil
			}
		}
	}
	if len(tried) == 0 {
		return "", fmt.Errorf("%w: no go.mod of module %s above %s", ErrNoVectors, modulePath, wd)
	}
	return "", fmt.Errorf("%w: no testdata folder; tried %s", ErrNoVectors, strings.Join(tried, ", "))
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// TB is the part of [testing.TB] that the helpers for tests use. The
// package names its own interface so that the command-line tool, which
// shares the loaders, does not link package testing.
type TB interface {
	Helper()
	Skipf(format string, args ...any)
	Errorf(format string, args ...any)
	Logf(format string, args ...any)
}

// logged remembers the tests that [RootForTest] has already told which
// root they use.
var logged sync.Map // TB → struct{}

// RootForTest returns [Root] for a test. When no collection is found it
// calls t.Skipf with the folders tried; otherwise it logs, once per test,
// which folder is used.
func RootForTest(t TB) string {
	t.Helper()
	root, err := Root()
	if err != nil {
		t.Skipf("skipping: no test-vector collection: %v", err)
		return ""
	}
	if _, seen := logged.LoadOrStore(t, struct{}{}); !seen {
		t.Logf("test vectors from %s", root)
	}
	return root
}

// Path returns the file rel (a slash-separated path relative to the
// collection's root, such as "hashes/SHA2/SHA256ShortMsg.rsp") for a test.
// When no collection is found it calls t.Skipf naming the folders tried;
// it logs, once per test, which root is used.
func Path(t TB, rel string) string {
	t.Helper()
	return filepath.Join(RootForTest(t), filepath.FromSlash(rel))
}

// resolved returns dir with symbolic links resolved, so that walking it
// finds its files even when dir itself is a link (as the cache that
// scripts/vectors-fetch.sh fills is).
func resolved(dir string) string {
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		return r
	}
	return filepath.Clean(dir)
}
