//go:build cgo

package openssl_test

import (
	"testing"

	"github.com/go-hazmat/hazmat/backends/backendtest"
	"github.com/go-hazmat/hazmat/openssl"
)

// TestConformanceMACs holds the OpenSSL backend's MACs, key wrap and
// random bytes to the contract, in whichever mode the process runs.
func TestConformanceMACs(t *testing.T) {
	t.Logf("%s, FIPS mode %v", openssl.Version(), openssl.FIPS())
	b := openssl.NewBackend()
	t.Run("MAC", func(t *testing.T) { backendtest.TestMACBackend(t, b) })
	t.Run("KeyWrap", func(t *testing.T) { backendtest.TestKeyWrapBackend(t, b) })
	t.Run("Rand", func(t *testing.T) { backendtest.TestRandBackend(t, b) })
}
