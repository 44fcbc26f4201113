package padding

import (
	"bytes"
	"encoding/hex"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
)

var seedFlag = flag.Uint64("padding.seed", 0, "seed for the random tests (0: from the clock)")

// newRand returns a deterministic generator whose seed is logged, so that a
// failure can be replayed with -padding.seed.
func newRand(t testing.TB) *rand.Rand {
	t.Helper()
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (replay with -padding.seed=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// impl is one scheme behind the methods every scheme has.
type impl struct {
	name      string
	blockSize func() int
	pad       func(dst, data []byte) []byte
	unpad     func(data []byte) ([]byte, error)
	padder    func() *Padder
	unpadder  func() *Unpadder
}

func pkcs7Impl(p *PKCS7) impl {
	return impl{fmt.Sprintf("PKCS7/%d", p.BlockSize()), p.BlockSize, p.Pad, p.Unpad, p.Padder, p.Unpadder}
}

func ansiImpl(a *ANSIX923) impl {
	return impl{fmt.Sprintf("ANSIX923/%d", a.BlockSize()), a.BlockSize, a.Pad, a.Unpad, a.Padder, a.Unpadder}
}

// newImpl returns the scheme named "PKCS7" or "ANSIX923" for bits.
func newImpl(t testing.TB, name string, bits int) impl {
	t.Helper()
	switch name {
	case "PKCS7":
		p, err := NewPKCS7(bits)
		require.NoError(t, err)
		return pkcs7Impl(p)
	case "ANSIX923":
		a, err := NewANSIX923(bits)
		require.NoError(t, err)
		return ansiImpl(a)
	}
	t.Fatalf("unknown scheme %q", name)
	return impl{}
}

var schemeNames = []string{"PKCS7", "ANSIX923"}

// refPad is the padding written out from its definition, for comparison.
func refPad(name string, bs int, data []byte) []byte {
	n := bs - len(data)%bs
	out := append([]byte{}, data...)
	for i := 1; i <= n; i++ {
		switch {
		case name == "ANSIX923" && i < n:
			out = append(out, 0)
		default:
			out = append(out, byte(n))
		}
	}
	return out
}

// refValid says, with early exits, whether block is a valid last block.
func refValid(name string, block []byte) bool {
	bs := len(block)
	n := int(block[bs-1])
	if n < 1 || n > bs {
		return false
	}
	for _, b := range block[bs-n : bs-1] {
		if name == "ANSIX923" && b != 0 || name == "PKCS7" && int(b) != n {
			return false
		}
	}
	return true
}

// streamPad pads data through a Padder, cut at the given points.
func streamPad(t testing.TB, p *Padder, data []byte, cuts []int) []byte {
	t.Helper()
	var out []byte
	prev := 0
	for _, c := range append(cuts, len(data)) {
		chunk, err := p.Update(data[prev:c])
		require.NoError(t, err)
		out = append(out, chunk...)
		prev = c
	}
	last, err := p.Finalize()
	require.NoError(t, err)
	return append(out, last...)
}

// streamUnpad unpads data through an Unpadder, cut at the given points, and
// checks that no Update returns bytes of the last block.
func streamUnpad(t testing.TB, u *Unpadder, bs int, data []byte, cuts []int) ([]byte, error) {
	t.Helper()
	var out []byte
	prev := 0
	for _, c := range append(cuts, len(data)) {
		chunk, err := u.Update(data[prev:c])
		require.NoError(t, err)
		out = append(out, chunk...)
		prev = c
		require.Less(t, len(out), max(c, 1), "Update released the last block")
		require.Zero(t, len(out)%bs, "Update released a partial block")
	}
	last, err := u.Finalize()
	if err != nil {
		assert.Nil(t, last)
		return nil, err
	}
	return append(out, last...), nil
}

// randomCuts returns up to 4 sorted split points in [0, n].
func randomCuts(r *rand.Rand, n int) []int {
	cuts := make([]int, r.IntN(5))
	for i := range cuts {
		cuts[i] = r.IntN(n + 1)
	}
	for i := 1; i < len(cuts); i++ { // insertion sort; at most 4 values
		for j := i; j > 0 && cuts[j] < cuts[j-1]; j-- {
			cuts[j], cuts[j-1] = cuts[j-1], cuts[j]
		}
	}
	return cuts
}

func TestBlockSize(t *testing.T) {
	tests := []struct {
		bits  int
		valid bool
	}{
		{math.MinInt, false}, {-8, false}, {0, false}, {1, false}, {7, false},
		{8, true}, {9, false}, {12, false}, {64, true}, {100, false}, {128, true},
		{256, true}, {2032, true}, {2040, true}, {2041, false}, {2048, false},
		{4096, false}, {math.MaxInt, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.bits), func(t *testing.T) {
			p, perr := NewPKCS7(tt.bits)
			a, aerr := NewANSIX923(tt.bits)
			if !tt.valid {
				assert.ErrorIs(t, perr, ErrInvalidBlockSize)
				assert.ErrorIs(t, aerr, ErrInvalidBlockSize)
				assert.Nil(t, p)
				assert.Nil(t, a)
				return
			}
			require.NoError(t, perr)
			require.NoError(t, aerr)
			assert.Equal(t, tt.bits, p.BlockSize())
			assert.Equal(t, tt.bits, a.BlockSize())
		})
	}
}

func TestErrorMessages(t *testing.T) {
	assert.Equal(t, "padding: invalid padding bytes", ErrInvalidPadding.Error())
	_, err := NewPKCS7(12)
	assert.Equal(t, "padding: invalid block size: 12 bits (want a multiple of 8 from 8 to 2040)", err.Error())
	p, err := NewPKCS7(128)
	require.NoError(t, err)
	pd := p.Padder()
	_, err = pd.Finalize()
	require.NoError(t, err)
	_, err = pd.Finalize()
	assert.Equal(t, "padding: context was already finalized", err.Error())
}

func TestZeroValue(t *testing.T) {
	var p PKCS7
	var a ANSIX923
	assert.Equal(t, 128, p.BlockSize())
	assert.Equal(t, 128, a.BlockSize())
	msg := []byte("0123456789abc")
	assert.Equal(t, hex.EncodeToString(refPad("PKCS7", 16, msg)), hex.EncodeToString(p.Pad(nil, msg)))
	assert.Equal(t, hex.EncodeToString(refPad("ANSIX923", 16, msg)), hex.EncodeToString(a.Pad(nil, msg)))
	got, err := p.Unpad(p.Pad(nil, msg))
	require.NoError(t, err)
	assert.Equal(t, msg, got)
	got, err = streamUnpad(t, a.Unpadder(), 16, streamPad(t, a.Padder(), msg, nil), nil)
	require.NoError(t, err)
	assert.Equal(t, msg, got)
}

// TestKnownAnswers checks padding written out by hand from RFC 5652, section
// 6.3 (k - (l mod k) octets of value k - (l mod k)) and from ANSI X9.23 (zero
// octets, then one octet holding their number plus one).
func TestKnownAnswers(t *testing.T) {
	tests := []struct {
		scheme string
		bits   int
		in     string // hex
		padded string // hex
	}{
		{"PKCS7", 128, "", strings.Repeat("10", 16)},
		{"PKCS7", 128, "00112233445566778899aabbcc", "00112233445566778899aabbcc030303"},
		{"PKCS7", 128, "00112233445566778899aabbccddee", "00112233445566778899aabbccddee01"},
		{"PKCS7", 128, "00112233445566778899aabbccddeeff", "00112233445566778899aabbccddeeff" + strings.Repeat("10", 16)},
		{"PKCS7", 64, "11", "11" + strings.Repeat("07", 7)},
		{"PKCS7", 64, "11223344556677", "1122334455667701"},
		{"PKCS7", 8, "", "01"},
		{"PKCS7", 8, "ff", "ff01"},
		{"PKCS7", 24, "aabb", "aabb01"},
		{"PKCS7", 2040, "", strings.Repeat("ff", 255)},
		{"PKCS7", 2040, "00", "00" + strings.Repeat("fe", 254)},
		{"ANSIX923", 128, "", strings.Repeat("00", 15) + "10"},
		{"ANSIX923", 128, "00112233445566778899aabbcc", "00112233445566778899aabbcc000003"},
		{"ANSIX923", 128, "00112233445566778899aabbccddee", "00112233445566778899aabbccddee01"},
		{"ANSIX923", 64, "1122334455", "1122334455000003"},
		{"ANSIX923", 64, "1122334455667788", "1122334455667788" + "0000000000000008"},
		{"ANSIX923", 8, "", "01"},
		{"ANSIX923", 2040, "", strings.Repeat("00", 254) + "ff"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d/%d", tt.scheme, tt.bits, len(tt.in)/2), func(t *testing.T) {
			s := newImpl(t, tt.scheme, tt.bits)
			in, err := hex.DecodeString(tt.in)
			require.NoError(t, err)
			padded, err := hex.DecodeString(tt.padded)
			require.NoError(t, err)

			assert.Equal(t, tt.padded, hex.EncodeToString(s.pad(nil, in)))
			assert.Equal(t, tt.padded, hex.EncodeToString(streamPad(t, s.padder(), in, nil)))

			got, err := s.unpad(padded)
			require.NoError(t, err)
			assert.Equal(t, tt.in, hex.EncodeToString(got))
			got, err = streamUnpad(t, s.unpadder(), tt.bits/8, padded, nil)
			require.NoError(t, err)
			assert.Equal(t, tt.in, hex.EncodeToString(got))
		})
	}
}

// TestRoundTrip pads and unpads every length from 0 to 3 blocks, for every
// block size, one-shot and streamed with random split points.
func TestRoundTrip(t *testing.T) {
	for _, name := range schemeNames {
		for bits := minBlockBits; bits <= maxBlockBits; bits += 8 {
			t.Run(fmt.Sprintf("%s/%d", name, bits), func(t *testing.T) {
				t.Parallel()
				r := newRand(t)
				s := newImpl(t, name, bits)
				bs := bits / 8
				buf := make([]byte, 3*bs)
				for i := range buf {
					buf[i] = byte(r.Uint32())
				}
				for n := 0; n <= 3*bs; n++ {
					data := buf[:n]
					want := refPad(name, bs, data)
					padded := s.pad(nil, data)
					if !bytes.Equal(want, padded) {
						require.Equal(t, hex.EncodeToString(want), hex.EncodeToString(padded), "Pad, length %d", n)
					}
					streamed := streamPad(t, s.padder(), data, randomCuts(r, n))
					if !bytes.Equal(want, streamed) {
						require.Equal(t, hex.EncodeToString(want), hex.EncodeToString(streamed), "Padder, length %d", n)
					}
					got, err := s.unpad(padded)
					require.NoError(t, err, "Unpad, length %d", n)
					if !bytes.Equal(data, got) {
						require.Equal(t, hex.EncodeToString(data), hex.EncodeToString(got), "Unpad, length %d", n)
					}
					got, err = streamUnpad(t, s.unpadder(), bs, padded, randomCuts(r, len(padded)))
					require.NoError(t, err, "Unpadder, length %d", n)
					if !bytes.Equal(data, got) {
						require.Equal(t, hex.EncodeToString(data), hex.EncodeToString(got), "Unpadder, length %d", n)
					}
				}
			})
		}
	}
}

func TestPadAppends(t *testing.T) {
	p, err := NewPKCS7(64)
	require.NoError(t, err)
	a, err := NewANSIX923(64)
	require.NoError(t, err)

	// The prefix in dst is kept.
	dst := []byte("head:")
	got := p.Pad(dst, []byte("abc"))
	assert.Equal(t, "head:abc\x05\x05\x05\x05\x05", string(got))
	got = a.Pad(dst[:5:5], []byte("abc"))
	assert.Equal(t, "head:abc\x00\x00\x00\x00\x05", string(got))

	// In place: data at the start of a buffer with room for the padding.
	buf := make([]byte, 16)
	copy(buf, "0123456789")
	got = p.Pad(buf[:0], buf[:10])
	assert.Equal(t, "0123456789\x06\x06\x06\x06\x06\x06", string(got))
	assert.Same(t, &buf[0], &got[0], "Pad reallocated although dst had room")

	// data overlapping dst's spare room further on.
	buf = make([]byte, 32)
	copy(buf[4:], "abcdefghij")
	got = a.Pad(buf[:2], buf[4:14])
	assert.Equal(t, "\x00\x00abcdefghij\x00\x00\x00\x00\x00\x06", string(got))
}

func TestUnpadSharesStorage(t *testing.T) {
	p, err := NewPKCS7(128)
	require.NoError(t, err)
	padded := p.Pad(nil, []byte("shared storage"))
	got, err := p.Unpad(padded)
	require.NoError(t, err)
	assert.Equal(t, "shared storage", string(got))
	assert.Same(t, &padded[0], &got[0])
}

// TestUnpadRejects checks every kind of bad padding, one-shot and streamed.
func TestUnpadRejects(t *testing.T) {
	tests := []struct {
		name   string
		scheme string
		bits   int
		data   string // hex
	}{
		{"empty", "PKCS7", 128, ""},
		{"short", "PKCS7", 128, strings.Repeat("01", 15)},
		{"one byte over", "PKCS7", 128, strings.Repeat("01", 17)},
		{"not a multiple", "PKCS7", 128, strings.Repeat("01", 31)},
		{"zero pad byte", "PKCS7", 128, strings.Repeat("aa", 15) + "00"},
		{"zero pad byte, whole block", "PKCS7", 128, strings.Repeat("00", 16)},
		{"pad byte one over block", "PKCS7", 128, strings.Repeat("11", 16)},
		{"pad byte 0xff", "PKCS7", 128, strings.Repeat("ff", 16)},
		{"pad byte over block after a good block", "PKCS7", 128, strings.Repeat("10", 16) + strings.Repeat("aa", 15) + "20"},
		{"inconsistent next to last", "PKCS7", 128, strings.Repeat("aa", 13) + "030203"},
		{"inconsistent first of pad", "PKCS7", 128, strings.Repeat("aa", 13) + "000303"},
		{"inconsistent whole block", "PKCS7", 128, "0f" + strings.Repeat("10", 15)},
		{"inconsistent in second block", "PKCS7", 128, strings.Repeat("aa", 16) + strings.Repeat("aa", 11) + "0405050505"},
		{"zero pad byte, 8-bit block", "PKCS7", 8, "00"},
		{"pad byte 2, 8-bit block", "PKCS7", 8, "aa02"},
		{"zero pad byte, 2040-bit block", "PKCS7", 2040, strings.Repeat("00", 255)},
		{"inconsistent, 2040-bit block", "PKCS7", 2040, "fe" + strings.Repeat("ff", 254)},
		{"not a multiple, 64-bit block", "PKCS7", 64, strings.Repeat("04", 12)},
		{"empty", "ANSIX923", 128, ""},
		{"short", "ANSIX923", 128, "00000000000000000000000000000f"},
		{"not a multiple", "ANSIX923", 128, strings.Repeat("00", 30) + "10"},
		{"zero length byte", "ANSIX923", 128, strings.Repeat("00", 16)},
		{"length byte one over block", "ANSIX923", 128, strings.Repeat("00", 15) + "11"},
		{"length byte 0xff", "ANSIX923", 128, strings.Repeat("00", 15) + "ff"},
		{"nonzero filler next to last", "ANSIX923", 128, strings.Repeat("aa", 13) + "000103"},
		{"nonzero filler first", "ANSIX923", 128, strings.Repeat("aa", 13) + "010003"},
		{"PKCS7 padding", "ANSIX923", 128, strings.Repeat("aa", 13) + "030303"},
		{"nonzero filler, whole block", "ANSIX923", 128, "01" + strings.Repeat("00", 14) + "10"},
		{"length byte 2, 8-bit block", "ANSIX923", 8, "02"},
		{"nonzero filler, 2040-bit block", "ANSIX923", 2040, "80" + strings.Repeat("00", 253) + "ff"},
	}
	for _, tt := range tests {
		t.Run(tt.scheme+"/"+tt.name, func(t *testing.T) {
			s := newImpl(t, tt.scheme, tt.bits)
			data, err := hex.DecodeString(tt.data)
			require.NoError(t, err)
			orig := bytes.Clone(data)

			got, err := s.unpad(data)
			assert.ErrorIs(t, err, ErrInvalidPadding)
			assert.Nil(t, got)
			assert.Equal(t, orig, data, "Unpad modified its input")

			for cut := 0; cut <= len(data); cut++ {
				got, err = streamUnpad(t, s.unpadder(), tt.bits/8, data, []int{cut})
				assert.ErrorIs(t, err, ErrInvalidPadding, "Unpadder split at %d", cut)
				assert.Nil(t, got)
			}
		})
	}
}

// TestCheckExhaustive compares the constant-time check with refValid on every
// last block of 1 and 2 bytes and on random and near-valid blocks of other sizes.
func TestCheckExhaustive(t *testing.T) {
	r := newRand(t)
	for _, name := range schemeNames {
		for _, bits := range []int{8, 16} {
			s := newImpl(t, name, bits)
			bs := bits / 8
			for v := range 1 << bits {
				block := []byte{byte(v), byte(v >> 8)}[:bs]
				_, err := s.unpad(block)
				if want := refValid(name, block); want != (err == nil) {
					t.Fatalf("%s: block %x: valid %v, Unpad error %v", name, block, want, err)
				}
			}
		}
		for _, bits := range []int{24, 64, 128, 1024, 2040} {
			s := newImpl(t, name, bits)
			bs := bits / 8
			block := make([]byte, bs)
			for range 2000 {
				// A valid block with one byte changed, or a random one.
				good := refPad(name, bs, make([]byte, r.IntN(bs)))
				copy(block, good[len(good)-bs:])
				switch r.IntN(3) {
				case 0:
					block[r.IntN(bs)] = byte(r.Uint32())
				case 1:
					for i := range block {
						block[i] = byte(r.Uint32())
					}
				}
				_, err := s.unpad(block)
				if want := refValid(name, block); want != (err == nil) {
					t.Fatalf("%s: block %x: valid %v, Unpad error %v", name, block, want, err)
				}
			}
		}
	}
}

func TestAlreadyFinalized(t *testing.T) {
	for _, name := range schemeNames {
		s := newImpl(t, name, 128)
		t.Run(name+"/Padder", func(t *testing.T) {
			p := s.padder()
			_, err := p.Update([]byte("abc"))
			require.NoError(t, err)
			_, err = p.Finalize()
			require.NoError(t, err)
			out, err := p.Update([]byte("more"))
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
			assert.Nil(t, out)
			out, err = p.Finalize()
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
			assert.Nil(t, out)
		})
		t.Run(name+"/Unpadder", func(t *testing.T) {
			u := s.unpadder()
			_, err := u.Update(s.pad(nil, []byte("abc")))
			require.NoError(t, err)
			_, err = u.Finalize()
			require.NoError(t, err)
			out, err := u.Update([]byte("more"))
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
			assert.Nil(t, out)
			out, err = u.Finalize()
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
			assert.Nil(t, out)
		})
		t.Run(name+"/Unpadder after invalid padding", func(t *testing.T) {
			u := s.unpadder()
			_, err := u.Update(make([]byte, 16))
			require.NoError(t, err)
			_, err = u.Finalize()
			require.ErrorIs(t, err, ErrInvalidPadding)
			_, err = u.Update([]byte("more"))
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
			_, err = u.Finalize()
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
			assert.NotErrorIs(t, err, ErrInvalidPadding)
		})
		t.Run(name+"/Unpadder after wrong length", func(t *testing.T) {
			u := s.unpadder()
			_, err := u.Finalize()
			require.ErrorIs(t, err, ErrInvalidPadding)
			_, err = u.Finalize()
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
		})
	}
}

// TestUnpadderHoldsBackLastBlock checks what Update releases, block by block.
func TestUnpadderHoldsBackLastBlock(t *testing.T) {
	p, err := NewPKCS7(64)
	require.NoError(t, err)
	u := p.Unpadder()
	steps := []struct {
		in   int // bytes written
		want int // bytes released
	}{{0, 0}, {3, 0}, {5, 0}, {1, 8}, {7, 0}, {8, 8}, {17, 24}}
	total := 0
	for _, st := range steps {
		out, err := u.Update(make([]byte, st.in))
		require.NoError(t, err)
		assert.Len(t, out, st.want, "after %d+%d bytes", total, st.in)
		total += st.in
	}
	_, err = u.Finalize() // 41 bytes in all: not a multiple of 8
	assert.ErrorIs(t, err, ErrInvalidPadding)
}

// TestNotPanics feeds arbitrary bytes to every method, including zero-value
// schemes.
func TestNotPanics(t *testing.T) {
	r := newRand(t)
	var impls []impl
	for _, bits := range []int{8, 16, 64, 128, 1016, 2040} {
		for _, name := range schemeNames {
			impls = append(impls, newImpl(t, name, bits))
		}
	}
	impls = append(impls, pkcs7Impl(&PKCS7{}), ansiImpl(&ANSIX923{}))
	for _, s := range impls {
		t.Run(s.name, func(t *testing.T) {
			bs := s.blockSize() / 8
			for range 300 {
				data := make([]byte, r.IntN(4*bs+2))
				for i := range data {
					data[i] = byte(r.Uint32())
				}
				if len(data) > 0 && r.IntN(2) == 0 { // plausible last bytes
					data[len(data)-1] = byte(r.IntN(bs + 2))
				}
				cuts := randomCuts(r, len(data))
				assert.NotPanics(t, func() {
					got, err := s.unpad(data)
					if err == nil {
						assert.Equal(t, hex.EncodeToString(data), hex.EncodeToString(s.pad(nil, got)))
					} else {
						assert.ErrorIs(t, err, ErrInvalidPadding)
					}
					_ = s.pad(data[:0], data)
					u, p := s.unpadder(), s.padder()
					prev := 0
					for _, c := range append(cuts, len(data)) {
						_, err := u.Update(data[prev:c])
						assert.NoError(t, err)
						_, err = p.Update(data[prev:c])
						assert.NoError(t, err)
						prev = c
					}
					_, _ = u.Finalize()
					_, err = p.Finalize()
					assert.NoError(t, err)
				})
			}
		})
	}
}

func TestAllocations(t *testing.T) {
	for _, name := range schemeNames {
		s := newImpl(t, name, 128)
		t.Run(name, func(t *testing.T) {
			msg := []byte("sixty-four bytes of message, or rather fewer than that: 61 b.")
			dst := make([]byte, 0, len(msg)+16)
			var padded []byte
			allocs := testing.AllocsPerRun(100, func() {
				padded = s.pad(dst[:0], msg)
			})
			assert.Zero(t, allocs, "Pad into a sufficient dst")
			var got []byte
			var err error
			allocs = testing.AllocsPerRun(100, func() {
				got, err = s.unpad(padded)
			})
			require.NoError(t, err)
			assert.Equal(t, msg, got)
			assert.Zero(t, allocs, "Unpad")
			bad := make([]byte, 16)
			allocs = testing.AllocsPerRun(100, func() {
				_, err = s.unpad(bad)
			})
			require.ErrorIs(t, err, ErrInvalidPadding)
			assert.Zero(t, allocs, "Unpad of bad padding")
		})
	}
}

func BenchmarkUnpad(b *testing.B) {
	for _, name := range schemeNames {
		for _, n := range []int{64, 1024} {
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				s := newImpl(b, name, 128)
				padded := s.pad(nil, make([]byte, n-1))
				b.SetBytes(int64(len(padded)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := s.unpad(padded); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
