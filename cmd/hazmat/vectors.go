package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

const vectorsHelp = `
Run known-answer test files against OpenSSL through hazmat: NIST CAVP
response files (.rsp) and the RFC and author vectors of the same collection
(.txt), laid out as in pyca/cryptography's cryptography_vectors package
(ciphers/AES/CBC/CBCMMT128.rsp, hashes/SHA2/SHA256ShortMsg.rsp,
HMAC/rfc-4231-sha256.txt, ...). A FILE that is a folder is walked.

The algorithm and mode come from the folders and the file name: block and
stream ciphers (AES, 3DES, Camellia, Blowfish, CAST5, SEED, IDEA, SM4, ARC4,
ChaCha20) in ECB, CBC, CFB, CFB8, OFB and CTR; AES-GCM and SM4-GCM (FAIL
records must be rejected as an invalid tag); AES-XTS; SHA-1, SHA-2, SHA-3,
SHAKE (Monte Carlo tests included), MD5, RIPEMD-160, BLAKE2 and SM3; HMAC.

For each file hazmat prints

    PATH: N passed, N failed, N skipped (why)

and at the end a "total:" line. Records are skipped when they cannot run
here: an algorithm that this OpenSSL (or FIPS mode) does not offer
("unsupported here"), CFB1 and XTS records whose data are not whole bytes,
one- and two-key TDES in FIPS mode. A record that asks for far more work
than any real vector file (SHAKE Monte Carlo output lengths above 32768
bits, more than 4194304 ITERATIONS, an OFFSET above 1 MiB) fails without
running.
Files of kinds hazmat does not run (CMAC, key wrap, the Monte Carlo .txt
duplicates, prose) are skipped whole, with the reason; their records are
counted when they can be read, else the file counts as one. A file that
cannot be read or parsed counts as one failure. -v lists each failing
record and what differed. The exit status is 1 when anything failed.
`

// runVectors runs "hazmat vectors".
func runVectors(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := commandFlags("vectors", "[-v] FILE...", vectorsHelp, stderr)
	verbose := fs.Bool("v", false, "list each failing record and what differed")
	if code, ok := parseCommandFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(fs, "no FILE given")
	}
	files := vecExpand(fs.Args())

	// Files run in parallel; their reports are printed in order.
	results := make([]chan *vecTally, len(files))
	for i := range results {
		results[i] = make(chan *vecTally, 1)
	}
	jobs := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		go func() {
			for i := range jobs {
				results[i] <- vecRunFile(files[i])
			}
		}()
	}
	go func() {
		for i := range files {
			jobs <- i
		}
		close(jobs)
	}()

	var total vecTally
	for i, f := range files {
		t := <-results[i]
		if t.err != nil {
			warn(stderr, "%s: %v", displayName(f.path), t.err)
		}
		fmt.Fprintf(stdout, "%s: %s\n", displayName(f.path), t.summary())
		if *verbose {
			for _, line := range t.failures {
				fmt.Fprintf(stdout, "  FAIL %s\n", line)
			}
		}
		total.passed += t.passed
		total.failed += t.failed
		total.skipped += t.skipped
	}
	fmt.Fprintf(stdout, "total: %d passed, %d failed, %d skipped\n", total.passed, total.failed, total.skipped)
	if total.failed > 0 {
		return exitFailure
	}
	return exitOK
}

// vecFile is one file to run: its path as given or found by walking,
// or the error met while looking for it.
type vecFile struct {
	path string
	err  error
}

// vecExpand turns the command's arguments into files: a folder gives
// the regular files under it (and the links to regular files), in lexical
// order, leaving out names that start with a dot.
func vecExpand(args []string) []vecFile {
	var out []vecFile
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if err != nil || !fi.IsDir() {
			out = append(out, vecFile{path: arg, err: err})
			continue
		}
		// A trailing separator makes WalkDir follow a root that is a
		// symbolic link to a folder; the paths it gives are clean.
		root := arg
		if !os.IsPathSeparator(root[len(root)-1]) {
			root += string(filepath.Separator)
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, vecFile{path: p, err: err})
				if d != nil && d.IsDir() && p != root {
					return fs.SkipDir
				}
				return nil
			}
			if p == root {
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			switch {
			case d.Type().IsRegular():
				out = append(out, vecFile{path: p})
			case d.Type()&fs.ModeSymlink != 0:
				// Files behind links are run; folders behind links are
				// not walked (they could loop).
				if fi, err := os.Stat(p); err != nil {
					out = append(out, vecFile{path: p, err: err})
				} else if fi.Mode().IsRegular() {
					out = append(out, vecFile{path: p})
				}
			}
			return nil
		})
		if err != nil {
			out = append(out, vecFile{path: arg, err: err})
		}
	}
	return out
}

// vecTally counts the records of one file (or of all files).
type vecTally struct {
	passed, failed, skipped int
	// reasons lists why records were skipped, in the order first met;
	// reasonCount counts each.
	reasons     []string
	reasonCount map[string]int
	// failures holds one line per failing record: its name and what
	// differed.
	failures []string
	// err is a file-level error (unreadable, malformed), counted as one
	// failure.
	err error
}

func (t *vecTally) pass() { t.passed++ }

func (t *vecTally) fail(name string, err error) {
	t.failed++
	t.failures = append(t.failures, name+": "+vecOneLine(err.Error()))
}

func (t *vecTally) skip(reason string, n int) {
	if n <= 0 {
		return
	}
	t.skipped += n
	if t.reasonCount == nil {
		t.reasonCount = map[string]int{}
	}
	if _, ok := t.reasonCount[reason]; !ok {
		t.reasons = append(t.reasons, reason)
	}
	t.reasonCount[reason] += n
}

// fileError records a file-level error as one failure.
func (t *vecTally) fileError(err error) {
	t.err = err
	t.failed++
	t.failures = append(t.failures, "(file): "+vecOneLine(err.Error()))
}

// record counts the outcome of one record: nil passes, a [vecSkip] or
// an error wrapping [backends.ErrUnsupportedAlgorithm] skips, anything
// else fails.
func (t *vecTally) record(name string, err error) {
	var se vecSkip
	switch {
	case err == nil:
		t.pass()
	case errors.As(err, &se):
		t.skip(string(se), 1)
	case errors.Is(err, backends.ErrUnsupportedAlgorithm):
		t.skip(vecUnsupportedReason(err), 1)
	default:
		t.fail(name, err)
	}
}

// summary is the text after "PATH: ".
func (t *vecTally) summary() string {
	s := fmt.Sprintf("%d passed, %d failed, %d skipped", t.passed, t.failed, t.skipped)
	switch len(t.reasons) {
	case 0:
	case 1:
		s += " (" + t.reasons[0] + ")"
	default:
		parts := make([]string, len(t.reasons))
		for i, r := range t.reasons {
			parts[i] = fmt.Sprintf("%d %s", t.reasonCount[r], r)
		}
		s += " (" + strings.Join(parts, "; ") + ")"
	}
	return s
}

// vecSkip says why a record cannot run here; it is not a failure.
type vecSkip string

func (e vecSkip) Error() string { return "skipped: " + string(e) }

// Reasons for skipping records and files.
const (
	vecReasonCFB1       = "CFB1 is bit-oriented; hazmat works on bytes"
	vecReasonXTSBits    = "XTS data unit not a whole number of bytes"
	vecReasonCMAC       = "CMAC is not a primitive of hazmat"
	vecReasonKeyWrap    = "AES key wrap is not a primitive of hazmat"
	vecReasonPoly1305   = "Poly1305 is not a primitive of hazmat"
	vecReasonMonteTxt   = "Monte Carlo .txt file: the .rsp test again, with debugging values"
	vecReasonNotVectors = "not a vector file hazmat runs"
	vecReasonTDESKey    = "TDES key refused here: FIPS mode takes three distinct keys only"
)

// vecUnsupportedReason is the skip reason for an unsupported algorithm,
// e.g. "unsupported here: md5: refused in FIPS mode".
func vecUnsupportedReason(err error) string {
	if s, ok := describeUnsupported(err); ok {
		return "unsupported here: " + s
	}
	return "unsupported here"
}

// vecOneLine folds line breaks so that an error fits on one line.
func vecOneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// vecRunFile runs one file and returns its tally. A panic in a check
// is reported as a failure of the file rather than ending the command.
func vecRunFile(f vecFile) (t *vecTally) {
	t = &vecTally{}
	if f.err != nil {
		t.fileError(f.err)
		return t
	}
	defer func() {
		if r := recover(); r != nil {
			t.fileError(fmt.Errorf("panic: %v", r))
		}
	}()
	vecRunKind(t, f.path)
	return t
}

// vecRunKind dispatches a file on its kind.
func vecRunKind(t *vecTally, path string) {
	parts := vecPathParts(path)
	base := parts[len(parts)-1]
	kind := vectors.Kind(path)
	switch kind {
	case vectors.KindCipher, vectors.KindGCM, vectors.KindAEAD:
		if reason, ok := vecUnrunFolder(parts); ok {
			vecSkipFile(t, path, reason)
			return
		}
	}
	switch kind {
	case vectors.KindHash:
		vecRunHashFile(t, path, parts)
	case vectors.KindHashMonte:
		vecRunHashMonteFile(t, path, parts)
	case vectors.KindHMAC:
		vecRunHMACFile(t, path)
	case vectors.KindCipher:
		vecRunCipherFile(t, path, parts)
	case vectors.KindGCM:
		vecRunGCMFile(t, path, parts)
	case vectors.KindAEAD:
		vecRunAEADFile(t, path)
	case vectors.KindXTS:
		vecRunXTSFile(t, path)
	case vectors.KindCMAC:
		vecSkipFile(t, path, vecReasonCMAC)
	case vectors.KindKeyWrap:
		vecSkipFile(t, path, vecReasonKeyWrap)
	case vectors.KindKDF:
		vecRunKDFFile(t, path)
	case vectors.KindPoly1305:
		vecSkipFile(t, path, vecReasonPoly1305)
	default:
		if strings.HasSuffix(base, "Monte.txt") {
			vecSkipFile(t, path, vecReasonMonteTxt)
			return
		}
		vecSkipFile(t, path, vecReasonNotVectors)
	}
}

// vecUnrunFolders are the folders of cipher files that hazmat does not
// run, with the reason: modes it lacks, and layouts that the vector loaders
// do not read (pyca's full collection has them).
var vecUnrunFolders = map[string]string{
	"CCM":              "CAVP AES-CCM layout, which the vector loaders do not read",
	"OCB3":             "OCB3 is not a mode of hazmat",
	"SIV":              "SIV is not a mode of hazmat",
	"GCM-SIV":          "GCM-SIV is not a mode of hazmat",
	"RC2":              "RC2 is not an algorithm of hazmat",
	"ChaCha20Poly1305": "ChaCha20-Poly1305 in OpenSSL's and BoringSSL's layouts, which the vector loaders do not read",
}

// vecUnrunFolder reports whether a cipher file lies in one of
// vecUnrunFolders, and why it is not run.
func vecUnrunFolder(parts []string) (string, bool) {
	_, sub, _ := vecNameParts(parts)
	for _, d := range sub {
		if reason, ok := vecUnrunFolders[d]; ok {
			return reason, true
		}
	}
	return "", false
}

// vecPathParts splits a path into its folders and name.
func vecPathParts(path string) []string {
	parts := strings.FieldsFunc(filepath.ToSlash(path), func(r rune) bool { return r == '/' })
	if len(parts) == 0 {
		return []string{path}
	}
	return parts
}

// vecSkipFile skips a whole file, counting its records when the generic
// parser can read them and the file as one otherwise. An unreadable file
// is still an error.
func vecSkipFile(t *vecTally, path, reason string) {
	if _, err := os.Stat(path); err != nil {
		t.fileError(err)
		return
	}
	n := 1
	if recs, err := vectors.ParseFile(path); err == nil && len(recs) > 0 {
		n = len(recs)
	}
	t.skip(reason, n)
}

// vecLoadFailed records a loader error: a format the loaders deliberately do
// not serve skips the file, anything else fails it.
func vecLoadFailed(t *vecTally, path string, err error) {
	if errors.Is(err, vectors.ErrUnsupportedFormat) {
		vecSkipFile(t, path, "format not run: "+vecFormatText(err))
		return
	}
	t.fileError(err)
}

// vecFormatText shortens a loader's ErrUnsupportedFormat error to
// its own words: "vectors: FILE:LINE: iv1: interleaved or pipelined TDES:
// vectors: unsupported vector format" gives "interleaved or pipelined
// TDES".
func vecFormatText(err error) string {
	s := strings.TrimSuffix(err.Error(), ": "+vectors.ErrUnsupportedFormat.Error())
	if i := strings.LastIndex(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	return s
}

// vecDiffer describes two outputs that should be equal.
func vecDiffer(what string, got, want []byte) error {
	return fmt.Errorf("%s: got %s, want %s", what, vecHex(got), vecHex(want))
}

// vecHex is b in hex, cut after 32 bytes.
func vecHex(b []byte) string {
	const limit = 32
	if len(b) == 0 {
		return "(empty)"
	}
	if len(b) > limit {
		return fmt.Sprintf("%x... (%d bytes)", b[:limit], len(b))
	}
	return fmt.Sprintf("%x", b)
}

// ---- hashes ----

// vecCAVPHashName matches the CAVP hash file names: the algorithm, then the
// test.
var vecCAVPHashName = regexp.MustCompile(`^(SHA1|SHA224|SHA256|SHA384|SHA512|SHA512_224|SHA512_256|SHA3_224|SHA3_256|SHA3_384|SHA3_512|SHAKE128|SHAKE256)(ShortMsg|LongMsg|VariableOut|Monte)$`)

// vecHashAlg finds the hash algorithm of a file: from a CAVP name
// (SHA512_256ShortMsg.rsp), from the file's stem (blake2b.txt, the
// project's testdata/hashes/sha256.txt) or from its folder (MD5/, SM3/,
// ripemd160/).
func vecHashAlg(parts []string) (hashes.Algorithm, bool) {
	base := parts[len(parts)-1]
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	if m := vecCAVPHashName.FindStringSubmatch(stem); m != nil {
		return hashes.ByName(strings.ReplaceAll(strings.ToLower(m[1]), "_", "-"))
	}
	if alg, ok := hashes.ByName(stem); ok {
		return alg, true
	}
	if len(parts) >= 2 {
		return hashes.ByName(parts[len(parts)-2])
	}
	return nil, false
}

// vecXOFSize gives an extendable-output algorithm the output length n.
func vecXOFSize(alg hashes.Algorithm, n int) hashes.Algorithm {
	switch alg.(type) {
	case hashes.SHAKE128:
		return hashes.SHAKE128{Size: n}
	case hashes.SHAKE256:
		return hashes.SHAKE256{Size: n}
	}
	return alg
}

func vecRunHashFile(t *vecTally, path string, parts []string) {
	vs, err := vectors.LoadHash(path)
	if err != nil {
		vecLoadFailed(t, path, err)
		return
	}
	alg, ok := vecHashAlg(parts)
	if !ok {
		t.skip("cannot tell the hash algorithm from the file's name or folder", len(vs))
		return
	}
	for _, v := range vs {
		t.record(v.Name, vecCheckHash(alg, v))
	}
}

// vecCheckHash computes v's digest in one call and by streaming in two
// pieces.
func vecCheckHash(alg hashes.Algorithm, v vectors.HashVector) error {
	if v.OutputLen > 0 {
		alg = vecXOFSize(alg, v.OutputLen)
	}
	got, err := hashes.Sum(alg, v.Msg)
	if err != nil {
		return err
	}
	if !bytes.Equal(got, v.MD) {
		return vecDiffer(alg.Name()+" Sum", got, v.MD)
	}
	h, err := hashes.New(alg)
	if err != nil {
		return err
	}
	half := len(v.Msg) / 2
	if err := h.Update(v.Msg[:half]); err != nil {
		return err
	}
	if err := h.Update(v.Msg[half:]); err != nil {
		return err
	}
	if got, err = h.Finalize(); err != nil {
		return err
	}
	if !bytes.Equal(got, v.MD) {
		return vecDiffer(alg.Name()+" streamed in two pieces", got, v.MD)
	}
	return nil
}

// vecRunHashMonteFile runs a Monte Carlo file; each of its checkpoints counts
// as one record.
func vecRunHashMonteFile(t *vecTally, path string, parts []string) {
	m, err := vectors.LoadHashMonte(path)
	if err != nil {
		vecLoadFailed(t, path, err)
		return
	}
	alg, ok := vecHashAlg(parts)
	if !ok {
		t.skip("cannot tell the hash algorithm from the file's name or folder", len(m.Checkpoints))
		return
	}
	var firstErr error
	sum := func(alg hashes.Algorithm, msg []byte) []byte {
		d, err := hashes.Sum(alg, msg)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return d
	}
	var got [][]byte
	switch {
	case m.OutputLens != nil:
		got = vectors.MonteSHAKE(m, func(msg []byte, n int) []byte { return sum(vecXOFSize(alg, n), msg) })
	case strings.HasPrefix(alg.Name(), "sha3-"):
		got = vectors.MonteSHA3(m.Seed, func(msg []byte) []byte { return sum(alg, msg) })
	default:
		got = vectors.MonteSHA2(m.Seed, func(msg []byte) []byte { return sum(alg, msg) })
	}
	base := parts[len(parts)-1]
	for i, want := range m.Checkpoints {
		name := fmt.Sprintf("%s checkpoint %d", base, i)
		switch {
		case firstErr != nil:
			t.record(name, firstErr)
		case i >= len(got):
			t.record(name, fmt.Errorf("the Monte Carlo loop gave only %d checkpoints", len(got)))
		case !bytes.Equal(got[i], want):
			t.record(name, vecDiffer(alg.Name()+" Monte Carlo", got[i], want))
		default:
			t.pass()
		}
	}
}

// ---- HMAC ----

// vecHMACAlg finds an HMAC file's hash: the last dash-separated word of
// its stem (rfc-4231-sha256.txt), or the whole stem (testdata/hmac/md5.txt).
func vecHMACAlg(path string) (hashes.Algorithm, bool) {
	base := filepath.Base(path)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	if alg, ok := hashes.ByName(stem); ok {
		return alg, true
	}
	return hashes.ByName(stem[strings.LastIndexByte(stem, '-')+1:])
}

func vecRunHMACFile(t *vecTally, path string) {
	vs, err := vectors.LoadHMAC(path)
	if err != nil {
		vecLoadFailed(t, path, err)
		return
	}
	alg, ok := vecHMACAlg(path)
	if !ok {
		t.skip("cannot tell the hash algorithm from the file's name", len(vs))
		return
	}
	for _, v := range vs {
		t.record(v.Name, vecCheckHMAC(alg, v))
	}
}

func vecCheckHMAC(alg hashes.Algorithm, v vectors.HMACVector) error {
	got, err := hmac.Sum(v.Key, alg, v.Msg)
	if err != nil {
		return err
	}
	if v.Truncate > 0 && len(got) >= v.Truncate {
		got = got[:v.Truncate]
	}
	if !bytes.Equal(got, v.MD) {
		return vecDiffer("HMAC-"+alg.Name(), got, v.MD)
	}
	return nil
}

// ---- block and stream ciphers ----

// vecFamily builds a cipher algorithm from a record.
type vecFamily func(v vectors.CipherVector) (backends.CipherAlgorithm, error)

func vecKeyOnly[T backends.CipherAlgorithm](f func([]byte) (T, error)) vecFamily {
	return func(v vectors.CipherVector) (backends.CipherAlgorithm, error) {
		a, err := f(v.Key)
		if err != nil {
			return nil, err
		}
		return a, nil
	}
}

// vecFamilies maps the lower-case names the collection uses for an
// algorithm (folders, and the first word of file names) to its
// constructor.
var vecFamilies = map[string]vecFamily{
	"aes":       vecKeyOnly(algorithms.NewAES),
	"3des":      vecKeyOnly(algorithms.NewTripleDES),
	"tdes":      vecKeyOnly(algorithms.NewTripleDES),
	"tripledes": vecKeyOnly(algorithms.NewTripleDES),
	"camellia":  vecKeyOnly(algorithms.NewCamellia),
	"blowfish":  vecKeyOnly(algorithms.NewBlowfish),
	"bf":        vecKeyOnly(algorithms.NewBlowfish),
	"cast5":     vecKeyOnly(algorithms.NewCAST5),
	"seed":      vecKeyOnly(algorithms.NewSEED),
	"idea":      vecKeyOnly(algorithms.NewIDEA),
	"sm4":       vecKeyOnly(algorithms.NewSM4),
	"arc4":      vecKeyOnly(algorithms.NewARC4),
	"rc4":       vecKeyOnly(algorithms.NewARC4),
	// The loader gives ChaCha20's IV as OpenSSL's 16-byte counter ‖ nonce.
	"chacha20": func(v vectors.CipherVector) (backends.CipherAlgorithm, error) {
		a, err := algorithms.NewChaCha20(v.Key, v.IV)
		if err != nil {
			return nil, err
		}
		return a, nil
	},
}

// vecStreamFamilies are the families that take no mode.
var vecStreamFamilies = map[string]bool{"arc4": true, "rc4": true, "chacha20": true}

// vecModeNames are the mode names hazmat runs, as spelled in file names.
var vecModeNames = map[string]string{
	"ecb": "ECB", "cbc": "CBC", "ofb": "OFB", "ctr": "CTR", "gcm": "GCM", "xts": "XTS",
	"cfb": "CFB", "cfb64": "CFB", "cfb128": "CFB", "cfb8": "CFB8", "cfb1": "CFB1",
}

// vecCAVPCipherName matches the CAVP AES and TDES file names: an optional T
// (TDES), the mode, I or P for TDES's interleaved and pipelined variants,
// and the CFB segment size in bits.
var vecCAVPCipherName = regexp.MustCompile(`^T?(ECB|CBC|OFB|CFB|CTR)([IP]?)(\d*)`)

// vecKnownModes names the modes of collection files whose names do not say
// it and whose records carry an IV.
var vecKnownModes = map[string]string{
	"rfc-4196": "CBC", // SEED in IPsec (RFC 4196)
}

// vecCipherSpec is what a cipher file's path says: the family (a key of
// vecFamilies) and the mode ("" for a stream cipher).
type vecCipherSpec struct {
	family, mode string
	// interleaved is set for TDES's interleaved and pipelined files.
	interleaved bool
}

// vecCipherSpecFor infers the algorithm and mode of a cipher file from the
// folders after "ciphers" (ciphers/AES/CBC/...) and the file name
// (CFB8MMT128.rsp, TCFB64MMT1.rsp, camellia-128-ecb.txt, bf-cbc.txt, the
// project's testdata/ciphers/sm4.txt). firstIV tells whether the file's
// first record has an IV: a block-cipher file whose name gives no mode
// and whose records have none is ECB. ok is false when it cannot tell.
func vecCipherSpecFor(parts []string, firstIV bool) (spec vecCipherSpec, ok bool) {
	stem, sub, words := vecNameParts(parts)
	if spec.family, ok = vecFamilyFor(parts); !ok {
		return spec, false
	}
	if vecStreamFamilies[spec.family] {
		return spec, true
	}

	// The mode: a CAVP name, a folder, a word of the name, a known file,
	// or ECB for a file without IVs.
	if m := vecCAVPCipherName.FindStringSubmatch(stem); m != nil {
		spec.interleaved = m[2] != ""
		spec.mode = m[1]
		if m[1] == "CFB" {
			spec.mode = vecModeNames["cfb"+m[3]]
		}
		if spec.mode != "" {
			return spec, true
		}
	}
	for _, d := range sub {
		if m, ok := vecModeNames[strings.ToLower(d)]; ok {
			spec.mode = m
			return spec, true
		}
	}
	for _, w := range words {
		if m, ok := vecModeNames[w]; ok {
			spec.mode = m
			return spec, true
		}
	}
	if m, ok := vecKnownModes[strings.ToLower(stem)]; ok {
		spec.mode = m
		return spec, true
	}
	if !firstIV {
		spec.mode = "ECB"
		return spec, true
	}
	return spec, false
}

// vecNameParts splits a cipher file's path into the file's stem, the
// folders after the last "ciphers" (without one, the parent folder) and
// the lower-case words of the stem.
func vecNameParts(parts []string) (stem string, sub, words []string) {
	base := parts[len(parts)-1]
	stem = strings.TrimSuffix(base, filepath.Ext(base))
	dirs := parts[:len(parts)-1]
	sub = dirs
	for i := len(dirs) - 1; i >= 0; i-- {
		if dirs[i] == "ciphers" {
			sub = dirs[i+1:]
			break
		}
	}
	if len(sub) == len(dirs) && len(dirs) > 0 {
		sub = dirs[len(dirs)-1:]
	}
	words = strings.FieldsFunc(strings.ToLower(stem), func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	return stem, sub, words
}

// vecFamilyFor finds a cipher file's family (a key of vecFamilies): the
// first folder after "ciphers" that names one, else the first word of the
// file's name.
func vecFamilyFor(parts []string) (string, bool) {
	_, sub, words := vecNameParts(parts)
	for _, d := range sub {
		if _, known := vecFamilies[strings.ToLower(d)]; known {
			return strings.ToLower(d), true
		}
	}
	if len(words) > 0 {
		if _, known := vecFamilies[words[0]]; known {
			return words[0], true
		}
	}
	return "", false
}

// vecNewMode builds the mode called name with iv; nil for "" (stream
// ciphers).
func vecNewMode(name string, iv []byte) (backends.Mode, error) {
	switch name {
	case "":
		return nil, nil
	case "ECB":
		return modes.NewECB(), nil
	case "CBC":
		return modes.NewCBC(iv)
	case "CTR":
		return modes.NewCTR(iv)
	case "OFB":
		return modes.NewOFB(iv)
	case "CFB":
		return modes.NewCFB(iv)
	case "CFB8":
		return modes.NewCFB8(iv)
	case "CFB1":
		return nil, vecSkip(vecReasonCFB1)
	}
	return nil, fmt.Errorf("hazmat runs no %s mode for this file", name)
}

func vecRunCipherFile(t *vecTally, path string, parts []string) {
	vs, err := vectors.LoadCipher(path)
	if err != nil {
		vecLoadFailed(t, path, err)
		return
	}
	spec, ok := vecCipherSpecFor(parts, vs[0].IV != nil)
	switch {
	case !ok:
		t.skip("cannot tell the cipher or mode from the path", len(vs))
		return
	case spec.interleaved:
		t.skip("format not run: interleaved or pipelined TDES", len(vs))
		return
	}
	family := vecFamilies[spec.family]
	for _, v := range vs {
		t.record(v.Name, vecCheckCipher(family, spec.mode, v))
	}
}

// vecMaxIterations and vecMaxOffset bound the work a cipher record may ask
// for: 4 times the largest ITERATIONS of the real files (1,000,000, SM4's
// GB/T 32907 example) and 256 times the largest OFFSET (4096, RFC 6229).
// A record beyond them fails without running.
const (
	vecMaxIterations = 1 << 22
	vecMaxOffset     = 1 << 20
)

// vecCheckCipher runs one record in its direction, then in the other one
// (which may be refused: FIPS providers may allow only TDES decryption).
func vecCheckCipher(family vecFamily, modeName string, v vectors.CipherVector) error {
	if v.Bits || modeName == "CFB1" {
		return vecSkip(vecReasonCFB1)
	}
	if v.Iterations > vecMaxIterations {
		return fmt.Errorf("ITERATIONS %d is more than the %d a record may ask for", v.Iterations, vecMaxIterations)
	}
	if v.Offset > vecMaxOffset {
		return fmt.Errorf("OFFSET %d is more than the %d bytes a record may ask for", v.Offset, vecMaxOffset)
	}
	alg, err := family(v)
	if err != nil {
		return err
	}
	mode, err := vecNewMode(modeName, v.IV)
	if err != nil {
		return err
	}
	c, err := ciphers.NewCipher(alg, mode)
	if err != nil {
		return err
	}
	if v.Iterations > 1 {
		return vecIterated(c, v.Plaintext, v.Ciphertext, v.Iterations, nil)
	}
	if v.Ciphertext1000 != nil {
		err := vecIterated(c, v.Plaintext, v.Ciphertext1000, 1000, map[int][]byte{1: v.Ciphertext, 100: v.Ciphertext100})
		if err != nil {
			return err
		}
	}
	if err := vecCrypt(c, v.Encrypt, v.Offset, v.Plaintext, v.Ciphertext); err != nil {
		if _, tdes := alg.(*algorithms.TripleDES); tdes && errors.Is(err, backends.ErrInvalidKeySize) {
			// FIPS mode refuses the one- and two-key TDES of many
			// CAVP records.
			return vecSkip(vecReasonTDESKey)
		}
		return err
	}
	err = vecCrypt(c, !v.Encrypt, v.Offset, v.Plaintext, v.Ciphertext)
	if errors.Is(err, backends.ErrUnsupportedAlgorithm) {
		return nil
	}
	return err
}

func vecDirection(encrypt bool) string {
	if encrypt {
		return "encrypt"
	}
	return "decrypt"
}

// vecCrypt encrypts pt (or decrypts ct) with c after throwing away skip
// bytes of keystream (ARC4's OFFSET) and compares with the other.
func vecCrypt(c *ciphers.Cipher, encrypt bool, skip int, pt, ct []byte) error {
	in, want := pt, ct
	ctx, err := c.Encryptor()
	if !encrypt {
		in, want = ct, pt
		ctx, err = c.Decryptor()
	}
	if err != nil {
		return err
	}
	if skip > 0 {
		if _, err := ctx.Update(make([]byte, skip)); err != nil {
			return fmt.Errorf("%s: skipping %d bytes of keystream: %w", vecDirection(encrypt), skip, err)
		}
	}
	out, err := ctx.Update(in)
	if err != nil {
		return fmt.Errorf("%s: %w", vecDirection(encrypt), err)
	}
	tail, err := ctx.Finalize()
	if err != nil {
		return fmt.Errorf("%s: %w", vecDirection(encrypt), err)
	}
	if got := append(out, tail...); !bytes.Equal(got, want) {
		return vecDiffer(vecDirection(encrypt), got, want)
	}
	return nil
}

// vecIterated encrypts pt n times in a row with one ECB context and
// compares with ct, and with the checkpoints (the result after k
// encryptions) on the way.
func vecIterated(c *ciphers.Cipher, pt, ct []byte, n int, checkpoints map[int][]byte) error {
	if _, ok := c.Mode().(*modes.ECB); !ok {
		return fmt.Errorf("iterated records must be ECB, not %T", c.Mode())
	}
	ctx, err := c.Encryptor()
	if err != nil {
		return err
	}
	buf := bytes.Clone(pt)
	for i := 1; i <= n; i++ {
		if _, err := ctx.UpdateInto(buf, buf); err != nil {
			return fmt.Errorf("encryption %d: %w", i, err)
		}
		if want, ok := checkpoints[i]; ok && !bytes.Equal(buf, want) {
			return vecDiffer(fmt.Sprintf("after %d encryptions", i), buf, want)
		}
	}
	if _, err := ctx.Finalize(); err != nil {
		return err
	}
	if !bytes.Equal(buf, ct) {
		return vecDiffer(fmt.Sprintf("after %d encryptions", n), buf, ct)
	}
	return nil
}

// ---- GCM, other AEADs, XTS ----

func vecRunGCMFile(t *vecTally, path string, parts []string) {
	vs, err := vectors.LoadGCM(path)
	if err != nil {
		vecLoadFailed(t, path, err)
		return
	}
	name, ok := vecFamilyFor(parts)
	if !ok || vecStreamFamilies[name] {
		t.skip("cannot tell the cipher from the path", len(vs))
		return
	}
	family := vecFamilies[name]
	for _, v := range vs {
		t.record(v.Name, vecCheckGCM(family, v))
	}
}

// vecCheckGCM encrypts a passing record and compares the ciphertext and the
// tag (truncated to the record's length); then decrypts it, which must
// give the plaintext, or for a FAIL record [backends.ErrInvalidTag].
func vecCheckGCM(family vecFamily, v vectors.AEADVector) error {
	alg, err := family(vectors.CipherVector{Key: v.Key})
	if err != nil {
		return err
	}
	if !v.Fail {
		mode, err := modes.NewGCM(v.IV, nil)
		if err != nil {
			return err
		}
		c, err := ciphers.NewCipher(alg, mode)
		if err != nil {
			return err
		}
		ctx, err := c.Encryptor()
		if err != nil {
			return err
		}
		if err := ctx.AuthenticateAdditionalData(v.AAD); err != nil {
			return fmt.Errorf("encrypt: %w", err)
		}
		ct, err := ctx.Update(v.Plaintext)
		if err != nil {
			return fmt.Errorf("encrypt: %w", err)
		}
		tail, err := ctx.Finalize()
		if err != nil {
			return fmt.Errorf("encrypt: %w", err)
		}
		tag, err := ctx.Tag()
		if err != nil {
			return fmt.Errorf("encrypt: %w", err)
		}
		if ct = append(ct, tail...); !bytes.Equal(ct, v.Ciphertext) {
			return vecDiffer("encrypt: ciphertext", ct, v.Ciphertext)
		}
		if len(tag) < len(v.Tag) || !bytes.Equal(tag[:len(v.Tag)], v.Tag) {
			return vecDiffer("encrypt: tag", tag[:min(len(tag), len(v.Tag))], v.Tag)
		}
	}
	mode, err := modes.NewGCMWithMinTagLength(v.IV, v.Tag, min(4, len(v.Tag)))
	if err != nil {
		return err
	}
	c, err := ciphers.NewCipher(alg, mode)
	if err != nil {
		return err
	}
	ctx, err := c.Decryptor()
	if err != nil {
		return err
	}
	if err := ctx.AuthenticateAdditionalData(v.AAD); err != nil {
		return fmt.Errorf("decrypt: %w", err)
	}
	pt, err := ctx.Update(v.Ciphertext)
	if err != nil {
		return fmt.Errorf("decrypt: %w", err)
	}
	tail, err := ctx.Finalize()
	switch {
	case v.Fail && errors.Is(err, backends.ErrInvalidTag):
		return nil
	case v.Fail && err == nil:
		return errors.New("decrypt: a FAIL record was accepted, want an invalid tag")
	case v.Fail:
		return fmt.Errorf("decrypt: a FAIL record gave %v, want an invalid tag", err)
	case err != nil:
		return fmt.Errorf("decrypt: %w", err)
	}
	if pt = append(pt, tail...); !bytes.Equal(pt, v.Plaintext) {
		return vecDiffer("decrypt", pt, v.Plaintext)
	}
	return nil
}

// vecRunAEADFile runs the AES-CCM and ChaCha20-Poly1305 files (the project's
// testdata/ciphers) through package aead.
func vecRunAEADFile(t *vecTally, path string) {
	vs, err := vectors.LoadAEAD(path)
	if err != nil {
		vecLoadFailed(t, path, err)
		return
	}
	lower := strings.ToLower(filepath.Base(path))
	var newAEAD func(key []byte, tagLen int) (vecAEAD, error)
	switch {
	case strings.Contains(lower, "ccm"):
		newAEAD = func(key []byte, tagLen int) (vecAEAD, error) { return aead.NewAESCCM(key, tagLen) }
	case strings.Contains(lower, "poly1305"):
		newAEAD = func(key []byte, _ int) (vecAEAD, error) { return aead.NewChaCha20Poly1305(key) }
	default:
		t.skip("cannot tell the AEAD from the file's name", len(vs))
		return
	}
	for _, v := range vs {
		t.record(v.Name, vecCheckAEAD(newAEAD, v))
	}
}

// vecAEAD is the part of package aead's types that checkAEAD uses.
type vecAEAD interface {
	Encrypt(nonce, data, aad []byte) ([]byte, error)
	Decrypt(nonce, data, aad []byte) ([]byte, error)
}

func vecCheckAEAD(newAEAD func([]byte, int) (vecAEAD, error), v vectors.AEADVector) error {
	a, err := newAEAD(v.Key, len(v.Tag))
	if err != nil {
		return err
	}
	sealed := append(bytes.Clone(v.Ciphertext), v.Tag...)
	if !v.Fail {
		got, err := a.Encrypt(v.IV, v.Plaintext, v.AAD)
		if err != nil {
			return fmt.Errorf("encrypt: %w", err)
		}
		if !bytes.Equal(got, sealed) {
			return vecDiffer("encrypt", got, sealed)
		}
	}
	pt, err := a.Decrypt(v.IV, sealed, v.AAD)
	switch {
	case v.Fail && errors.Is(err, backends.ErrInvalidTag):
		return nil
	case v.Fail:
		return fmt.Errorf("decrypt: a FAIL record gave %v, want an invalid tag", err)
	case err != nil:
		return fmt.Errorf("decrypt: %w", err)
	case !bytes.Equal(pt, v.Plaintext):
		return vecDiffer("decrypt", pt, v.Plaintext)
	}
	return nil
}

func vecRunXTSFile(t *vecTally, path string) {
	vs, err := vectors.LoadXTS(path)
	if err != nil {
		vecLoadFailed(t, path, err)
		return
	}
	for _, v := range vs {
		t.record(v.Name, vecCheckXTS(v))
	}
}

// vecCheckXTS runs one AES-XTS data unit in the record's direction; units
// that are not whole bytes are skipped.
func vecCheckXTS(v vectors.XTSVector) error {
	if v.DataUnitLen%8 != 0 {
		return vecSkip(vecReasonXTSBits)
	}
	alg, err := algorithms.NewAES(v.Key)
	if err != nil {
		return err
	}
	mode, err := modes.NewXTS(v.Tweak)
	if err != nil {
		return err
	}
	c, err := ciphers.NewCipher(alg, mode)
	if err != nil {
		return err
	}
	return vecCrypt(c, v.Encrypt, 0, v.Plaintext, v.Ciphertext)
}
