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

// Backend is what the default backend serves: ciphers, hashes, HMAC,
// one-shot AEADs, MACs beyond HMAC, key wrap, random bytes and KDFs.
type Backend interface {
	backends.Backend
	backends.AEADBackend
	backends.MACBackend
	backends.KeyWrapBackend
	backends.RandBackend
	backends.KDFBackend
}

// def is chosen once, when the package is loaded.
var def Backend = openssl.DefaultBackend()

// Get returns the default backend. It is safe for concurrent use.
func Get() Backend { return def }

// NewHashCtxBeside returns a new zero T and a hash context for alg in one
// allocation when b is an OpenSSL backend, saving the caller (hashes.New)
// an allocation per Hash; ok is false, and nothing is done, for any other
// backend.
func NewHashCtxBeside[T any](b backends.HashBackend, alg backends.HashAlgorithm) (owner *T, ctx backends.HashContext, ok bool, err error) {
	if _, isOpenSSL := b.(*openssl.Backend); !isOpenSSL {
		return nil, nil, false, nil
	}
	owner, ctx, err = openssl.NewHashCtxBeside[T](alg)
	return owner, ctx, true, err
}
