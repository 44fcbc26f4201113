package ciphers_test

import (
	"encoding/hex"
	"fmt"

	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
	"github.com/go-hazmat/hazmat/primitives/padding"
)

func exampleHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// AES-CBC takes whole blocks: pad the message with PKCS #7 first, and
// remove the padding after decrypting. (CBC alone does not authenticate:
// in real use, authenticate the ciphertext, or use package aead.)
func ExampleNewCipher() {
	// The key and IV of NIST SP 800-38A, F.2.1.
	key := exampleHex("2b7e151628aed2a6abf7158809cf4f3c")
	iv := exampleHex("000102030405060708090a0b0c0d0e0f")

	alg, err := algorithms.NewAES(key)
	if err != nil {
		panic(err)
	}
	cbc, err := modes.NewCBC(iv)
	if err != nil {
		panic(err)
	}
	c, err := ciphers.NewCipher(alg, cbc)
	if err != nil {
		panic(err)
	}
	pkcs7, err := padding.NewPKCS7(alg.BlockSize())
	if err != nil {
		panic(err)
	}

	enc, err := c.Encryptor()
	if err != nil {
		panic(err)
	}
	ct, err := enc.Update(pkcs7.Pad(nil, []byte("Hello, world!")))
	if err != nil {
		panic(err)
	}
	last, err := enc.Finalize()
	if err != nil {
		panic(err)
	}
	ct = append(ct, last...)
	fmt.Printf("%x\n", ct)

	dec, err := c.Decryptor()
	if err != nil {
		panic(err)
	}
	padded, err := dec.Update(ct)
	if err != nil {
		panic(err)
	}
	last, err = dec.Finalize()
	if err != nil {
		panic(err)
	}
	msg, err := pkcs7.Unpad(append(padded, last...))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s\n", msg)
	// Output:
	// 031a5ef0e4bc7756eccc5e2c438f1d6d
	// Hello, world!
}

// A GCM encryption streams its data and gives the tag after Finalize; the
// decryption checks the tag at its end.
//
// This example has no Output line, so go test compiles it without running
// it: under GODEBUG=fips140=only Go's module refuses GCM with a caller's
// nonce, and NewCipher's Encryptor returns that refusal. TestContextTag
// runs these steps in every setting and checks the output below where GCM
// is served:
//
//	ciphertext 42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091
//	tag 5bc94fbc3221a5db94fae95ae7121a47
//	true
func ExampleContext_Tag() {
	// Test case 4 of the GCM specification (McGrew and Viega).
	key := exampleHex("feffe9928665731c6d6a8f9467308308")
	iv := exampleHex("cafebabefacedbaddecaf888")
	aad := exampleHex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
	plaintext := exampleHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" +
		"1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39")

	alg, err := algorithms.NewAES(key)
	if err != nil {
		panic(err)
	}
	gcm, err := modes.NewGCM(iv, nil)
	if err != nil {
		panic(err)
	}
	c, err := ciphers.NewCipher(alg, gcm)
	if err != nil {
		panic(err)
	}

	enc, err := c.Encryptor()
	if err != nil {
		panic(err)
	}
	if err := enc.AuthenticateAdditionalData(aad); err != nil {
		panic(err)
	}
	var ct []byte
	for _, part := range [][]byte{plaintext[:20], plaintext[20:]} {
		out, err := enc.Update(part)
		if err != nil {
			panic(err)
		}
		ct = append(ct, out...)
	}
	// Finalize returns what the backend held back (the Go backend's GCM
	// holds back everything), so its output belongs to the ciphertext.
	rest, err := enc.Finalize()
	if err != nil {
		panic(err)
	}
	ct = append(ct, rest...)
	tag, err := enc.Tag()
	if err != nil {
		panic(err)
	}
	fmt.Printf("ciphertext %x\n", ct)
	fmt.Printf("tag %x\n", tag)

	// The tag arrives after the data: build the mode without it and end
	// with FinalizeWithTag. Use the plaintext only once that succeeds.
	dec, err := c.Decryptor()
	if err != nil {
		panic(err)
	}
	if err := dec.AuthenticateAdditionalData(aad); err != nil {
		panic(err)
	}
	pt, err := dec.Update(ct)
	if err != nil {
		panic(err)
	}
	rest, err = dec.FinalizeWithTag(tag)
	if err != nil {
		panic(err)
	}
	pt = append(pt, rest...)
	fmt.Println(hex.EncodeToString(pt) == hex.EncodeToString(plaintext))
}

// NewBlock gives the raw block cipher as Go's cipher.Block, for code
// written against crypto/cipher.
func ExampleNewBlock() {
	// FIPS 197, Appendix C.1 (AES-128).
	alg, err := algorithms.NewAES(exampleHex("000102030405060708090a0b0c0d0e0f"))
	if err != nil {
		panic(err)
	}
	block, err := ciphers.NewBlock(alg)
	if err != nil {
		panic(err)
	}
	out := make([]byte, block.BlockSize())
	block.Encrypt(out, exampleHex("00112233445566778899aabbccddeeff"))
	fmt.Printf("%x\n", out)
	block.Decrypt(out, out)
	fmt.Printf("%x\n", out)
	// Output:
	// 69c4e0d86a7b0430d8cdb78070b4c55a
	// 00112233445566778899aabbccddeeff
}

// NewStreamEncrypter gives AES-CTR as Go's cipher.Stream; successive calls
// continue the key stream.
func ExampleNewStreamEncrypter() {
	// NIST SP 800-38A, F.5.1 (CTR-AES128.Encrypt), its first two blocks.
	alg, err := algorithms.NewAES(exampleHex("2b7e151628aed2a6abf7158809cf4f3c"))
	if err != nil {
		panic(err)
	}
	ctr, err := modes.NewCTR(exampleHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"))
	if err != nil {
		panic(err)
	}
	stream, err := ciphers.NewStreamEncrypter(alg, ctr)
	if err != nil {
		panic(err)
	}
	msg := exampleHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51")
	stream.XORKeyStream(msg[:10], msg[:10]) // in place, in two calls
	stream.XORKeyStream(msg[10:], msg[10:])
	fmt.Printf("%x\n", msg)
	// Output:
	// 874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff
}
