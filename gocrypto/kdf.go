package gocrypto

import "github.com/go-hazmat/hazmat/backends"

// KDFSupported reports whether alg can run.
func (b *Backend) KDFSupported(alg backends.KDFAlgorithm) bool { return false }

// DeriveKey derives len(out) bytes.
func (b *Backend) DeriveKey(alg backends.KDFAlgorithm, secret, out []byte) error {
	return notInGo("kdf", "", backends.ReasonUnsupportedHash)
}
