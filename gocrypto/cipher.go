package gocrypto

import (
	"reflect"

	"github.com/go-hazmat/hazmat/backends"
)

// cipherRegistry maps (cipher, mode) types to adapters.
type cipherRegistry struct{}

func (r *cipherRegistry) init() {}

// CipherSupported reports whether the backend can run cipher in mode.
func (b *Backend) CipherSupported(cipher backends.CipherAlgorithm, mode backends.Mode) bool {
	return false
}

// RegisterCipherAdapter registers adapter for the (cipher, mode) types.
func (b *Backend) RegisterCipherAdapter(cipherType, modeType reflect.Type, adapter backends.CipherAdapter) error {
	return notInGo("cipher", "", backends.ReasonUnsupportedCipher)
}

// CreateSymmetricEncryptionCtx returns an encryption context.
func (b *Backend) CreateSymmetricEncryptionCtx(cipher backends.CipherAlgorithm, mode backends.Mode) (backends.CipherContext, error) {
	return nil, notInGo("cipher", "", backends.ReasonUnsupportedCipher)
}

// CreateSymmetricDecryptionCtx returns a decryption context.
func (b *Backend) CreateSymmetricDecryptionCtx(cipher backends.CipherAlgorithm, mode backends.Mode) (backends.CipherContext, error) {
	return nil, notInGo("cipher", "", backends.ReasonUnsupportedCipher)
}
