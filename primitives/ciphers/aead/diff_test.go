package aead_test

// Differential tests of the one-shot AEADs: AES-GCM against crypto/cipher,
// ChaCha20-Poly1305 against golang.org/x/crypto/chacha20poly1305, and
// AES-CCM against a reference written here from NIST SP 800-38C over
// crypto/aes. Random keys, nonces and AAD, every length from 0 to 1 KiB and
// a few large messages. The seed is logged; HAZMAT_TEST_SEED repeats a run.

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/chacha20poly1305"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/goref"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
)

const diffMaxLen = 1024

var diffLargeLens = []int{64<<10 - 1, 64 << 10, 100<<10 + 7}

func diffRand(t testing.TB) *rand.Rand {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("HAZMAT_TEST_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		require.NoError(t, err, "HAZMAT_TEST_SEED")
		seed = v
	}
	t.Logf("seed %d (HAZMAT_TEST_SEED=%d repeats this run)", seed, seed)
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

func diffBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func diffHex(b []byte) string { return hex.EncodeToString(b) }

func diffLens() []int {
	ns := make([]int, 0, diffMaxLen+1+len(diffLargeLens))
	for n := 0; n <= diffMaxLen; n++ {
		ns = append(ns, n)
	}
	return append(ns, diffLargeLens...)
}

// diffUnsupported reports whether err says the AEAD is unavailable, which
// is accepted only in FIPS mode.
func diffUnsupported(t *testing.T, err error) bool {
	t.Helper()
	if err == nil {
		return false
	}
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
	require.True(t, defaultbackend.FIPS(), "unsupported outside FIPS mode: %v", err)
	t.Logf("unsupported here: %v", err)
	return true
}

// diffAEAD is an AEAD of hazmat's with its reference, for one key.
type diffAEAD interface {
	cipher.AEAD
	Encrypt(nonce, data, aad []byte) ([]byte, error)
	Decrypt(nonce, data, aad []byte) ([]byte, error)
}

// diffSealOpen checks one message through Seal and Open (appending to a
// prefix, in place, and into spare capacity) and Encrypt and Decrypt,
// against want = ref's ciphertext‖tag.
func diffSealOpen(t *testing.T, r *rand.Rand, h diffAEAD, nonce, pt, aad, want []byte) bool {
	t.Helper()
	n := len(pt)
	ptKeep := bytes.Clone(pt)

	// Seal appending to a prefix, with or without spare capacity.
	prefix := diffBytes(r, r.IntN(8))
	dst := append(make([]byte, 0, len(prefix)+r.IntN(2)*(n+h.Overhead())), prefix...)
	got := h.Seal(dst, nonce, pt, aad)
	if !assert.Equal(t, diffHex(prefix), diffHex(got[:len(prefix)]), "Seal kept the prefix") ||
		!assert.Equal(t, diffHex(want), diffHex(got[len(prefix):]), "Seal, %d bytes, nonce %x", n, nonce) {
		return false
	}
	require.Equal(t, diffHex(ptKeep), diffHex(pt), "Seal modified the plaintext")

	// Seal in place.
	buf := make([]byte, n, n+h.Overhead())
	copy(buf, pt)
	got = h.Seal(buf[:0], nonce, buf, aad)
	if !assert.Equal(t, diffHex(want), diffHex(got), "Seal in place, %d bytes", n) {
		return false
	}

	// Open appending to a prefix, and in place.
	wantKeep := bytes.Clone(want)
	back, err := h.Open(prefix, nonce, want, aad)
	require.NoError(t, err, "Open, %d bytes", n)
	if !assert.Equal(t, diffHex(append(bytes.Clone(prefix), pt...)), diffHex(back), "Open, %d bytes", n) {
		return false
	}
	require.Equal(t, diffHex(wantKeep), diffHex(want), "Open modified the ciphertext")
	ct := bytes.Clone(want)
	back, err = h.Open(ct[:0], nonce, ct, aad)
	require.NoError(t, err, "Open in place, %d bytes", n)
	if !assert.Equal(t, diffHex(pt), diffHex(back), "Open in place") {
		return false
	}

	// Encrypt and Decrypt.
	enc, err := h.Encrypt(nonce, pt, aad)
	require.NoError(t, err)
	if !assert.Equal(t, diffHex(want), diffHex(enc), "Encrypt, %d bytes", n) {
		return false
	}
	dec, err := h.Decrypt(nonce, want, aad)
	require.NoError(t, err)
	return assert.Equal(t, diffHex(pt), diffHex(dec), "Decrypt, %d bytes", n)
}

// diffTamper flips one bit of ciphertext‖tag, of the AAD or of the nonce
// and checks that hazmat and the reference both refuse it.
func diffTamper(t *testing.T, r *rand.Rand, h diffAEAD, ref cipher.AEAD, nonce, aad, sealed []byte) {
	t.Helper()
	nonce, aad, sealed = bytes.Clone(nonce), bytes.Clone(aad), bytes.Clone(sealed)
	switch which := r.IntN(3); {
	case which == 1 && len(aad) > 0:
		aad[r.IntN(len(aad))] ^= 1 << r.IntN(8)
	case which == 2:
		nonce[r.IntN(len(nonce))] ^= 1 << r.IntN(8)
	default:
		sealed[r.IntN(len(sealed))] ^= 1 << r.IntN(8)
	}
	_, err := h.Decrypt(nonce, sealed, aad)
	assert.Equal(t, backends.ErrInvalidTag, err, "Decrypt of a tampered message")
	if len(nonce) == h.NonceSize() {
		out, err := h.Open(nil, nonce, sealed, aad)
		assert.Equal(t, backends.ErrInvalidTag, err, "Open of a tampered message")
		assert.Nil(t, out)
	}
	if ref != nil {
		_, err = ref.Open(nil, nonce, sealed, aad)
		assert.Error(t, err, "the reference accepted the tampered message")
	}
}

func diffAAD(r *rand.Rand) []byte {
	switch r.IntN(4) {
	case 0:
		return nil
	case 1:
		return diffBytes(r, r.IntN(16))
	}
	return diffBytes(r, r.IntN(300))
}

// TestDiffAESGCM compares AESGCM with crypto/cipher's GCM: Seal and Open
// with 12-byte nonces, and Encrypt and Decrypt with nonces of 8 to 128
// bytes (NewGCMWithNonceSize).
func TestDiffAESGCM(t *testing.T) {
	for _, keyLen := range []int{16, 24, 32} {
		t.Run("AES-"+strconv.Itoa(keyLen*8), func(t *testing.T) {
			t.Parallel()
			r := diffRand(t)
			for i, n := range diffLens() {
				key, nonce, pt, aad := diffBytes(r, keyLen), diffBytes(r, 12), diffBytes(r, n), diffAAD(r)
				h, err := aead.NewAESGCM(key)
				if gcmRefused(t, err) {
					return
				}
				require.Equal(t, 12, h.NonceSize())
				require.Equal(t, 16, h.Overhead())
				ref, err := goGCM(key, 12)
				require.NoError(t, err)
				want := ref.Seal(nil, nonce, pt, aad)
				if !diffSealOpen(t, r, h, nonce, pt, aad, want) {
					return
				}
				if i%7 == 0 {
					diffTamper(t, r, h, ref, nonce, aad, want)
				}
			}
		})
	}

	t.Run("nonce sizes", func(t *testing.T) {
		t.Parallel()
		r := diffRand(t)
		sizes := []int{8, 16, 60, 128}
		for range 300 {
			sizes = append(sizes, 8+r.IntN(121))
		}
		for i, size := range sizes {
			key, nonce := diffBytes(r, []int{16, 24, 32}[i%3]), diffBytes(r, size)
			pt, aad := diffBytes(r, r.IntN(300)), diffAAD(r)
			h, err := aead.NewAESGCM(key)
			if gcmRefused(t, err) {
				return
			}
			ref, err := goGCM(key, size)
			require.NoError(t, err)
			want := ref.Seal(nil, nonce, pt, aad)
			got, err := h.Encrypt(nonce, pt, aad)
			require.NoError(t, err, "%d-byte nonce", size)
			if !assert.Equal(t, diffHex(want), diffHex(got), "Encrypt with a %d-byte nonce", size) {
				return
			}
			back, err := h.Decrypt(nonce, want, aad)
			require.NoError(t, err, "%d-byte nonce", size)
			assert.Equal(t, diffHex(pt), diffHex(back))
			if i%5 == 0 {
				diffTamper(t, r, h, ref, nonce, aad, want)
			}
		}
	})
}

// TestDiffChaCha20Poly1305 compares ChaCha20Poly1305 with x/crypto's.
func TestDiffChaCha20Poly1305(t *testing.T) {
	r := diffRand(t)
	if _, err := aead.NewChaCha20Poly1305(diffBytes(r, 32)); diffUnsupported(t, err) {
		return
	}
	for i, n := range diffLens() {
		key, nonce, pt, aad := diffBytes(r, 32), diffBytes(r, 12), diffBytes(r, n), diffAAD(r)
		h, err := aead.NewChaCha20Poly1305(key)
		require.NoError(t, err)
		require.Equal(t, chacha20poly1305.NonceSize, h.NonceSize())
		require.Equal(t, chacha20poly1305.Overhead, h.Overhead())
		ref, err := goChaCha20Poly1305(key)
		require.NoError(t, err)
		want := ref.Seal(nil, nonce, pt, aad)
		if !diffSealOpen(t, r, h, nonce, pt, aad, want) {
			return
		}
		if i%7 == 0 {
			diffTamper(t, r, h, ref, nonce, aad, want)
		}
	}
}

// refCCM is AES-CCM as NIST SP 800-38C specifies it (CBC-MAC, then CTR),
// written plainly over crypto/aes as a reference. It handles AAD shorter
// than 2^32 bytes.
func refCCM(b cipher.Block, tagLen int, nonce, pt, aad []byte) []byte {
	q := 15 - len(nonce)
	// B0: flags, nonce, message length in q bytes.
	var b0 [16]byte
	b0[0] = byte((tagLen-2)/2<<3 | (q - 1))
	if len(aad) > 0 {
		b0[0] |= 0x40
	}
	copy(b0[1:], nonce)
	var l [8]byte
	binary.BigEndian.PutUint64(l[:], uint64(len(pt)))
	copy(b0[16-q:], l[8-q:])

	// The blocks to MAC: B0, encoded AAD padded, plaintext padded.
	mac := bytes.Clone(b0[:])
	if len(aad) > 0 {
		var a []byte
		if len(aad) < 1<<16-1<<8 {
			a = binary.BigEndian.AppendUint16(nil, uint16(len(aad)))
		} else {
			a = binary.BigEndian.AppendUint32([]byte{0xff, 0xfe}, uint32(len(aad)))
		}
		a = append(a, aad...)
		mac = append(mac, a...)
		mac = append(mac, make([]byte, (16-len(a)%16)%16)...)
	}
	mac = append(mac, pt...)
	mac = append(mac, make([]byte, (16-len(pt)%16)%16)...)
	y := make([]byte, 16)
	for i := 0; i < len(mac); i += 16 {
		for j := range 16 {
			y[j] ^= mac[i+j]
		}
		b.Encrypt(y, y)
	}

	// Counter blocks: flags q-1, nonce, counter in q bytes.
	ctr := make([]byte, 16)
	ctr[0] = byte(q - 1)
	copy(ctr[1:], nonce)
	s0 := make([]byte, 16)
	b.Encrypt(s0, ctr)
	out := make([]byte, len(pt), len(pt)+tagLen)
	ks := make([]byte, 16)
	for i := 0; i < len(pt); i += 16 {
		// Increment the q-byte counter.
		for j := 15; j >= 16-q; j-- {
			ctr[j]++
			if ctr[j] != 0 {
				break
			}
		}
		b.Encrypt(ks, ctr)
		for j := i; j < min(i+16, len(pt)); j++ {
			out[j] = pt[j] ^ ks[j-i]
		}
	}
	for j := range tagLen {
		out = append(out, y[j]^s0[j])
	}
	return out
}

// TestDiffAESCCMReference checks the reference itself against RFC 3610's
// Packet Vector #1.
func TestDiffAESCCMReference(t *testing.T) {
	unhex := func(s string) []byte {
		b, err := hex.DecodeString(s)
		require.NoError(t, err)
		return b
	}
	b, err := aes.NewCipher(unhex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"))
	require.NoError(t, err)
	got := refCCM(b, 8, unhex("00000003020100a0a1a2a3a4a5"),
		unhex("08090a0b0c0d0e0f101112131415161718191a1b1c1d1e"), unhex("0001020304050607"))
	assert.Equal(t, "588c979a61c663d2f066d0c2c0f989806d5f6b61dac384"+"17e8d12cfdf926e0", diffHex(got))
}

// TestDiffOpenFailureKeepsDst checks, for every AEAD, that a failed Open
// returns nil and leaves no plaintext in dst's spare capacity.
func TestDiffOpenFailureKeepsDst(t *testing.T) {
	r := diffRand(t)
	key := diffBytes(r, 32)
	var hs []diffAEAD
	if g, err := aead.NewAESGCM(key); !gcmRefused(t, err) {
		hs = append(hs, g)
	}
	if c, err := aead.NewAESCCM(key, 16); err == nil {
		hs = append(hs, c)
	} else {
		// Go's crypto has no CCM.
		require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
		require.Equal(t, defaultbackend.Go, defaultbackend.Name(), "%v", err)
	}
	if cp, err := aead.NewChaCha20Poly1305(key); !diffUnsupported(t, err) {
		hs = append(hs, cp)
	}
	for _, h := range hs {
		for range 50 {
			nonce, pt, aad := diffBytes(r, h.NonceSize()), diffBytes(r, 16+r.IntN(200)), diffAAD(r)
			sealed := h.Seal(nil, nonce, pt, aad)
			sealed[r.IntN(len(sealed))] ^= 0x10
			dst := make([]byte, 3, 3+len(pt)+32)
			copy(dst, "abc")
			out, err := h.Open(dst, nonce, sealed, aad)
			assert.Nil(t, out)
			assert.True(t, errors.Is(err, backends.ErrInvalidTag), "%T: %v", h, err)
			assert.Equal(t, "abc", string(dst[:3]))
			assert.False(t, bytes.Contains(dst[:cap(dst)], pt[:16]), "%T: plaintext left in dst", h)
		}
	}
}

// goGCM returns Go's AES-GCM with nonces of nonceSize bytes, made even
// where GODEBUG=fips140=only makes Go refuse the caller's nonces (see
// goref.Run).
func goGCM(key []byte, nonceSize int) (a cipher.AEAD, err error) {
	goref.Run(func() {
		var b cipher.Block
		if b, err = aes.NewCipher(key); err == nil {
			a, err = cipher.NewGCMWithNonceSize(b, nonceSize)
		}
	})
	return a, err
}

// goChaCha20Poly1305 returns golang.org/x/crypto's ChaCha20-Poly1305, made
// even where GODEBUG=fips140=only makes it refuse (see goref.Run).
func goChaCha20Poly1305(key []byte) (a cipher.AEAD, err error) {
	goref.Run(func() { a, err = chacha20poly1305.New(key) })
	return a, err
}
