package kdf_test

import (
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// RFC 5869, Appendix A.1.
func ExampleNewHKDF() {
	ikm, _ := hex.DecodeString("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b")
	salt, _ := hex.DecodeString("000102030405060708090a0b0c")
	info, _ := hex.DecodeString("f0f1f2f3f4f5f6f7f8f9")
	k, err := kdf.NewHKDF(hashes.SHA256{}, 42, salt, info)
	if err != nil {
		panic(err)
	}
	okm, err := k.Derive(ikm)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", okm)
	// A KDF object is used once.
	_, err = k.Derive(ikm)
	fmt.Println(errors.Is(err, backends.ErrAlreadyFinalized))
	// Output:
	// 3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865
	// true
}

// RFC 5869, Appendix A.1: the expand step from the pseudorandom key.
func ExampleNewHKDFExpand() {
	prk, _ := hex.DecodeString("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5")
	info, _ := hex.DecodeString("f0f1f2f3f4f5f6f7f8f9")
	k, err := kdf.NewHKDFExpand(hashes.SHA256{}, 42, info)
	if err != nil {
		panic(err)
	}
	okm, err := k.Derive(prk)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", okm)
	// Output:
	// 3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865
}

// RFC 5869, Appendix A.1: the extract step alone.
func ExampleNewHKDFExtract() {
	ikm, _ := hex.DecodeString("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b")
	salt, _ := hex.DecodeString("000102030405060708090a0b0c")
	k, err := kdf.NewHKDFExtract(hashes.SHA256{}, salt)
	if err != nil {
		panic(err)
	}
	prk, err := k.Derive(ikm)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", prk)
	// Output:
	// 077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5
}

// Checking a password against a stored key. The parameters meet the FIPS
// provider's rules (16-byte salt, 1000 iterations or more, 14-byte key or
// longer), so this works in FIPS mode too.
func ExampleKDF_Verify() {
	salt := []byte("0123456789abcdef")
	stored, _ := hex.DecodeString("56a384014ad36808cc0fab21f7526f986b5b0fe60d1a75cd31b7c80f1823d3de")
	k, err := kdf.NewPBKDF2HMAC(hashes.SHA256{}, 32, salt, 10000)
	if err != nil {
		panic(err)
	}
	fmt.Println(k.Verify([]byte("correct horse battery staple"), stored))

	k, err = kdf.NewPBKDF2HMAC(hashes.SHA256{}, 32, salt, 10000)
	if err != nil {
		panic(err)
	}
	err = k.Verify([]byte("wrong horse battery staple"), stored)
	fmt.Println(errors.Is(err, backends.ErrInvalidKey))
	// Output:
	// <nil>
	// true
}

// PBKDF2-HMAC-SHA256 with parameters the FIPS provider accepts; with a
// shorter salt, fewer iterations or a shorter key, Derive returns an error
// wrapping backends.ErrFIPSRule in FIPS mode.
func ExampleNewPBKDF2HMAC() {
	k, err := kdf.NewPBKDF2HMAC(hashes.SHA256{}, 32, []byte("0123456789abcdef"), 10000)
	if err != nil {
		panic(err)
	}
	key, err := k.Derive([]byte("correct horse battery staple"))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", key)
	// Output:
	// 56a384014ad36808cc0fab21f7526f986b5b0fe60d1a75cd31b7c80f1823d3de
}

// scrypt where the module allows it; FIPS mode refuses scrypt, and a
// service that must run there falls back to PBKDF2.
func ExampleNewScrypt() {
	salt := []byte("0123456789abcdef")
	k, err := kdf.NewScrypt(salt, 32, 1<<14, 8, 1)
	if errors.Is(err, backends.ErrUnsupportedAlgorithm) {
		k, err = kdf.NewPBKDF2HMAC(hashes.SHA256{}, 32, salt, 10000)
	}
	if err != nil {
		panic(err)
	}
	key, err := k.Derive([]byte("password"))
	fmt.Println(len(key), err)
	// Output:
	// 32 <nil>
}

// New takes any descriptor of package kdfalg.
func ExampleNew() {
	k, err := kdf.New(kdfalg.HKDF{Hash: hashes.SHA512{}, Info: []byte("context")}, 64)
	if err != nil {
		panic(err)
	}
	key, err := k.Derive([]byte("a secret of 32 bytes, or longer."))
	fmt.Println(len(key), err)
	// Output:
	// 64 <nil>
}
