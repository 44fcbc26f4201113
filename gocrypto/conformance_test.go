package gocrypto_test

import (
	"testing"

	"github.com/go-hazmat/hazmat/backends/backendtest"
	"github.com/go-hazmat/hazmat/gocrypto"
)

// logSetting says which setting of Go's FIPS module the test runs in.
func logSetting(t *testing.T) {
	t.Helper()
	t.Logf("Go FIPS 140-3 module %s: FIPS %v, enforced %v", gocrypto.Version(), gocrypto.FIPS(), gocrypto.Enforced())
}

// TestConformanceHash holds the Go backend's digests to the contract.
func TestConformanceHash(t *testing.T) {
	logSetting(t)
	backendtest.TestHashBackend(t, gocrypto.NewBackend())
}

// TestConformanceHMAC holds the Go backend's HMAC to the contract.
func TestConformanceHMAC(t *testing.T) {
	logSetting(t)
	backendtest.TestHMACBackend(t, gocrypto.NewBackend())
}

// TestConformanceKDF holds the Go backend's KDFs to the contract.
func TestConformanceKDF(t *testing.T) {
	logSetting(t)
	backendtest.TestKDFBackend(t, gocrypto.NewBackend())
}

// TestConformanceMAC holds the Go backend's MACs to the contract.
func TestConformanceMAC(t *testing.T) {
	logSetting(t)
	backendtest.TestMACBackend(t, gocrypto.NewBackend())
}

// TestConformanceKeyWrap holds the Go backend's (absent) key wrap to the
// contract: every refusal is an unsupported algorithm.
func TestConformanceKeyWrap(t *testing.T) {
	logSetting(t)
	backendtest.TestKeyWrapBackend(t, gocrypto.NewBackend())
}

// TestConformanceRand holds the Go backend's random bytes to the contract.
func TestConformanceRand(t *testing.T) {
	logSetting(t)
	backendtest.TestRandBackend(t, gocrypto.NewBackend())
}
