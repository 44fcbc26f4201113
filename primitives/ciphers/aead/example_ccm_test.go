//go:build cgo

package aead_test

import (
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
)

// AES-CCM with 8-byte tags and a 13-byte nonce, as in RFC 3610. A backend
// without CCM refuses it with an error wrapping
// backends.ErrUnsupportedAlgorithm.
func ExampleNewAESCCM() {
	// RFC 3610, Packet Vector #1: the packet's 8-byte header is the AAD.
	key := exampleHex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf")
	nonce := exampleHex("00000003020100a0a1a2a3a4a5")
	header := exampleHex("0001020304050607")
	payload := exampleHex("08090a0b0c0d0e0f101112131415161718191a1b1c1d1e")

	ccm, err := aead.NewAESCCM(key, 8)
	if errors.Is(err, backends.ErrUnsupportedAlgorithm) {
		// The default backend has no CCM (the Go backend: Go's crypto has
		// none); the OpenSSL backend has.
		ccm, err = aead.NewAESCCMWithBackend(key, 8, openssl.DefaultBackend())
	}
	if err != nil {
		panic(err)
	}
	sealed, err := ccm.Encrypt(nonce, payload, header)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", sealed)

	back, err := ccm.Decrypt(nonce, sealed, header)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", back)
	// Output:
	// 588c979a61c663d2f066d0c2c0f989806d5f6b61dac38417e8d12cfdf926e0
	// 08090a0b0c0d0e0f101112131415161718191a1b1c1d1e
}
