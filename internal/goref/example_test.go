package goref_test

import (
	"crypto/sha1"
	"fmt"

	"github.com/go-hazmat/hazmat/internal/goref"
)

// Go refuses SHA-1 under GODEBUG=fips140=only; Run computes the reference
// all the same.
func ExampleRun() {
	var want [sha1.Size]byte
	goref.Run(func() { want = sha1.Sum([]byte("abc")) })
	fmt.Printf("%x\n", want)
	// Output: a9993e364706816aba3e25717850c26c9cd0d89d
}
