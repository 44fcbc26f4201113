package kat

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/names"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// MaxIterations and MaxOffset bound the work a cipher record may ask for:
// 4 times the largest ITERATIONS of the real files (1,000,000, SM4's
// GB/T 32907 example) and 256 times the largest OFFSET (4096, RFC 6229).
// A record beyond them fails without running.
const (
	MaxIterations = 1 << 22
	MaxOffset     = 1 << 20
)

// modeNames are the mode names hazmat runs, as spelled in file names.
var modeNames = map[string]string{
	"ecb": "ECB", "cbc": "CBC", "ofb": "OFB", "ctr": "CTR", "gcm": "GCM", "xts": "XTS",
	"cfb": "CFB", "cfb64": "CFB", "cfb128": "CFB", "cfb8": "CFB8", "cfb1": "CFB1",
}

// cavpCipherName matches the CAVP AES and TDES file names: an optional T
// (TDES), the mode, I or P for TDES's interleaved and pipelined variants,
// and the CFB segment size in bits.
var cavpCipherName = regexp.MustCompile(`^T?(ECB|CBC|OFB|CFB|CTR)([IP]?)(\d*)`)

// knownModes names the modes of collection files whose names do not say
// it and whose records carry an IV.
var knownModes = map[string]string{
	"rfc-4196": "CBC", // SEED in IPsec (RFC 4196)
}

// CipherSpec is what a cipher file's path says of its records.
type CipherSpec struct {
	// Family is the cipher's name in the table of package internal/names
	// ("aes", "3des", "chacha20").
	Family string
	// Mode is "ECB", "CBC", "CTR", "OFB", "CFB", "CFB8", "CFB1", "GCM" or
	// "XTS"; "" for a stream cipher.
	Mode string
	// Interleaved is set for TDES's interleaved and pipelined files.
	Interleaved bool
}

// CipherSpecFor infers the algorithm and mode of a cipher file from the
// folders after "ciphers" (ciphers/AES/CBC/...) and the file name
// (CFB8MMT128.rsp, TCFB64MMT1.rsp, camellia-128-ecb.txt, bf-cbc.txt, the
// project's testdata/ciphers/sm4.txt). firstIV tells whether the file's
// first record has an IV: a block-cipher file whose name gives no mode
// and whose records have none is ECB. ok is false when it cannot tell.
func CipherSpecFor(path string, firstIV bool) (spec CipherSpec, ok bool) {
	parts := pathParts(path)
	stem, sub, words := nameParts(parts)
	if spec.Family, ok = familyFor(parts); !ok {
		return spec, false
	}
	if names.Stream(spec.Family) {
		return spec, true
	}

	// The mode: a CAVP name, a folder, a word of the name, a known file,
	// or ECB for a file without IVs.
	if m := cavpCipherName.FindStringSubmatch(stem); m != nil {
		spec.Interleaved = m[2] != ""
		spec.Mode = m[1]
		if m[1] == "CFB" {
			spec.Mode = modeNames["cfb"+m[3]]
		}
		if spec.Mode != "" {
			return spec, true
		}
	}
	for _, d := range sub {
		if m, ok := modeNames[strings.ToLower(d)]; ok {
			spec.Mode = m
			return spec, true
		}
	}
	for _, w := range words {
		if m, ok := modeNames[w]; ok {
			spec.Mode = m
			return spec, true
		}
	}
	if m, ok := knownModes[strings.ToLower(stem)]; ok {
		spec.Mode = m
		return spec, true
	}
	if !firstIV {
		spec.Mode = "ECB"
		return spec, true
	}
	return spec, false
}

// nameParts splits a cipher file's path into the file's stem, the folders
// after the last "ciphers" (without one, the parent folder) and the
// lower-case words of the stem.
func nameParts(parts []string) (stem string, sub, words []string) {
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

// familyFor finds a cipher file's family (a name of package
// internal/names, in lower case): the first folder after "ciphers" that
// names one, else the first word of the file's name.
func familyFor(parts []string) (string, bool) {
	_, sub, words := nameParts(parts)
	for _, d := range sub {
		if _, known := names.Cipher(d); known {
			return strings.ToLower(d), true
		}
	}
	if len(words) > 0 {
		if _, known := names.Cipher(words[0]); known {
			return words[0], true
		}
	}
	return "", false
}

// newMode builds the mode called name with iv; nil for "" (stream
// ciphers).
func newMode(name string, iv []byte) (backends.Mode, error) {
	if name == "" {
		return nil, nil
	}
	if name == "CFB1" {
		return nil, skipError(ReasonCFB1)
	}
	if f, ok := names.Mode(name); ok {
		return f(iv)
	}
	return nil, fmt.Errorf("hazmat runs no %s mode for this file", name)
}

// newCipher is [ciphers.NewCipher] on the runner's backend.
func (r *runner) newCipher(alg backends.CipherAlgorithm, mode backends.Mode) (*ciphers.Cipher, error) {
	if r.b == nil {
		return ciphers.NewCipher(alg, mode)
	}
	return ciphers.NewCipherWithBackend(alg, mode, r.b)
}

func (r *runner) cipherFile(parts []string) {
	vs, err := vectors.LoadCipher(r.path)
	if err != nil {
		r.loadFailed(err)
		return
	}
	spec, ok := CipherSpecFor(r.path, vs[0].IV != nil)
	switch {
	case !ok:
		r.res.skip("cannot tell the cipher or mode from the path", len(vs))
		return
	case spec.Interleaved:
		r.res.skip("format not run: interleaved or pipelined TDES", len(vs))
		return
	}
	newAlg, _ := names.Cipher(spec.Family)
	for _, v := range vs {
		r.res.record(v.Name, r.checkCipher(newAlg, spec.Mode, v))
	}
}

// checkCipher runs one record in its direction, then in the other one
// (which may be refused: FIPS providers may allow only TDES decryption).
func (r *runner) checkCipher(newAlg names.NewAlgorithm, modeName string, v vectors.CipherVector) error {
	if v.Bits || modeName == "CFB1" {
		return skipError(ReasonCFB1)
	}
	if v.Iterations > MaxIterations {
		return fmt.Errorf("ITERATIONS %d is more than the %d a record may ask for", v.Iterations, MaxIterations)
	}
	if v.Offset > MaxOffset {
		return fmt.Errorf("OFFSET %d is more than the %d bytes a record may ask for", v.Offset, MaxOffset)
	}
	// The loader gives ChaCha20's IV as OpenSSL's 16-byte counter ‖ nonce.
	alg, err := newAlg(v.Key, v.IV)
	if err != nil {
		return err
	}
	mode, err := newMode(modeName, v.IV)
	if err != nil {
		return err
	}
	c, err := r.newCipher(alg, mode)
	if err != nil {
		return err
	}
	if v.Iterations > 1 {
		return iterated(c, v.Plaintext, v.Ciphertext, v.Iterations, nil)
	}
	if v.Ciphertext1000 != nil {
		err := iterated(c, v.Plaintext, v.Ciphertext1000, 1000, map[int][]byte{1: v.Ciphertext, 100: v.Ciphertext100})
		if err != nil {
			return err
		}
	}
	if err := crypt(c, v.Encrypt, v.Offset, v.Plaintext, v.Ciphertext); err != nil {
		if _, tdes := alg.(*algorithms.TripleDES); tdes && errors.Is(err, backends.ErrInvalidKeySize) {
			// FIPS mode refuses the one- and two-key TDES of many
			// CAVP records.
			return skipError(ReasonTDESKey)
		}
		return err
	}
	err = crypt(c, !v.Encrypt, v.Offset, v.Plaintext, v.Ciphertext)
	if errors.Is(err, backends.ErrUnsupportedAlgorithm) {
		return nil
	}
	return err
}

func direction(encrypt bool) string {
	if encrypt {
		return "encrypt"
	}
	return "decrypt"
}

// crypt encrypts pt (or decrypts ct) with c after throwing away skip bytes
// of keystream (ARC4's OFFSET) and compares with the other.
func crypt(c *ciphers.Cipher, encrypt bool, skip int, pt, ct []byte) error {
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
			return fmt.Errorf("%s: skipping %d bytes of keystream: %w", direction(encrypt), skip, err)
		}
	}
	out, err := ctx.Update(in)
	if err != nil {
		return fmt.Errorf("%s: %w", direction(encrypt), err)
	}
	tail, err := ctx.Finalize()
	if err != nil {
		return fmt.Errorf("%s: %w", direction(encrypt), err)
	}
	if got := append(out, tail...); !bytes.Equal(got, want) {
		return differ(direction(encrypt), got, want)
	}
	return nil
}

// iterated encrypts pt n times in a row with one ECB context and compares
// with ct, and with the checkpoints (the result after k encryptions) on
// the way.
func iterated(c *ciphers.Cipher, pt, ct []byte, n int, checkpoints map[int][]byte) error {
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
			return differ(fmt.Sprintf("after %d encryptions", i), buf, want)
		}
	}
	if _, err := ctx.Finalize(); err != nil {
		return err
	}
	if !bytes.Equal(buf, ct) {
		return differ(fmt.Sprintf("after %d encryptions", n), buf, ct)
	}
	return nil
}
