package gocrypto

import "github.com/go-hazmat/hazmat/backends"

// Neither Go's standard library nor golang.org/x/crypto has AES key wrap
// (NIST SP 800-38F, RFC 3394, RFC 5649): every mode is refused.

// KeyWrapSupported reports false: Go's crypto has no AES key wrap.
func (b *Backend) KeyWrapSupported(mode backends.KeyWrapMode, kekSize int) bool { return false }

// WrapKey returns an [*backends.UnsupportedAlgorithmError] whose reason
// says key wrap is not in Go's crypto.
func (b *Backend) WrapKey(mode backends.KeyWrapMode, kek, key []byte) ([]byte, error) {
	return nil, keyWrapRefused(mode)
}

// UnwrapKey returns an [*backends.UnsupportedAlgorithmError] whose reason
// says key wrap is not in Go's crypto.
func (b *Backend) UnwrapKey(mode backends.KeyWrapMode, kek, wrapped []byte) ([]byte, error) {
	return nil, keyWrapRefused(mode)
}

func keyWrapRefused(mode backends.KeyWrapMode) error {
	return notInGo("AES key wrap", mode.String(), backends.ReasonUnsupportedCipher)
}
