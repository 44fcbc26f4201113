package backends

import "io"

// RandBackend draws random bytes from a backend's random bit generator
// (for OpenSSL, its DRBG; in FIPS mode, the FIPS provider's).
type RandBackend interface {
	// RandBytes fills b with random bytes. With private set, they come
	// from the generator the backend keeps for private key material, if it
	// keeps one apart. It is safe for concurrent use.
	RandBytes(b []byte, private bool) error
	// RandReader returns an [io.Reader] whose Read fills its buffer with
	// RandBytes; it is safe for concurrent use and never returns a short
	// read without an error.
	RandReader(private bool) io.Reader
}
