package gocrypto

import (
	"fmt"
	"sync"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/cipherreg"
)

// Backend is the Go backend. It implements the interfaces of package
// backends that the OpenSSL backend implements. It is safe for concurrent
// use.
type Backend struct {
	ciphers cipherreg.Registry
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

// errNoBackend is the error of the cipher methods of a zero Backend or a
// nil *Backend, which have no adapters.
var errNoBackend = fmt.Errorf("gocrypto: Backend used without NewBackend or DefaultBackend: %w", backends.ErrInvalidArgument)

var defaultBackend = sync.OnceValue(NewBackend)

// DefaultBackend returns the process-wide Go backend.
func DefaultBackend() *Backend { return defaultBackend() }

// NewBackend returns a backend with the default cipher adapters
// registered. Each backend has its own adapter registry.
func NewBackend() *Backend {
	b := &Backend{}
	b.ciphers.Init()
	return b
}

// FIPS reports whether Go's FIPS 140-3 module runs in FIPS mode, as the
// package function [FIPS] does.
func (b *Backend) FIPS() bool { return FIPS() }
