package vectors

import (
	"encoding/binary"
	"fmt"
)

// XTSVector is one known answer of AES-XTS (IEEE 1619).
type XTSVector struct {
	Name    string // file:line and COUNT, see [Record.Name]
	Encrypt bool   // [ENCRYPT] or [DECRYPT] section
	// Key is both XTS keys joined together (256 or 512 bits).
	Key []byte
	// Tweak is the 16-byte tweak: the `i` field, or the
	// `DataUnitSeqNumber` encoded as a 128-bit little-endian number.
	Tweak []byte
	// Plaintext and Ciphertext hold DataUnitLen bits, rounded up to whole
	// bytes.
	Plaintext, Ciphertext []byte
	// DataUnitLen is the data unit's length in bits. Some records' data
	// units are not a whole number of bytes (DataUnitLen%8 != 0); a
	// byte-oriented implementation skips them.
	DataUnitLen int
}

// LoadXTS reads a CAVP XTSGen file, in either tweak layout: `i` (128-bit
// hex) or `DataUnitSeqNumber` (decimal).
func LoadXTS(path string) ([]XTSVector, error) {
	recs, err := ParseFile(path)
	if err != nil {
		return nil, err
	}
	return xtsVectors(recs, path)
}

func xtsVectors(recs []Record, path string) ([]XTSVector, error) {
	out := make([]XTSVector, 0, len(recs))
	for i := range recs {
		r := &recs[i]
		v := XTSVector{Name: r.Name()}
		var err error
		if v.Encrypt, err = direction(r); err != nil {
			return nil, err
		}
		if v.Key, err = r.Hex("key"); err != nil {
			return nil, err
		}
		switch {
		case r.Has("i"):
			if v.Tweak, err = r.Hex("i"); err != nil {
				return nil, err
			}
			if len(v.Tweak) != 16 {
				return nil, r.errorf("tweak i has %d bytes, want 16", len(v.Tweak))
			}
		case r.Has("dataunitseqnumber"):
			n, err := r.Uint64("dataunitseqnumber")
			if err != nil {
				return nil, err
			}
			v.Tweak = make([]byte, 16)
			binary.LittleEndian.PutUint64(v.Tweak, n)
		default:
			return nil, r.errorf("missing field i or DataUnitSeqNumber")
		}
		if v.DataUnitLen, err = r.Int("dataunitlen"); err != nil {
			return nil, err
		}
		if v.Plaintext, err = r.Hex("pt"); err != nil {
			return nil, err
		}
		if v.Ciphertext, err = r.Hex("ct"); err != nil {
			return nil, err
		}
		if want := (v.DataUnitLen + 7) / 8; v.DataUnitLen <= 0 || len(v.Plaintext) != want || len(v.Ciphertext) != want {
			return nil, r.errorf("DataUnitLen %d bits, but PT has %d bytes and CT %d",
				v.DataUnitLen, len(v.Plaintext), len(v.Ciphertext))
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("vectors: %s: no records: %w", path, ErrMalformed)
	}
	return out, nil
}
