package gocrypto

import "github.com/go-hazmat/hazmat/backends"

// KeyWrapSupported reports whether mode can run.
func (b *Backend) KeyWrapSupported(mode backends.KeyWrapMode, kekSize int) bool { return false }

// WrapKey wraps key.
func (b *Backend) WrapKey(mode backends.KeyWrapMode, kek, key []byte) ([]byte, error) {
	return nil, notInGo("key wrap", "", backends.ReasonUnsupportedCipher)
}

// UnwrapKey unwraps wrapped.
func (b *Backend) UnwrapKey(mode backends.KeyWrapMode, kek, wrapped []byte) ([]byte, error) {
	return nil, notInGo("key wrap", "", backends.ReasonUnsupportedCipher)
}
