package pbkdf2_test

import (
	"crypto/sha256"
	"fmt"

	"github.com/go-hazmat/hazmat/primitives/kdf/pbkdf2"
)

// The call of Go's crypto/pbkdf2, unchanged but for the import. The
// parameters meet the FIPS provider's rules, so it works in FIPS mode too.
func ExampleKey() {
	key, err := pbkdf2.Key(sha256.New, "correct horse battery staple", []byte("0123456789abcdef"), 10000, 32)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", key)
	// Output:
	// 56a384014ad36808cc0fab21f7526f986b5b0fe60d1a75cd31b7c80f1823d3de
}
