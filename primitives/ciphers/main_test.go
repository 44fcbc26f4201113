package ciphers_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/openssl"
)

// TestMain says which OpenSSL runs the tests, and in which mode, before
// any test does.
func TestMain(m *testing.M) {
	fmt.Fprintf(os.Stderr, "ciphers tests: %s, FIPS mode: %v\n", openssl.Version(), defaultbackend.FIPS())
	os.Exit(m.Run())
}
