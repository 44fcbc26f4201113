package modes_test

import (
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

func ExampleNewGCM() {
	// Key and IV of test case 3 of the GCM specification (McGrew and Viega).
	key, _ := hex.DecodeString("feffe9928665731c6d6a8f9467308308")
	iv, _ := hex.DecodeString("cafebabefacedbaddecaf888")
	aes, err := algorithms.NewAES(key)
	if err != nil {
		panic(err)
	}

	// Encrypting: no tag yet.
	gcm, err := modes.NewGCM(iv, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(gcm.Name(), len(gcm.IV()), gcm.Tag() == nil, gcm.MinTagLength())
	fmt.Println(gcm.ValidateForAlgorithm(aes))

	// Decrypting with a tag that is too short for the default minimum.
	_, err = modes.NewGCM(iv, make([]byte, 8))
	fmt.Println(errors.Is(err, backends.ErrInvalidTagSize))
	// Output:
	// GCM 12 true 16
	// <nil>
	// true
}

func ExampleNewCBC() {
	key, _ := hex.DecodeString("2b7e151628aed2a6abf7158809cf4f3c")
	iv, _ := hex.DecodeString("000102030405060708090a0b0c0d0e0f")
	aes, _ := algorithms.NewAES(key)
	tdes, _ := algorithms.NewTripleDES(key)

	cbc, err := modes.NewCBC(iv)
	if err != nil {
		panic(err)
	}
	fmt.Println(cbc.ValidateForAlgorithm(aes))
	// TripleDES has 8-byte blocks, so a 16-byte IV does not fit.
	fmt.Println(errors.Is(cbc.ValidateForAlgorithm(tdes), backends.ErrInvalidIVSize))
	// Output:
	// <nil>
	// true
}

func ExampleCBC_ValidateForAlgorithm() {
	// A stream cipher takes no mode.
	key, _ := hex.DecodeString("0102030405")
	arc4, _ := algorithms.NewARC4(key)
	cbc, _ := modes.NewCBC(make([]byte, 16))

	err := cbc.ValidateForAlgorithm(arc4)
	fmt.Println(errors.Is(err, backends.ErrUnsupportedAlgorithm))
	var uerr *backends.UnsupportedAlgorithmError
	if errors.As(err, &uerr) {
		fmt.Println(uerr.Algorithm, uerr.Mode)
	}
	// Output:
	// true
	// ARC4 CBC
}

func ExampleNewXTS() {
	// AES-128-XTS takes a 256-bit key: two different AES-128 keys.
	key, _ := hex.DecodeString("2718281828459045235360287471352631415926535897932384626433832795")
	aes, _ := algorithms.NewAES(key)

	tweak := make([]byte, 16) // sector 0
	xts, err := modes.NewXTS(tweak)
	if err != nil {
		panic(err)
	}
	fmt.Println(xts.ValidateForAlgorithm(aes))

	// Equal halves are refused.
	same, _ := algorithms.NewAES(append(key[:16:16], key[:16]...))
	fmt.Println(errors.Is(xts.ValidateForAlgorithm(same), backends.ErrInvalidKeySize))
	// Output:
	// <nil>
	// true
}

// One GCM IV rule for every path: the lengths NewGCM takes are the ones
// the AEADs of package aead take.
func ExampleCheckGCMIVSize() {
	for _, n := range []int{0, 1, 12, 128, 129} {
		fmt.Println(n, modes.CheckGCMIVSize(n) == nil)
	}
	// Output:
	// 0 false
	// 1 true
	// 12 true
	// 128 true
	// 129 false
}

func ExampleCheckCCMTagSize() {
	for _, n := range []int{3, 4, 5, 16} {
		fmt.Println(n, modes.CheckCCMTagSize(n) == nil)
	}
	// Output:
	// 3 false
	// 4 true
	// 5 false
	// 16 true
}

func ExampleCheckCCMNonceSize() {
	for _, n := range []int{6, 7, 13, 14} {
		fmt.Println(n, modes.CheckCCMNonceSize(n) == nil)
	}
	// Output:
	// 6 false
	// 7 true
	// 13 true
	// 14 false
}
