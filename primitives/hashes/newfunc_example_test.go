package hashes_test

import (
	stdhmac "crypto/hmac"
	"fmt"

	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// ExampleNewFunc plugs a hazmat hash into Go's crypto/hmac (RFC 4231, test
// case 2).
func ExampleNewFunc() {
	newSHA256, err := hashes.NewFunc(hashes.SHA256{})
	if err != nil {
		fmt.Println(err)
		return
	}
	mac := stdhmac.New(newSHA256, []byte("Jefe"))
	mac.Write([]byte("what do ya want for nothing?"))
	fmt.Printf("%x\n", mac.Sum(nil))
	// Output: 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843
}
