package gocrypto_test

import (
	"encoding/hex"
	"fmt"

	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

func cipherHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// AES-128 in CBC mode through the Go backend, with the key, IV and first
// block of NIST SP 800-38A, F.2.1.
func ExampleBackend_CreateSymmetricEncryptionCtx() {
	b := gocrypto.NewBackend()
	alg, err := algorithms.NewAES(cipherHex("2b7e151628aed2a6abf7158809cf4f3c"))
	if err != nil {
		panic(err)
	}
	cbc, err := modes.NewCBC(cipherHex("000102030405060708090a0b0c0d0e0f"))
	if err != nil {
		panic(err)
	}
	ctx, err := b.CreateSymmetricEncryptionCtx(alg, cbc)
	if err != nil {
		panic(err)
	}
	ct, err := ctx.Update(cipherHex("6bc1bee22e409f96e93d7e117393172a"))
	if err != nil {
		panic(err)
	}
	if _, err := ctx.Finalize(); err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", ct)
	// Output: 7649abac8119b246cee98e9b12e9197d
}

// AES-256-GCM whose nonces Go's module generates, the way its FIPS 140-3
// mode approves GCM encryption in every GODEBUG fips140 setting.
func ExampleBackend_CreateRandomNonceAEADCtx() {
	b := gocrypto.NewBackend()
	alg, err := algorithms.NewAES(make([]byte, 32)) // use a secret key
	if err != nil {
		panic(err)
	}
	a, err := b.CreateRandomNonceAEADCtx(alg, (*modes.GCM)(nil), 16)
	if err != nil {
		panic(err)
	}
	sealed, err := a.Seal(nil, []byte("pay 100 to alice"), []byte("header"))
	if err != nil {
		panic(err)
	}
	pt, err := a.Open(nil, sealed, []byte("header"))
	if err != nil {
		panic(err)
	}
	fmt.Println(len(sealed), string(pt))
	// Output: 44 pay 100 to alice
}
