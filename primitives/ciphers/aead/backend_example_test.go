//go:build cgo

package aead_test

import (
	"fmt"

	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
)

// AES-128-GCM of an empty message under a zero key and nonce (test case 1
// of the GCM specification), on a backend of the caller's choice: any
// backends.AEADBackend serves.
func ExampleNewAESGCMWithBackend() {
	g, err := aead.NewAESGCMWithBackend(make([]byte, 16), openssl.NewBackend())
	if err != nil {
		fmt.Println(err)
		return
	}
	tag, err := g.Encrypt(make([]byte, 12), nil, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%x\n", tag)
	// Output: 58e2fccefa7e3061367f1d57a4e7455a
}

// RFC 3610, packet vector 1, on a backend of the caller's choice.
func ExampleNewAESCCMWithBackend() {
	key := []byte{0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf}
	nonce := []byte{0x00, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5}
	aad := []byte{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07}
	msg := make([]byte, 23)
	for i := range msg {
		msg[i] = byte(0x08 + i)
	}
	c, err := aead.NewAESCCMWithBackend(key, 8, openssl.NewBackend())
	if err != nil {
		fmt.Println(err)
		return
	}
	out, err := c.Encrypt(nonce, msg, aad)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%x\n", out)
	// Output: 588c979a61c663d2f066d0c2c0f989806d5f6b61dac38417e8d12cfdf926e0
}
