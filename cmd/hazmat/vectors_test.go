//go:build cgo

package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/internal/kat"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/openssl"
)

// fileLine matches one file's line of "hazmat vectors".
var fileLine = regexp.MustCompile(`^(.+): (\d+) passed, (\d+) failed, (\d+) skipped(?: \((.+)\))?$`)

// totalLine matches the summary line.
var totalLine = regexp.MustCompile(`^total: (\d+) passed, (\d+) failed, (\d+) skipped$`)

// vecCounts is one line of "hazmat vectors" output.
type vecCounts struct {
	passed, failed, skipped int
	reason                  string
}

// vecOutput is the parsed stdout of "hazmat vectors".
type vecOutput struct {
	files map[string]vecCounts // by path as printed
	order []string
	total vecCounts
	// failures are the "  FAIL ..." lines of -v.
	failures []string
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	require.NoError(t, err)
	return n
}

// parseVectorsOutput parses stdout, failing the test on a line it does not
// recognise or a missing total line.
func parseVectorsOutput(t *testing.T, stdout string) vecOutput {
	t.Helper()
	out := vecOutput{files: map[string]vecCounts{}}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	require.NotEmpty(t, lines)
	for i, line := range lines {
		if m := totalLine.FindStringSubmatch(line); m != nil {
			require.Equal(t, len(lines)-1, i, "the total line comes last")
			out.total = vecCounts{passed: atoi(t, m[1]), failed: atoi(t, m[2]), skipped: atoi(t, m[3])}
			return out
		}
		if f, ok := strings.CutPrefix(line, "  FAIL "); ok {
			out.failures = append(out.failures, f)
			continue
		}
		m := fileLine.FindStringSubmatch(line)
		require.NotNil(t, m, "unexpected line %q", line)
		out.files[m[1]] = vecCounts{passed: atoi(t, m[2]), failed: atoi(t, m[3]), skipped: atoi(t, m[4]), reason: m[5]}
		out.order = append(out.order, m[1])
	}
	t.Fatalf("no total line in %q", stdout)
	return out
}

// TestVectorsCollection runs the whole collection: nothing may fail, and
// the counts must add up. In a collection with folders that the tests do
// not cover (pyca's complete package), files of those folders may fail;
// they are counted, and the files of the covered folders still must not.
func TestVectorsCollection(t *testing.T) {
	root := vectors.RootForTest(t)
	// The files the command must report: regular files and links to
	// them, without dot names. The trailing separator follows a root that
	// is a link (the cache's is).
	var files []string
	require.NoError(t, filepath.WalkDir(root+string(filepath.Separator), func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case strings.HasPrefix(d.Name(), "."):
			if d.IsDir() {
				return fs.SkipDir
			}
		case d.Type().IsRegular():
			files = append(files, p)
		case d.Type()&fs.ModeSymlink != 0:
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				files = append(files, p)
			}
		}
		return nil
	}))
	require.NotEmpty(t, files)
	rels := make([]string, len(files))
	for i, p := range files {
		rel, err := filepath.Rel(root, p)
		require.NoError(t, err)
		rels[i] = filepath.ToSlash(rel)
	}
	covered := map[string]bool{}
	for _, rel := range vectors.CoveredFiles(t, root, rels) {
		covered[filepath.Join(root, filepath.FromSlash(rel))] = true
	}

	r := sslHazmat(t, "", "vectors", root)
	out := parseVectorsOutput(t, r.stdout)
	assert.Equal(t, files, out.order, "one line per file, in lexical order")
	otherFailed := 0
	var otherFailing []string
	for _, p := range out.order {
		if c := out.files[p]; !covered[p] && c.failed > 0 {
			otherFailed += c.failed
			otherFailing = append(otherFailing, p)
		}
	}
	if otherFailed == 0 {
		assert.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
		assert.Empty(t, r.stderr)
	} else {
		t.Logf("%d failures in %d files of folders the tests do not cover: %s", otherFailed, len(otherFailing), strings.Join(otherFailing, ", "))
		assert.Equal(t, exitFailure, r.code, "stderr: %s", r.stderr)
		for _, line := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
			assert.True(t, slices.ContainsFunc(otherFailing, func(p string) bool {
				return strings.HasPrefix(line, "hazmat: "+p+": ")
			}), "stderr line about a covered file: %s", line)
		}
	}
	assert.Equal(t, otherFailed, out.total.failed, "every failure lies in a folder the tests do not cover")
	t.Logf("FIPS mode %v: %d passed, %d skipped", openssl.FIPS(), out.total.passed, out.total.skipped)
	// Default provider: about 74,600 records pass; FIPS mode about 68,600.
	assert.Greater(t, out.total.passed, 60000)

	var sum vecCounts
	for _, c := range out.files {
		sum.passed += c.passed
		sum.failed += c.failed
		sum.skipped += c.skipped
	}
	assert.Equal(t, out.total, sum, "the total is the sum of the files")

	// at returns the counts of a file; ok is false when the collection
	// in use does not have it (releases differ a little).
	at := func(rel string) (c vecCounts, ok bool) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		if _, err := os.Stat(p); err != nil {
			t.Logf("not in this collection: %s", rel)
			return c, false
		}
		c, ok = out.files[p]
		require.True(t, ok, "no line for %s", rel)
		return c, true
	}
	// is checks the counts of a file when the collection has it.
	is := func(want vecCounts, rel string) {
		t.Helper()
		if c, ok := at(rel); ok {
			assert.Equal(t, want, c, rel)
		}
	}
	// Files that run in every mode, with no record skipped.
	for _, rel := range []string{
		"ciphers/AES/CBC/CBCGFSbox128.rsp", "ciphers/AES/ECB/ECBVarKey256.rsp",
		"ciphers/AES/CFB/CFB8MMT192.rsp", "ciphers/AES/CFB/CFB128VarTxt128.rsp",
		"ciphers/AES/OFB/OFBMMT256.rsp", "ciphers/AES/CTR/aes-192-ctr.txt",
		"ciphers/AES/GCM/gcmDecrypt128.rsp", "ciphers/AES/GCM/gcmEncryptExtIV256.rsp",
		"ciphers/3DES/CBC/TCBCMMT3.rsp",
		"hashes/SHA2/SHA256ShortMsg.rsp", "hashes/SHA2/SHA512_224LongMsg.rsp",
		"hashes/SHA3/SHA3_384Monte.rsp", "hashes/SHAKE/SHAKE128VariableOut.rsp",
		"hashes/SHAKE/SHAKE256Monte.rsp", "HMAC/rfc-4231-sha512.txt",
		"CMAC/nist-800-38b-aes128.txt", "keywrap/kwtestvectors/KW_AE_128.txt",
		"keywrap/kwtestvectors/KWP_AD_256_inv.txt", "keywrap/kwp_botan.txt",
	} {
		if c, ok := at(rel); ok {
			assert.Positive(t, c.passed, rel)
			assert.Zero(t, c.skipped, rel)
		}
	}
	is(vecCounts{passed: 100}, "hashes/SHA1/SHA1Monte.rsp") // 100 checkpoints
	// KDFs: X9.63, HKDF and SSKDF run in every mode; KBKDF records whose
	// counter OpenSSL cannot place are skipped; FIPS mode refuses scrypt
	// and the PBKDF2 records with salts under 16 bytes.
	is(vecCounts{passed: 100}, "KDF/ansx963_2001.txt")
	is(vecCounts{passed: 3}, "KDF/rfc-5869-HKDF-SHA256.txt")
	if c, ok := at("KDF/nist-800-108-KBKDF-CTR.txt"); ok {
		assert.Zero(t, c.failed)
		assert.GreaterOrEqual(t, c.passed, 400, "every 32-bit counter before the fixed input")
		assert.Equal(t, 4800, c.passed+c.skipped)
	}
	if openssl.FIPS() {
		is(vecCounts{skipped: 4, reason: "unsupported here: SCRYPT: refused in FIPS mode"}, "KDF/scrypt.txt")
		is(vecCounts{passed: 1, skipped: 5, reason: "refused in FIPS mode: the salt must be at least 16 bytes (128 bits, NIST SP 800-132)"}, "KDF/rfc-6070-PBKDF2-SHA1.txt")
	} else {
		is(vecCounts{passed: 4}, "KDF/scrypt.txt")
		is(vecCounts{passed: 6}, "KDF/rfc-6070-PBKDF2-SHA1.txt")
	}
	// Records that cannot run here are skipped with their reason.
	for rel, reason := range map[string]string{
		"ciphers/AES/CFB/CFB1MMT128.rsp":                       kat.ReasonCFB1,
		"ciphers/3DES/CFB/TCFB1MMT1.rsp":                       kat.ReasonCFB1,
		"ciphers/3DES/CBC/TCBCIMMT1.rsp":                       "format not run: interleaved or pipelined TDES",
		"ciphers/3DES/CFB/TCFBP8MMT2.rsp":                      "format not run: interleaved or pipelined TDES",
		"keywrap/kwtestvectors/TKW_AE.txt":                     kat.ReasonTKW,
		"hashes/SHA2/SHA256Monte.txt":                          kat.ReasonMonteTxt,
		"hashes/SHA2/Readme.txt":                               kat.ReasonNotVectors,
		"ciphers/AES/XTS/tweak-128hexstr/XTSGenAES128.rsp":     kat.ReasonXTSBits,
		"ciphers/AES/XTS/tweak-dataunitseqno/XTSGenAES256.rsp": kat.ReasonXTSBits,
	} {
		if c, ok := at(rel); ok {
			assert.Positive(t, c.skipped, rel)
			assert.Zero(t, c.failed, rel)
			assert.Equal(t, reason, c.reason, rel)
		}
	}
	is(vecCounts{passed: 800, skipped: 200, reason: kat.ReasonXTSBits}, "ciphers/AES/XTS/tweak-128hexstr/XTSGenAES128.rsp")
	// SM4-GCM: OpenSSL 3.0 has no such cipher; later versions run it, and
	// refuse it in FIPS mode.
	if c, ok := at("ciphers/SM4/rfc8998.txt"); ok {
		switch major, minor, _ := openssl.VersionNumber(); {
		case major == 3 && minor == 0:
			assert.Equal(t, vecCounts{skipped: 1, reason: "unsupported here: SM4 in GCM mode: cipher not offered by the backend"}, c)
		case openssl.FIPS():
			assert.Equal(t, vecCounts{skipped: 1, reason: "unsupported here: SM4 in GCM mode: refused in FIPS mode"}, c)
		default:
			assert.Equal(t, vecCounts{passed: 1}, c)
		}
	}
	// One-key and two-key TDES: FIPS mode refuses such keys
	// (SP 800-67 Rev. 2), the default mode runs them.
	for _, rel := range []string{"ciphers/3DES/CBC/TCBCMMT2.rsp", "ciphers/3DES/ECB/TECBvarkey.rsp"} {
		if c, ok := at(rel); ok {
			assert.Zero(t, c.failed, rel)
			if openssl.FIPS() {
				assert.Zero(t, c.passed, rel)
				assert.Positive(t, c.skipped, rel)
				assert.Equal(t, kat.ReasonTDESKey, c.reason, rel)
			} else {
				assert.Positive(t, c.passed, rel)
				assert.Zero(t, c.skipped, rel)
			}
		}
	}
	if openssl.FIPS() {
		is(vecCounts{skipped: 7, reason: "unsupported here: md5: refused in FIPS mode"}, "hashes/MD5/rfc-1321.txt")
		is(vecCounts{skipped: 12, reason: "unsupported here: Camellia in CBC mode: refused in FIPS mode"}, "ciphers/Camellia/camellia-cbc.txt")
	} else {
		is(vecCounts{passed: 7}, "hashes/MD5/rfc-1321.txt")
		is(vecCounts{passed: 12}, "ciphers/Camellia/camellia-cbc.txt")
		is(vecCounts{passed: 36}, "ciphers/ARC4/rfc-6229-128.txt")
		is(vecCounts{passed: 10}, "ciphers/ChaCha20/counter-overflow.txt")
	}
}

// mkVectorFile writes data to rel (slash-separated) under dir and returns
// its path.
func mkVectorFile(t *testing.T, dir, rel, data string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	return p
}

// Records from the CAVP files, one of each pair with its expected output
// changed.
const (
	badCBCFile = `# CAVS 11.1, AES-128 CBC MMT
[ENCRYPT]

COUNT = 0
KEY = 1f8e4973953f3fb0bd6b16662e9a3c17
IV = 2fe2b333ceda8f98f4a99b40d2cd34a8
PLAINTEXT = 45cf12964fc824ab76616ae2f4bf0822
CIPHERTEXT = 0f61c4d44c5147c03c195ad7e2cc12b2

COUNT = 1
KEY = 0700d603a1c514e46b6191ba430a3a0c
IV = aad1583cd91365e3bb2f0c3430d065bb
PLAINTEXT = 068b25c7bfb1f8bdd4cfc908f69dffc5ddc726a197f0e5f720f730393279be91
CIPHERTEXT = c4dc61d9725967a3020104a9738f23868527ce839aab1752fd8bdb95a82c4d00
`
	badSHAFile = `#  CAVS 11.0, SHA-256 ShortMsg
[L = 32]

Len = 8
Msg = d3
MD = 28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1

Len = 16
Msg = 11af
MD = 5ca7133fa735326081558ac312c620eeca9970d1e70a4b95533d956f072d1f98
`
)

// TestVectorsFailures runs files with one wrong record each: the command
// fails, counts them, and -v names them and what differed.
func TestVectorsFailures(t *testing.T) {
	dir := t.TempDir()
	cbc := mkVectorFile(t, dir, "ciphers/AES/CBC/CBCMMT128.rsp",
		strings.Replace(badCBCFile, "CIPHERTEXT = 0f61c4d44c5147c03c195ad7e2cc12b2", "CIPHERTEXT = 0f61c4d44c5147c03c195ad7e2cc12b3", 1))
	sha := mkVectorFile(t, dir, "hashes/SHA2/SHA256ShortMsg.rsp",
		strings.Replace(badSHAFile, "MD = 28969c", "MD = 38969c", 1))

	r := sslHazmat(t, "", "vectors", dir)
	assert.Equal(t, exitFailure, r.code)
	out := parseVectorsOutput(t, r.stdout)
	assert.Equal(t, vecCounts{passed: 1, failed: 1}, out.files[cbc])
	assert.Equal(t, vecCounts{passed: 1, failed: 1}, out.files[sha])
	assert.Equal(t, vecCounts{passed: 2, failed: 2}, out.total)
	assert.Empty(t, out.failures, "failing records are listed with -v only")

	r = sslHazmat(t, "", "vectors", "-v", cbc, sha)
	assert.Equal(t, exitFailure, r.code)
	out = parseVectorsOutput(t, r.stdout)
	require.Len(t, out.failures, 2)
	assert.Regexp(t, `^CBCMMT128\.rsp:\d+#0: encrypt: got 0f61c4d44c5147c03c195ad7e2cc12b2, want 0f61c4d44c5147c03c195ad7e2cc12b3$`, out.failures[0])
	assert.Regexp(t, `^SHA256ShortMsg\.rsp:\d+.*: sha256 Sum: got 28969c.*, want 38969c`, out.failures[1])

	// The correct files pass.
	good := t.TempDir()
	mkVectorFile(t, good, "ciphers/AES/CBC/CBCMMT128.rsp", badCBCFile)
	mkVectorFile(t, good, "hashes/SHA2/SHA256ShortMsg.rsp", badSHAFile)
	r = sslHazmat(t, "", "vectors", good)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, vecCounts{passed: 4}, parseVectorsOutput(t, r.stdout).total)
}

// gcmDecryptFile holds the first two test cases of the GCM specification
// in the CAVP decryption layout; %s is the second record's tag line and
// %s its outcome line (PT = ... or FAIL).
const gcmDecryptFile = `# GCM decryption
[Keylen = 128]
[IVlen = 96]
[PTlen = 128]
[AADlen = 0]
[Taglen = 128]

Count = 0
Key = 00000000000000000000000000000000
IV = 000000000000000000000000
CT = 0388dace60b6a392f328c2b971b2fe78
AAD = 
Tag = ab6e47d42cec13bdf53a67b21257bddf
PT = 00000000000000000000000000000000

Count = 1
Key = 00000000000000000000000000000000
IV = 000000000000000000000000
CT = 0388dace60b6a392f328c2b971b2fe78
AAD = 
Tag = %s
%s
`

// TestVectorsGCMFail checks FAIL records: one whose tag is wrong passes
// (the tag is rejected), one whose tag is right fails (it was accepted).
func TestVectorsGCMFail(t *testing.T) {
	tests := []struct {
		name       string
		tag, last  string
		want       vecCounts
		code       int
		failDetail string
	}{
		{"wrong tag, FAIL", "ab6e47d42cec13bdf53a67b21257bdde", "FAIL", vecCounts{passed: 2}, exitOK, ""},
		{"right tag, FAIL", "ab6e47d42cec13bdf53a67b21257bddf", "FAIL", vecCounts{passed: 1, failed: 1}, exitFailure,
			"decrypt: a FAIL record was accepted, want an invalid tag"},
		{"wrong tag, PT", "ab6e47d42cec13bdf53a67b21257bdde", "PT = 00000000000000000000000000000000",
			vecCounts{passed: 1, failed: 1}, exitFailure, "encrypt: tag: got ab6e47d42cec13bdf53a67b21257bddf, want ab6e47d42cec13bdf53a67b21257bdde"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := mkVectorFile(t, dir, "ciphers/AES/GCM/gcmDecrypt128.rsp", strings.Replace(strings.Replace(gcmDecryptFile, "%s", tt.tag, 1), "%s", tt.last, 1))
			r := sslHazmat(t, "", "vectors", "-v", p)
			assert.Equal(t, tt.code, r.code, r.stderr)
			out := parseVectorsOutput(t, r.stdout)
			assert.Equal(t, tt.want, out.files[p])
			if tt.failDetail == "" {
				assert.Empty(t, out.failures)
			} else if assert.Len(t, out.failures, 1) {
				assert.Contains(t, out.failures[0], "gcmDecrypt128.rsp:")
				assert.Contains(t, out.failures[0], "#1: "+tt.failDetail)
			}
		})
	}
}

// TestVectorsSkippedAndBroken covers files that are skipped whole and
// files that cannot be read.
func TestVectorsSkippedAndBroken(t *testing.T) {
	dir := t.TempDir()
	notes := mkVectorFile(t, dir, "notes.md", "# Notes\n\nnothing to run\n")
	cmac := mkVectorFile(t, dir, "CMAC/serpent.txt", "Count = 0\nKey = 00\nMsg = 00\nMac = 00\n\nCount = 1\nKey = 00\nMsg = 00\nMac = 00\n")
	unknownCipher := mkVectorFile(t, dir, "ciphers/Serpent/serpent.txt", "COUNT = 0\nKEY = 00\nPLAINTEXT = 00\nCIPHERTEXT = 00\n")
	ocb := mkVectorFile(t, dir, "ciphers/AES/OCB3/rfc7253.txt", "COUNT = 0\nKEY = 00\nNONCE = 00\nAAD = 00\nPLAINTEXT = 00\nCIPHERTEXT = 00\n")
	mkVectorFile(t, dir, ".hidden/x.rsp", "garbage")

	r := sslHazmat(t, "", "vectors", dir)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	out := parseVectorsOutput(t, r.stdout)
	assert.Equal(t, []string{cmac, ocb, unknownCipher, notes}, out.order, "dot folders are left out")
	assert.Equal(t, vecCounts{skipped: 1, reason: kat.ReasonNotVectors}, out.files[notes])
	assert.Equal(t, vecCounts{skipped: 2, reason: kat.ReasonCMACName}, out.files[cmac])
	assert.Equal(t, vecCounts{skipped: 1, reason: "cannot tell the cipher or mode from the path"}, out.files[unknownCipher])
	assert.Equal(t, vecCounts{skipped: 1, reason: "OCB3 is not a mode of hazmat"}, out.files[ocb])
	assert.Equal(t, vecCounts{skipped: 5}, out.total)

	// A folder given as a symbolic link is walked; links to files run.
	linked := t.TempDir()
	require.NoError(t, os.Symlink(filepath.Join(dir, "CMAC"), filepath.Join(linked, "cmac")))
	require.NoError(t, os.Symlink(notes, filepath.Join(linked, "notes.md")))
	r = sslHazmat(t, "", "vectors", filepath.Join(linked, "cmac"), linked)
	assert.Equal(t, exitOK, r.code, r.stderr)
	out = parseVectorsOutput(t, r.stdout)
	assert.Equal(t, []string{filepath.Join(linked, "cmac", "serpent.txt"), filepath.Join(linked, "notes.md")}, out.order,
		"a link to a folder is walked when given, not when met inside a folder")

	// A missing file and a malformed one each count as one failure, with
	// a one-line error on stderr.
	missing := filepath.Join(dir, "missing.rsp")
	broken := mkVectorFile(t, dir, "ciphers/AES/ECB/ECBMMT128.rsp", "[ENCRYPT]\n\nCOUNT = 0\nKEY = zz\nPLAINTEXT = 00\nCIPHERTEXT = 00\n")
	r = sslHazmat(t, "", "vectors", missing, broken)
	assert.Equal(t, exitFailure, r.code)
	out = parseVectorsOutput(t, r.stdout)
	assert.Equal(t, vecCounts{failed: 1}, out.files[missing])
	assert.Equal(t, vecCounts{failed: 1}, out.files[broken])
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	require.Len(t, lines, 2, r.stderr)
	assert.True(t, strings.HasPrefix(lines[0], "hazmat: "+missing+": "), lines[0])
	assert.True(t, strings.HasPrefix(lines[1], "hazmat: "+broken+": "), lines[1])
}

func TestVectorsUsage(t *testing.T) {
	r := sslHazmat(t, "", "vectors")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "hazmat vectors: no FILE given")
	assert.Contains(t, r.stderr, "usage: hazmat [-fips] vectors [-v] FILE...")

	r = sslHazmat(t, "", "vectors", "-h")
	assert.Equal(t, exitOK, r.code)
	assert.Contains(t, r.stdout, "PATH: N passed, N failed, N skipped")
	assert.Empty(t, r.stderr)
}

// TestVectorsFIPS runs an MD5 file with -fips: refused records are
// skipped as unsupported, not failed.
func TestVectorsFIPS(t *testing.T) {
	was := openssl.FIPS()
	t.Cleanup(func() { assert.NoError(t, openssl.SetFIPS(was)) })
	dir := t.TempDir()
	md5 := mkVectorFile(t, dir, "hashes/MD5/rfc-1321.txt", "Len = 24\nMsg = 616263\nMD = 900150983cd24fb0d6963f7d28e17f72\n")
	sha := mkVectorFile(t, dir, "hashes/SHA2/SHA256ShortMsg.rsp", badSHAFile)

	r := sslHazmat(t, "", "-fips", "vectors", dir)
	if !openssl.FIPS() {
		t.Logf("no FIPS provider: %s", r.stderr)
		assertNoFIPSProvider(t, r)
		r = sslHazmat(t, "", "vectors", dir)
		assert.Equal(t, exitOK, r.code, r.stderr)
		assert.Equal(t, vecCounts{passed: 1}, parseVectorsOutput(t, r.stdout).files[md5])
		return
	}
	assert.Equal(t, exitOK, r.code, r.stderr)
	out := parseVectorsOutput(t, r.stdout)
	assert.Equal(t, vecCounts{skipped: 1, reason: "unsupported here: md5: refused in FIPS mode"}, out.files[md5])
	assert.Equal(t, vecCounts{passed: 2}, out.files[sha])
}

// TestVectorsWorkLimits: records that ask for far more work than any real
// vector file (gigabyte SHAKE outputs in a Monte Carlo test, a trillion
// cipher iterations, a terabyte of keystream to skip) fail with a clear
// message, quickly, and are never run.
func TestVectorsWorkLimits(t *testing.T) {
	dir := t.TempDir()
	monte := mkVectorFile(t, dir, "hashes/SHAKE/SHAKE128Monte.rsp",
		"[Minimum Output Length (bits) = 8589934592]\n[Maximum Output Length (bits) = 8589934592]\n\n"+
			"Msg = c8b310cb97efa3855434998fa81c7674\n\nCOUNT = 0\nOutputlen = 8\nOutput = fe\n")
	sm4 := mkVectorFile(t, dir, "ciphers/SM4/sm4.txt",
		"COUNT = 0\nKEY = 0123456789abcdeffedcba9876543210\nPLAINTEXT = 0123456789abcdeffedcba9876543210\n"+
			"CIPHERTEXT = 681edf34d206965e86b3e94f536e4246\nITERATIONS = 1000000000000\n")
	arc4 := mkVectorFile(t, dir, "ciphers/ARC4/rfc-6229-128.txt",
		"[ENCRYPT]\nCOUNT = 0\nKEY = 0102030405060708090a0b0c0d0e0f10\nOFFSET = 1099511627776\n"+
			"PLAINTEXT = 00000000000000000000000000000000\nCIPHERTEXT = 9ac7cc9a609d1ef7b2932899cde41b97\n")

	start := time.Now()
	r := sslHazmat(t, "", "vectors", "-v", dir)
	assert.Less(t, time.Since(start), 10*time.Second)
	assert.Equal(t, exitFailure, r.code)
	out := parseVectorsOutput(t, r.stdout)
	assert.Equal(t, vecCounts{failed: 1}, out.files[monte])
	assert.Equal(t, vecCounts{failed: 1}, out.files[sm4])
	if out.files[arc4].skipped == 0 { // ARC4 is refused in FIPS mode
		assert.Equal(t, vecCounts{failed: 1}, out.files[arc4])
	}
	joined := strings.Join(out.failures, "\n")
	assert.Contains(t, joined, "8589934592 bits, above the 32768 bits")
	assert.Contains(t, joined, "ITERATIONS 1000000000000 is more than")
	if !openssl.FIPS() {
		assert.Contains(t, joined, "OFFSET 1099511627776 is more than")
	}
}
