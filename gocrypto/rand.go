package gocrypto

import (
	"crypto/rand"
	"io"
)

// RandBytes fills p with random bytes from crypto/rand: the operating
// system's generator, or, in FIPS mode, the DRBG of Go's FIPS 140-3 module.
// Go keeps one generator, so private is ignored. It never fails (Go's
// crypto/rand crashes the program rather than return short or predictable
// output) and is safe for concurrent use.
func (b *Backend) RandBytes(p []byte, private bool) error {
	rand.Read(p)
	return nil
}

// RandReader returns crypto/rand's [rand.Reader], which fills every buffer
// as [Backend.RandBytes] does; private is ignored. It is safe for
// concurrent use.
func (b *Backend) RandReader(private bool) io.Reader { return rand.Reader }
