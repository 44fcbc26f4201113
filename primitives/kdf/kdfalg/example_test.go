package kdfalg_test

import (
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// A descriptor checks what the standard forbids before any backend runs.
func ExampleHKDF_ValidateDerive() {
	alg := kdfalg.HKDF{Hash: hashes.SHA256{}, Info: []byte("context")}
	fmt.Println(alg.ValidateDerive(32, 64))
	err := alg.ValidateDerive(32, 255*32+1)
	fmt.Println(errors.Is(err, backends.ErrInvalidArgument))
	// Output:
	// <nil>
	// true
}

// KBKDF in pyca's layout: label, a zero byte, context and L, with the
// counter before them.
func ExampleKBKDF() {
	alg := kdfalg.KBKDF{
		Mode:    kdfalg.CounterMode,
		Hash:    hashes.SHA256{},
		Label:   []byte("label"),
		Context: []byte("context"),
	}
	fmt.Println(alg.KDFName(), alg.PRFSize(), alg.CounterBytes(), alg.ValidateDerive(32, 64))
	// Output:
	// KBKDF 32 4 <nil>
}
