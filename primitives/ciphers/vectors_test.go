//go:build cgo

package ciphers_test

import (
	"bytes"
	"crypto/cipher"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/kat"
	"github.com/go-hazmat/hazmat/internal/names"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// The known-answer tests of this file run every cipher file of the vector
// collection (ciphers/ under vectors.Root) and the project's own
// testdata/ciphers files through ciphers.NewCipher, in both directions,
// in one Update, in two or three Updates split at random points, and with
// UpdateInto; and through the crypto/cipher adapters (NewBlock,
// NewBlockMode*, NewStream*). Records are not subtests: a file is one
// subtest, and its failures name the records.

// testSeed seeds the random split points: HAZMAT_SEED when set, else the
// clock. Tests log it so that a failure can be replayed.
var testSeed = func() uint64 {
	if s, err := strconv.ParseUint(os.Getenv("HAZMAT_SEED"), 10, 64); err == nil {
		return s
	}
	return uint64(time.Now().UnixNano())
}()

// fileRand returns the random source of one file: the test seed mixed with
// the file's name, so that files running in parallel share nothing.
func fileRand(name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(testSeed, h.Sum64()))
}

// pieces cuts data at one or two random points (pieces may be empty).
func pieces(rng *rand.Rand, data []byte) [][]byte {
	cuts := []int{rng.IntN(len(data) + 1)}
	if rng.IntN(2) == 0 {
		cuts = append(cuts, rng.IntN(len(data)+1))
	}
	slices.Sort(cuts)
	var out [][]byte
	prev := 0
	for _, c := range cuts {
		out = append(out, data[prev:c])
		prev = c
	}
	return append(out, data[prev:])
}

// failures collects the records of one file that failed, for one report.
type failures struct {
	n     int // records checked
	lines []string
}

func (f *failures) add(name string, err error) {
	f.n++
	if err != nil {
		f.lines = append(f.lines, name+": "+err.Error())
	}
}

// report fails t with the failed records (the first 20 of them), and fails
// it too when no record ran at all.
func (f *failures) report(t *testing.T) {
	t.Helper()
	if f.n == 0 {
		t.Fatal("no record was checked")
	}
	if len(f.lines) == 0 {
		return
	}
	shown := f.lines[:min(len(f.lines), 20)]
	t.Errorf("%d of %d records failed:\n%s", len(f.lines), f.n, strings.Join(shown, "\n"))
}

// catch runs fn and turns a panic (the crypto/cipher adapters panic on
// misuse and on OpenSSL failures) into an error.
func catch(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	fn()
	return nil
}

// algFunc builds the algorithm of a record.
type algFunc func(v vectors.CipherVector) (backends.CipherAlgorithm, error)

// algFor returns the constructor of family from the name table of
// internal/names. The loader gives ChaCha20's IV as OpenSSL's 16-byte
// counter ‖ nonce: for the collection's files an 8-byte little-endian
// counter and the 8-byte nonce, for RFC 8439 a 4-byte counter and the
// 12-byte nonce; the other ciphers ignore it.
func algFor(family string) algFunc {
	f, ok := names.Cipher(family)
	if !ok {
		return func(vectors.CipherVector) (backends.CipherAlgorithm, error) {
			return nil, fmt.Errorf("no cipher %q in internal/names", family)
		}
	}
	return func(v vectors.CipherVector) (backends.CipherAlgorithm, error) { return f(v.Key, v.IV) }
}

// newMode builds the mode called name with iv; nil for "" (stream ciphers).
func newMode(name string, iv []byte) (backends.Mode, error) {
	if name == "" {
		return nil, nil
	}
	f, ok := names.Mode(name)
	if !ok {
		return nil, fmt.Errorf("no mode %q", name)
	}
	return f(iv)
}

// fileSpec says how one vector file runs.
type fileSpec struct {
	kind   string // "cipher", "gcm", "xts", or "" when the file cannot run
	family string // algorithm name, as internal/names spells it
	mode   string // mode name ("" for a stream cipher)
	// skip is why a file this library cannot run is skipped; loadErr, when
	// set, is the error the loader must give for it.
	skip    string
	loadErr error
}

const (
	cfb1Skip = "CFB1 records are single bits (bit-oriented CFB); this library has no CFB1 mode and its APIs take whole bytes"
	ipSkip   = "interleaved/pipelined TDES (IV1/IV2/IV3), which OpenSSL's EVP ciphers do not implement; the loader rejects the layout"
)

// collectionSpec maps a file of the collection, by its path relative to
// ciphers/, to its spec; ok is false for a file the table does not know,
// which fails the test: every file must be accounted for.
func collectionSpec(rel string) (spec fileSpec, ok bool) {
	parts := strings.Split(rel, "/")
	base := parts[len(parts)-1]
	name := strings.TrimSuffix(base, filepath.Ext(base))
	cipherFile := func(family, mode string) (fileSpec, bool) {
		return fileSpec{kind: "cipher", family: family, mode: mode}, true
	}
	// suffixMode maps files named like bf-cbc.txt to their mode.
	suffixMode := func(family string) (fileSpec, bool) {
		i := strings.LastIndexByte(name, '-')
		m := strings.ToUpper(name[i+1:])
		switch m {
		case "ECB", "CBC", "CTR", "OFB", "CFB":
			return cipherFile(family, m)
		}
		return fileSpec{}, false
	}
	switch parts[0] {
	case "AES":
		switch parts[1] {
		case "ECB", "CBC", "OFB", "CTR":
			return cipherFile("AES", parts[1])
		case "CFB":
			switch {
			case strings.HasPrefix(base, "CFB128"):
				return cipherFile("AES", "CFB")
			case strings.HasPrefix(base, "CFB8"):
				return cipherFile("AES", "CFB8")
			case strings.HasPrefix(base, "CFB1"):
				return fileSpec{kind: "cipher", family: "AES", skip: cfb1Skip}, true
			}
		case "GCM":
			return fileSpec{kind: "gcm", family: "AES", mode: "GCM"}, true
		case "XTS":
			return fileSpec{kind: "xts", family: "AES", mode: "XTS"}, true
		}
	case "3DES":
		for _, p := range []struct {
			prefix string
			spec   fileSpec
		}{
			// Longest prefixes first: TCBCI before TCBC, TCFBP before TCFB.
			{"TCBCI", fileSpec{kind: "cipher", skip: ipSkip, loadErr: vectors.ErrUnsupportedFormat}},
			{"TOFBI", fileSpec{kind: "cipher", skip: ipSkip, loadErr: vectors.ErrUnsupportedFormat}},
			{"TCFBP", fileSpec{kind: "cipher", skip: ipSkip, loadErr: vectors.ErrUnsupportedFormat}},
			{"TCFB1", fileSpec{kind: "cipher", skip: cfb1Skip}},
			{"TECB", fileSpec{kind: "cipher", mode: "ECB"}},
			{"TCBC", fileSpec{kind: "cipher", mode: "CBC"}},
			{"TOFB", fileSpec{kind: "cipher", mode: "OFB"}},
			{"TCFB8", fileSpec{kind: "cipher", mode: "CFB8"}},
			{"TCFB64", fileSpec{kind: "cipher", mode: "CFB"}},
		} {
			if strings.HasPrefix(base, p.prefix) {
				s := p.spec
				s.family = "TripleDES"
				return s, true
			}
		}
	case "Camellia":
		if strings.HasSuffix(name, "-ecb") {
			return cipherFile("Camellia", "ECB")
		}
		return suffixMode("Camellia")
	case "Blowfish":
		return suffixMode("Blowfish")
	case "CAST5":
		return suffixMode("CAST5")
	case "IDEA":
		return suffixMode("IDEA")
	case "SEED":
		switch name {
		case "rfc-4269":
			return cipherFile("SEED", "ECB")
		case "rfc-4196":
			return cipherFile("SEED", "CBC")
		}
		return suffixMode("SEED")
	case "SM4":
		if name == "rfc8998" {
			return fileSpec{kind: "gcm", family: "SM4", mode: "GCM"}, true
		}
		return suffixMode("SM4")
	case "ARC4":
		return cipherFile("ARC4", "")
	case "ChaCha20":
		return cipherFile("ChaCha20", "")
	}
	return fileSpec{}, false
}

// testdataSpecs maps the files of testdata/ciphers to their specs. The
// AEAD files that only package aead runs are marked with kind "aead".
var testdataSpecs = map[string]fileSpec{
	"camellia-rfc3713.txt":         {kind: "cipher", family: "Camellia", mode: "ECB"},
	"seed-rfc4269.txt":             {kind: "cipher", family: "SEED", mode: "ECB"},
	"sm4.txt":                      {kind: "cipher", family: "SM4", mode: "ECB"},
	"chacha20-rfc8439.txt":         {kind: "cipher", family: "ChaCha20"},
	"aes-gcm-spec.txt":             {kind: "gcm-spec", family: "AES", mode: "GCM"},
	"sm4-gcm-rfc8998.txt":          {kind: "gcm", family: "SM4", mode: "GCM"},
	"aes-ccm-rfc3610.txt":          {kind: "aead"},
	"chacha20poly1305-rfc8439.txt": {kind: "aead"},
}

// TestCollectionCiphers runs every file under ciphers/ in the collection.
func TestCollectionCiphers(t *testing.T) {
	root := vectors.RootForTest(t)
	dir := filepath.Join(root, "ciphers")
	t.Logf("random split points from seed %d (set HAZMAT_SEED to replay); FIPS mode: %v", testSeed, openssl.FIPS())
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && vectors.Kind(p) != "" {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	require.NoError(t, err)
	// Files of the folders the tests do not cover (CCM, OCB3, ... in
	// pyca's complete package) are left out, saying so.
	files = vectors.CoveredFiles(t, root, files)
	for i, rel := range files {
		files[i] = strings.TrimPrefix(rel, "ciphers/")
	}
	require.NotEmpty(t, files, "no cipher files under %s", dir)
	for _, rel := range files {
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			spec, ok := collectionSpec(rel)
			require.True(t, ok, "no test knows how to run %s", rel)
			runFile(t, filepath.Join(dir, filepath.FromSlash(rel)), spec)
		})
	}
}

// TestTestdataCiphers runs the project's own testdata/ciphers files
// (package aead runs the CCM and ChaCha20-Poly1305 ones).
func TestTestdataCiphers(t *testing.T) {
	td, err := vectors.TestdataDir()
	require.NoError(t, err)
	dir := filepath.Join(td, "ciphers")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	t.Logf("random split points from seed %d; FIPS mode: %v", testSeed, openssl.FIPS())
	ran := 0
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		spec, ok := testdataSpecs[e.Name()]
		if !assert.True(t, ok, "no test knows how to run testdata/ciphers/%s", e.Name()) {
			continue
		}
		if spec.kind == "aead" {
			continue
		}
		ran++
		t.Run(e.Name(), func(t *testing.T) {
			t.Parallel()
			runFile(t, filepath.Join(dir, e.Name()), spec)
		})
	}
	assert.Equal(t, len(testdataSpecs)-2, ran, "a testdata file is missing")
}

func runFile(t *testing.T, path string, spec fileSpec) {
	switch spec.kind {
	case "cipher":
		runCipherFile(t, path, spec)
	case "gcm":
		runGCMFile(t, path, spec)
	case "gcm-spec":
		runGCMSpecFile(t, path)
	case "xts":
		runXTSFile(t, path)
	default:
		t.Fatalf("unknown kind %q", spec.kind)
	}
}

// requireSupported checks that alg in mode can run here. When it cannot,
// it checks that the constructors say so with ErrUnsupportedAlgorithm and
// returns false; AES must always run, FIPS mode or not.
func requireSupported(t *testing.T, alg backends.CipherAlgorithm, mode backends.Mode) bool {
	t.Helper()
	c, err := newSSLCipher(alg, mode)
	require.NoError(t, err, "NewCipher")
	if sslSupported(alg, mode) {
		return true
	}
	require.NotEqual(t, "AES", alg.Name(), "AES must be supported (FIPS mode: %v)", openssl.FIPS())
	_, err = c.Encryptor()
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "Encryptor of an unsupported pair")
	_, err = c.Decryptor()
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "Decryptor of an unsupported pair")
	return false
}

func modeLabel(mode backends.Mode) string {
	if mode == nil {
		return "no"
	}
	return mode.Name()
}

func runCipherFile(t *testing.T, path string, spec fileSpec) {
	vs, err := vectors.LoadCipher(path)
	if spec.loadErr != nil {
		require.ErrorIs(t, err, spec.loadErr, "the loader must reject %s", filepath.Base(path))
		t.Skip(spec.skip)
	}
	require.NoError(t, err)
	if spec.skip != "" {
		for _, v := range vs {
			require.True(t, v.Bits, "%s: expected a bit-string record", v.Name)
		}
		t.Skip(spec.skip)
	}
	newAlg := algFor(spec.family)
	require.NotNil(t, newAlg, spec.family)

	alg, err := newAlg(vs[0])
	require.NoError(t, err, vs[0].Name)
	mode, err := newMode(spec.mode, vs[0].IV)
	require.NoError(t, err, vs[0].Name)
	// The vector runner (hazmat vectors) reads the same cipher and mode
	// from the file's path.
	kspec, ok := kat.CipherSpecFor(path, vs[0].IV != nil)
	require.True(t, ok, "the vector runner cannot tell the cipher or mode of %s", path)
	assert.Equal(t, spec.mode, kspec.Mode, "the vector runner's mode")
	katAlg, ok := names.Cipher(kspec.Family)
	require.True(t, ok, kspec.Family)
	a, err := katAlg(vs[0].Key, vs[0].IV)
	require.NoError(t, err, vs[0].Name)
	assert.Equal(t, alg.Name(), a.Name(), "the vector runner's cipher")
	if !requireSupported(t, alg, mode) {
		if spec.mode == "CTR" {
			// Run the file through the raw block cipher and Go's CTR
			// instead, so that its vectors still check something.
			t.Run("NewBlock+crypto/cipher.NewCTR", func(t *testing.T) {
				if gocrypto.Enforced() {
					t.Skip("Go's crypto/cipher refuses CTR with a block cipher other than its own AES under GODEBUG=fips140=only")
				}
				runCTRViaBlock(t, vs, newAlg)
			})
		}
		t.Skipf("%s in %s mode: unsupported here (FIPS mode: %v)", alg.Name(), modeLabel(mode), openssl.FIPS())
	}

	rng := fileRand(path)
	var f failures
	for _, v := range vs {
		f.add(v.Name, checkCipherVector(v, newAlg, spec.mode, rng))
	}
	f.report(t)
}

// checkCipherVector runs one record both ways, three ways each, and
// through the crypto/cipher adapters.
func checkCipherVector(v vectors.CipherVector, newAlg algFunc, modeName string, rng *rand.Rand) error {
	alg, err := newAlg(v)
	if err != nil {
		return err
	}
	mode, err := newMode(modeName, v.IV)
	if err != nil {
		return err
	}
	c, err := newSSLCipher(alg, mode)
	if err != nil {
		return err
	}
	if fipsRefusesTDESKey(alg) {
		// One- and two-key TDES records: FIPS mode must refuse the key.
		for _, enc := range []bool{false, true} {
			var err error
			if enc {
				_, err = c.Encryptor()
			} else {
				_, err = c.Decryptor()
			}
			if !errors.Is(err, backends.ErrInvalidKeySize) {
				return fmt.Errorf("%s: FIPS mode must refuse a TDES key that is not three distinct keys, got %v", dirName(enc), err)
			}
		}
		return nil
	}
	if v.Iterations > 1 {
		return checkIterations(c, v.Plaintext, v.Ciphertext, v.Iterations, nil)
	}
	if v.Ciphertext1000 != nil {
		if err := checkIterations(c, v.Plaintext, v.Ciphertext1000, 1000,
			map[int][]byte{1: v.Ciphertext, 100: v.Ciphertext100}); err != nil {
			return err
		}
	}
	// Records under [DECRYPT] check decryption first; every record runs
	// both ways.
	dirs := []bool{true, false}
	if !v.Encrypt {
		dirs = []bool{false, true}
	}
	for _, enc := range dirs {
		in, want := v.Plaintext, v.Ciphertext
		if !enc {
			in, want = want, in
		}
		if err := crypt(c, enc, v.Offset, in, want, rng); err != nil {
			return err
		}
		if err := checkAdapters(alg, mode, modeName, enc, v.Offset, in, want, rng); err != nil {
			return err
		}
	}
	return nil
}

// fipsRefusesTDESKey reports whether FIPS mode is on and alg is TripleDES
// with a key that is not three distinct DES keys (SP 800-67 Rev. 2).
func fipsRefusesTDESKey(alg backends.CipherAlgorithm) bool {
	if !openssl.FIPS() || alg.Name() != "TripleDES" {
		return false
	}
	k := alg.Key()
	return len(k) != 24 || bytes.Equal(k[:8], k[8:16]) || bytes.Equal(k[8:16], k[16:]) || bytes.Equal(k[:8], k[16:])
}

func dirName(encrypt bool) string {
	if encrypt {
		return "encrypt"
	}
	return "decrypt"
}

// crypt runs c over in three ways (one Update, random pieces, UpdateInto)
// after throwing away skip bytes of keystream (ARC4's OFFSET), and
// compares each result with want.
func crypt(c *ciphers.Cipher, encrypt bool, skip int, in, want []byte, rng *rand.Rand) error {
	for _, way := range []string{"Update", "Update in pieces", "UpdateInto"} {
		var (
			ctx *ciphers.Context
			err error
		)
		if encrypt {
			ctx, err = c.Encryptor()
		} else {
			ctx, err = c.Decryptor()
		}
		if err != nil {
			return fmt.Errorf("%s: %w", dirName(encrypt), err)
		}
		if skip > 0 {
			ks, err := ctx.Update(make([]byte, skip))
			if err != nil {
				return fmt.Errorf("%s: discarding %d bytes: %w", dirName(encrypt), skip, err)
			}
			if len(ks) != skip {
				return fmt.Errorf("%s: discarding %d bytes gave %d", dirName(encrypt), skip, len(ks))
			}
		}
		var got []byte
		switch way {
		case "Update":
			got, err = ctx.Update(in)
		case "Update in pieces":
			for _, p := range pieces(rng, in) {
				var out []byte
				if out, err = ctx.Update(p); err != nil {
					break
				}
				got = append(got, out...)
			}
		case "UpdateInto":
			buf := make([]byte, len(in))
			var n int
			n, err = ctx.UpdateInto(in, buf)
			got = buf[:n]
		}
		if err != nil {
			return fmt.Errorf("%s, %s: %w", dirName(encrypt), way, err)
		}
		tail, err := ctx.Finalize()
		if err != nil {
			return fmt.Errorf("%s, %s: Finalize: %w", dirName(encrypt), way, err)
		}
		got = append(got, tail...)
		if !bytes.Equal(got, want) {
			return fmt.Errorf("%s, %s: got %x, want %x", dirName(encrypt), way, got, want)
		}
	}
	return nil
}

// checkAdapters runs the record through the crypto/cipher adapter that
// fits its mode: NewBlock and NewBlockMode* for ECB, NewBlockMode* for
// CBC, NewStream* for the modes that stream and the stream ciphers.
func checkAdapters(alg backends.CipherAlgorithm, mode backends.Mode, modeName string, encrypt bool, skip int, in, want []byte, rng *rand.Rand) error {
	where := dirName(encrypt)
	got := make([]byte, len(in))
	switch modeName {
	case "ECB", "CBC":
		balg, ok := alg.(backends.BlockCipherAlgorithm)
		if !ok {
			return fmt.Errorf("%s is no block cipher", alg.Name())
		}
		if modeName == "ECB" {
			b, err := ciphers.NewBlockWithBackend(balg, openssl.DefaultBackend())
			if err != nil {
				return fmt.Errorf("%s: NewBlock: %w", where, err)
			}
			bs := b.BlockSize()
			err = catch(func() {
				for i := 0; i+bs <= len(in); i += bs {
					if encrypt {
						b.Encrypt(got[i:], in[i:i+bs])
					} else {
						b.Decrypt(got[i:], in[i:i+bs])
					}
				}
			})
			if err != nil {
				return fmt.Errorf("%s: NewBlock: %w", where, err)
			}
			if !bytes.Equal(got, want) {
				return fmt.Errorf("%s: NewBlock: got %x, want %x", where, got, want)
			}
		}
		newBM := sslAdapter(ciphers.NewBlockModeDecrypterWithBackend)
		if encrypt {
			newBM = sslAdapter(ciphers.NewBlockModeEncrypterWithBackend)
		}
		bm, err := newBM(balg, mode)
		if err != nil {
			return fmt.Errorf("%s: NewBlockMode: %w", where, err)
		}
		copy(got, in) // in place
		if err := catch(func() { bm.CryptBlocks(got, got) }); err != nil {
			return fmt.Errorf("%s: CryptBlocks: %w", where, err)
		}
		if !bytes.Equal(got, want) {
			return fmt.Errorf("%s: CryptBlocks: got %x, want %x", where, got, want)
		}
	default: // CTR, OFB, CFB, CFB8, and no mode (ARC4, ChaCha20)
		newS := sslAdapter(ciphers.NewStreamDecrypterWithBackend)
		if encrypt {
			newS = sslAdapter(ciphers.NewStreamEncrypterWithBackend)
		}
		s, err := newS(alg, mode)
		if err != nil {
			return fmt.Errorf("%s: NewStream: %w", where, err)
		}
		err = catch(func() {
			if skip > 0 {
				discard := make([]byte, skip)
				s.XORKeyStream(discard, discard)
			}
			off := 0
			for _, p := range pieces(rng, in) {
				s.XORKeyStream(got[off:off+len(p)], p)
				off += len(p)
			}
		})
		if err != nil {
			return fmt.Errorf("%s: XORKeyStream: %w", where, err)
		}
		if !bytes.Equal(got, want) {
			return fmt.Errorf("%s: XORKeyStream: got %x, want %x", where, got, want)
		}
	}
	return nil
}

// checkIterations encrypts pt n times in a row in ECB, in place with
// UpdateInto on one context, and compares with ct (and with checkpoints:
// the result after k encryptions); then decrypts ct n times back to pt.
func checkIterations(c *ciphers.Cipher, pt, ct []byte, n int, checkpoints map[int][]byte) error {
	if _, ok := c.Mode().(*modes.ECB); !ok {
		return fmt.Errorf("iterated records are ECB, got %s", modeLabel(c.Mode()))
	}
	for _, enc := range []bool{true, false} {
		var (
			ctx *ciphers.Context
			err error
		)
		buf := bytes.Clone(pt)
		want := ct
		if enc {
			ctx, err = c.Encryptor()
		} else {
			ctx, err = c.Decryptor()
			buf, want = bytes.Clone(ct), pt
		}
		if err != nil {
			return fmt.Errorf("%s: %w", dirName(enc), err)
		}
		for i := 1; i <= n; i++ {
			if _, err := ctx.UpdateInto(buf, buf); err != nil {
				return fmt.Errorf("%s: iteration %d: %w", dirName(enc), i, err)
			}
			k := i
			if !enc {
				k = n - i
			}
			if cp, ok := checkpoints[k]; ok && !bytes.Equal(buf, cp) {
				return fmt.Errorf("%s: after %d iterations got %x, want %x", dirName(enc), i, buf, cp)
			}
		}
		if _, err := ctx.Finalize(); err != nil {
			return fmt.Errorf("%s: Finalize: %w", dirName(enc), err)
		}
		if !bytes.Equal(buf, want) {
			return fmt.Errorf("%s: after %d iterations got %x, want %x", dirName(enc), n, buf, want)
		}
	}
	return nil
}

// runCTRViaBlock runs CTR records through NewBlock and crypto/cipher's
// CTR, for a block cipher whose CTR mode the backend does not offer.
func runCTRViaBlock(t *testing.T, vs []vectors.CipherVector, newAlg algFunc) {
	alg, err := newAlg(vs[0])
	require.NoError(t, err)
	if !sslSupported(alg, modes.NewECB()) {
		t.Skipf("%s: unsupported here (FIPS mode: %v)", alg.Name(), openssl.FIPS())
	}
	var f failures
	for _, v := range vs {
		f.add(v.Name, func() error {
			alg, err := newAlg(v)
			if err != nil {
				return err
			}
			b, err := ciphers.NewBlockWithBackend(alg.(backends.BlockCipherAlgorithm), openssl.DefaultBackend())
			if err != nil {
				return err
			}
			for _, enc := range []bool{true, false} {
				in, want := v.Plaintext, v.Ciphertext
				if !enc {
					in, want = want, in
				}
				got := make([]byte, len(in))
				if err := catch(func() { cipher.NewCTR(b, v.IV).XORKeyStream(got, in) }); err != nil {
					return err
				}
				if !bytes.Equal(got, want) {
					return fmt.Errorf("%s: got %x, want %x", dirName(enc), got, want)
				}
			}
			return nil
		}())
	}
	f.report(t)
}

// runXTSFile runs a CAVP XTSGen file. Records whose data unit is not a
// whole number of bytes are counted and skipped: the API takes bytes.
func runXTSFile(t *testing.T, path string) {
	vs, err := vectors.LoadXTS(path)
	require.NoError(t, err)
	alg, err := algorithms.NewAES(vs[0].Key)
	require.NoError(t, err)
	mode, err := modes.NewXTS(vs[0].Tweak)
	require.NoError(t, err)
	require.True(t, requireSupported(t, alg, mode), "AES-XTS must be supported")

	var f failures
	skipped := 0
	checkedRefusal := false
	for _, v := range vs {
		if v.DataUnitLen%8 != 0 {
			skipped++
			continue
		}
		f.add(v.Name, func() error {
			alg, err := algorithms.NewAES(v.Key)
			if err != nil {
				return err
			}
			mode, err := modes.NewXTS(v.Tweak)
			if err != nil {
				return err
			}
			c, err := newSSLCipher(alg, mode)
			if err != nil {
				return err
			}
			dirs := []bool{true, false}
			if !v.Encrypt {
				dirs = []bool{false, true}
			}
			for _, enc := range dirs {
				in, want := v.Plaintext, v.Ciphertext
				if !enc {
					in, want = want, in
				}
				for _, into := range []bool{false, true} {
					ctx, err := c.Encryptor()
					if !enc {
						ctx, err = c.Decryptor()
					}
					if err != nil {
						return err
					}
					var got []byte
					if into {
						got = make([]byte, len(in))
						var n int
						n, err = ctx.UpdateInto(in, got)
						got = got[:n]
					} else {
						got, err = ctx.Update(in)
					}
					if err != nil {
						return fmt.Errorf("%s: %w", dirName(enc), err)
					}
					if !checkedRefusal {
						// A data unit is one Update: a second one is refused.
						checkedRefusal = true
						if _, err := ctx.Update(in); !errors.Is(err, backends.ErrInvalidArgument) {
							return fmt.Errorf("a second XTS Update gave %v, want ErrInvalidArgument", err)
						}
					}
					tail, err := ctx.Finalize()
					if err != nil {
						return fmt.Errorf("%s: Finalize: %w", dirName(enc), err)
					}
					got = append(got, tail...)
					if !bytes.Equal(got, want) {
						return fmt.Errorf("%s: got %x, want %x", dirName(enc), got, want)
					}
				}
			}
			return nil
		}())
	}
	t.Logf("skipped %d of %d records whose data unit is not a whole number of bytes", skipped, len(vs))
	f.report(t)
}

// gcmEncrypt encrypts pt with aad in GCM (the Update split at random
// points) and returns the ciphertext and the full 16-byte tag.
func gcmEncrypt(c *ciphers.Cipher, pt, aad []byte, rng *rand.Rand) (ct, tag []byte, err error) {
	ctx, err := c.Encryptor()
	if err != nil {
		return nil, nil, err
	}
	if err := ctx.AuthenticateAdditionalData(aad); err != nil {
		return nil, nil, err
	}
	for _, p := range pieces(rng, pt) {
		out, err := ctx.Update(p)
		if err != nil {
			return nil, nil, err
		}
		ct = append(ct, out...)
	}
	tail, err := ctx.Finalize()
	if err != nil {
		return nil, nil, err
	}
	tag, err = ctx.Tag()
	return append(ct, tail...), tag, err
}

// gcmDecrypt decrypts ct with aad and tag: with the tag in the mode and
// Finalize (withTag false), or with a mode built without one and
// FinalizeWithTag. minTag is the mode's minimum tag length. The output of
// Update is returned only when the tag verified.
func gcmDecrypt(alg backends.CipherAlgorithm, iv, ct, aad, tag []byte, minTag int, withTag bool, rng *rand.Rand) ([]byte, error) {
	var (
		mode *modes.GCM
		err  error
	)
	if withTag {
		mode, err = modes.NewGCMWithMinTagLength(iv, nil, minTag)
	} else {
		mode, err = modes.NewGCMWithMinTagLength(iv, tag, minTag)
	}
	if err != nil {
		return nil, err
	}
	c, err := newSSLCipher(alg, mode)
	if err != nil {
		return nil, err
	}
	ctx, err := c.Decryptor()
	if err != nil {
		return nil, err
	}
	if err := ctx.AuthenticateAdditionalData(aad); err != nil {
		return nil, err
	}
	var pt []byte
	buf := make([]byte, len(ct))
	if rng.IntN(2) == 0 {
		n, err := ctx.UpdateInto(ct, buf)
		if err != nil {
			return nil, err
		}
		pt = buf[:n]
	} else {
		for _, p := range pieces(rng, ct) {
			out, err := ctx.Update(p)
			if err != nil {
				return nil, err
			}
			pt = append(pt, out...)
		}
	}
	var tail []byte
	if withTag {
		tail, err = ctx.FinalizeWithTag(tag)
	} else {
		tail, err = ctx.Finalize()
	}
	if err != nil {
		return nil, err // pt is unauthenticated: dropped
	}
	return append(pt, tail...), nil
}

// runGCMFile runs a GCM file (CAVP gcmEncryptExtIV*/gcmDecrypt*, or the
// SM4-GCM files) through NewCipher with modes.NewGCMWithMinTagLength (the
// CAVP tags go down to 4 bytes). Passing records encrypt to CT and the tag
// truncated to its length, and decrypt with Finalize and with
// FinalizeWithTag; FAIL records must give ErrInvalidTag both ways.
func runGCMFile(t *testing.T, path string, spec fileSpec) {
	vs, err := vectors.LoadGCM(path)
	require.NoError(t, err)
	newAlg := algFor(spec.family)
	alg, err := newAlg(vectors.CipherVector{Key: vs[0].Key})
	require.NoError(t, err)
	mode, err := modes.NewGCM(vs[0].IV, nil)
	require.NoError(t, err)
	if !requireSupported(t, alg, mode) {
		t.Run("NewBlock+crypto/cipher.NewGCM", func(t *testing.T) {
			if gocrypto.Enforced() {
				t.Skip("Go's crypto/cipher refuses GCM with the caller's IVs under GODEBUG=fips140=only")
			}
			runGCMViaBlock(t, vs, newAlg)
		})
		t.Skipf("%s in GCM mode: unsupported here (FIPS mode: %v)", alg.Name(), openssl.FIPS())
	}
	rng := fileRand(path)
	var f failures
	fails := 0
	for _, v := range vs {
		if v.Fail {
			fails++
		}
		f.add(v.Name, func() error {
			alg, err := newAlg(vectors.CipherVector{Key: v.Key})
			if err != nil {
				return err
			}
			if !v.Fail {
				mode, err := modes.NewGCM(v.IV, nil)
				if err != nil {
					return err
				}
				c, err := newSSLCipher(alg, mode)
				if err != nil {
					return err
				}
				ct, tag, err := gcmEncrypt(c, v.Plaintext, v.AAD, rng)
				if err != nil {
					return fmt.Errorf("encrypt: %w", err)
				}
				if !bytes.Equal(ct, v.Ciphertext) || !bytes.Equal(tag[:len(v.Tag)], v.Tag) {
					return fmt.Errorf("encrypt: got %x tag %x, want %x tag %x", ct, tag[:len(v.Tag)], v.Ciphertext, v.Tag)
				}
			}
			for _, withTag := range []bool{false, true} {
				how := "Finalize"
				if withTag {
					how = "FinalizeWithTag"
				}
				pt, err := gcmDecrypt(alg, v.IV, v.Ciphertext, v.AAD, v.Tag, 4, withTag, rng)
				switch {
				case v.Fail && !errors.Is(err, backends.ErrInvalidTag):
					return fmt.Errorf("decrypt (%s) of a FAIL record gave %v, want ErrInvalidTag", how, err)
				case v.Fail && pt != nil:
					return fmt.Errorf("decrypt (%s) of a FAIL record released plaintext", how)
				case v.Fail:
				case err != nil:
					return fmt.Errorf("decrypt (%s): %w", how, err)
				case !bytes.Equal(pt, v.Plaintext):
					return fmt.Errorf("decrypt (%s): got %x, want %x", how, pt, v.Plaintext)
				}
			}
			return nil
		}())
	}
	t.Logf("%d records, %d of them FAIL", len(vs), fails)
	f.report(t)
}

// runGCMViaBlock runs GCM records through NewBlock and crypto/cipher's
// GCM, for a 128-bit block cipher whose GCM mode the backend does not
// offer (SM4 in OpenSSL 3.0).
func runGCMViaBlock(t *testing.T, vs []vectors.AEADVector, newAlg algFunc) {
	alg, err := newAlg(vectors.CipherVector{Key: vs[0].Key})
	require.NoError(t, err)
	if !sslSupported(alg, modes.NewECB()) {
		t.Skipf("%s: unsupported here (FIPS mode: %v)", alg.Name(), openssl.FIPS())
	}
	var f failures
	for _, v := range vs {
		f.add(v.Name, func() error {
			alg, err := newAlg(vectors.CipherVector{Key: v.Key})
			if err != nil {
				return err
			}
			b, err := ciphers.NewBlockWithBackend(alg.(backends.BlockCipherAlgorithm), openssl.DefaultBackend())
			if err != nil {
				return err
			}
			g, err := cipher.NewGCMWithNonceSize(b, len(v.IV))
			if err != nil {
				return err
			}
			sealed := g.Seal(nil, v.IV, v.Plaintext, v.AAD)
			want := append(bytes.Clone(v.Ciphertext), v.Tag...)
			if !bytes.Equal(sealed, want) {
				return fmt.Errorf("Seal: got %x, want %x", sealed, want)
			}
			pt, err := g.Open(nil, v.IV, sealed, v.AAD)
			if err != nil || !bytes.Equal(pt, v.Plaintext) {
				return fmt.Errorf("Open: %x, %v", pt, err)
			}
			return nil
		}())
	}
	f.report(t)
}

// runGCMSpecFile runs the GCM specification's test cases through
// NewCipher: encryption, decryption with the tag in the mode and with
// FinalizeWithTag, and tags truncated to 4..15 bytes.
func runGCMSpecFile(t *testing.T, path string) {
	vs, err := vectors.LoadGCM(path)
	require.NoError(t, err)
	rng := fileRand(path)
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			require.Len(t, v.Tag, 16)
			alg, err := algorithms.NewAES(v.Key)
			require.NoError(t, err)
			mode, err := modes.NewGCM(v.IV, nil)
			require.NoError(t, err)
			require.True(t, requireSupported(t, alg, mode), "AES-GCM must be supported")
			c, err := newSSLCipher(alg, mode)
			require.NoError(t, err)

			ct, tag, err := gcmEncrypt(c, v.Plaintext, v.AAD, rng)
			require.NoError(t, err)
			assert.Equal(t, fmt.Sprintf("%x", v.Ciphertext), fmt.Sprintf("%x", ct), "ciphertext")
			assert.Equal(t, fmt.Sprintf("%x", v.Tag), fmt.Sprintf("%x", tag), "tag")

			// The full tag, in the mode (NewGCM) and with FinalizeWithTag.
			withMode, err := modes.NewGCM(v.IV, v.Tag)
			require.NoError(t, err)
			cm, err := newSSLCipher(alg, withMode)
			require.NoError(t, err)
			dec, err := cm.Decryptor()
			require.NoError(t, err)
			require.NoError(t, dec.AuthenticateAdditionalData(v.AAD))
			pt, err := dec.Update(v.Ciphertext)
			require.NoError(t, err)
			tail, err := dec.Finalize()
			require.NoError(t, err)
			assert.Equal(t, fmt.Sprintf("%x", v.Plaintext), fmt.Sprintf("%x", append(pt, tail...)), "Finalize")
			_, err = dec.Finalize()
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)

			pt, err = gcmDecrypt(alg, v.IV, v.Ciphertext, v.AAD, v.Tag, 16, true, rng)
			require.NoError(t, err, "FinalizeWithTag")
			assert.Equal(t, fmt.Sprintf("%x", v.Plaintext), fmt.Sprintf("%x", pt), "FinalizeWithTag")

			bad := bytes.Clone(v.Tag)
			bad[len(bad)-1] ^= 0x80
			for _, withTag := range []bool{false, true} {
				pt, err = gcmDecrypt(alg, v.IV, v.Ciphertext, v.AAD, bad, 16, withTag, rng)
				assert.ErrorIs(t, err, backends.ErrInvalidTag, "corrupted tag (FinalizeWithTag: %v)", withTag)
				assert.Nil(t, pt)
			}

			// Truncated tags: the leading bytes of the full tag.
			for _, n := range []int{4, 8, 12, 13, 14, 15} {
				short := v.Tag[:n]
				_, err := modes.NewGCM(v.IV, short)
				assert.ErrorIs(t, err, backends.ErrInvalidTagSize, "a %d-byte tag under the default minimum", n)
				_, err = modes.NewGCMWithMinTagLength(v.IV, short, n+1)
				assert.ErrorIs(t, err, backends.ErrInvalidTagSize, "a %d-byte tag under a minimum of %d", n, n+1)
				for _, withTag := range []bool{false, true} {
					pt, err := gcmDecrypt(alg, v.IV, v.Ciphertext, v.AAD, short, n, withTag, rng)
					if assert.NoError(t, err, "%d-byte tag (FinalizeWithTag: %v)", n, withTag) {
						assert.Equal(t, fmt.Sprintf("%x", v.Plaintext), fmt.Sprintf("%x", pt))
					}
					badShort := bytes.Clone(short)
					badShort[0] ^= 1
					pt, err = gcmDecrypt(alg, v.IV, v.Ciphertext, v.AAD, badShort, n, withTag, rng)
					assert.ErrorIs(t, err, backends.ErrInvalidTag, "corrupted %d-byte tag (FinalizeWithTag: %v)", n, withTag)
					assert.Nil(t, pt)
				}
				// A mode without a tag whose minimum is n+1 refuses n bytes
				// at FinalizeWithTag.
				if n < 16 {
					m, err := modes.NewGCMWithMinTagLength(v.IV, nil, n+1)
					require.NoError(t, err)
					cc, err := newSSLCipher(alg, m)
					require.NoError(t, err)
					d, err := cc.Decryptor()
					require.NoError(t, err)
					require.NoError(t, d.AuthenticateAdditionalData(v.AAD))
					_, err = d.Update(v.Ciphertext)
					require.NoError(t, err)
					_, err = d.FinalizeWithTag(short)
					assert.ErrorIs(t, err, backends.ErrInvalidTagSize, "a %d-byte tag under a minimum of %d", n, n+1)
				}
			}
		})
	}
}
