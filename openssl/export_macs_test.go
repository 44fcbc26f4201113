//go:build cgo

package openssl

import "github.com/go-hazmat/hazmat/backends"

// RandProviders names the providers of the primary DRBG and of the calling
// thread's public and private DRBGs; the caller locks its goroutine to the
// thread.
var RandProviders = randProviders

// MACProvider names the provider a context of Backend.CreateMACCtx would
// compute its next step with, without following a switch of mode.
func MACProvider(c backends.MACContext) string {
	return c.(*xmacCtx).provider()
}
