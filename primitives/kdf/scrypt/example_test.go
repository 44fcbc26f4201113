package scrypt_test

import (
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/kdf/pbkdf2"
	"github.com/go-hazmat/hazmat/primitives/kdf/scrypt"
)

// The call of golang.org/x/crypto/scrypt, unchanged but for the import.
// FIPS mode refuses scrypt; a service that must also run there falls back
// to PBKDF2.
func ExampleKey() {
	password, salt := []byte("password"), []byte("0123456789abcdef")
	key, err := scrypt.Key(password, salt, 1<<14, 8, 1, 32)
	if errors.Is(err, backends.ErrUnsupportedAlgorithm) {
		key, err = pbkdf2.Key(sha256.New, string(password), salt, 10000, 32)
	}
	fmt.Println(len(key), err)
	// Output:
	// 32 <nil>
}
