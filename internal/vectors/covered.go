package vectors

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// coveredDirs are the folders of the collection that the project's tests
// cover, relative to its root: those of the curated collection
// (../shared/vectors/nist). A file anywhere below one of them is covered.
var coveredDirs = []string{
	"ciphers/AES/CBC", "ciphers/AES/ECB", "ciphers/AES/OFB", "ciphers/AES/CFB",
	"ciphers/AES/CTR", "ciphers/AES/GCM", "ciphers/AES/XTS",
	"ciphers/3DES", "ciphers/Camellia", "ciphers/Blowfish", "ciphers/CAST5",
	"ciphers/SEED", "ciphers/IDEA", "ciphers/ARC4", "ciphers/ChaCha20", "ciphers/SM4",
	"hashes/SHA1", "hashes/SHA2", "hashes/SHA3", "hashes/SHAKE", "hashes/MD5",
	"hashes/ripemd160", "hashes/blake2", "hashes/SM3",
	"HMAC", "CMAC", "keywrap", "KDF", "poly1305",
}

// Covered reports whether rel, a file's slash-separated path relative to
// the collection's root (such as "ciphers/AES/CBC/CBCMMT128.rsp"), lies in
// a folder that the project's tests cover. pyca's complete package has
// more folders (ciphers/AES/CCM, OCB3, SIV, ChaCha20Poly1305, asymmetric/,
// x509/, ...); tests that walk the collection leave their files out, and
// stay strict about every file of the covered folders.
func Covered(rel string) bool {
	for _, d := range coveredDirs {
		if strings.HasPrefix(rel, d+"/") {
			return true
		}
	}
	return false
}

// Curated reports whether root is the curated collection, the folder
// vectors/nist (../shared/vectors/nist beside the checkout), whose exact
// contents the tests know: file and record counts that may differ in other
// releases of pyca's package are asserted exactly only there.
func Curated(root string) bool {
	return filepath.Base(root) == "nist" && filepath.Base(filepath.Dir(root)) == "vectors"
}

// PathOrSkip is [Path] for a file that some releases of the collection
// lack: when the file does not exist and the collection is not the curated
// one (see [Curated]), it calls t.Skipf naming the file and the root. In
// the curated collection a missing file is left for the test to fail on.
func PathOrSkip(t TB, rel string) string {
	t.Helper()
	root := RootForTest(t)
	p := filepath.Join(root, filepath.FromSlash(rel))
	if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) && !Curated(root) {
		t.Skipf("%s not in this collection (%s)", rel, root)
	}
	return p
}

// CoveredFiles returns the files of rels (slash-separated paths relative to
// root) that [Covered] accepts, in their order. When it leaves files out it
// logs one line saying how many and from which folders; in the curated
// collection (see [Curated]), all of whose files are covered, leaving one
// out is an error of t.
func CoveredFiles(t TB, root string, rels []string) []string {
	t.Helper()
	var out []string
	left := map[string]int{}
	var folders []string
	for _, rel := range rels {
		if Covered(rel) {
			out = append(out, rel)
			continue
		}
		f := uncoveredFolder(rel)
		if f == "." {
			f = "(root)"
		}
		if left[f] == 0 {
			folders = append(folders, f)
		}
		left[f]++
	}
	if n := len(rels) - len(out); n > 0 {
		if Curated(root) {
			t.Errorf("%d files of the curated collection %s lie outside the covered folders: %s", n, root, strings.Join(folders, ", "))
		} else {
			t.Logf("left out %d files in folders the tests do not cover: %s", n, strings.Join(folders, ", "))
		}
	}
	return out
}

// uncoveredFolder is the shortest folder of rel that neither is nor holds
// a covered folder, else the folder rel lies in ("." for the root).
func uncoveredFolder(rel string) string {
	parts := strings.Split(rel, "/")
	for i := 1; i < len(parts); i++ {
		dir := strings.Join(parts[:i], "/")
		inside := false
		for _, d := range coveredDirs {
			if d == dir || strings.HasPrefix(d, dir+"/") {
				inside = true
				break
			}
		}
		if !inside {
			return dir
		}
	}
	return path.Dir(rel)
}
