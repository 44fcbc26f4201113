package vectors

import "fmt"

// HMACVector is one known answer of HMAC.
type HMACVector struct {
	Name string // file:line and COUNT, see [Record.Name]
	Key  []byte
	Msg  []byte
	// MD is the expected HMAC: the full-length one, or when Truncate is
	// set only its first Truncate bytes.
	MD []byte
	// Truncate is the length in bytes of a truncated HMAC (RFC 4231 Test
	// Case 5), equal to len(MD); 0 when MD is the full-length HMAC.
	// Compare MD with the first Truncate bytes of the computed HMAC.
	Truncate int
}

// LoadHMAC reads an HMAC file of the collection (RFC 2202, RFC 2286 and
// RFC 4231 vectors) or of the project's testdata/hmac: records of `Len`
// (message length in bits, optional), `Key`, `Msg`, `Truncate` (decimal
// bytes, optional) and `MD`. When Len is given, only the first Len/8 bytes
// of Msg are the message. When Truncate is given, MD must hold exactly
// that many bytes.
func LoadHMAC(path string) ([]HMACVector, error) {
	recs, err := ParseFile(path)
	if err != nil {
		return nil, err
	}
	return hmacVectors(recs, path)
}

func hmacVectors(recs []Record, path string) ([]HMACVector, error) {
	out := make([]HMACVector, 0, len(recs))
	for i := range recs {
		r := &recs[i]
		v := HMACVector{Name: r.Name()}
		var err error
		if v.Key, err = r.Hex("key"); err != nil {
			return nil, err
		}
		if v.Msg, err = r.Hex("msg"); err != nil {
			return nil, err
		}
		if r.Has("len") {
			n, err := r.Int("len")
			if err != nil {
				return nil, err
			}
			if v.Msg, err = truncateMsg(r, v.Msg, n); err != nil {
				return nil, err
			}
		}
		if v.MD, err = r.firstHex("md", "mac"); err != nil {
			return nil, err
		}
		if len(v.MD) == 0 {
			return nil, r.errorf("empty MD")
		}
		if r.Has("truncate") {
			if v.Truncate, err = r.Int("truncate"); err != nil {
				return nil, err
			}
			if v.Truncate <= 0 || v.Truncate != len(v.MD) {
				return nil, r.errorf("MD has %d bytes, Truncate says %d", len(v.MD), v.Truncate)
			}
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("vectors: %s: no records: %w", path, ErrMalformed)
	}
	return out, nil
}
