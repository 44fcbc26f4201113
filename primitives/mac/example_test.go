//go:build cgo

package mac_test

import (
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/mac"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// CMAC-AES-128 of NIST SP 800-38B's example 2 (RFC 4493, example 2).
func ExampleSum() {
	key, _ := hex.DecodeString("2b7e151628aed2a6abf7158809cf4f3c")
	msg, _ := hex.DecodeString("6bc1bee22e409f96e93d7e117393172a")
	tag, err := mac.Sum(macalg.CMAC{Cipher: macalg.AES}, key, msg)
	if errors.Is(err, backends.ErrUnsupportedAlgorithm) {
		// The default backend has no CMAC (the Go backend: Go's crypto has
		// none); the OpenSSL backend has.
		tag, err = mac.SumWithBackend(macalg.CMAC{Cipher: macalg.AES}, key, msg, openssl.DefaultBackend())
	}
	if err != nil {
		panic(err)
	}
	fmt.Println(hex.EncodeToString(tag))
	// Output: 070a16b46b4d4144f79bdd9dd04a287c
}

// KMAC128 of NIST SP 800-185's sample #2, written in two pieces.
func ExampleNew() {
	key, _ := hex.DecodeString("404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f")
	alg, err := macalg.NewKMAC128([]byte("My Tagged Application"), 32)
	if err != nil {
		panic(err)
	}
	m, err := mac.New(alg, key)
	if errors.Is(err, backends.ErrUnsupportedAlgorithm) {
		// The default backend has no KMAC (the Go backend: Go's crypto has
		// none); the OpenSSL backend has.
		m, err = mac.NewWithBackend(alg, key, openssl.DefaultBackend())
	}
	if err != nil {
		panic(err)
	}
	m.Write([]byte{0x00, 0x01})
	m.Write([]byte{0x02, 0x03})
	fmt.Println(hex.EncodeToString(m.Sum(nil)))
	// Output: 3b1fba963cd8b0b59e8c1a6d71888b7143651af8ba0a7070c0979e2811324aa5
}

// GMAC of the GCM specification's test case 1: an all-zero key and IV and
// an empty message.
func ExampleVerify() {
	alg, err := macalg.NewGMAC(make([]byte, 12))
	if err != nil {
		panic(err)
	}
	tag, _ := hex.DecodeString("58e2fccefa7e3061367f1d57a4e7455a")
	key := make([]byte, 16)
	err = mac.Verify(alg, key, nil, tag)
	if errors.Is(err, backends.ErrUnsupportedAlgorithm) {
		// The default backend refuses GMAC (the Go backend under
		// GODEBUG=fips140=only); the OpenSSL backend has it.
		var m *mac.MAC
		if m, err = mac.NewWithBackend(alg, key, openssl.DefaultBackend()); err == nil {
			err = m.Verify(tag)
		}
	}
	fmt.Println(err)
	// Output: <nil>
}

// Poly1305 is not approved for FIPS 140: ask before use.
func ExampleSupported() {
	fmt.Println(mac.Supported(macalg.Poly1305{}) == !defaultbackend.FIPS())
	// Output: true
}
