//go:build cgo

package openssl_test

import (
	"encoding/hex"
	"fmt"

	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// The backend's KDF interface: a descriptor, the secret and the output
// buffer; one EVP_KDF_derive in the provider of the mode in force. RFC
// 5869, Appendix A.1.
func ExampleBackend_DeriveKey() {
	b := openssl.DefaultBackend()
	ikm, _ := hex.DecodeString("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b")
	salt, _ := hex.DecodeString("000102030405060708090a0b0c")
	info, _ := hex.DecodeString("f0f1f2f3f4f5f6f7f8f9")
	alg := kdfalg.HKDF{Hash: hashes.SHA256{}, Salt: salt, Info: info}
	fmt.Println(b.KDFSupported(alg))
	okm := make([]byte, 42)
	if err := b.DeriveKey(alg, ikm, okm); err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", okm)
	// Output:
	// true
	// 3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865
}
