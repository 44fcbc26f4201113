package backendtest

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// macKAT is a known answer of a MAC.
type macKAT struct {
	name           string
	alg            backends.MACAlgorithm
	key, msg, want []byte
}

// unhex decodes the suite's own constants, which are valid hex.
func unhex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic("backendtest: bad constant: " + err.Error())
	}
	return b
}

// macKATs are RFC 4493's CMAC-AES examples, NIST SP 800-38B's CMAC-TDES
// example (three keys), RFC 8439's Poly1305 example (section 2.5.2), and
// the module's testdata/mac (GMAC from the GCM specification, KMAC from
// SP 800-185).
func macKATs(t *testing.T) []macKAT {
	t.Helper()
	cmacKey := unhex("2b7e151628aed2a6abf7158809cf4f3c")
	kats := []macKAT{
		{"CMAC-AES RFC 4493 example 1", macalg.CMAC{Cipher: macalg.AES}, cmacKey, nil, unhex("bb1d6929e95937287fa37d129b756746")},
		{"CMAC-AES RFC 4493 example 2", macalg.CMAC{Cipher: macalg.AES}, cmacKey, unhex("6bc1bee22e409f96e93d7e117393172a"), unhex("070a16b46b4d4144f79bdd9dd04a287c")},
		{"CMAC-TDES SP 800-38B", macalg.CMAC{Cipher: macalg.TripleDES}, unhex("8aa83bf8cbda10620bc1bf19fbb6cd58bc313d4a371ca8b5"), unhex("6bc1bee22e409f96"), unhex("8e8f293136283797")},
		{"Poly1305 RFC 8439 2.5.2", macalg.Poly1305{}, unhex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b"),
			[]byte("Cryptographic Forum Research Group"), unhex("a8061dc1305136c6c22b8baf0c0127a9")},
	}
	dir, err := vectors.TestdataDir()
	require.NoError(t, err)
	for _, f := range []string{"gmac-gcm-spec.txt", "kmac-sp800-185.txt"} {
		recs, err := vectors.ParseFile(filepath.Join(dir, "mac", f))
		require.NoError(t, err)
		for _, r := range recs {
			key, err := r.Hex("KEY")
			require.NoError(t, err)
			msg, err := r.Hex("MESSAGE")
			require.NoError(t, err)
			var alg backends.MACAlgorithm
			var want []byte
			if r.Has("IV") {
				iv, err := r.Hex("IV")
				require.NoError(t, err)
				alg, err = macalg.NewGMAC(iv)
				require.NoError(t, err)
				want, err = r.Hex("TAG")
				require.NoError(t, err)
			} else {
				custom, err := r.Hex("CUSTOM")
				require.NoError(t, err)
				n, err := r.Int("OUTPUTLEN")
				require.NoError(t, err)
				if strings.EqualFold(r.Fields["alg"], "KMAC128") {
					alg, err = macalg.NewKMAC128(custom, n)
				} else {
					alg, err = macalg.NewKMAC256(custom, n)
				}
				require.NoError(t, err)
				want, err = r.Hex("OUTPUT")
				require.NoError(t, err)
			}
			kats = append(kats, macKAT{f + " " + r.Name(), alg, key, msg, want})
		}
	}
	return kats
}

// TestMACBackend checks b against the contract of [backends.MACBackend]:
//
//   - MACSupported is true exactly when CreateMACCtx succeeds with a key of
//     each of the algorithm's KeySizes;
//   - a supported MAC gives the known answers above, fed in random parts;
//     the optional [backends.OneShotMACer], [backends.Summer] and
//     [backends.Resetter] agree with the generic path;
//   - the key and the data are left unmodified and the key is copied;
//   - Copy continues independently; after Finalize every call returns
//     [backends.ErrAlreadyFinalized];
//   - keys the descriptor refuses give its error, wrapping
//     [backends.ErrInvalidKeySize]; a nil algorithm gives an error; none
//     panics;
//   - one key is used from many goroutines at once;
//   - ComputeMAC and Sum write nothing past the MAC they append, whether
//     dst's capacity ends exactly there or goes on, for CMAC with every
//     key size, GMAC with IVs of 1 to 64 bytes, Poly1305 and KMAC with
//     every output length to 64 bytes and around larger block boundaries.
func TestMACBackend(t *testing.T, b backends.MACBackend) {
	t.Helper()
	require.NotNil(t, b, "backendtest: nil backend")
	for _, k := range macKATs(t) {
		t.Run(k.name, func(t *testing.T) {
			if !b.MACSupported(k.alg) {
				t.Logf("MACSupported(%s) = false", k.alg.Name())
				ctx, err := b.CreateMACCtx(k.alg, k.key)
				if err == nil {
					// Supported answers for every key size; this key may
					// still be one the backend takes (a provider refusing
					// only some sizes).
					_, ferr := ctx.Finalize()
					assert.NoError(t, ferr)
					return
				}
				if !errors.Is(err, backends.ErrInvalidKeySize) {
					assertUnsupported(t, err, "CreateMACCtx(%s) while MACSupported is false", k.alg.Name())
				}
				return
			}
			testMACKAT(t, b, k)
		})
	}
	t.Run("BadKeys", func(t *testing.T) {
		for _, c := range []struct {
			alg backends.MACAlgorithm
			key []byte
		}{
			{macalg.CMAC{Cipher: macalg.AES}, make([]byte, 15)},
			{macalg.Poly1305{}, make([]byte, 31)},
			{macalg.CMAC{Cipher: macalg.TripleDES}, make([]byte, 8)},
		} {
			var err error
			noPanic(t, "CreateMACCtx with a bad key", func() { _, err = b.CreateMACCtx(c.alg, c.key) })
			assert.ErrorIs(t, err, backends.ErrInvalidKeySize, c.alg.Name())
		}
		var err error
		noPanic(t, "CreateMACCtx(nil)", func() { _, err = b.CreateMACCtx(nil, make([]byte, 16)) })
		assert.Error(t, err)
		noPanic(t, "MACSupported(nil)", func() { assert.False(t, b.MACSupported(nil)) })
	})
	t.Run("NothingPastOutput", func(t *testing.T) { testMACNothingPastOutput(t, b) })
	t.Run("Concurrent", func(t *testing.T) {
		// The first MAC the backend serves (a one-time key used many times
		// over is fine for a test).
		gmac, err := macalg.NewGMAC(make([]byte, 12))
		require.NoError(t, err)
		var alg backends.MACAlgorithm
		for _, a := range []backends.MACAlgorithm{macalg.CMAC{Cipher: macalg.AES}, macalg.Poly1305{}, gmac} {
			if b.MACSupported(a) {
				alg = a
				break
			}
		}
		if alg == nil {
			t.Skip("none of CMAC-AES, Poly1305 and GMAC is supported")
		}
		r := newRand(t, "concurrent mac")
		key, msg := randBytes(r, alg.KeySizes()[0]), randBytes(r, 1000)
		want := macOfCtx(t, b, alg, key, msg)
		runConcurrently(t, func(t *testing.T, g int) {
			got := macOfCtx(t, b, alg, key, msg)
			assert.Equal(t, hx(want), hx(got), "goroutine %d", g)
			if o, ok := b.(backends.OneShotMACer); ok {
				got, err := o.ComputeMAC(alg, key, msg, nil)
				assert.NoError(t, err)
				assert.Equal(t, hx(want), hx(got), "goroutine %d, one-shot", g)
			}
		})
	})
}

// pastMACs are the MACs and keys of testMACNothingPastOutput.
func pastMACs(t *testing.T) []macKAT {
	var ms []macKAT
	r := newRand(t, "mac nothing past output")
	for _, c := range []macalg.CMAC{{Cipher: macalg.AES}, {Cipher: macalg.TripleDES}} {
		for _, k := range c.KeySizes() {
			ms = append(ms, macKAT{name: fmt.Sprintf("%s with a %d-byte key", c.Name(), k), alg: c, key: randBytes(r, k)})
		}
	}
	for _, ivLen := range []int{1, 12, 16, 64} {
		g, err := macalg.NewGMAC(randBytes(r, ivLen))
		require.NoError(t, err)
		for _, k := range g.KeySizes() {
			ms = append(ms, macKAT{name: fmt.Sprintf("GMAC with a %d-byte IV and a %d-byte key", ivLen, k), alg: g, key: randBytes(r, k)})
		}
	}
	ms = append(ms, macKAT{name: "Poly1305", alg: macalg.Poly1305{}, key: randBytes(r, 32)})
	for _, n := range pastLengths()[1:] {
		for _, bits := range []int{128, 256} {
			k, err := macalg.NewKMAC128([]byte("custom"), n)
			if bits == 256 {
				k, err = macalg.NewKMAC256(nil, n)
			}
			require.NoError(t, err)
			ms = append(ms, macKAT{name: fmt.Sprintf("KMAC%d of %d bytes", bits, n), alg: k, key: randBytes(r, 32)})
		}
	}
	return ms
}

// testMACNothingPastOutput appends MACs to a dst that is a window on a
// larger patterned buffer, its capacity ending exactly at the MAC or going
// on past it, with ComputeMAC and Sum, for each of pastMACs the backend
// serves, after messages of lengths around the block boundaries (KMAC: of
// one length, at every output length). The bytes past the MAC must keep
// their value.
func testMACNothingPastOutput(t *testing.T, b backends.MACBackend) {
	r := newRand(t, "mac nothing past output messages")
	o, oneShot := b.(backends.OneShotMACer)
	served := 0
	var refused []string
	for _, m := range pastMACs(t) {
		if !b.MACSupported(m.alg) {
			refused = append(refused, m.name)
			continue
		}
		served++
		lengths := pastLengths()
		if _, kmac := m.alg.(macalg.KMAC); kmac {
			lengths = []int{137}
		}
		size := m.alg.Size()
		for _, n := range lengths {
			msg := randBytes(r, n)
			want := macOfCtx(t, b, m.alg, m.key, msg)
			require.Len(t, want, size, m.name)
			for _, exact := range []bool{true, false} {
				if oneShot {
					what := fmt.Sprintf("ComputeMAC, %s, of %d bytes, %s", m.name, n, capacity(exact))
					buf := pastBuffer(size)
					got, err := o.ComputeMAC(m.alg, m.key, msg, window(buf, size, exact))
					require.NoError(t, err, what)
					assert.Equal(t, hx(want), hx(got[pastPrefix:]), what)
					assertNothingPast(t, buf, size, what)
				}
				ctx, err := b.CreateMACCtx(m.alg, m.key)
				require.NoError(t, err, m.name)
				require.NoError(t, ctx.Update(msg))
				if s, ok := ctx.(backends.Summer); ok {
					what := fmt.Sprintf("Sum, %s, after %d bytes, %s", m.name, n, capacity(exact))
					buf := pastBuffer(size)
					got, err := s.Sum(window(buf, size, exact))
					require.NoError(t, err, what)
					assert.Equal(t, hx(want), hx(got[pastPrefix:]), what)
					assertNothingPast(t, buf, size, what)
				}
			}
		}
	}
	t.Logf("%d of %d MACs served; not served: %v", served, served+len(refused), refused)
	if served == 0 {
		t.Skip("none of CMAC, GMAC, Poly1305 and KMAC is supported")
	}
}

func macOfCtx(t *testing.T, b backends.MACBackend, alg backends.MACAlgorithm, key, msg []byte) []byte {
	t.Helper()
	ctx, err := b.CreateMACCtx(alg, key)
	if !assert.NoError(t, err) {
		return nil
	}
	assert.NoError(t, ctx.Update(msg))
	out, err := ctx.Finalize()
	assert.NoError(t, err)
	return out
}

func testMACKAT(t *testing.T, b backends.MACBackend, k macKAT) {
	r := newRand(t, k.name)
	key, msg := bytes.Clone(k.key), bytes.Clone(k.msg)
	ctx, err := b.CreateMACCtx(k.alg, key)
	require.NoError(t, err)
	clear(key) // the key must have been copied
	for _, p := range split(r, msg) {
		require.NoError(t, ctx.Update(p))
	}
	if s, ok := ctx.(backends.Summer); ok {
		got, err := s.Sum([]byte("x"))
		require.NoError(t, err)
		assert.Equal(t, "x"+string(k.want), string(got), "Sum appends and leaves the state")
	}
	cp, err := ctx.Copy()
	require.NoError(t, err)
	got, err := ctx.Finalize()
	require.NoError(t, err)
	assert.Equal(t, hx(k.want), hx(got))
	assert.Equal(t, hx(k.msg), hx(msg), "the data was modified")
	_, err = ctx.Finalize()
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
	assert.ErrorIs(t, ctx.Update([]byte("x")), backends.ErrAlreadyFinalized)
	_, err = ctx.Copy()
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
	got, err = cp.Finalize()
	require.NoError(t, err)
	assert.Equal(t, hx(k.want), hx(got), "the copy")
	if rs, ok := ctx.(backends.Resetter); ok {
		require.NoError(t, rs.Reset())
		require.NoError(t, ctx.Update(k.msg))
		got, err := ctx.Finalize()
		require.NoError(t, err)
		assert.Equal(t, hx(k.want), hx(got), "after Reset")
	}
	if o, ok := b.(backends.OneShotMACer); ok {
		got, err := o.ComputeMAC(k.alg, k.key, k.msg, []byte("y"))
		require.NoError(t, err)
		assert.Equal(t, "y"+string(k.want), string(got), "ComputeMAC appends")
	}
}

// TestKeyWrapBackend checks b against the contract of
// [backends.KeyWrapBackend]: RFC 3394's and RFC 5649's examples; round
// trips of KW and KWP at every key length to 72 bytes with each KEK size
// the backend supports; the bare [backends.ErrInvalidUnwrap] and no output
// for a damaged wrapped key; sentinel errors for lengths and KEK sizes;
// inputs left unmodified. A backend without key wrap (KeyWrapSupported
// false for KW and KWP with a 16-byte KEK) must refuse every call as an
// unsupported algorithm, whatever the lengths.
func TestKeyWrapBackend(t *testing.T, b backends.KeyWrapBackend) {
	t.Helper()
	require.NotNil(t, b, "backendtest: nil backend")
	kats := []struct {
		name            string
		mode            backends.KeyWrapMode
		kek, key, wrapd string
	}{
		{"RFC 3394 4.1", backends.KW, "000102030405060708090A0B0C0D0E0F", "00112233445566778899AABBCCDDEEFF", "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5"},
		{"RFC 3394 4.6", backends.KW, "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
			"00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F", "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21"},
		{"RFC 5649 6 (20 bytes)", backends.KWP, "5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8", "c37b7e6492584340bed12207808941155068f738", "138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a"},
		{"RFC 5649 6 (7 bytes)", backends.KWP, "5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8", "466f7250617369", "afbeb0f07dfbf5419200f2ccb50bb24f"},
	}
	for _, k := range kats {
		t.Run(k.name, func(t *testing.T) {
			kek, key, want := unhex(strings.ToLower(k.kek)), unhex(strings.ToLower(k.key)), unhex(strings.ToLower(k.wrapd))
			if !b.KeyWrapSupported(k.mode, len(kek)) {
				_, err := b.WrapKey(k.mode, kek, key)
				assertUnsupported(t, err, "WrapKey while KeyWrapSupported is false")
				return
			}
			got, err := b.WrapKey(k.mode, kek, key)
			require.NoError(t, err)
			assert.Equal(t, hx(want), hx(got))
			back, err := b.UnwrapKey(k.mode, kek, want)
			require.NoError(t, err)
			assert.Equal(t, hx(key), hx(back))
			bad := bytes.Clone(want)
			bad[len(bad)-1] ^= 1
			back, err = b.UnwrapKey(k.mode, kek, bad)
			assert.Equal(t, backends.ErrInvalidUnwrap, err, "a damaged wrapped key gives the bare sentinel")
			assert.Nil(t, back)
		})
	}
	t.Run("RoundTrips", func(t *testing.T) {
		r := newRand(t, "key wrap")
		for _, mode := range []backends.KeyWrapMode{backends.KW, backends.KWP, backends.KWInverse, backends.KWPInverse} {
			for _, kekLen := range []int{16, 24, 32} {
				if !b.KeyWrapSupported(mode, kekLen) {
					t.Logf("KeyWrapSupported(%v, %d) = false", mode, kekLen)
					continue
				}
				kek := randBytes(r, kekLen)
				for n := 1; n <= 72; n++ {
					key := randBytes(r, n)
					keep := bytes.Clone(key)
					w, err := b.WrapKey(mode, kek, key)
					if !mode.Padded() && (n < 16 || n%8 != 0) {
						assert.ErrorIs(t, err, backends.ErrInvalidDataLength, "%v of %d bytes", mode, n)
						assert.Nil(t, w)
						continue
					}
					require.NoError(t, err, "%v of %d bytes", mode, n)
					assert.Equal(t, hx(keep), hx(key), "the key was modified")
					back, err := b.UnwrapKey(mode, kek, w)
					require.NoError(t, err)
					assert.Equal(t, hx(key), hx(back), "%v of %d bytes", mode, n)
				}
			}
		}
	})
	t.Run("Misuse", func(t *testing.T) {
		var err error
		if !b.KeyWrapSupported(backends.KW, 16) && !b.KeyWrapSupported(backends.KWP, 16) {
			// A backend without key wrap refuses every call as an
			// unsupported algorithm, whatever the lengths.
			for _, mode := range []backends.KeyWrapMode{backends.KW, backends.KWP, backends.KWInverse, backends.KWPInverse} {
				var out []byte
				noPanic(t, "WrapKey", func() { out, err = b.WrapKey(mode, make([]byte, 20), nil) })
				assertUnsupported(t, err, "WrapKey(%v) while KeyWrapSupported is false", mode)
				assert.Nil(t, out)
				noPanic(t, "UnwrapKey", func() { out, err = b.UnwrapKey(mode, make([]byte, 16), make([]byte, 24)) })
				assertUnsupported(t, err, "UnwrapKey(%v) while KeyWrapSupported is false", mode)
				assert.Nil(t, out)
			}
			return
		}
		noPanic(t, "WrapKey with a 20-byte KEK", func() { _, err = b.WrapKey(backends.KW, make([]byte, 20), make([]byte, 16)) })
		assert.ErrorIs(t, err, backends.ErrInvalidKeySize)
		noPanic(t, "WrapKey of nothing", func() { _, err = b.WrapKey(backends.KWP, make([]byte, 16), nil) })
		assert.ErrorIs(t, err, backends.ErrInvalidDataLength)
		for _, n := range []int{0, 8, 17, 23} {
			var out []byte
			noPanic(t, "UnwrapKey of a bad length", func() { out, err = b.UnwrapKey(backends.KW, make([]byte, 16), make([]byte, n)) })
			assert.Equal(t, backends.ErrInvalidUnwrap, err, "%d bytes", n)
			assert.Nil(t, out)
		}
	})
}

// TestRandBackend checks b against the contract of [backends.RandBackend]:
// buffers of many sizes are filled (two reads differ), from both
// generators and through RandReader, which never reads short; many
// goroutines read at once; RandBytes and RandReader's Read write nothing
// past the buffer, whether its capacity ends with it or goes on, at every
// length to 64 bytes and around larger block boundaries.
func TestRandBackend(t *testing.T, b backends.RandBackend) {
	t.Helper()
	require.NotNil(t, b, "backendtest: nil backend")
	for _, private := range []bool{false, true} {
		for _, n := range []int{0, 1, 16, 33, 4096, 1<<20 + 3} {
			x, y := make([]byte, n), make([]byte, n)
			require.NoError(t, b.RandBytes(x, private))
			got, err := b.RandReader(private).Read(y)
			require.NoError(t, err)
			assert.Equal(t, n, got)
			if n >= 16 {
				assert.NotEqual(t, hx(x), hx(y), "two reads of %d bytes are equal", n)
				assert.False(t, bytes.Equal(x, make([]byte, n)), "%d zero bytes", n)
			}
		}
	}
	t.Run("NothingPastOutput", func(t *testing.T) {
		for _, private := range []bool{false, true} {
			for _, n := range pastLengths() {
				for _, exact := range []bool{true, false} {
					what := fmt.Sprintf("RandBytes of %d bytes (private %v), %s", n, private, capacity(exact))
					buf := pastBuffer(n)
					require.NoError(t, b.RandBytes(intoWindow(buf, n, exact), private), what)
					assertNothingPast(t, buf, n, what)

					what = fmt.Sprintf("RandReader's Read of %d bytes (private %v), %s", n, private, capacity(exact))
					buf = pastBuffer(n)
					got, err := b.RandReader(private).Read(intoWindow(buf, n, exact))
					require.NoError(t, err, what)
					assert.Equal(t, n, got, what)
					assertNothingPast(t, buf, n, what)
				}
			}
		}
	})
	t.Run("Concurrent", func(t *testing.T) {
		runConcurrently(t, func(t *testing.T, g int) {
			buf := make([]byte, 64)
			assert.NoError(t, b.RandBytes(buf, g%2 == 1))
			assert.False(t, bytes.Equal(buf, make([]byte, 64)))
		})
	})
}
