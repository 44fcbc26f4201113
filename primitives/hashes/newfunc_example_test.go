package hashes_test

import (
	"fmt"
	"hash"

	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// digestEach hashes each record with a fresh hash from newHash: the shape
// of the Go APIs that take a func() hash.Hash.
func digestEach(newHash func() hash.Hash, records ...string) [][]byte {
	var sums [][]byte
	for _, r := range records {
		h := newHash()
		h.Write([]byte(r))
		sums = append(sums, h.Sum(nil))
	}
	return sums
}

// ExampleNewFunc hands a hazmat SHA-256 to code that takes a hash
// constructor (FIPS 180-2's "abc" and the empty message). Go's crypto/hmac,
// crypto/hkdf and crypto/pbkdf2 take one too, except under
// GODEBUG=fips140=only, where they accept only Go's own SHA-2 and SHA-3.
func ExampleNewFunc() {
	newSHA256, err := hashes.NewFunc(hashes.SHA256{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, sum := range digestEach(newSHA256, "abc", "") {
		fmt.Printf("%x\n", sum)
	}
	// Output:
	// ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
	// e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
}
