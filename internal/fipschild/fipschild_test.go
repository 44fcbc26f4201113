package fipschild_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-hazmat/hazmat/internal/fipschild"
)

// TestWithOption: an option fipsinstall wrote is replaced in place, one it
// did not write is added after "activate = 1", and the rest is kept.
func TestWithOption(t *testing.T) {
	module := "[fips_sect]\nactivate = 1\nhmac-key-check = 0\nconditional-errors = 1\n"
	assert.Equal(t, "[fips_sect]\nactivate = 1\nhmac-key-check = 1\nconditional-errors = 1\n",
		fipschild.WithOption(module, "hmac-key-check", "1"))
	assert.Equal(t, "[fips_sect]\nactivate = 1\nhkdf-key-check = 1\nhmac-key-check = 0\nconditional-errors = 1\n",
		fipschild.WithOption(module, "hkdf-key-check", "1"))
	assert.Equal(t, module, fipschild.WithOption(module, "hmac-key-check", "0"))
}
