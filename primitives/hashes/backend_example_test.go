//go:build cgo

package hashes_test

import (
	"fmt"

	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// A Hash on a backend of the caller's choice: here a second OpenSSL
// backend, but any backends.HashBackend serves.
func ExampleNewWithBackend() {
	h, err := hashes.NewWithBackend(hashes.SHA256{}, openssl.NewBackend())
	if err != nil {
		fmt.Println(err)
		return
	}
	h.Write([]byte("abc"))
	fmt.Printf("%x\n", h.Sum(nil))
	// Output: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
}

func ExampleAppendSumWithBackend() {
	out, err := hashes.AppendSumWithBackend([]byte("sha256:"), hashes.SHA256{}, []byte("abc"), openssl.NewBackend())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s%x\n", out[:7], out[7:])
	// Output: sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
}
