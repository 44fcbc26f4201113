package kat

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/vectors"
)

// Run runs every record of the vector file at path, whose kind
// [vectors.Kind] tells from its path, and returns their outcomes. With a
// nil backend the primitives use their default backend; with b they use
// it through their WithBackend constructors, for every kind of file. A
// backend without the optional interface a file needs (one-shot AEADs,
// MACs, key wrap, KDFs) skips that file's records, saying so; a record
// whose algorithm b refuses is skipped and keeps the refusal in
// [Record.Err].
//
// Run never panics: a panic while checking a record is reported as a
// failure of the file. A file that cannot be read or parsed is one
// failing [FileRecord] and sets [Result.Err]. Run is safe for concurrent
// use on different files.
func Run(path string, b backends.Backend) (res *Result) {
	res = &Result{Path: path}
	defer func() {
		if p := recover(); p != nil {
			res.fileError(fmt.Errorf("panic: %v", p))
		}
	}()
	r := &runner{res: res, path: path, b: b}
	r.run()
	return res
}

// runner runs one file.
type runner struct {
	res  *Result
	path string
	b    backends.Backend
}

// run dispatches the file on its kind.
func (r *runner) run() {
	parts := pathParts(r.path)
	base := parts[len(parts)-1]
	kind := vectors.Kind(r.path)
	switch kind {
	case vectors.KindCipher, vectors.KindGCM, vectors.KindAEAD:
		if reason, ok := unrunFolder(parts); ok {
			r.skipFile(reason)
			return
		}
	}
	switch kind {
	case vectors.KindHash:
		r.hashFile(parts)
	case vectors.KindHashMonte:
		r.hashMonteFile(parts)
	case vectors.KindHMAC:
		r.hmacFile()
	case vectors.KindCipher:
		r.cipherFile(parts)
	case vectors.KindGCM:
		r.gcmFile(parts)
	case vectors.KindAEAD:
		r.aeadFile()
	case vectors.KindXTS:
		r.xtsFile()
	case vectors.KindCMAC:
		r.cmacFile()
	case vectors.KindKeyWrap:
		r.keyWrapFile()
	case vectors.KindKDF:
		r.kdfFile()
	case vectors.KindPoly1305:
		r.poly1305File()
	case vectors.KindMAC:
		r.ownMACFile()
	default:
		if strings.HasSuffix(base, "Monte.txt") {
			r.skipFile(ReasonMonteTxt)
			return
		}
		r.skipFile(ReasonNotVectors)
	}
}

// unrunFolders are the folders of cipher files that hazmat does not run,
// with the reason: modes it lacks, and layouts that the vector loaders do
// not read (pyca's full collection has them).
var unrunFolders = map[string]string{
	"CCM":              "CAVP AES-CCM layout, which the vector loaders do not read",
	"OCB3":             "OCB3 is not a mode of hazmat",
	"SIV":              "SIV is not a mode of hazmat",
	"GCM-SIV":          "GCM-SIV is not a mode of hazmat",
	"RC2":              "RC2 is not an algorithm of hazmat",
	"ChaCha20Poly1305": "ChaCha20-Poly1305 in OpenSSL's and BoringSSL's layouts, which the vector loaders do not read",
}

// unrunFolder reports whether a cipher file lies in one of unrunFolders,
// and why it is not run.
func unrunFolder(parts []string) (string, bool) {
	_, sub, _ := nameParts(parts)
	for _, d := range sub {
		if reason, ok := unrunFolders[d]; ok {
			return reason, true
		}
	}
	return "", false
}

// pathParts splits a path into its folders and name.
func pathParts(path string) []string {
	parts := strings.FieldsFunc(filepath.ToSlash(path), func(r rune) bool { return r == '/' })
	if len(parts) == 0 {
		return []string{path}
	}
	return parts
}

// skipFile skips a whole file, counting its records when the generic
// parser can read them and the file as one otherwise. An unreadable file
// is still an error.
func (r *runner) skipFile(reason string) {
	if _, err := os.Stat(r.path); err != nil {
		r.res.fileError(err)
		return
	}
	n := 1
	if recs, err := vectors.ParseFile(r.path); err == nil && len(recs) > 0 {
		n = len(recs)
	}
	r.res.skip(reason, n)
}

// loadFailed records a loader error: a format the loaders deliberately do
// not serve skips the file, anything else fails it.
func (r *runner) loadFailed(err error) {
	if errors.Is(err, vectors.ErrUnsupportedFormat) {
		r.skipFile("format not run: " + formatText(err))
		return
	}
	r.res.fileError(err)
}

// formatText shortens a loader's ErrUnsupportedFormat error to its own
// words: "vectors: FILE:LINE: iv1: interleaved or pipelined TDES: vectors:
// unsupported vector format" gives "interleaved or pipelined TDES".
func formatText(err error) string {
	s := strings.TrimSuffix(err.Error(), ": "+vectors.ErrUnsupportedFormat.Error())
	if i := strings.LastIndex(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	return s
}
