//go:build cgo

package openssl_test

import (
	"encoding/hex"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// The backend computes a MAC of one buffer in one C call: CMAC-AES-128 of
// NIST SP 800-38B's first example (an empty message).
func ExampleBackend_ComputeMAC() {
	b := openssl.DefaultBackend()
	key, _ := hex.DecodeString("2b7e151628aed2a6abf7158809cf4f3c")
	tag, err := b.ComputeMAC(macalg.CMAC{Cipher: macalg.AES}, key, nil, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(hex.EncodeToString(tag))
	// Output: bb1d6929e95937287fa37d129b756746
}

// A MAC context of the backend, fed in pieces.
func ExampleBackend_CreateMACCtx() {
	b := openssl.DefaultBackend()
	key, _ := hex.DecodeString("2b7e151628aed2a6abf7158809cf4f3c")
	ctx, err := b.CreateMACCtx(macalg.CMAC{Cipher: macalg.AES}, key)
	if err != nil {
		panic(err)
	}
	msg, _ := hex.DecodeString("6bc1bee22e409f96e93d7e117393172a")
	ctx.Update(msg[:5])
	ctx.Update(msg[5:])
	tag, err := ctx.Finalize()
	fmt.Println(hex.EncodeToString(tag), err)
	// Output: 070a16b46b4d4144f79bdd9dd04a287c <nil>
}

// Poly1305 is served exactly outside FIPS mode.
func ExampleBackend_MACSupported() {
	b := openssl.DefaultBackend()
	fmt.Println(b.MACSupported(macalg.Poly1305{}) == !openssl.FIPS())
	// Output: true
}

// RFC 3394, section 4.6: 256 bits of key data wrapped with a 256-bit KEK.
func ExampleBackend_WrapKey() {
	b := openssl.DefaultBackend()
	kek, _ := hex.DecodeString("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F")
	key, _ := hex.DecodeString("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F")
	fmt.Println(b.KeyWrapSupported(backends.KW, len(kek)))
	wrapped, err := b.WrapKey(backends.KW, kek, key)
	fmt.Println(hex.EncodeToString(wrapped), err)
	back, err := b.UnwrapKey(backends.KW, kek, wrapped)
	fmt.Println(hex.EncodeToString(back) == hex.EncodeToString(key), err)
	// Output:
	// true
	// 28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21 <nil>
	// true <nil>
}

// Random bytes from the DRBG for private key material, and a reader over
// the public DRBG.
func ExampleBackend_RandBytes() {
	b := openssl.DefaultBackend()
	key := make([]byte, 32)
	if err := b.RandBytes(key, true); err != nil {
		panic(err)
	}
	n, err := b.RandReader(false).Read(make([]byte, 100))
	fmt.Println(n, err)
	// Output: 100 <nil>
}
