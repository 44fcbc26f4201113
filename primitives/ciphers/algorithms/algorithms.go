package algorithms

import (
	"bytes"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
)

// checkKeyLen returns nil when n is one of sizes (in bytes), or an error
// wrapping [backends.ErrInvalidKeySize] that names the algorithm, the length
// given and want, a description of the lengths accepted.
func checkKeyLen(name string, n int, want string, sizes ...int) error {
	for _, s := range sizes {
		if n == s {
			return nil
		}
	}
	return keySizeError(name, n, want)
}

// checkKeyRange is checkKeyLen for a range of lengths, min to max bytes.
func checkKeyRange(name string, n, minLen, maxLen int) error {
	if n >= minLen && n <= maxLen {
		return nil
	}
	want := fmt.Sprintf("%d to %d bytes (%d to %d bits)", minLen, maxLen, minLen*8, maxLen*8)
	return keySizeError(name, n, want)
}

func keySizeError(name string, n int, want string) error {
	return fmt.Errorf("algorithms: %s key of %d bytes (%d bits), want %s: %w",
		name, n, n*8, want, backends.ErrInvalidKeySize)
}

// clone copies b into a new slice that never aliases the caller's.
func clone(b []byte) []byte {
	return bytes.Clone(b)
}
