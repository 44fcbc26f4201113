package vectors

import "fmt"

// AEADVector is one known answer of an authenticated cipher (AES-GCM,
// SM4-GCM, AES-CCM, ChaCha20-Poly1305).
type AEADVector struct {
	Name string // file:line and COUNT, see [Record.Name]
	Key  []byte
	// IV is the record's IV or nonce: the field `IV` (GCM) or `NONCE`
	// (CCM, ChaCha20-Poly1305).
	IV         []byte
	AAD        []byte
	Plaintext  []byte // nil when Fail is set
	Ciphertext []byte
	Tag        []byte
	// Fail is set when decryption must reject the record (its tag does
	// not verify); such records have no plaintext.
	Fail bool
}

// LoadGCM reads a GCM file: the CAVP GCMVS files (gcmEncryptExtIV*.rsp and
// gcmDecrypt*.rsp, with fields Key, IV, PT, AAD, CT, Tag and bare FAIL
// lines, under [Keylen], [IVlen], [PTlen], [AADlen] and [Taglen] sections
// in bits) and files in the same style that spell the fields KEY, IV,
// AAD, TAG, PLAINTEXT and CIPHERTEXT (SM4/rfc8998.txt). Field lengths must
// agree with the sections. It reads the other AEAD files too; see
// [LoadAEAD].
func LoadGCM(path string) ([]AEADVector, error) {
	return LoadAEAD(path)
}

// LoadAEAD reads a file of authenticated-encryption vectors: everything
// [LoadGCM] reads, and files whose records give a `NONCE` instead of an
// `IV` (the project's testdata/ciphers files for AES-CCM and
// ChaCha20-Poly1305). A record with both IV and NONCE is malformed. The
// tag length is the length of TAG.
func LoadAEAD(path string) ([]AEADVector, error) {
	recs, err := ParseFile(path)
	if err != nil {
		return nil, err
	}
	return aeadVectors(recs, path)
}

func aeadVectors(recs []Record, path string) ([]AEADVector, error) {
	out := make([]AEADVector, 0, len(recs))
	for i := range recs {
		r := &recs[i]
		v := AEADVector{Name: r.Name(), Fail: r.Fail}
		var err error
		if v.Key, err = r.Hex("key"); err != nil {
			return nil, err
		}
		if r.Has("iv") && r.Has("nonce") {
			return nil, r.errorf("record has both IV and NONCE")
		}
		if v.IV, err = r.firstHex("iv", "nonce"); err != nil {
			return nil, err
		}
		if v.AAD, err = r.firstHex("aad"); err != nil {
			return nil, err
		}
		if v.Ciphertext, err = r.firstHex("ct", "ciphertext"); err != nil {
			return nil, err
		}
		if v.Tag, err = r.firstHex("tag"); err != nil {
			return nil, err
		}
		switch {
		case r.Has("pt") || r.Has("plaintext"):
			if v.Fail {
				return nil, r.errorf("record has both FAIL and a plaintext")
			}
			if v.Plaintext, err = r.firstHex("pt", "plaintext"); err != nil {
				return nil, err
			}
			if len(v.Plaintext) != len(v.Ciphertext) {
				return nil, r.errorf("plaintext has %d bytes, ciphertext %d", len(v.Plaintext), len(v.Ciphertext))
			}
		case !v.Fail:
			return nil, r.errorf("record has neither a plaintext nor FAIL")
		}
		for _, c := range []struct {
			section string
			n       int
		}{
			{"keylen", len(v.Key)},
			{"ivlen", len(v.IV)},
			{"ptlen", len(v.Ciphertext)},
			{"aadlen", len(v.AAD)},
			{"taglen", len(v.Tag)},
		} {
			bits, ok, err := r.SectionInt(c.section)
			if err != nil {
				return nil, err
			}
			if ok && bits != 8*c.n {
				return nil, r.errorf("field has %d bits, section says %s = %d", 8*c.n, c.section, bits)
			}
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("vectors: %s: no records: %w", path, ErrMalformed)
	}
	return out, nil
}
