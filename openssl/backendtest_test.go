package openssl_test

import (
	"testing"

	"github.com/go-hazmat/hazmat/backends/backendtest"
	"github.com/go-hazmat/hazmat/openssl"
)

// TestConformance holds the OpenSSL backend to the contract of package
// backends, in whichever mode (default or FIPS) the process runs.
func TestConformance(t *testing.T) {
	t.Logf("%s, FIPS mode %v", openssl.Version(), openssl.FIPS())
	backendtest.TestBackend(t, openssl.NewBackend())
}
