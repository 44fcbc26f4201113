package gocrypto

import "github.com/go-hazmat/hazmat/backends"

// AEADSupported reports whether CreateAEADCtx serves the pair.
func (b *Backend) AEADSupported(cipher backends.CipherAlgorithm, mode backends.Mode) bool {
	return false
}

// CreateAEADCtx returns a one-shot AEAD.
func (b *Backend) CreateAEADCtx(cipher backends.CipherAlgorithm, mode backends.Mode, tagSize int) (backends.AEADContext, error) {
	return nil, notInGo("aead", "", backends.ReasonUnsupportedCipher)
}

// RandomNonceAEADSupported reports whether CreateRandomNonceAEADCtx serves the pair.
func (b *Backend) RandomNonceAEADSupported(cipher backends.CipherAlgorithm, mode backends.Mode) bool {
	return false
}

// CreateRandomNonceAEADCtx returns a one-shot AEAD with random nonces.
func (b *Backend) CreateRandomNonceAEADCtx(cipher backends.CipherAlgorithm, mode backends.Mode, tagSize int) (backends.RandomNonceAEADContext, error) {
	return nil, notInGo("aead", "", backends.ReasonUnsupportedCipher)
}
