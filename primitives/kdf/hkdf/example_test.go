package hkdf_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf/hkdf"
)

// RFC 5869, Appendix A.1, with Go's sha256.New as the hash: only its name
// is taken, the HMAC runs in the module.
func ExampleKey() {
	ikm, _ := hex.DecodeString("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b")
	salt, _ := hex.DecodeString("000102030405060708090a0b0c")
	info, _ := hex.DecodeString("f0f1f2f3f4f5f6f7f8f9")
	okm, err := hkdf.Key(sha256.New, ikm, salt, string(info), 42)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", okm)
	// Output:
	// 3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865
}

// RFC 5869, Appendix A.1, in two steps, with a constructor of package
// hashes.
func ExampleExtract() {
	h, err := hashes.NewFunc(hashes.SHA256{})
	if err != nil {
		panic(err)
	}
	ikm, _ := hex.DecodeString("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b")
	salt, _ := hex.DecodeString("000102030405060708090a0b0c")
	prk, err := hkdf.Extract(h, ikm, salt)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", prk)
	info, _ := hex.DecodeString("f0f1f2f3f4f5f6f7f8f9")
	okm, err := hkdf.Expand(h, prk, string(info), 42)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", okm)
	// Output:
	// 077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5
	// 3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865
}

// RFC 5869, Appendix A.1: the expand step.
func ExampleExpand() {
	prk, _ := hex.DecodeString("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5")
	info, _ := hex.DecodeString("f0f1f2f3f4f5f6f7f8f9")
	okm, err := hkdf.Expand(sha256.New, prk, string(info), 42)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", okm)
	// Output:
	// 3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865
}
