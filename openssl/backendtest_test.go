//go:build cgo

package openssl_test

import (
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/backends/backendtest"
	"github.com/go-hazmat/hazmat/internal/goref"
	"github.com/go-hazmat/hazmat/openssl"
)

// TestConformance holds the OpenSSL backend to the contract of package
// backends, in whichever mode (default or FIPS) the process runs.
func TestConformance(t *testing.T) {
	t.Logf("%s, FIPS mode %v", openssl.Version(), openssl.FIPS())
	backendtest.TestBackend(t, openssl.NewBackend())
}

const flawChild = "HAZMAT_CONFORMANCE_FLAW"

// TestConformanceCatchesFlaws runs the cipher suite, in a child process,
// on the OpenSSL backend with one defect added, and expects it to fail
// where the defect shows.
func TestConformanceCatchesFlaws(t *testing.T) {
	if os.Getenv(flawChild) != "" {
		t.Skip("the parent test runs this one")
	}
	for _, c := range []struct{ flaw, pair, want string }{
		// No provider offers Camellia-GCM, in either mode.
		{"supported lies", "Camellia-128-GCM", "--- FAIL: TestConformanceFlawChild/Camellia-128-GCM/RoundTrip"},
		{"short buffer writes", "AES-128-CBC", "a refused UpdateInto wrote to the buffer"},
		{"partial block accepted", "AES-128-CBC", "Finalize after a partial block"},
	} {
		t.Run(c.flaw, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestConformanceFlawChild$/^"+c.pair+"$", "-test.v")
			cmd.Env = append(os.Environ(), flawChild+"="+c.flaw)
			out, err := cmd.CombinedOutput()
			if !assert.Contains(t, string(out), c.want) {
				t.Logf("child:\n%s", out)
			}
			require.Error(t, err, "the suite passed a backend with the flaw %q", c.flaw)
		})
	}
}

// TestConformanceFlawChild is the child of TestConformanceCatchesFlaws.
func TestConformanceFlawChild(t *testing.T) {
	flaw := os.Getenv(flawChild)
	if flaw == "" {
		t.Skip("run by TestConformanceCatchesFlaws")
	}
	backendtest.TestCipherBackend(t, &flawedBackend{Backend: openssl.NewBackend(), flaw: flaw})
}

// flawedBackend is the OpenSSL backend with one defect.
type flawedBackend struct {
	*openssl.Backend
	flaw string
}

func (b *flawedBackend) CipherSupported(c backends.CipherAlgorithm, m backends.Mode) bool {
	if b.flaw == "supported lies" {
		return c != nil
	}
	return b.Backend.CipherSupported(c, m)
}

func (b *flawedBackend) CreateSymmetricEncryptionCtx(c backends.CipherAlgorithm, m backends.Mode) (backends.CipherContext, error) {
	return b.wrap(b.Backend.CreateSymmetricEncryptionCtx(c, m))
}

func (b *flawedBackend) CreateSymmetricDecryptionCtx(c backends.CipherAlgorithm, m backends.Mode) (backends.CipherContext, error) {
	return b.wrap(b.Backend.CreateSymmetricDecryptionCtx(c, m))
}

// wrap adds the defect to contexts of unauthenticated modes; those of
// authenticated modes are returned as they are.
func (b *flawedBackend) wrap(ctx backends.CipherContext, err error) (backends.CipherContext, error) {
	if err != nil {
		return nil, err
	}
	if _, aead := ctx.(backends.AEADCipherContext); aead {
		return ctx, nil
	}
	return &flawedCtx{CipherContext: ctx, flaw: b.flaw}, nil
}

type flawedCtx struct {
	backends.CipherContext
	flaw string
}

func (c *flawedCtx) UpdateInto(data, buf []byte) (int, error) {
	n, err := c.CipherContext.UpdateInto(data, buf)
	if errors.Is(err, backends.ErrShortBuffer) && c.flaw == "short buffer writes" && len(buf) > 0 {
		buf[0] ^= 0xff
	}
	return n, err
}

func (c *flawedCtx) Finalize() ([]byte, error) {
	out, err := c.CipherContext.Finalize()
	if errors.Is(err, backends.ErrInvalidDataLength) && c.flaw == "partial block accepted" {
		return nil, nil
	}
	return out, err
}

// TestConformanceRandomNonceAEAD holds the OpenSSL backend's AES-GCM with
// provider-generated nonces to the contract, in whichever mode the
// process runs.
func TestConformanceRandomNonceAEAD(t *testing.T) {
	t.Logf("%s, FIPS mode %v", openssl.Version(), openssl.FIPS())
	backendtest.TestRandomNonceAEADBackend(t, openssl.NewBackend())
}

const randomNonceFlawChild = "HAZMAT_RANDOM_NONCE_FLAW"

// TestConformanceRandomNonceCatchesFlaws runs TestRandomNonceAEADBackend,
// in a child process, on the OpenSSL backend with one defect added, and
// expects it to fail where the defect shows.
func TestConformanceRandomNonceCatchesFlaws(t *testing.T) {
	if os.Getenv(randomNonceFlawChild) != "" {
		t.Skip("the parent test runs this one")
	}
	for _, c := range []struct{ flaw, want string }{
		{"fixed nonce", "--- FAIL: TestConformanceRandomNonceFlawChild/AES-128-GCM/NonceUniqueness"},
		{"tag ignored", "--- FAIL: TestConformanceRandomNonceFlawChild/AES-128-GCM/Tamper"},
	} {
		t.Run(c.flaw, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestConformanceRandomNonceFlawChild$", "-test.v")
			cmd.Env = append(os.Environ(), randomNonceFlawChild+"="+c.flaw)
			out, err := cmd.CombinedOutput()
			if !assert.Contains(t, string(out), c.want) {
				t.Logf("child:\n%s", out)
			}
			require.Error(t, err, "the suite passed a backend with the flaw %q", c.flaw)
		})
	}
}

// TestConformanceRandomNonceFlawChild is the child of
// TestConformanceRandomNonceCatchesFlaws.
func TestConformanceRandomNonceFlawChild(t *testing.T) {
	flaw := os.Getenv(randomNonceFlawChild)
	if flaw == "" {
		t.Skip("run by TestConformanceRandomNonceCatchesFlaws")
	}
	backendtest.TestRandomNonceAEADBackend(t, &flawedRandomNonce{Backend: openssl.NewBackend(), flaw: flaw})
}

// flawedRandomNonce is the OpenSSL backend whose AES-GCM with generated
// nonces has one defect: every nonce the same (sealed by Go's AES-GCM
// under the same key), or Open that ignores the tag.
type flawedRandomNonce struct {
	*openssl.Backend
	flaw string
}

func (b *flawedRandomNonce) CreateRandomNonceAEADCtx(c backends.CipherAlgorithm, m backends.Mode, tagSize int) (backends.RandomNonceAEADContext, error) {
	a, err := b.Backend.CreateRandomNonceAEADCtx(c, m, tagSize)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(c.Key())
	if err != nil {
		return nil, err
	}
	var g cipher.AEAD
	// The flaw's fixed nonces go through Go's GCM, which refuses the
	// caller's nonces under GODEBUG=fips140=only but for a test's own use.
	goref.Run(func() { g, err = cipher.NewGCM(block) })
	if err != nil {
		return nil, err
	}
	return &flawedRandomNonceCtx{RandomNonceAEADContext: a, g: g, flaw: b.flaw}, nil
}

type flawedRandomNonceCtx struct {
	backends.RandomNonceAEADContext
	g    cipher.AEAD
	flaw string
}

func (c *flawedRandomNonceCtx) Seal(dst, plaintext, aad []byte) ([]byte, error) {
	if c.flaw != "fixed nonce" {
		return c.RandomNonceAEADContext.Seal(dst, plaintext, aad)
	}
	nonce := make([]byte, 12)
	return c.g.Seal(append(dst, nonce...), nonce, plaintext, aad), nil
}

func (c *flawedRandomNonceCtx) Open(dst, sealed, aad []byte) ([]byte, error) {
	out, err := c.RandomNonceAEADContext.Open(dst, sealed, aad)
	if err == backends.ErrInvalidTag && c.flaw == "tag ignored" && len(sealed) >= 28 {
		return append(dst, make([]byte, len(sealed)-28)...), nil
	}
	return out, err
}

// TestConformanceAEAD holds the OpenSSL backend's one-shot AEADs to the
// contract, in whichever mode the process runs.
func TestConformanceAEAD(t *testing.T) {
	t.Logf("%s, FIPS mode %v", openssl.Version(), openssl.FIPS())
	backendtest.TestAEADBackend(t, openssl.NewBackend())
}
