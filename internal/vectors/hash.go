package vectors

import (
	"fmt"
	"path/filepath"
)

// HashVector is one known answer of a message digest or an extendable
// output function (XOF).
type HashVector struct {
	Name string // file:line and COUNT, see [Record.Name]
	Len  int    // message length in bits
	Msg  []byte // the message, Len/8 bytes
	MD   []byte // the expected digest or XOF output
	// OutputLen is the XOF output length in bytes (SHAKE), always len(MD);
	// 0 for a fixed-length digest.
	OutputLen int
}

// LoadHash reads a ShortMsg, LongMsg or VariableOut file of SHA-1, SHA-2,
// SHA-3 or SHAKE, or one of the MD5, RIPEMD-160, BLAKE2 and SM3 files in
// the same layout, or one of the project's testdata/hashes files.
//
// Records carry `Len` (bits), `Msg` and `MD`, or `Output` for SHAKE. Only
// the first Len/8 bytes of Msg are the message (the files write an empty
// message as `00`). A VariableOut record has no Len: the whole Msg is the
// message.
//
// The output length of an XOF record is read by the output field it
// accompanies. Next to `Output` (the collection's SHAKE files) it is the
// `Outputlen` field (VariableOut) or the `[Outputlen = n]` section, both
// in bits. Next to `MD` (the project's testdata/hashes/shake*.txt) it is
// the `OutputLen` field in bytes. Either way it must match the length of
// the output, and [HashVector.OutputLen] gives it in bytes.
func LoadHash(path string) ([]HashVector, error) {
	recs, err := ParseFile(path)
	if err != nil {
		return nil, err
	}
	return hashVectors(recs, path)
}

func hashVectors(recs []Record, path string) ([]HashVector, error) {
	out := make([]HashVector, 0, len(recs))
	for i := range recs {
		r := &recs[i]
		v := HashVector{Name: r.Name()}
		msg, err := r.Hex("msg")
		if err != nil {
			return nil, err
		}
		if r.Has("len") {
			if v.Len, err = r.Int("len"); err != nil {
				return nil, err
			}
			if msg, err = truncateMsg(r, msg, v.Len); err != nil {
				return nil, err
			}
		} else {
			v.Len = 8 * len(msg)
		}
		v.Msg = msg
		if r.Has("output") {
			if v.MD, err = r.Hex("output"); err != nil {
				return nil, err
			}
			bits, err := outputBits(r)
			if err != nil {
				return nil, err
			}
			if bits != 8*len(v.MD) {
				return nil, r.errorf("Output is %d bits, Outputlen says %d", 8*len(v.MD), bits)
			}
			v.OutputLen = len(v.MD)
		} else {
			if v.MD, err = r.Hex("md"); err != nil {
				return nil, err
			}
			if err := checkDigestLen(r, path, len(v.MD)); err != nil {
				return nil, err
			}
			if r.Has("outputlen") {
				// Beside MD, OutputLen counts bytes (testdata/hashes).
				n, err := r.Int("outputlen")
				if err != nil {
					return nil, err
				}
				if n <= 0 || n != len(v.MD) {
					return nil, r.errorf("MD has %d bytes, OutputLen says %d", len(v.MD), n)
				}
				v.OutputLen = n
			}
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("vectors: %s: no records: %w", path, ErrMalformed)
	}
	return out, nil
}

// truncateMsg keeps the first bits/8 bytes of msg.
func truncateMsg(r *Record, msg []byte, bits int) ([]byte, error) {
	switch {
	case bits < 0:
		return nil, r.errorf("negative Len %d", bits)
	case bits%8 != 0:
		return nil, fmt.Errorf("vectors: %s: Len %d is not a whole number of bytes: %w", r.where(), bits, ErrUnsupportedFormat)
	case bits/8 > len(msg):
		return nil, r.errorf("Len is %d bits but Msg has only %d bytes", bits, len(msg))
	}
	return msg[:bits/8], nil
}

// outputBits is a SHAKE record's output length in bits.
func outputBits(r *Record) (int, error) {
	if r.Has("outputlen") {
		return r.Int("outputlen")
	}
	n, ok, err := r.SectionInt("outputlen")
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, r.errorf("no Outputlen field or section")
	}
	return n, nil
}

// checkDigestLen checks a digest's length against an `[L = n]` section,
// which counts bytes for SHA-1/SHA-2 and bits for SHA-3.
func checkDigestLen(r *Record, path string, n int) error {
	l, ok, err := r.SectionInt("l")
	if err != nil || !ok {
		return err
	}
	if l != n && l != 8*n {
		return r.errorf("MD has %d bytes, section says L = %d", n, l)
	}
	if isSHA3(path) && l != 8*n {
		return r.errorf("MD has %d bits, section says L = %d", 8*n, l)
	}
	return nil
}

func isSHA3(path string) bool {
	return filepath.Base(filepath.Dir(path)) == "SHA3"
}

// HashMonte is the content of a Monte Carlo hash file (`*Monte.rsp`, and
// the SHA-1/SHA-2 `*Monte.txt` files with their inner-loop values).
type HashMonte struct {
	Seed        []byte   // the seed (SHAKE: the first Msg)
	Checkpoints [][]byte // the 100 expected outputs, one per outer round
	// OutputLens holds, for SHAKE, the length in bytes of each
	// checkpoint; nil otherwise.
	OutputLens []int
	// MinOutLen and MaxOutLen are SHAKE's output-length bounds in bytes; 0
	// otherwise.
	MinOutLen, MaxOutLen int
}

// LoadHashMonte reads a Monte Carlo hash file: SHAVS (SHA-1/SHA-2) and
// SHA3VS (SHA-3) files with a `Seed` and `MD` checkpoints, and SHA3VS SHAKE
// files with a `Msg`, `Outputlen`/`Output` checkpoints and the
// `[Minimum Output Length (bits) = n]` and `[Maximum Output Length (bits)
// = n]` sections.
func LoadHashMonte(path string) (*HashMonte, error) {
	recs, err := ParseFile(path)
	if err != nil {
		return nil, err
	}
	return hashMonte(recs, path)
}

func hashMonte(recs []Record, path string) (*HashMonte, error) {
	m := &HashMonte{}
	shake := false
	for i := range recs {
		r := &recs[i]
		var err error
		switch {
		case r.Has("seed"), r.Has("msg") && !r.Has("output"):
			if m.Seed != nil {
				return nil, r.errorf("second seed")
			}
			if m.Seed, err = r.firstHex("seed", "msg"); err != nil {
				return nil, err
			}
		case r.Has("output"):
			shake = true
			out, err := r.Hex("output")
			if err != nil {
				return nil, err
			}
			bits, err := r.Int("outputlen")
			if err != nil {
				return nil, err
			}
			if bits != 8*len(out) {
				return nil, r.errorf("Output is %d bits, Outputlen says %d", 8*len(out), bits)
			}
			m.Checkpoints = append(m.Checkpoints, out)
			m.OutputLens = append(m.OutputLens, len(out))
			if err := m.setBounds(r); err != nil {
				return nil, err
			}
		case r.Has("md"):
			md, err := r.Hex("md")
			if err != nil {
				return nil, err
			}
			if err := checkDigestLen(r, path, len(md)); err != nil {
				return nil, err
			}
			if len(m.Checkpoints) > 0 && len(md) != len(m.Checkpoints[0]) {
				return nil, r.errorf("MD has %d bytes, the first one %d", len(md), len(m.Checkpoints[0]))
			}
			m.Checkpoints = append(m.Checkpoints, md)
		}
	}
	switch {
	case m.Seed == nil:
		return nil, fmt.Errorf("vectors: %s: no Seed or Msg: %w", path, ErrMalformed)
	case len(m.Checkpoints) == 0:
		return nil, fmt.Errorf("vectors: %s: no checkpoints: %w", path, ErrMalformed)
	case shake && (m.MinOutLen == 0 || m.MaxOutLen < m.MinOutLen):
		return nil, fmt.Errorf("vectors: %s: bad output-length bounds [%d, %d] bytes: %w",
			path, m.MinOutLen, m.MaxOutLen, ErrMalformed)
	case !shake && len(m.Seed) != len(m.Checkpoints[0]):
		return nil, fmt.Errorf("vectors: %s: Seed has %d bytes, MD %d: %w",
			path, len(m.Seed), len(m.Checkpoints[0]), ErrMalformed)
	}
	return m, nil
}

// setBounds takes SHAKE's output-length bounds from r's sections.
func (m *HashMonte) setBounds(r *Record) error {
	lo, okLo, err := r.SectionInt("minimum output length (bits)")
	if err != nil {
		return err
	}
	hi, okHi, err := r.SectionInt("maximum output length (bits)")
	if err != nil {
		return err
	}
	if !okLo || !okHi {
		return r.errorf("no minimum and maximum output length sections")
	}
	if lo > MaxMonteOutputBits || hi > MaxMonteOutputBits {
		return fmt.Errorf("vectors: %s: output lengths up to %d bits, above the %d bits a Monte Carlo test may ask for: %w",
			r.where(), max(lo, hi), MaxMonteOutputBits, ErrTooLarge)
	}
	lo, hi = (lo+7)/8, hi/8
	if (m.MinOutLen != 0 || m.MaxOutLen != 0) && (m.MinOutLen != lo || m.MaxOutLen != hi) {
		return r.errorf("output-length bounds change within the file")
	}
	m.MinOutLen, m.MaxOutLen = lo, hi
	return nil
}

// MaxMonteOutputBits bounds the output lengths of a SHAKE Monte Carlo
// file: 32768 bits, 16 times the largest of the CAVP files (2000 bits, in
// SHAKE256Monte.rsp). At the limit the 100,000 iterations of a test
// compute at most 400 MB of output.
const MaxMonteOutputBits = 1 << 15

// monteRounds and monteIterations are the SHAVS/SHA3VS Monte Carlo loop
// counts: 100 checkpoints of 1000 chained digests each.
const (
	monteRounds     = 100
	monteIterations = 1000
)

// MonteSHA2 runs the SHAVS Monte Carlo test for SHA-1 and SHA-2 and
// returns its 100 checkpoints. Each round starts from
// MD[0] = MD[1] = MD[2] = seed, computes
// MD[i] = digest(MD[i-3] ‖ MD[i-2] ‖ MD[i-1]) for i = 3 … 1002, and takes
// MD[1002] as its checkpoint and the next round's seed.
//
// digest must return a new slice each call, and must not retain or
// modify its argument.
func MonteSHA2(seed []byte, digest func([]byte) []byte) [][]byte {
	out := make([][]byte, 0, monteRounds)
	md := [3][]byte{}
	buf := make([]byte, 0, 3*len(seed))
	for range monteRounds {
		md[0], md[1], md[2] = seed, seed, seed
		for range monteIterations {
			buf = append(append(append(buf[:0], md[0]...), md[1]...), md[2]...)
			next := digest(buf)
			md[0], md[1], md[2] = md[1], md[2], next
		}
		seed = md[2]
		out = append(out, seed)
	}
	return out
}

// MonteSHA3 runs the SHA3VS Monte Carlo test for SHA-3 and returns its 100
// checkpoints: MD[i] = digest(MD[i-1]) for i = 1 … 1000 in each round,
// starting from the seed and then from the previous checkpoint.
//
// digest must return a new slice each call, and must not retain or
// modify its argument.
func MonteSHA3(seed []byte, digest func([]byte) []byte) [][]byte {
	out := make([][]byte, 0, monteRounds)
	md := seed
	for range monteRounds {
		for range monteIterations {
			md = digest(md)
		}
		out = append(out, md)
	}
	return out
}

// MonteSHAKE runs the SHA3VS Monte Carlo test for SHAKE from m.Seed,
// m.MinOutLen and m.MaxOutLen, and returns its 100 checkpoints; xof(msg, n)
// must return n bytes of output.
//
// The output length starts at m.MaxOutLen bytes. Each iteration hashes the
// leftmost 128 bits of the previous output (padded with zero bytes when
// shorter), then sets the next output length to
// MinOutLen + (rightmost 16 bits of the output, big-endian) mod
// (MaxOutLen - MinOutLen + 1). The checkpoint of a round is the output of
// its 1000th iteration.
//
// xof must return a new slice each call, and must not retain or modify its
// argument. MonteSHAKE returns nil, without calling xof, when the bounds
// are not 0 < MinOutLen <= MaxOutLen <= MaxMonteOutputBits/8.
func MonteSHAKE(m *HashMonte, xof func(msg []byte, outLen int) []byte) [][]byte {
	if m == nil || m.MinOutLen <= 0 || m.MaxOutLen < m.MinOutLen || m.MaxOutLen > MaxMonteOutputBits/8 {
		return nil
	}
	span := m.MaxOutLen - m.MinOutLen + 1
	outLen := m.MaxOutLen
	out := make([][]byte, 0, monteRounds)
	prev := m.Seed
	msg := make([]byte, 16)
	for range monteRounds {
		for range monteIterations {
			clear(msg)
			copy(msg, prev)
			prev = xof(msg, outLen)
			var tail int
			if n := len(prev); n >= 2 {
				tail = int(prev[n-2])<<8 | int(prev[n-1])
			} else if n == 1 {
				tail = int(prev[0])
			}
			outLen = m.MinOutLen + tail%span
		}
		out = append(out, prev)
	}
	return out
}
