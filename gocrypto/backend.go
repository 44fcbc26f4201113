package gocrypto

import (
	"sync"

	"github.com/go-hazmat/hazmat/backends"
)

// Backend is the Go backend. It implements the interfaces of package
// backends that the OpenSSL backend implements. It is safe for concurrent
// use.
type Backend struct {
	ciphers cipherRegistry
}

var (
	_ backends.Backend                = (*Backend)(nil)
	_ backends.AEADBackend            = (*Backend)(nil)
	_ backends.RandomNonceAEADBackend = (*Backend)(nil)
	_ backends.MACBackend             = (*Backend)(nil)
	_ backends.KeyWrapBackend         = (*Backend)(nil)
	_ backends.RandBackend            = (*Backend)(nil)
	_ backends.KDFBackend             = (*Backend)(nil)
)

var defaultBackend = sync.OnceValue(NewBackend)

// DefaultBackend returns the process-wide Go backend.
func DefaultBackend() *Backend { return defaultBackend() }

// NewBackend returns a backend with the default cipher adapters
// registered. Each backend has its own adapter registry.
func NewBackend() *Backend {
	b := &Backend{}
	b.ciphers.init()
	return b
}

// FIPS reports whether Go's FIPS 140-3 module runs in FIPS mode, as the
// package function [FIPS] does.
func (b *Backend) FIPS() bool { return FIPS() }
