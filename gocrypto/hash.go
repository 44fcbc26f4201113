package gocrypto

import "github.com/go-hazmat/hazmat/backends"

// HashSupported reports whether alg can be computed.
func (b *Backend) HashSupported(alg backends.HashAlgorithm) bool { return false }

// CreateHashCtx returns a hash context.
func (b *Backend) CreateHashCtx(alg backends.HashAlgorithm) (backends.HashContext, error) {
	return nil, notInGo("hash", "", backends.ReasonUnsupportedHash)
}

// HMACSupported reports whether alg can key an HMAC.
func (b *Backend) HMACSupported(alg backends.HashAlgorithm) bool { return false }

// CreateHMACCtx returns an HMAC context.
func (b *Backend) CreateHMACCtx(key []byte, alg backends.HashAlgorithm) (backends.HMACContext, error) {
	return nil, notInGo("hmac", "", backends.ReasonUnsupportedMAC)
}
