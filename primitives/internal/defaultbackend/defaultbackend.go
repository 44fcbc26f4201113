// Package defaultbackend chooses the backend that the primitives use when
// they are given none, as pyca/cryptography's default_backend() does. It is
// the one place under primitives that names a concrete backend: every
// primitive reaches it only through the interfaces of package backends.
//
// The default is the OpenSSL backend ([openssl.DefaultBackend]), which
// needs cgo; building without cgo fails in package openssl with a message
// saying so.
package defaultbackend

import (
	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
)

// Backend is what the default backend serves: ciphers, hashes, HMAC and
// one-shot AEADs.
type Backend interface {
	backends.Backend
	backends.AEADBackend
}

// def is chosen once, when the package is loaded.
var def Backend = openssl.DefaultBackend()

// Get returns the default backend. It is safe for concurrent use.
func Get() Backend { return def }
