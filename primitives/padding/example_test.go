package padding_test

import (
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/primitives/padding"
)

func ExampleNewPKCS7() {
	p, err := padding.NewPKCS7(128) // the block size of AES, in bits
	if err != nil {
		panic(err)
	}
	fmt.Println(p.BlockSize())

	_, err = padding.NewPKCS7(12)
	fmt.Println(errors.Is(err, padding.ErrInvalidBlockSize))
	// Output:
	// 128
	// true
}

func ExamplePKCS7_Pad() {
	p, err := padding.NewPKCS7(128)
	if err != nil {
		panic(err)
	}
	// 13 bytes of a 16-byte block: RFC 5652 adds 3 bytes of value 3.
	padded := p.Pad(nil, []byte("Hello, world!"))
	fmt.Printf("%x\n", padded)
	// Output:
	// 48656c6c6f2c20776f726c6421030303
}

func ExamplePKCS7_Unpad() {
	p, err := padding.NewPKCS7(64)
	if err != nil {
		panic(err)
	}
	data, err := p.Unpad([]byte("Triple DES\x06\x06\x06\x06\x06\x06"))
	if err != nil {
		// Never reveal this error for unauthenticated ciphertext.
		panic(err)
	}
	fmt.Printf("%q\n", data)

	_, err = p.Unpad([]byte("Triple DES\x06\x06\x06\x06\x06\x05"))
	fmt.Println(err)
	// Output:
	// "Triple DES"
	// padding: invalid padding bytes
}

func ExamplePKCS7_Padder() {
	p, err := padding.NewPKCS7(64)
	if err != nil {
		panic(err)
	}
	padder := p.Padder()
	var out []byte
	for _, piece := range []string{"stream", "ing da", "ta"} {
		blocks, err := padder.Update([]byte(piece))
		if err != nil {
			panic(err)
		}
		out = append(out, blocks...)
	}
	last, err := padder.Finalize()
	if err != nil {
		panic(err)
	}
	out = append(out, last...)
	fmt.Printf("%q\n", out)
	// Output:
	// "streaming data\x02\x02"
}

func ExamplePKCS7_Unpadder() {
	p, err := padding.NewPKCS7(64)
	if err != nil {
		panic(err)
	}
	unpadder := p.Unpadder()
	for _, piece := range []string{"streaming", " data\x02\x02"} {
		// The last block is held back until Finalize.
		data, err := unpadder.Update([]byte(piece))
		if err != nil {
			panic(err)
		}
		fmt.Printf("Update: %q\n", data)
	}
	data, err := unpadder.Finalize()
	if err != nil {
		panic(err)
	}
	fmt.Printf("Finalize: %q\n", data)
	// Output:
	// Update: "streamin"
	// Update: ""
	// Finalize: "g data"
}

func ExampleANSIX923() {
	a, err := padding.NewANSIX923(64)
	if err != nil {
		panic(err)
	}
	padded := a.Pad(nil, []byte("abcde"))
	fmt.Printf("%x\n", padded)

	data, err := a.Unpad(padded)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s\n", data)

	// The filler must be zero.
	_, err = a.Unpad([]byte("abcde\x00\x01\x03"))
	fmt.Println(errors.Is(err, padding.ErrInvalidPadding))
	// Output:
	// 6162636465000003
	// abcde
	// true
}
