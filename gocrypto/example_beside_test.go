package gocrypto_test

import (
	"bytes"
	"encoding/hex"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// signer is a caller's own type that wraps an HMAC context.
type signer struct {
	ctx    backends.HMACContext
	signed int
}

// A caller's value and the HMAC context it wraps, made in one allocation:
// HMAC-SHA-256 of RFC 4231's first test case.
func ExampleNewHMACCtxBeside() {
	s, ctx, err := gocrypto.NewHMACCtxBeside[signer](bytes.Repeat([]byte{0x0b}, 20), hashes.SHA256{})
	if err != nil {
		panic(err)
	}
	s.ctx = ctx
	if err := s.ctx.Update([]byte("Hi There")); err != nil {
		panic(err)
	}
	mac, err := s.ctx.Finalize()
	s.signed++
	fmt.Println(hex.EncodeToString(mac), err, s.signed)
	// Output: b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7 <nil> 1
}

// digester is a caller's own type that wraps a hash context.
type digester struct {
	ctx backends.HashContext
}

// A caller's value and the hash context it wraps, made in one allocation:
// SHA-256 of "abc" (FIPS 180-2, appendix B.1).
func ExampleNewHashCtxBeside() {
	d, ctx, err := gocrypto.NewHashCtxBeside[digester](hashes.SHA256{})
	if err != nil {
		panic(err)
	}
	d.ctx = ctx
	if err := d.ctx.Update([]byte("abc")); err != nil {
		panic(err)
	}
	sum, err := d.ctx.Finalize()
	fmt.Println(hex.EncodeToString(sum), err)
	// Output: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad <nil>
}
