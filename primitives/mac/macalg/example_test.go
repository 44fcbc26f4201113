package macalg_test

import (
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// A descriptor checks the key before any backend runs.
func ExampleCMAC_Params() {
	p, err := macalg.CMAC{Cipher: macalg.AES}.Params(make([]byte, 32))
	fmt.Println(p.MAC, p.Cipher, err)
	_, err = macalg.CMAC{Cipher: macalg.AES}.Params(make([]byte, 20))
	fmt.Println(errors.Is(err, backends.ErrInvalidKeySize))
	// Output:
	// CMAC aes-256-cbc <nil>
	// true
}

func ExampleNewKMAC256() {
	k, err := macalg.NewKMAC256([]byte("app"), 48)
	if err != nil {
		panic(err)
	}
	fmt.Println(k.Name(), k.Size(), string(k.Customization()))
	// Output: KMAC256 48 app
}
