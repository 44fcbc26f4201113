//go:build !cgo

package backendenv

// cgoEnabled reports whether the program was built with cgo, and so has
// the OpenSSL backend.
const cgoEnabled = false
