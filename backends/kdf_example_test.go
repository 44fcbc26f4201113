package backends_test

import (
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
)

// A FIPS module's refusal of KDF parameters names FIPS and the rule, and
// unwraps to ErrFIPSRule and to the parameter sentinel.
func ExampleKDFRuleError() {
	var err error = &backends.KDFRuleError{
		KDF:    "PBKDF2-SHA256",
		Rule:   "the salt must be at least 16 bytes (128 bits, NIST SP 800-132)",
		Detail: "invalid salt length",
		Kind:   backends.ErrInvalidArgument,
	}
	err = fmt.Errorf("openssl: %w", err)

	fmt.Println(errors.Is(err, backends.ErrFIPSRule), errors.Is(err, backends.ErrInvalidArgument))
	var re *backends.KDFRuleError
	if errors.As(err, &re) {
		fmt.Println(re.Rule)
	}
	fmt.Println(err)
	// Output:
	// true true
	// the salt must be at least 16 bytes (128 bits, NIST SP 800-132)
	// openssl: PBKDF2-SHA256 refused in FIPS mode: the salt must be at least 16 bytes (128 bits, NIST SP 800-132) (module: invalid salt length)
}
