package openssl_test

import (
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// Check at start-up which OpenSSL serves the process and whether FIPS mode
// is on.
func ExampleVersionNumber() {
	major, _, _ := openssl.VersionNumber()
	fmt.Println("OpenSSL major version:", major)
	// Output: OpenSSL major version: 3
}

// In FIPS mode, MD5 is refused; outside it, MD5 is served.
func ExampleFIPS() {
	_, err := hashes.New(hashes.MD5{})
	var ue *backends.UnsupportedAlgorithmError
	refused := errors.As(err, &ue) && ue.Reason == backends.ReasonFIPSRefused
	fmt.Println(openssl.FIPS() == refused)
	// Output: true
}

// A service that must run in FIPS mode switches it on, and fails clearly
// when the FIPS provider is not installed.
func ExampleSetFIPS() {
	if err := openssl.SetFIPS(true); err != nil {
		fmt.Println(errors.Is(err, openssl.ErrFIPSProviderNotFound))
		return
	}
	fmt.Println(openssl.FIPS())
}

// Ask the backend before creating a context.
func ExampleBackend_HashSupported() {
	b := openssl.DefaultBackend()
	fmt.Println(b.HashSupported(hashes.SHA256{}), b.HMACSupported(hashes.SHAKE128{Size: 32}))
	// Output: true false
}
