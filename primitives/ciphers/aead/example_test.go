package aead_test

import (
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
)

func exampleHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// AESGCM is a crypto/cipher.AEAD: Seal appends ciphertext‖tag, Open checks
// the tag before it returns any plaintext.
//
// This example has no Output line, so go test compiles it without running
// it: under GODEBUG=fips140=only the Go backend refuses AES-GCM with a
// caller's nonce, and NewAESGCM returns that refusal (use
// NewAESGCMWithRandomNonce there). Where it runs it prints the following;
// TestAESGCMSpec checks the same record of testdata/ciphers/aes-gcm-spec.txt
// in every setting:
//
//	ciphertext 42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091
//	tag 5bc94fbc3221a5db94fae95ae7121a47
//	true
func ExampleNewAESGCM() {
	// Test case 4 of the GCM specification (McGrew and Viega). In real
	// use, never repeat a nonce under one key.
	key := exampleHex("feffe9928665731c6d6a8f9467308308")
	nonce := exampleHex("cafebabefacedbaddecaf888")
	aad := exampleHex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
	plaintext := exampleHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" +
		"1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39")

	gcm, err := aead.NewAESGCM(key)
	if err != nil {
		panic(err)
	}
	sealed := gcm.Seal(nil, nonce, plaintext, aad)
	n := len(sealed) - gcm.Overhead()
	fmt.Printf("ciphertext %x\n", sealed[:n])
	fmt.Printf("tag %x\n", sealed[n:])

	opened, err := gcm.Open(nil, nonce, sealed, aad)
	if err != nil {
		panic(err)
	}
	fmt.Println(hex.EncodeToString(opened) == hex.EncodeToString(plaintext))
}

// Decrypt refuses a message changed in transit, and says no more than
// that.
func ExampleAESGCMRandomNonce_Decrypt() {
	key := exampleHex("000102030405060708090a0b0c0d0e0f")
	gcm, err := aead.NewAESGCMWithRandomNonce(key)
	if err != nil {
		panic(err)
	}
	sealed, err := gcm.Encrypt([]byte("pay 10 EUR to Bob"), []byte("invoice 7"))
	if err != nil {
		panic(err)
	}

	pt, err := gcm.Decrypt(sealed, []byte("invoice 7"))
	fmt.Printf("%s %v\n", pt, err)

	sealed[12+4] ^= 0x01 // after the 12-byte nonce: would turn "10 EUR" into "00 EUR"
	pt, err = gcm.Decrypt(sealed, []byte("invoice 7"))
	fmt.Println(pt == nil, err)
	fmt.Println(errors.Is(err, backends.ErrInvalidTag))
	// Output:
	// pay 10 EUR to Bob <nil>
	// true authentication tag is invalid
	// true
}

// AESGCMRandomNonce has the module generate every nonce: Encrypt returns
// nonce‖ciphertext‖tag, and Decrypt reads the nonce from the front. The
// output differs on every run; its length does not.
func ExampleNewAESGCMWithRandomNonce() {
	key := exampleHex("feffe9928665731c6d6a8f9467308308")
	gcm, err := aead.NewAESGCMWithRandomNonce(key)
	if err != nil {
		panic(err)
	}
	aad := []byte("message 1")
	sealed, err := gcm.Encrypt([]byte("attack at dawn"), aad)
	if err != nil {
		panic(err)
	}
	fmt.Println("sealed length:", len(sealed), "= 12 (nonce) + 14 + 16 (tag)")

	opened, err := gcm.Decrypt(sealed, aad)
	if err != nil {
		panic(err)
	}
	fmt.Printf("opened: %s\n", opened)

	_, err = gcm.Decrypt(sealed, []byte("message 2"))
	fmt.Println("other aad:", errors.Is(err, backends.ErrInvalidTag))

	// As a crypto/cipher.AEAD, it takes no nonce.
	fmt.Println("NonceSize:", gcm.NonceSize(), "Overhead:", gcm.Overhead())
	// Output:
	// sealed length: 42 = 12 (nonce) + 14 + 16 (tag)
	// opened: attack at dawn
	// other aad: true
	// NonceSize: 0 Overhead: 28
}
