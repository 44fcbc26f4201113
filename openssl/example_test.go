//go:build cgo

package openssl_test

import (
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// Check at start-up which OpenSSL serves the process and whether FIPS mode
// is on.
func ExampleVersionNumber() {
	major, _, _ := openssl.VersionNumber()
	fmt.Println("OpenSSL major version:", major)
	// Output: OpenSSL major version: 3
}

// In FIPS mode, MD5 is refused; outside it, MD5 is served.
func ExampleFIPS() {
	_, err := hashes.New(hashes.MD5{})
	var ue *backends.UnsupportedAlgorithmError
	refused := errors.As(err, &ue) && ue.Reason == backends.ReasonFIPSRefused
	fmt.Println(openssl.FIPS() == refused)
	// Output: true
}

// A service that must run in FIPS mode switches it on, and fails clearly
// when the FIPS provider is not installed.
func ExampleSetFIPS() {
	if err := openssl.SetFIPS(true); err != nil {
		fmt.Println(errors.Is(err, openssl.ErrFIPSProviderNotFound))
		return
	}
	fmt.Println(openssl.FIPS())
}

// Ask the backend before creating a context.
func ExampleBackend_HashSupported() {
	b := openssl.DefaultBackend()
	fmt.Println(b.HashSupported(hashes.SHA256{}), b.HMACSupported(hashes.SHAKE128{Size: 32}))
	// Output: true false
}

// evpCipher is a descriptor naming an EVP cipher directly, its IV carried
// by the cipher (no mode).
type evpCipher struct {
	name    string
	key, iv []byte
}

func (c evpCipher) Name() string  { return c.name }
func (c evpCipher) KeySize() int  { return len(c.key) * 8 }
func (c evpCipher) Key() []byte   { return c.key }
func (c evpCipher) Nonce() []byte { return c.iv }

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// An adapter can name any EVP cipher. AES key wrap (RFC 3394) writes 8
// bytes more than it reads, in a single Update; UpdateInto asks for them.
// The key and data are those of RFC 3394, section 4.1.
func ExampleBackend_RegisterCipherAdapter() {
	b := openssl.NewBackend()
	err := b.RegisterCipherAdapter(reflect.TypeOf(evpCipher{}), nil,
		func(c backends.CipherAlgorithm, _ backends.Mode) (string, bool) { return c.Name(), true })
	if err != nil {
		panic(err)
	}
	kw := evpCipher{"aes-128-wrap", mustHex("000102030405060708090a0b0c0d0e0f"), mustHex("a6a6a6a6a6a6a6a6")}
	ctx, err := b.CreateSymmetricEncryptionCtx(kw, nil)
	if err != nil {
		panic(err)
	}
	data := mustHex("00112233445566778899aabbccddeeff")
	_, err = ctx.UpdateInto(data, make([]byte, len(data)))
	fmt.Println(errors.Is(err, backends.ErrShortBuffer))
	out := make([]byte, len(data)+8)
	n, err := ctx.UpdateInto(data, out)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", out[:n])
	// Output:
	// true
	// 1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5
}

// A cipher that a streaming context cannot drive is refused with a reason,
// whatever an adapter names: CCM needs the message length before the data.
// (Package aead seals and opens CCM messages whole.)
func ExampleBackend_CreateSymmetricEncryptionCtx_refused() {
	b := openssl.NewBackend()
	err := b.RegisterCipherAdapter(reflect.TypeOf(evpCipher{}), nil,
		func(c backends.CipherAlgorithm, _ backends.Mode) (string, bool) { return c.Name(), true })
	if err != nil {
		panic(err)
	}
	ccm := evpCipher{"aes-128-ccm", make([]byte, 16), make([]byte, 12)}
	_, err = b.CreateSymmetricEncryptionCtx(ccm, nil)
	var ue *backends.UnsupportedAlgorithmError
	fmt.Println(errors.As(err, &ue) && ue.Reason == backends.ReasonNotStreamable, b.CipherSupported(ccm, nil))
	// Output: true false
}

// A one-shot AEAD named by descriptors, as package aead asks for one: the
// backend's adapter registry turns (AES-128, GCM) into "aes-128-gcm".
func ExampleBackend_CreateAEADCtx() {
	aes, err := algorithms.NewAES(make([]byte, 16))
	if err != nil {
		fmt.Println(err)
		return
	}
	b := openssl.DefaultBackend()
	fmt.Println(b.AEADSupported(aes, (*modes.GCM)(nil)))
	a, err := b.CreateAEADCtx(aes, (*modes.GCM)(nil), 16)
	if err != nil {
		fmt.Println(err)
		return
	}
	tag, err := a.Seal(nil, make([]byte, 12), nil, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%x\n", tag)
	// Output:
	// true
	// 58e2fccefa7e3061367f1d57a4e7455a
}
