// Package cmac computes CMAC ([NIST SP 800-38B]; [RFC 4493] for AES) with
// AES or TripleDES, the shape of pyca's cryptography.hazmat.primitives.cmac
// in Go: [New] returns a [*mac.MAC] (Update, Copy, Finalize, constant-time
// Verify, and Go's [hash.Hash] and [hash.Cloner]); [Sum] and [Verify] take
// one buffer in one call into the backend. It is a thin facade over package
// mac with the descriptor macalg.CMAC.
//
// The AES key is 16, 24 or 32 bytes and picks AES-128, -192 or -256. In
// FIPS mode CMAC-AES runs in the FIPS provider; TripleDES CMAC (24-byte
// keys) runs where the provider serves it.
//
// [NIST SP 800-38B]: https://doi.org/10.6028/NIST.SP.800-38B
// [RFC 4493]: https://www.rfc-editor.org/rfc/rfc4493
package cmac

import (
	"github.com/go-hazmat/hazmat/primitives/mac"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// Size is the length of an AES CMAC in bytes.
const Size = 16

// New returns a CMAC-AES keyed with key (copied), or an error wrapping
// [github.com/go-hazmat/hazmat/backends.ErrInvalidKeySize] for a key that is not 16, 24 or 32 bytes.
func New(key []byte) (*mac.MAC, error) { return mac.New(macalg.CMAC{Cipher: macalg.AES}, key) }

// NewTripleDES returns a CMAC-TDES keyed with key (24 bytes; 16 outside
// FIPS mode). Its MAC is 8 bytes.
func NewTripleDES(key []byte) (*mac.MAC, error) {
	return mac.New(macalg.CMAC{Cipher: macalg.TripleDES}, key)
}

// Sum returns the CMAC-AES of msg under key, in one call into the backend.
func Sum(key, msg []byte) ([]byte, error) { return mac.Sum(macalg.CMAC{Cipher: macalg.AES}, key, msg) }

// Verify compares the CMAC-AES of msg under key with tag in constant time;
// a mismatch returns an error wrapping [github.com/go-hazmat/hazmat/backends.ErrInvalidSignature].
func Verify(key, msg, tag []byte) error {
	return mac.Verify(macalg.CMAC{Cipher: macalg.AES}, key, msg, tag)
}
