package rand_test

import (
	stdrand "crypto/rand"
	"fmt"
	"math/big"

	"github.com/go-hazmat/hazmat/primitives/rand"
)

// A 256-bit key from the module's DRBG.
func ExampleReadPrivate() {
	key := make([]byte, 32)
	if _, err := rand.ReadPrivate(key); err != nil {
		panic(err)
	}
	fmt.Println(len(key))
	// Output: 32
}

// Reader where Go takes crypto/rand.Reader.
func ExampleReader() {
	n, err := stdrand.Int(rand.Reader, big.NewInt(6))
	if err != nil {
		panic(err)
	}
	fmt.Println(n.Int64() >= 0 && n.Int64() < 6)
	// Output: true
}

func ExampleRead() {
	nonce := make([]byte, 12)
	n, err := rand.Read(nonce)
	fmt.Println(n, err)
	// Output: 12 <nil>
}
