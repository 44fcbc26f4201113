//go:build cgo

package mac_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/poly1305" //lint:ignore SA1019 the reference for the differential test

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/mac"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

func mustGMAC(t testing.TB, iv []byte) macalg.GMAC {
	g, err := macalg.NewGMAC(iv)
	require.NoError(t, err)
	return g
}

func mustKMAC128(t testing.TB, custom []byte, n int) macalg.KMAC {
	k, err := macalg.NewKMAC128(custom, n)
	require.NoError(t, err)
	return k
}

// TestSupportPolicy pins what the default backend serves: everything
// outside FIPS mode; in FIPS mode CMAC-AES, GMAC and KMAC, and not
// Poly1305. CMAC with TripleDES in FIPS mode is up to the provider (the
// 3.5 FIPS provider with its default configuration serves it): logged, and
// it must agree with what New does.
func TestSupportPolicy(t *testing.T) {
	approved := []backends.MACAlgorithm{
		macalg.CMAC{Cipher: macalg.AES}, mustGMAC(t, make([]byte, 12)),
		mustKMAC128(t, nil, 32), func() macalg.KMAC { k, _ := macalg.NewKMAC256([]byte("x"), 64); return k }(),
	}
	for _, alg := range approved {
		assert.True(t, sslSupported(alg), alg.Name())
	}
	assert.Equal(t, !openssl.FIPS(), sslSupported(macalg.Poly1305{}), "Poly1305 is served exactly outside FIPS mode")
	tdes := macalg.CMAC{Cipher: macalg.TripleDES}
	sup := sslSupported(tdes)
	t.Logf("FIPS mode %v: CMAC-TDES supported: %v", openssl.FIPS(), sup)
	if !openssl.FIPS() {
		assert.True(t, sup)
	}
	_, err := sslNew(tdes, bytes.Repeat([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2))
	if sup {
		assert.NoError(t, err)
	} else {
		var ue *backends.UnsupportedAlgorithmError
		require.ErrorAs(t, err, &ue)
		assert.Equal(t, backends.ReasonFIPSRefused, ue.Reason)
	}
}

// TestMisuse: bad parameters and keys give sentinel errors before any C,
// never a panic; a finalized MAC refuses further use.
func TestMisuse(t *testing.T) {
	key16 := make([]byte, 16)
	cases := []struct {
		name string
		do   func() error
		want error
	}{
		{"CMAC-AES 15-byte key", func() error { _, err := sslNew(macalg.CMAC{Cipher: macalg.AES}, key16[:15]); return err }, backends.ErrInvalidKeySize},
		{"CMAC-AES nil key", func() error { _, err := sslSum(macalg.CMAC{Cipher: macalg.AES}, nil, nil); return err }, backends.ErrInvalidKeySize},
		{"CMAC-TDES 8-byte key", func() error { _, err := sslNew(macalg.CMAC{Cipher: macalg.TripleDES}, key16[:8]); return err }, backends.ErrInvalidKeySize},
		{"CMAC zero cipher", func() error { _, err := sslNew(macalg.CMAC{}, key16); return err }, backends.ErrInvalidArgument},
		{"GMAC empty IV", func() error { _, err := macalg.NewGMAC(nil); return err }, backends.ErrInvalidIVSize},
		{"GMAC zero value", func() error { _, err := sslNew(macalg.GMAC{}, key16); return err }, backends.ErrInvalidIVSize},
		{"GMAC 20-byte key", func() error { _, err := sslNew(mustGMAC(t, key16[:12]), make([]byte, 20)); return err }, backends.ErrInvalidKeySize},
		{"KMAC zero size", func() error { _, err := macalg.NewKMAC128(nil, 0); return err }, backends.ErrInvalidDigestSize},
		{"KMAC negative size", func() error { _, err := macalg.NewKMAC256(nil, -1); return err }, backends.ErrInvalidDigestSize},
		{"KMAC long custom", func() error { _, err := macalg.NewKMAC128(make([]byte, 513), 32); return err }, backends.ErrInvalidArgument},
		{"KMAC 3-byte key", func() error { _, err := sslNew(mustKMAC128(t, nil, 32), key16[:3]); return err }, backends.ErrInvalidKeySize},
		{"KMAC zero value", func() error { _, err := sslNew(macalg.KMAC{}, key16); return err }, backends.ErrInvalidArgument},
		{"Poly1305 16-byte key", func() error { _, err := sslNew(macalg.Poly1305{}, key16); return err }, backends.ErrInvalidKeySize},
		{"nil algorithm", func() error { _, err := sslNew(nil, key16); return err }, backends.ErrInvalidArgument},
		{"nil algorithm Sum", func() error { _, err := sslSum(nil, key16, nil); return err }, backends.ErrInvalidArgument},
		{"zero MAC Update", func() error { var m mac.MAC; return m.Update(nil) }, backends.ErrInvalidArgument},
		{"nil MAC Finalize", func() error { var m *mac.MAC; _, err := m.Finalize(); return err }, backends.ErrInvalidArgument},
		{"Update after Finalize", func() error {
			m, err := sslNew(macalg.CMAC{Cipher: macalg.AES}, key16)
			require.NoError(t, err)
			_, err = m.Finalize()
			require.NoError(t, err)
			return m.Update([]byte("x"))
		}, backends.ErrAlreadyFinalized},
		{"Copy after Verify", func() error {
			m, err := sslNew(macalg.CMAC{Cipher: macalg.AES}, key16)
			require.NoError(t, err)
			require.ErrorIs(t, m.Verify(nil), backends.ErrInvalidSignature)
			_, err = m.Copy()
			return err
		}, backends.ErrAlreadyFinalized},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			assert.NotPanics(t, func() { err = c.do() })
			require.ErrorIs(t, err, c.want)
			assert.NotContains(t, err.Error(), "openssl: ", "checked before the backend")
		})
	}
}

// TestOneTimeReset: Reset refuses one-time keys with a panic that says
// what to do, and works for CMAC.
func TestOneTimeReset(t *testing.T) {
	m, err := sslNew(mustGMAC(t, make([]byte, 12)), make([]byte, 16))
	require.NoError(t, err)
	assert.PanicsWithValue(t, "mac: GMAC keys authenticate one message only: make a new MAC with a new key instead of Reset", m.Reset)

	c, err := sslNew(macalg.CMAC{Cipher: macalg.AES}, make([]byte, 16))
	require.NoError(t, err)
	_, _ = c.Write([]byte("abc"))
	first, err := c.Finalize()
	require.NoError(t, err)
	c.Reset()
	_, _ = c.Write([]byte("abc"))
	assert.Equal(t, hex.EncodeToString(first), hex.EncodeToString(c.Sum(nil)))
}

// TestOneTimeSecondMessage: a GMAC or Poly1305 key authenticates one
// message, so nothing gives a second tag under it: Copy and Clone are
// refused, and Sum ends the message (later writes fail; Finalize and
// Verify give or check that same tag).
func TestOneTimeSecondMessage(t *testing.T) {
	algs := []backends.MACAlgorithm{mustGMAC(t, make([]byte, 12))}
	if sslSupported(macalg.Poly1305{}) {
		algs = append(algs, macalg.Poly1305{})
	}
	for _, alg := range algs {
		t.Run(alg.Name(), func(t *testing.T) {
			key := bytes.Repeat([]byte{1}, alg.KeySizes()[0])
			m, err := sslNew(alg, key)
			require.NoError(t, err)
			_, err = m.Write([]byte("hello"))
			require.NoError(t, err)
			c, err := m.Copy()
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
			assert.Nil(t, c)
			cl, err := m.Clone()
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
			assert.Nil(t, cl)

			want, err := sslSum(alg, key, []byte("hello"))
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(m.Sum(nil)))
			assert.ErrorIs(t, m.Update([]byte(", world")), backends.ErrAlreadyFinalized)
			n, err := m.Write([]byte("!"))
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
			assert.Zero(t, n)
			assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(m.Sum(nil)))
			assert.NoError(t, m.Verify(want))
		})
	}
}

// TestCopy: a copy continues independently of its original.
func TestCopy(t *testing.T) {
	for _, alg := range []backends.MACAlgorithm{macalg.CMAC{Cipher: macalg.AES}, mustKMAC128(t, []byte("c"), 40)} {
		t.Run(alg.Name(), func(t *testing.T) {
			key := make([]byte, 16)
			m, err := sslNew(alg, key)
			require.NoError(t, err)
			_, _ = m.Write([]byte("hello, "))
			c, err := m.Clone()
			require.NoError(t, err)
			_, _ = m.Write([]byte("world"))
			_, _ = c.(*mac.MAC).Write([]byte("there"))
			a, _ := sslSum(alg, key, []byte("hello, world"))
			b, _ := sslSum(alg, key, []byte("hello, there"))
			assert.Equal(t, hex.EncodeToString(a), hex.EncodeToString(m.Sum(nil)))
			assert.Equal(t, hex.EncodeToString(b), hex.EncodeToString(c.(*mac.MAC).Sum(nil)))
		})
	}
}

// TestPoly1305MatchesXCrypto compares Poly1305 with golang.org/x/crypto's
// over random keys and messages of every length to 1 KiB, fed in random
// pieces.
func TestPoly1305MatchesXCrypto(t *testing.T) {
	if !sslSupported(macalg.Poly1305{}) {
		require.True(t, openssl.FIPS())
		t.Skip("Poly1305 is refused in FIPS mode (TestPoly1305Vectors checks the refusal)")
	}
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	for n := 0; n <= 1024; n++ {
		var key [32]byte
		msg := make([]byte, n)
		for i := range key {
			key[i] = byte(rng.Uint32())
		}
		for i := range msg {
			msg[i] = byte(rng.Uint32())
		}
		var want [16]byte
		poly1305.Sum(&want, msg, &key)
		got, err := sslSum(macalg.Poly1305{}, key[:], msg)
		require.NoError(t, err)
		require.Equal(t, hex.EncodeToString(want[:]), hex.EncodeToString(got), "length %d", n)

		m, err := sslNew(macalg.Poly1305{}, key[:])
		require.NoError(t, err)
		cut := rng.IntN(n + 1)
		_, _ = m.Write(msg[:cut])
		_, _ = m.Write(msg[cut:])
		require.Equal(t, hex.EncodeToString(want[:]), hex.EncodeToString(m.Sum(nil)), "length %d cut %d", n, cut)
	}
}

// TestConcurrentSum: one key shared by goroutines computing one-shot MACs
// and MACs of their own contexts (run with -race).
func TestConcurrentSum(t *testing.T) {
	key := bytes.Repeat([]byte{7}, 32)
	alg := macalg.CMAC{Cipher: macalg.AES}
	want, err := sslSum(alg, key, []byte("shared"))
	require.NoError(t, err)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 8 {
		wg.Go(func() {
			for range 200 {
				got, err := sslSum(alg, key, []byte("shared"))
				if err != nil || !bytes.Equal(got, want) {
					errs <- errors.Join(err, errors.New("one-shot MAC differs"))
					return
				}
				m, err := sslNew(alg, key)
				if err != nil {
					errs <- err
					return
				}
				_, _ = m.Write([]byte("shared"))
				if !bytes.Equal(m.Sum(nil), want) {
					errs <- errors.New("streaming MAC differs")
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
}

// sizedMAC is a caller's descriptor of CMAC-AES-128 that reports a MAC
// size of its choosing.
type sizedMAC struct{ n int }

func (sizedMAC) Name() string    { return "sized" }
func (m sizedMAC) Size() int     { return m.n }
func (sizedMAC) KeySizes() []int { return []int{16} }
func (sizedMAC) Params([]byte) (backends.MACParams, error) {
	return backends.MACParams{MAC: "CMAC", Cipher: "aes-128-cbc"}, nil
}

// TestDescriptorSize: a descriptor whose Size is not what the provider
// writes is refused with ErrInvalidDigestSize, by Sum and New alike, and a
// negative or huge one neither panics nor allocates it.
func TestDescriptorSize(t *testing.T) {
	key := make([]byte, 16)
	for _, n := range []int{-1, 0, 8, 17, 1 << 40} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var err error
			assert.NotPanics(t, func() { _, err = sslSum(sizedMAC{n}, key, []byte("x")) })
			assert.ErrorIs(t, err, backends.ErrInvalidDigestSize)
			assert.NotPanics(t, func() { _, err = sslNew(sizedMAC{n}, key) })
			assert.ErrorIs(t, err, backends.ErrInvalidDigestSize)
		})
	}
	got, err := sslSum(sizedMAC{16}, key, []byte("x"))
	require.NoError(t, err)
	want, err := sslSum(macalg.CMAC{Cipher: macalg.AES}, key, []byte("x"))
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))
}

// keySizesMAC is a caller's CMAC-AES-128 descriptor with key sizes of its
// choosing.
type keySizesMAC struct{ sizes []int }

func (keySizesMAC) Name() string      { return "keysizes" }
func (keySizesMAC) Size() int         { return 16 }
func (k keySizesMAC) KeySizes() []int { return k.sizes }
func (keySizesMAC) Params([]byte) (backends.MACParams, error) {
	return backends.MACParams{MAC: "CMAC", Cipher: "aes-128-cbc"}, nil
}

// TestSupportedOddKeySizes: Supported answers false, without panicking or
// allocating, for a descriptor listing a negative or huge key size.
func TestSupportedOddKeySizes(t *testing.T) {
	for _, sizes := range [][]int{{-1}, {16, -5}, {1 << 40}} {
		var ok bool
		assert.NotPanics(t, func() { ok = sslSupported(keySizesMAC{sizes}) }, "%v", sizes)
		assert.False(t, ok, "%v", sizes)
	}
	assert.True(t, sslSupported(keySizesMAC{[]int{16}}))
}

// TestResetStartsOver: after Reset a MAC of another message equals a MAC
// made afresh, with the same key, customization and output length (Reset
// starts the keyed context over in place).
func TestResetStartsOver(t *testing.T) {
	key := bytes.Repeat([]byte{0x2b}, 16)
	for _, alg := range []backends.MACAlgorithm{
		macalg.CMAC{Cipher: macalg.AES},
		mustKMAC128(t, []byte("custom"), 48),
	} {
		t.Run(alg.Name(), func(t *testing.T) {
			m, err := sslNew(alg, key)
			require.NoError(t, err)
			for i, msg := range [][]byte{[]byte("first message"), bytes.Repeat([]byte("second"), 50), nil} {
				m.Reset()
				m.Write(msg)
				got := m.Sum(nil)
				fresh, err := sslNew(alg, key)
				require.NoError(t, err)
				fresh.Write(msg)
				assert.Equal(t, hex.EncodeToString(fresh.Sum(nil)), hex.EncodeToString(got), "message %d", i)
			}
		})
	}
}

// The tests of this file and of vectors_openssl_test.go are about the MACs
// OpenSSL serves: they compute on the OpenSSL backend, whichever backend is
// the default (Go's crypto has no CMAC nor KMAC; hostile_test.go and the
// conformance suite check what the Go backend does).

// sslNew is mac.New on the OpenSSL backend.
func sslNew(alg backends.MACAlgorithm, key []byte) (*mac.MAC, error) {
	return mac.NewWithBackend(alg, key, openssl.DefaultBackend())
}

// sslSum is mac.Sum on the OpenSSL backend.
func sslSum(alg backends.MACAlgorithm, key, data []byte) ([]byte, error) {
	return mac.SumWithBackend(alg, key, data, openssl.DefaultBackend())
}

// sslSupported is mac.Supported on the OpenSSL backend.
func sslSupported(alg backends.MACAlgorithm) bool {
	return openssl.DefaultBackend().MACSupported(alg)
}
