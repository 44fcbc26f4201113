package kdf_test

import (
	"bytes"
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/primitives/kdf/hkdf"
	"github.com/go-hazmat/hazmat/primitives/kdf/pbkdf2"
)

// TestDeriveAllocs: a derivation allocates only what its API makes: the
// key returned, the hash the constructor argument makes, the info or
// password string as bytes and the descriptor as an interface value; the
// backend's own resolution of the KDF allocates nothing.
func TestDeriveAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are checked by the run without -race (scripts/test.sh)")
	}
	secret, salt := bytes.Repeat([]byte{7}, 32), bytes.Repeat([]byte{1}, 16)
	tests := []struct {
		name   string
		derive func() ([]byte, error)
	}{
		{"HKDF-SHA256", func() ([]byte, error) { return hkdf.Key(sha256.New, secret, salt, "info", 32) }},
		{"PBKDF2-SHA256", func() ([]byte, error) { return pbkdf2.Key(sha256.New, "password", salt, 1000, 32) }},
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
			assert.LessOrEqual(t, n, 4.0, "allocations per derivation")
		})
	}
}
