package gocrypto_test

import (
	"bytes"
	"fmt"

	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

// SHA-256 and HMAC-SHA-256 computed by Go's crypto through the primitives'
// WithBackend constructors: the same API as with the OpenSSL backend, in
// pure Go. Under GODEBUG=fips140=on or only this runs in Go's FIPS 140-3
// module.
func Example_hashAndHMAC() {
	b := gocrypto.NewBackend()

	h, err := hashes.NewWithBackend(hashes.SHA256{}, b)
	if err != nil {
		fmt.Println(err)
		return
	}
	h.Write([]byte("abc"))
	fmt.Printf("SHA-256:      %x\n", h.Sum(nil))

	// RFC 4231, test case 1.
	m, err := hmac.NewWithBackend(bytes.Repeat([]byte{0x0b}, 20), hashes.SHA256{}, b)
	if err != nil {
		fmt.Println(err)
		return
	}
	m.Write([]byte("Hi There"))
	fmt.Printf("HMAC-SHA-256: %x\n", m.Sum(nil))
	// Output:
	// SHA-256:      ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
	// HMAC-SHA-256: b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7
}
