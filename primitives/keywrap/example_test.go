//go:build cgo

package keywrap_test

import (
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/keywrap"
)

// RFC 3394, section 4.1: wrap 128 bits of key data with a 128-bit KEK.
func ExampleWrap() {
	kek, _ := hex.DecodeString("000102030405060708090A0B0C0D0E0F")
	key, _ := hex.DecodeString("00112233445566778899AABBCCDDEEFF")
	wrap := keywrap.Wrap
	if !keywrap.Supported(backends.KW, len(kek)) {
		// The default backend has no key wrap (the Go backend: Go's crypto
		// has none); the OpenSSL backend has.
		wrap = keywrap.WithBackend(backends.KW, openssl.DefaultBackend()).Wrap
	}
	wrapped, err := wrap(kek, key)
	if err != nil {
		panic(err)
	}
	fmt.Println(hex.EncodeToString(wrapped))
	// Output: 1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5
}

// RFC 5649, section 6: wrap a 7-byte key with a 192-bit KEK, then unwrap
// it and a damaged copy.
func ExampleUnwrapPad() {
	kek, _ := hex.DecodeString("5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8")
	wrapped, _ := hex.DecodeString("afbeb0f07dfbf5419200f2ccb50bb24f")
	unwrapPad := keywrap.UnwrapPad
	if !keywrap.Supported(backends.KWP, len(kek)) {
		// The default backend has no key wrap (the Go backend: Go's crypto
		// has none); the OpenSSL backend has.
		unwrapPad = keywrap.WithBackend(backends.KWP, openssl.DefaultBackend()).Unwrap
	}
	key, err := unwrapPad(kek, wrapped)
	fmt.Println(hex.EncodeToString(key), err)
	wrapped[3] ^= 1
	_, err = unwrapPad(kek, wrapped)
	fmt.Println(errors.Is(err, keywrap.ErrInvalidUnwrap))
	// Output:
	// 466f7250617369 <nil>
	// true
}

// The inverse-cipher variant of KWP, through a Wrapper.
func ExampleWithMode() {
	kek := make([]byte, 32)
	w := keywrap.WithMode(backends.KWPInverse)
	if !keywrap.Supported(backends.KWPInverse, len(kek)) {
		// The default backend has no key wrap (the Go backend: Go's crypto
		// has none); the OpenSSL backend has.
		w = keywrap.WithBackend(backends.KWPInverse, openssl.DefaultBackend())
	}
	wrapped, err := w.Wrap(kek, []byte("a data key"))
	if err != nil {
		panic(err)
	}
	key, err := w.Unwrap(kek, wrapped)
	fmt.Println(len(wrapped), string(key), err)
	// Output:
	// 24 a data key <nil>
}
