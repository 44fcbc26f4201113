package gocrypto

import "github.com/go-hazmat/hazmat/backends"

// MACSupported reports whether alg can run.
func (b *Backend) MACSupported(alg backends.MACAlgorithm) bool { return false }

// CreateMACCtx returns a MAC context.
func (b *Backend) CreateMACCtx(alg backends.MACAlgorithm, key []byte) (backends.MACContext, error) {
	return nil, notInGo("mac", "", backends.ReasonUnsupportedMAC)
}
