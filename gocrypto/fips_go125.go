//go:build !go1.26

package gocrypto

import (
	"crypto/aes"
	"crypto/cipher"
)

// Enforced reports whether GODEBUG=fips140=only is in force: Go then
// refuses every algorithm its FIPS module does not approve, and so does
// this backend. Go 1.25 has no crypto/fips140.Enforced; this asks Go
// itself once, by a use it refuses only under fips140=only (AES-GCM with
// caller nonces), so that it sees the setting wherever it comes from: the
// GODEBUG environment variable, a //go:debug directive or a godebug line of
// the main module's go.mod.
func Enforced() bool { return godebugOnly }

var godebugOnly = func() bool {
	if !FIPS() {
		return false
	}
	blk, err := aes.NewCipher(make([]byte, 16))
	if err != nil {
		return false
	}
	_, err = cipher.NewGCM(blk)
	return err != nil
}()

// Version returns the version of Go's FIPS 140-3 module in use. Go 1.25
// cannot report it (crypto/fips140.Version came with Go 1.26): the answer
// is "unknown".
func Version() string { return "unknown" }
