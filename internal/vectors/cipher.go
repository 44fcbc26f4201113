package vectors

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"regexp"
)

// CipherVector is one known answer of a block or stream cipher.
type CipherVector struct {
	Name string // file:line and COUNT, see [Record.Name]
	// Encrypt is true for records under [ENCRYPT] and in files with no
	// direction sections (those hold encryption vectors, which tests may
	// also run in reverse), false under [DECRYPT].
	Encrypt bool
	// Key is the cipher key. For TDES it is the 24-byte EDE key:
	// KEY1‖KEY2‖KEY3, or the single KEYs repeated three times.
	Key []byte
	// IV is the IV, or for CTR files the whole initial counter block; nil
	// when the record has none (ECB). For ChaCha20 it is OpenSSL's 16-byte
	// `chacha20` IV, the block counter in little-endian order followed by
	// the nonce: taken from the record's IV field when it has one (which
	// must then agree with NONCE and the counter), else built from them
	// (a 32-bit counter before a 12-byte nonce, a 64-bit one before an
	// 8-byte nonce).
	IV []byte
	// Nonce is ChaCha20's nonce: 8 bytes in the collection's files, 12 in
	// the RFC 8439 files of testdata/ciphers; nil otherwise.
	Nonce []byte
	// Plaintext and Ciphertext are the data. When Bits is set they hold
	// one byte, 0 or 1, per bit.
	Plaintext, Ciphertext []byte
	// Offset is, for ARC4, where in the keystream Plaintext and Ciphertext
	// start; the keystream before it is generated and thrown away.
	Offset int
	// Counter is ChaCha20's initial block counter, from
	// INITIAL_BLOCK_COUNTER (64-bit, the collection) or COUNTER (32-bit,
	// testdata/ciphers).
	Counter uint64
	// Iterations is, when the record gives ITERATIONS = n (SM4 Example 2
	// in testdata/ciphers/sm4.txt), the number of times Plaintext is
	// encrypted in a row with Key, each output being the next input, to
	// give Ciphertext; 0 when the record does not say, meaning once. A
	// reader that does not honour it must skip the record.
	Iterations int
	// Bits is set for CFB1 files (AES CFB1*, TDES TCFB1*), whose
	// PLAINTEXT and CIPHERTEXT are strings of bits, not hex.
	Bits bool
	// Ciphertext100 and Ciphertext1000 are, for the NESSIE IDEA ECB file,
	// the result of encrypting Plaintext 100 and 1000 times in a row; nil
	// otherwise.
	Ciphertext100, Ciphertext1000 []byte
}

// cfb1File matches the names of the CFB1 files, whose data are bit
// strings: AES CFB1GFSbox128.rsp …, TDES TCFB1MMT1.rsp … (not CFB128).
var cfb1File = regexp.MustCompile(`^T?CFB1[^0-9]`)

// LoadCipher reads a block- or stream-cipher file: AES and TDES KAT and
// MMT files, RFC 3686 AES-CTR, Camellia (NTT's ECB layout and the
// `KEY = value` files), Blowfish, CAST5, SEED, IDEA, SM4, ARC4 (with
// OFFSET) and ChaCha20 (with NONCE and INITIAL_BLOCK_COUNTER, or the
// project's NONCE, COUNTER and IV), and the project's testdata/ciphers
// files (with ITERATIONS).
//
// The TDES interleaved and pipelined files (IV1/IV2/IV3) and AEAD files
// (with AAD or TAG) give an error wrapping [ErrUnsupportedFormat]; use
// [LoadGCM] for the latter.
func LoadCipher(path string) ([]CipherVector, error) {
	recs, err := ParseFile(path)
	if err != nil {
		return nil, err
	}
	return cipherVectors(recs, path)
}

func cipherVectors(recs []Record, path string) ([]CipherVector, error) {
	bits := cfb1File.MatchString(filepath.Base(path))
	out := make([]CipherVector, 0, len(recs))
	for i := range recs {
		v, err := cipherVector(&recs[i], bits)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("vectors: %s: no records: %w", path, ErrMalformed)
	}
	return out, nil
}

func cipherVector(r *Record, bits bool) (CipherVector, error) {
	v := CipherVector{Name: r.Name(), Bits: bits}
	for _, f := range []string{"iv1", "iv2", "iv3"} {
		if r.Has(f) {
			return v, fmt.Errorf("vectors: %s: %s: interleaved or pipelined TDES: %w", r.where(), f, ErrUnsupportedFormat)
		}
	}
	for _, f := range []string{"aad", "tag"} {
		if r.Has(f) {
			return v, fmt.Errorf("vectors: %s: %s: AEAD record, not a cipher one: %w", r.where(), f, ErrUnsupportedFormat)
		}
	}
	var err error
	if v.Encrypt, err = direction(r); err != nil {
		return v, err
	}
	if v.Key, err = cipherKey(r); err != nil {
		return v, err
	}
	if v.IV, err = r.optHex("iv"); err != nil {
		return v, err
	}
	if v.Nonce, err = r.optHex("nonce"); err != nil {
		return v, err
	}
	if bits {
		if v.Plaintext, err = r.bitString("plaintext"); err != nil {
			return v, err
		}
		if v.Ciphertext, err = r.bitString("ciphertext"); err != nil {
			return v, err
		}
	} else {
		if v.Plaintext, err = r.firstHex("plaintext", "p"); err != nil {
			return v, err
		}
		if v.Ciphertext, err = r.firstHex("ciphertext", "c"); err != nil {
			return v, err
		}
	}
	if len(v.Plaintext) != len(v.Ciphertext) {
		return v, r.errorf("plaintext has %d bytes, ciphertext %d", len(v.Plaintext), len(v.Ciphertext))
	}
	if r.Has("offset") {
		if v.Offset, err = r.Int("offset"); err != nil {
			return v, err
		}
		if v.Offset < 0 {
			return v, r.errorf("negative OFFSET %d", v.Offset)
		}
	}
	if err := chachaCounter(r, &v); err != nil {
		return v, err
	}
	if r.Has("iterations") {
		if v.Iterations, err = r.Int("iterations"); err != nil {
			return v, err
		}
		if v.Iterations <= 0 {
			return v, r.errorf("ITERATIONS %d is not positive", v.Iterations)
		}
	}
	if v.Ciphertext100, err = r.optHex("ciphertext100"); err != nil {
		return v, err
	}
	if v.Ciphertext1000, err = r.optHex("ciphertext1000"); err != nil {
		return v, err
	}
	for _, c := range [][]byte{v.Ciphertext100, v.Ciphertext1000} {
		if c != nil && len(c) != len(v.Plaintext) {
			return v, r.errorf("iterated ciphertext has %d bytes, plaintext %d", len(c), len(v.Plaintext))
		}
	}
	return v, nil
}

// chachaCounter reads ChaCha20's block counter (INITIAL_BLOCK_COUNTER or
// COUNTER) and fills v.IV from it and v.Nonce, or checks the IV the record
// gives against them.
func chachaCounter(r *Record, v *CipherVector) error {
	var field string
	switch ibc, c := r.Has("initial_block_counter"), r.Has("counter"); {
	case ibc && c:
		return r.errorf("record has both INITIAL_BLOCK_COUNTER and COUNTER")
	case ibc:
		field = "initial_block_counter"
	case c:
		field = "counter"
	default:
		return nil
	}
	var err error
	if v.Counter, err = r.Uint64(field); err != nil {
		return err
	}
	if v.Nonce == nil {
		return nil
	}
	var iv [16]byte
	switch len(v.Nonce) {
	case 12:
		if v.Counter > 1<<32-1 {
			return r.errorf("counter %d does not fit the 32 bits beside a 12-byte nonce", v.Counter)
		}
		binary.LittleEndian.PutUint32(iv[:4], uint32(v.Counter))
	case 8:
		binary.LittleEndian.PutUint64(iv[:8], v.Counter)
	default:
		return r.errorf("ChaCha20 nonce of %d bytes, want 8 or 12", len(v.Nonce))
	}
	copy(iv[16-len(v.Nonce):], v.Nonce)
	switch {
	case v.IV == nil:
		v.IV = iv[:]
	case !bytes.Equal(v.IV, iv[:]):
		return r.errorf("IV %x is not the counter followed by the nonce (%x)", v.IV, iv[:])
	}
	return nil
}

// direction reads the [ENCRYPT]/[DECRYPT] section; with neither, the
// record is an encryption vector.
func direction(r *Record) (encrypt bool, err error) {
	_, enc := r.Section["encrypt"]
	_, dec := r.Section["decrypt"]
	if enc && dec {
		return false, r.errorf("both [ENCRYPT] and [DECRYPT] in force")
	}
	return !dec, nil
}

// cipherKey assembles the key: KEY, TDES KEY1/KEY2/KEY3 or KEYs, or the
// section key of NTT's Camellia layout.
func cipherKey(r *Record) ([]byte, error) {
	switch {
	case r.Has("key"):
		return r.Hex("key")
	case r.Has("keys"):
		k, err := r.Hex("keys")
		if err != nil {
			return nil, err
		}
		return bytes.Repeat(k, 3), nil
	case r.Has("key1"):
		var key []byte
		for _, f := range []string{"key1", "key2", "key3"} {
			k, err := r.Hex(f)
			if err != nil {
				return nil, err
			}
			key = append(key, k...)
		}
		return key, nil
	}
	if k, ok := r.Section["k"]; ok {
		rr := Record{File: r.File, Line: r.Line, Fields: map[string]string{"k": k}}
		return rr.Hex("k")
	}
	return nil, r.errorf("missing field KEY")
}

// bitString decodes a field written as a string of 0 and 1 characters
// into one byte per bit.
func (r *Record) bitString(name string) ([]byte, error) {
	s, ok := r.Fields[name]
	if !ok {
		return nil, r.errorf("missing field %s", name)
	}
	b := make([]byte, len(s))
	for i := range len(s) {
		switch s[i] {
		case '0':
		case '1':
			b[i] = 1
		default:
			return nil, r.errorf("field %s: %q is not a bit string", name, truncate(s))
		}
	}
	return b, nil
}
