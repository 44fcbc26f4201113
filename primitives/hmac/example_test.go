package hmac_test

import (
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

func ExampleNew() {
	// RFC 4231, Test Case 2.
	h, err := hmac.New([]byte("Jefe"), hashes.SHA256{})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := h.Update([]byte("what do ya want for nothing?")); err != nil {
		fmt.Println(err)
		return
	}
	mac, err := h.Finalize()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%x\n", mac)
	// Output: 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843
}

func ExampleHMAC_Verify() {
	key := []byte("Jefe")
	msg := []byte("what do ya want for nothing?")
	// The MAC that came with msg (RFC 4231, Test Case 2, HMAC-SHA-256).
	received := []byte{
		0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7,
		0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43,
	}
	for _, m := range [][]byte{msg, []byte("what do ya want for something?")} {
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
	// "what do ya want for nothing?": authentic
	// "what do ya want for something?": rejected
}

func ExampleSum() {
	// RFC 4231, Test Case 2, with SHA-512.
	mac, err := hmac.Sum([]byte("Jefe"), hashes.SHA512{}, []byte("what do ya want for nothing?"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%x\n", mac[:32])
	fmt.Printf("%x\n", mac[32:])
	// Output:
	// 164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554
	// 9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737
}
