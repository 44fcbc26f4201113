package kdf_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/go-hazmat/hazmat/openssl"
)

func TestMain(m *testing.M) {
	fmt.Fprintf(os.Stderr, "OpenSSL: %s, FIPS mode: %v\n", openssl.Version(), openssl.FIPS())
	os.Exit(m.Run())
}
