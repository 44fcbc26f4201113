package algorithms_test

import (
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
)

func ExampleNewAES() {
	// The AES-128 key of FIPS 197, Appendix C.1.
	key, _ := hex.DecodeString("000102030405060708090a0b0c0d0e0f")
	aes, err := algorithms.NewAES(key)
	if err != nil {
		panic(err)
	}
	fmt.Println(aes.Name(), aes.KeySize(), aes.BlockSize())

	_, err = algorithms.NewAES(key[:10])
	fmt.Println(errors.Is(err, backends.ErrInvalidKeySize))
	// Output:
	// AES 128 128
	// true
}

func ExampleNewTripleDES() {
	// A two-key TDEA key K1‖K2 is expanded to K1‖K2‖K1.
	key, _ := hex.DecodeString("0123456789abcdef23456789abcdef01")
	tdes, err := algorithms.NewTripleDES(key)
	if err != nil {
		panic(err)
	}
	fmt.Println(tdes.KeySize())
	fmt.Println(hex.EncodeToString(tdes.Key()))
	// Output:
	// 192
	// 0123456789abcdef23456789abcdef010123456789abcdef
}

func ExampleNewChaCha20() {
	// The key and nonce of RFC 8439, Section 2.4.2, with the initial
	// counter 1 in front of the nonce, as OpenSSL takes them.
	key, _ := hex.DecodeString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
	nonce, _ := hex.DecodeString("01000000" + "000000000000004a00000000")
	chacha, err := algorithms.NewChaCha20(key, nonce)
	if err != nil {
		panic(err)
	}
	fmt.Println(chacha.Name(), chacha.KeySize(), len(chacha.Nonce()))
	// Output:
	// ChaCha20 256 16
}

func ExampleNewChaCha20Poly1305() {
	c, err := algorithms.NewChaCha20Poly1305(make([]byte, 32))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Name(), c.KeySize())
	_, err = algorithms.NewChaCha20Poly1305(make([]byte, 16))
	fmt.Println(errors.Is(err, backends.ErrInvalidKeySize))
	// Output:
	// ChaCha20Poly1305 256
	// true
}
