package hmac_test

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

// key is the key of RFC 4231, Test Case 1: twenty 0x0b bytes (a key of
// at least 112 bits, which FIPS modes may require).
var key = bytes.Repeat([]byte{0x0b}, 20)

func ExampleNew() {
	// RFC 4231, Test Case 1.
	h, err := hmac.New(key, hashes.SHA256{})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := h.Update([]byte("Hi There")); err != nil {
		fmt.Println(err)
		return
	}
	mac, err := h.Finalize()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%x\n", mac)
	// Output: b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7
}

func ExampleHMAC_Verify() {
	msg := []byte("Hi There")
	// The MAC that came with msg (RFC 4231, Test Case 1, HMAC-SHA-256).
	received := []byte{
		0xb0, 0x34, 0x4c, 0x61, 0xd8, 0xdb, 0x38, 0x53, 0x5c, 0xa8, 0xaf, 0xce, 0xaf, 0x0b, 0xf1, 0x2b,
		0x88, 0x1d, 0xc2, 0x00, 0xc9, 0x83, 0x3d, 0xa7, 0x26, 0xe9, 0x37, 0x6c, 0x2e, 0x32, 0xcf, 0xf7,
	}
	for _, m := range [][]byte{msg, []byte("Hi there")} {
		h, err := hmac.New(key, hashes.SHA256{})
		if err != nil {
			fmt.Println(err)
			return
		}
		h.Write(m)
		// Verify compares in constant time.
		err = h.Verify(received)
		switch {
		case err == nil:
			fmt.Printf("%q: authentic\n", m)
		case errors.Is(err, backends.ErrInvalidSignature):
			fmt.Printf("%q: rejected\n", m)
		default:
			fmt.Println(err)
		}
	}
	// Output:
	// "Hi There": authentic
	// "Hi there": rejected
}

func ExampleSum() {
	// RFC 4231, Test Case 1, with SHA-512.
	mac, err := hmac.Sum(key, hashes.SHA512{}, []byte("Hi There"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%x\n", mac[:32])
	fmt.Printf("%x\n", mac[32:])
	// Output:
	// 87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde
	// daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854
}
