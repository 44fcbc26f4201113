//go:build cgo

package ciphers_test

import (
	"encoding/hex"
	"fmt"

	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// NIST SP 800-38A, F.5.1 (CTR-AES128.Encrypt), first block, as a
// cipher.Stream on a backend of the caller's choice.
func ExampleNewStreamEncrypterWithBackend() {
	alg, err := algorithms.NewAES(mustHex("2b7e151628aed2a6abf7158809cf4f3c"))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctr, err := modes.NewCTR(mustHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"))
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := ciphers.NewStreamEncrypterWithBackend(alg, ctr, openssl.NewBackend())
	if err != nil {
		fmt.Println(err)
		return
	}
	msg := mustHex("6bc1bee22e409f96e93d7e117393172a")
	s.XORKeyStream(msg, msg)
	fmt.Printf("%x\n", msg)
	// Output: 874d6191b620e3261bef6864990db6ce
}

// NIST SP 800-38A, F.2.1 (CBC-AES128.Encrypt), first block, as a
// cipher.BlockMode on a backend of the caller's choice.
func ExampleNewBlockModeEncrypterWithBackend() {
	alg, err := algorithms.NewAES(mustHex("2b7e151628aed2a6abf7158809cf4f3c"))
	if err != nil {
		fmt.Println(err)
		return
	}
	cbc, err := modes.NewCBC(mustHex("000102030405060708090a0b0c0d0e0f"))
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := ciphers.NewBlockModeEncrypterWithBackend(alg, cbc, openssl.NewBackend())
	if err != nil {
		fmt.Println(err)
		return
	}
	msg := mustHex("6bc1bee22e409f96e93d7e117393172a")
	m.CryptBlocks(msg, msg)
	fmt.Printf("%x\n", msg)
	// Output: 7649abac8119b246cee98e9b12e9197d
}
