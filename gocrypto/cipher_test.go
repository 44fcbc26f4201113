package gocrypto_test

import (
	"testing"

	"github.com/go-hazmat/hazmat/backends/backendtest"
	"github.com/go-hazmat/hazmat/gocrypto"
)

// TestConformanceCipher holds the Go backend's streaming contexts to the
// contract of package backends, in the GODEBUG fips140 setting the process
// runs with (TestConformanceInEachSetting runs it in all three).
func TestConformanceCipher(t *testing.T) {
	t.Logf("FIPS %v, enforced %v, module %s", gocrypto.FIPS(), gocrypto.Enforced(), gocrypto.Version())
	backendtest.TestCipherBackend(t, gocrypto.NewBackend())
}

// TestConformanceRandomNonceAEAD holds the Go backend's AES-GCM with
// module-generated nonces to the contract.
func TestConformanceRandomNonceAEAD(t *testing.T) {
	backendtest.TestRandomNonceAEADBackend(t, gocrypto.NewBackend())
}

// TestConformanceAEAD holds the Go backend's one-shot AEADs to the
// contract.
func TestConformanceAEAD(t *testing.T) {
	backendtest.TestAEADBackend(t, gocrypto.NewBackend())
}
