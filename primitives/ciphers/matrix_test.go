//go:build cgo

package ciphers_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// matrixAlg is one algorithm of the matrix, keyed with a valid key.
type matrixAlg struct {
	label string // row label: the name and, where it matters, the key size
	alg   backends.CipherAlgorithm
	block int // block size in bytes; 0 for a stream cipher
}

// matrixMode is one column: a mode built for a block of bs bytes (nil for
// the stream ciphers' "no mode").
type matrixMode struct {
	name string
	make func(bs int) (backends.Mode, error)
}

// matrixKey returns n key bytes whose halves differ (as XTS needs).
func matrixKey(n int) []byte {
	k := make([]byte, n)
	for i := range k {
		k[i] = byte(i*29 + 7)
	}
	return k
}

func matrixAlgs(t *testing.T) []matrixAlg {
	t.Helper()
	must := func(a backends.CipherAlgorithm, err error) backends.CipherAlgorithm {
		t.Helper()
		require.NoError(t, err)
		return a
	}
	var out []matrixAlg
	for _, n := range []int{16, 24, 32, 64} {
		out = append(out, matrixAlg{fmt.Sprintf("AES-%d", n*8), must(algorithms.NewAES(matrixKey(n))), 16})
	}
	for _, n := range []int{16, 24, 32} {
		out = append(out, matrixAlg{fmt.Sprintf("Camellia-%d", n*8), must(algorithms.NewCamellia(matrixKey(n))), 16})
	}
	chachaNonce := make([]byte, 16)
	chachaNonce[0] = 1
	out = append(out,
		matrixAlg{"TripleDES", must(algorithms.NewTripleDES(matrixKey(24))), 8},
		matrixAlg{"Blowfish", must(algorithms.NewBlowfish(matrixKey(16))), 8},
		matrixAlg{"CAST5", must(algorithms.NewCAST5(matrixKey(16))), 8},
		matrixAlg{"SEED", must(algorithms.NewSEED(matrixKey(16))), 16},
		matrixAlg{"IDEA", must(algorithms.NewIDEA(matrixKey(16))), 8},
		matrixAlg{"SM4", must(algorithms.NewSM4(matrixKey(16))), 16},
		matrixAlg{"ARC4", must(algorithms.NewARC4(matrixKey(16))), 0},
		matrixAlg{"ChaCha20", must(algorithms.NewChaCha20(matrixKey(32), chachaNonce)), 0},
	)
	return out
}

func matrixModes() []matrixMode {
	iv := func(bs int) []byte { return bytes.Repeat([]byte{0x5c}, bs) }
	return []matrixMode{
		{"ECB", func(int) (backends.Mode, error) { return modes.NewECB(), nil }},
		{"CBC", func(bs int) (backends.Mode, error) { return modes.NewCBC(iv(bs)) }},
		{"CTR", func(bs int) (backends.Mode, error) { return modes.NewCTR(iv(bs)) }},
		{"OFB", func(bs int) (backends.Mode, error) { return modes.NewOFB(iv(bs)) }},
		{"CFB", func(bs int) (backends.Mode, error) { return modes.NewCFB(iv(bs)) }},
		{"CFB8", func(bs int) (backends.Mode, error) { return modes.NewCFB8(iv(bs)) }},
		{"GCM", func(int) (backends.Mode, error) { return modes.NewGCM(iv(12), nil) }},
		{"XTS", func(int) (backends.Mode, error) { return modes.NewXTS(iv(16)) }},
		{"none", func(int) (backends.Mode, error) { return nil, nil }},
	}
}

// expectedRefusal is the sentinel with which validation must refuse the
// pair, or nil for a valid pair. It restates the rules of package modes
// so that the test does not merely echo them.
func expectedRefusal(a matrixAlg, mode string) error {
	stream := a.block == 0
	isAES := strings.HasPrefix(a.label, "AES-")
	bits := a.alg.KeySize()
	switch {
	case mode == "none" && stream:
		return nil
	case mode == "none":
		return backends.ErrInvalidArgument // a block cipher needs a mode
	case stream:
		return backends.ErrUnsupportedAlgorithm // a stream cipher takes no mode
	case mode == "XTS" && !isAES:
		return backends.ErrUnsupportedAlgorithm
	case mode == "XTS" && bits != 256 && bits != 512:
		return backends.ErrInvalidKeySize
	case mode == "XTS":
		return nil
	case mode == "GCM" && a.block != 16:
		return backends.ErrUnsupportedAlgorithm
	case isAES && bits == 512:
		return backends.ErrInvalidKeySize // 512-bit AES keys are for XTS only
	}
	return nil
}

// expectedSupport is what this machine's OpenSSL 3 (default and legacy
// providers, FIPS mode off) offers. IDEA is the exception: OpenSSL builds
// it only without no-idea, and Debian's packages are built with no-idea;
// where the legacy provider has it, it has it in the same four modes as
// Blowfish. ideaBuilt says which (see [ideaAvailable]).
func expectedSupport(a matrixAlg, mode string, ideaBuilt bool) bool {
	name, _, _ := strings.Cut(a.label, "-")
	in := func(list ...string) bool {
		for _, m := range list {
			if m == mode {
				return true
			}
		}
		return false
	}
	switch name {
	case "AES":
		return in("ECB", "CBC", "CTR", "OFB", "CFB", "CFB8", "GCM", "XTS")
	case "Camellia":
		return in("ECB", "CBC", "CTR", "OFB", "CFB", "CFB8")
	case "TripleDES":
		return in("ECB", "CBC", "OFB", "CFB", "CFB8")
	case "Blowfish", "CAST5", "SEED":
		return in("ECB", "CBC", "OFB", "CFB")
	case "IDEA":
		return ideaBuilt && in("ECB", "CBC", "OFB", "CFB")
	case "SM4":
		// OpenSSL 3.0 (Debian 12) has no SM4-GCM; the default provider
		// has it from 3.1 on (3.5 on Debian 13).
		if major, minor, _ := openssl.VersionNumber(); mode == "GCM" && (major > 3 || minor >= 1) {
			return true
		}
		return in("ECB", "CBC", "CTR", "OFB", "CFB")
	case "ARC4", "ChaCha20":
		return mode == "none"
	}
	return false
}

// ideaAvailable reports whether OpenSSL offers IDEA at all.
func ideaAvailable(t *testing.T) bool {
	t.Helper()
	idea, err := algorithms.NewIDEA(matrixKey(16))
	require.NoError(t, err)
	return openssl.DefaultBackend().CipherSupported(idea, modes.NewECB())
}

// TestMatrix walks every algorithm with every mode of the OpenSSL backend,
// whichever backend is the default (the algorithm set is OpenSSL's): pairs the descriptors
// refuse give the expected error; valid pairs either round-trip 64 bytes
// or give an *backends.UnsupportedAlgorithmError naming the pair, and
// Supported says which beforehand. It logs the matrix.
func TestMatrix(t *testing.T) {
	fips := openssl.FIPS()
	t.Logf("%s, FIPS mode: %v", openssl.Version(), fips)
	algs := matrixAlgs(t)
	ms := matrixModes()
	idea := ideaAvailable(t)
	t.Logf("IDEA built into this OpenSSL: %v", idea)

	// The printed matrix: "yes" supported, "no" valid but unsupported,
	// "-" refused by validation.
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-13s", "")
	for _, m := range ms {
		fmt.Fprintf(&table, "%-6s", m.name)
	}
	table.WriteString("\n")

	for _, a := range algs {
		fmt.Fprintf(&table, "%-13s", a.label)
		for _, mc := range ms {
			bs := a.block
			if bs == 0 {
				bs = 16
			}
			mode, err := mc.make(bs)
			require.NoError(t, err, "%s: building %s", a.label, mc.name)
			cell := "-"
			t.Run(a.label+"/"+mc.name, func(t *testing.T) {
				cell = matrixCell(t, a, mc.name, mode, fips, idea)
			})
			fmt.Fprintf(&table, "%-6s", cell)
		}
		table.WriteString("\n")
	}
	t.Log(table.String())
}

// matrixCell checks one pair and returns its cell in the printed matrix.
func matrixCell(t *testing.T, a matrixAlg, modeName string, mode backends.Mode, fips, idea bool) string {
	want := expectedRefusal(a, modeName)
	if mode != nil {
		verr := mode.ValidateForAlgorithm(a.alg)
		if want == nil {
			require.NoError(t, verr, "ValidateForAlgorithm")
		} else {
			require.ErrorIs(t, verr, want, "ValidateForAlgorithm")
		}
	}
	c, err := ciphers.NewCipherWithBackend(a.alg, mode, openssl.DefaultBackend())
	if want != nil {
		require.ErrorIs(t, err, want, "NewCipher must refuse the pair")
		assert.Nil(t, c)
		assert.False(t, openssl.DefaultBackend().CipherSupported(a.alg, mode), "Supported on a refused pair")
		var ue *backends.UnsupportedAlgorithmError
		if errors.As(err, &ue) {
			assert.Equal(t, a.alg.Name(), ue.Algorithm)
			assert.Equal(t, modeName, ue.Mode)
		}
		return "-"
	}
	require.NoError(t, err, "NewCipher")

	supported := openssl.DefaultBackend().CipherSupported(a.alg, mode)
	switch {
	case !fips:
		assert.Equal(t, expectedSupport(a, modeName, idea), supported,
			"support of %s in %s mode with FIPS mode off", a.label, modeName)
	case strings.HasPrefix(a.label, "AES-"):
		assert.True(t, supported, "FIPS mode must offer AES in %s mode", modeName)
	case a.label == "TripleDES":
		// The FIPS provider decides; Supported and Encryptor must agree.
	default:
		assert.False(t, supported, "FIPS mode must refuse %s", a.label)
	}

	if !supported {
		wantMode := modeName
		if mode == nil {
			wantMode = ""
		}
		for dir, mk := range map[string]func() (*ciphers.Context, error){
			"Encryptor": c.Encryptor, "Decryptor": c.Decryptor,
		} {
			ctx, err := mk()
			require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "%s of an unsupported pair", dir)
			assert.Nil(t, ctx)
			var ue *backends.UnsupportedAlgorithmError
			require.ErrorAs(t, err, &ue, dir)
			assert.Equal(t, a.alg.Name(), ue.Algorithm, dir)
			assert.Equal(t, wantMode, ue.Mode, dir)
			assert.NotZero(t, ue.Reason, dir)
			if fips && expectedSupport(a, modeName, idea) && a.label != "TripleDES" {
				assert.Equal(t, backends.ReasonFIPSRefused, ue.Reason, "%s: %v", dir, err)
			}
		}
		return "no"
	}

	matrixRoundTrip(t, c, modeName)
	return "yes"
}

// matrixRoundTrip encrypts 64 bytes and decrypts them back.
func matrixRoundTrip(t *testing.T, c *ciphers.Cipher, modeName string) {
	pt := make([]byte, 64)
	for i := range pt {
		pt[i] = byte(i*13 + 1)
	}
	aad := []byte("matrix")
	enc, err := c.Encryptor()
	require.NoError(t, err, "Encryptor of a supported pair")
	if modeName == "GCM" {
		require.NoError(t, enc.AuthenticateAdditionalData(aad))
	}
	ct, err := enc.Update(pt)
	require.NoError(t, err)
	tail, err := enc.Finalize()
	require.NoError(t, err)
	ct = append(ct, tail...)
	require.Len(t, ct, len(pt))
	assert.NotEqual(t, hex.EncodeToString(pt), hex.EncodeToString(ct), "ciphertext equals plaintext")

	var tag []byte
	if modeName == "GCM" {
		tag, err = enc.Tag()
		require.NoError(t, err)
		require.Len(t, tag, 16)
	}

	dec, err := c.Decryptor()
	require.NoError(t, err, "Decryptor of a supported pair")
	if modeName == "GCM" {
		require.NoError(t, dec.AuthenticateAdditionalData(aad))
	}
	back, err := dec.Update(ct)
	require.NoError(t, err)
	if modeName == "GCM" {
		tail, err = dec.FinalizeWithTag(tag)
	} else {
		tail, err = dec.Finalize()
	}
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(pt), hex.EncodeToString(append(back, tail...)))
}
