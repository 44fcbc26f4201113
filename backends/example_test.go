package backends_test

import (
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
)

// Errors carry their condition as a sentinel; UnsupportedAlgorithmError
// also says which algorithm and why.
func ExampleUnsupportedAlgorithmError() {
	var err error = &backends.UnsupportedAlgorithmError{
		Algorithm: "Blowfish",
		Mode:      "CBC",
		Reason:    backends.ReasonFIPSRefused,
	}
	err = fmt.Errorf("ciphers: %w", err)

	fmt.Println(errors.Is(err, backends.ErrUnsupportedAlgorithm))
	var ue *backends.UnsupportedAlgorithmError
	if errors.As(err, &ue) {
		fmt.Println(ue.Algorithm, ue.Mode, ue.Reason)
	}
	fmt.Println(err)
	// Output:
	// true
	// Blowfish CBC refused in FIPS mode
	// ciphers: unsupported algorithm: Blowfish in CBC mode: refused in FIPS mode
}

func ExampleKeyWrapMode() {
	for _, m := range []backends.KeyWrapMode{backends.KW, backends.KWP, backends.KWInverse, backends.KWPInverse} {
		fmt.Println(m, m.Padded())
	}
	// Output:
	// KW false
	// KWP true
	// KW-INV false
	// KWP-INV true
}
