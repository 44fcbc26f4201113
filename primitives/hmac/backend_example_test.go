//go:build cgo

package hmac_test

import (
	"fmt"

	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

// RFC 4231, test case 2, on a backend of the caller's choice.
func ExampleNewWithBackend() {
	m, err := hmac.NewWithBackend([]byte("Jefe"), hashes.SHA256{}, openssl.NewBackend())
	if err != nil {
		fmt.Println(err)
		return
	}
	m.Write([]byte("what do ya want for nothing?"))
	fmt.Printf("%x\n", m.Sum(nil))
	// Output: 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843
}

func ExampleSumWithBackend() {
	mac, err := hmac.SumWithBackend([]byte("Jefe"), hashes.SHA256{}, []byte("what do ya want for nothing?"), openssl.NewBackend())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%x\n", mac)
	// Output: 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843
}
