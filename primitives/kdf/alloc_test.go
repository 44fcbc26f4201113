package kdf_test

import (
	"bytes"
	stdhkdf "crypto/hkdf"
	stdpbkdf2 "crypto/pbkdf2"
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/kdf/hkdf"
	"github.com/go-hazmat/hazmat/primitives/kdf/pbkdf2"
)

// TestDeriveAllocs: a derivation allocates only what its API makes: the
// key returned and the descriptor as an interface value; a constructor of
// Go's standard library, known by its code after its first use, makes no
// hash, the info or password string is passed without a copy, and the
// backend's own resolution of the KDF allocates nothing. The Go backend
// derives with Go's crypto/hkdf and crypto/pbkdf2, whose own allocations
// (HMAC states) come on top, and its resolution of the KDF allocates two
// of its own: there the bound is Go's count plus six.
func TestDeriveAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are checked by the run without -race (scripts/test.sh)")
	}
	secret, salt := bytes.Repeat([]byte{7}, 32), bytes.Repeat([]byte{1}, 16)
	tests := []struct {
		name     string
		derive   func() ([]byte, error)
		goDerive func() ([]byte, error)
	}{
		{"HKDF-SHA256", func() ([]byte, error) { return hkdf.Key(sha256.New, secret, salt, "info", 32) },
			func() ([]byte, error) { return stdhkdf.Key(sha256.New, secret, salt, "info", 32) }},
		{"HKDF-SHA256, no salt", func() ([]byte, error) { return hkdf.Key(sha256.New, secret, nil, "info", 32) },
			func() ([]byte, error) { return stdhkdf.Key(sha256.New, secret, nil, "info", 32) }},
		{"PBKDF2-SHA256", func() ([]byte, error) { return pbkdf2.Key(sha256.New, "password", salt, 1000, 32) },
			func() ([]byte, error) { return stdpbkdf2.Key(sha256.New, "password", salt, 1000, 32) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.derive()
			require.NoError(t, err)
			n := testing.AllocsPerRun(20, func() {
				if _, err := tt.derive(); err != nil {
					t.Fatal(err)
				}
			})
			bound := 2.0
			if defaultbackend.Name() == defaultbackend.Go {
				bound = 6 + testing.AllocsPerRun(20, func() {
					if _, err := tt.goDerive(); err != nil {
						t.Fatal(err)
					}
				})
			}
			assert.LessOrEqual(t, n, bound, "allocations per derivation (%s backend)", defaultbackend.Name())
		})
	}
}
