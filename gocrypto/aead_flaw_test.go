package gocrypto_test

import (
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/backends/backendtest"
	"github.com/go-hazmat/hazmat/gocrypto"
)

const aeadFlawChild = "HAZMAT_GOCRYPTO_AEAD_FLAW"

// TestAEADSuiteCatchesFlaws runs backendtest.TestAEADBackend, in a child
// process, on the Go backend with one defect added, and expects it to fail
// where the defect shows.
func TestAEADSuiteCatchesFlaws(t *testing.T) {
	if os.Getenv(aeadFlawChild) != "" {
		t.Skip("the parent test runs this one")
	}
	if gocrypto.Enforced() {
		t.Skip("the flaws are in AES-GCM with caller nonces, which fips140=only refuses")
	}
	for _, c := range []struct{ flaw, want string }{
		{"tag ignored", "--- FAIL: TestAEADFlawChild/AES-128-GCM/Tamper"},
		{"spare written", "a failed Open released bytes into dst's spare capacity"},
		{"supported lies", "--- FAIL: TestAEADFlawChild/AES-128-CCM"},
	} {
		t.Run(c.flaw, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestAEADFlawChild$", "-test.v")
			cmd.Env = append(os.Environ(), aeadFlawChild+"="+c.flaw)
			out, err := cmd.CombinedOutput()
			if !assert.Contains(t, string(out), c.want) {
				t.Logf("child:\n%s", tail(out, 60))
			}
			require.Error(t, err, "the suite passed a backend with the flaw %q", c.flaw)
		})
	}
}

// TestAEADFlawChild is the child of TestAEADSuiteCatchesFlaws.
func TestAEADFlawChild(t *testing.T) {
	flaw := os.Getenv(aeadFlawChild)
	if flaw == "" {
		t.Skip("run by TestAEADSuiteCatchesFlaws")
	}
	backendtest.TestAEADBackend(t, &flawedAEADBackend{Backend: gocrypto.NewBackend(), flaw: flaw})
}

type flawedAEADBackend struct {
	*gocrypto.Backend
	flaw string
}

func (b *flawedAEADBackend) AEADSupported(c backends.CipherAlgorithm, m backends.Mode) bool {
	if b.flaw == "supported lies" {
		return c != nil
	}
	return b.Backend.AEADSupported(c, m)
}

func (b *flawedAEADBackend) CreateAEADCtx(c backends.CipherAlgorithm, m backends.Mode, tagSize int) (backends.AEADContext, error) {
	a, err := b.Backend.CreateAEADCtx(c, m, tagSize)
	if err != nil {
		return nil, err
	}
	return &flawedAEAD{AEADContext: a, flaw: b.flaw}, nil
}

type flawedAEAD struct {
	backends.AEADContext
	flaw string
}

func (a *flawedAEAD) Open(dst, nonce, ciphertext, aad []byte) ([]byte, error) {
	out, err := a.AEADContext.Open(dst, nonce, ciphertext, aad)
	if err != backends.ErrInvalidTag || len(ciphertext) < a.Overhead() {
		return out, err
	}
	switch a.flaw {
	case "tag ignored":
		return append(dst, make([]byte, len(ciphertext)-a.Overhead())...), nil
	case "spare written":
		if spare := dst[len(dst):cap(dst)]; len(spare) > 0 {
			spare[0] = 1
		}
	}
	return out, err
}
