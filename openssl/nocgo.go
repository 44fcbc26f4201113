//go:build !cgo

package openssl

// This file is the package when cgo is off (CGO_ENABLED=0). The OpenSSL
// backend calls OpenSSL's C library, which needs cgo: here it is a stub
// with the same exported API that runs nothing. Init and SetFIPS return
// ErrNoCgo, every Supported method answers false, and every method that
// would compute returns an error wrapping ErrNoCgo (an
// *backends.UnsupportedAlgorithmError where the contract names one), so
// that a program built without cgo that still names this backend fails
// with an error saying why, and a program that uses another backend
// (package gocrypto) builds and runs.

import (
	"fmt"
	"io"
	"reflect"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

// Backend is the OpenSSL backend. In this build (without cgo) it refuses
// everything: see [ErrNoCgo]. It is safe for concurrent use.
type Backend struct{}

var (
	_ backends.Backend                = (*Backend)(nil)
	_ backends.Digester               = (*Backend)(nil)
	_ backends.MACer                  = (*Backend)(nil)
	_ backends.AEADBackend            = (*Backend)(nil)
	_ backends.RandomNonceAEADBackend = (*Backend)(nil)
	_ backends.MACBackend             = (*Backend)(nil)
	_ backends.KeyWrapBackend         = (*Backend)(nil)
	_ backends.RandBackend            = (*Backend)(nil)
	_ backends.KDFBackend             = (*Backend)(nil)
)

var defaultBackend Backend

// DefaultBackend returns the process-wide backend, which in this build
// refuses everything.
func DefaultBackend() *Backend { return &defaultBackend }

// NewBackend returns a backend, which in this build refuses everything.
func NewBackend() *Backend { return &Backend{} }

// NewHashCtxBeside returns an error wrapping [ErrNoCgo] in this build.
func NewHashCtxBeside[T any](alg backends.HashAlgorithm) (*T, backends.HashContext, error) {
	return nil, nil, refuse(hashName(alg), "", backends.ReasonUnsupportedHash)
}

// NewHMACCtxBeside returns an error wrapping [ErrNoCgo] in this build.
func NewHMACCtxBeside[T any](key []byte, alg backends.HashAlgorithm) (*T, backends.HMACContext, error) {
	return nil, nil, refuse(hashName(alg), "", backends.ReasonUnsupportedMAC)
}

// Init returns [ErrNoCgo] in this build.
func Init() error { return ErrNoCgo }

// Version says that OpenSSL is not in this build.
func Version() string { return "none (built without cgo)" }

// VersionNumber returns 0, 0, 0 in this build.
func VersionNumber() (major, minor, patch int) { return 0, 0, 0 }

// FIPS returns false in this build.
func FIPS() bool { return false }

// FIPSCapable returns false in this build.
func FIPSCapable() bool { return false }

// SetFIPS returns an error wrapping [ErrNoCgo] in this build.
func SetFIPS(on bool) error { return fmt.Errorf("openssl: cannot switch FIPS mode: %w", ErrNoCgo) }

// ModulesDir returns "" in this build.
func ModulesDir() string { return "" }

// Providers returns nil in this build.
func Providers() []Provider { return nil }

// FIPSProviderVersion returns "" in this build.
func FIPSProviderVersion() string { return "" }

// refuse returns the error of every computing method of this build.
func refuse(alg, mode string, reason backends.Reason) error {
	return &backends.UnsupportedAlgorithmError{Algorithm: alg, Mode: mode, Reason: reason, Err: ErrNoCgo}
}

func hashName(alg backends.HashAlgorithm) string {
	if guard.IsNil(alg) {
		return "<nil>"
	}
	return alg.Name()
}

func cipherNames(cipher backends.CipherAlgorithm, mode backends.Mode) (string, string) {
	c, m := "<nil>", ""
	if !guard.IsNil(cipher) {
		c = cipher.Name()
	}
	if !guard.IsNil(mode) {
		m = mode.Name()
	}
	return c, m
}

func macName(alg backends.MACAlgorithm) string {
	if guard.IsNil(alg) {
		return "<nil>"
	}
	return alg.Name()
}

// HashSupported returns false in this build.
func (b *Backend) HashSupported(alg backends.HashAlgorithm) bool { return false }

// CreateHashCtx returns an error wrapping [ErrNoCgo] in this build.
func (b *Backend) CreateHashCtx(alg backends.HashAlgorithm) (backends.HashContext, error) {
	return nil, refuse(hashName(alg), "", backends.ReasonUnsupportedHash)
}

// HMACSupported returns false in this build.
func (b *Backend) HMACSupported(alg backends.HashAlgorithm) bool { return false }

// CreateHMACCtx returns an error wrapping [ErrNoCgo] in this build.
func (b *Backend) CreateHMACCtx(key []byte, alg backends.HashAlgorithm) (backends.HMACContext, error) {
	return nil, refuse(hashName(alg), "", backends.ReasonUnsupportedMAC)
}

// Digest returns an error wrapping [ErrNoCgo] in this build.
func (b *Backend) Digest(alg backends.HashAlgorithm, data, dst []byte) ([]byte, error) {
	return dst, refuse(hashName(alg), "", backends.ReasonUnsupportedHash)
}

// MAC returns an error wrapping [ErrNoCgo] in this build.
func (b *Backend) MAC(key []byte, alg backends.HashAlgorithm, data, dst []byte) ([]byte, error) {
	return dst, refuse(hashName(alg), "", backends.ReasonUnsupportedMAC)
}

// CipherSupported returns false in this build.
func (b *Backend) CipherSupported(cipher backends.CipherAlgorithm, mode backends.Mode) bool {
	return false
}

// RegisterCipherAdapter returns an error wrapping [ErrNoCgo] in this build.
func (b *Backend) RegisterCipherAdapter(cipherType, modeType reflect.Type, adapter backends.CipherAdapter) error {
	return fmt.Errorf("openssl: cannot register a cipher adapter: %w", ErrNoCgo)
}

// CreateSymmetricEncryptionCtx returns an error wrapping [ErrNoCgo] in this
// build.
func (b *Backend) CreateSymmetricEncryptionCtx(cipher backends.CipherAlgorithm, mode backends.Mode) (backends.CipherContext, error) {
	c, m := cipherNames(cipher, mode)
	return nil, refuse(c, m, backends.ReasonUnsupportedCipher)
}

// CreateSymmetricDecryptionCtx returns an error wrapping [ErrNoCgo] in this
// build.
func (b *Backend) CreateSymmetricDecryptionCtx(cipher backends.CipherAlgorithm, mode backends.Mode) (backends.CipherContext, error) {
	c, m := cipherNames(cipher, mode)
	return nil, refuse(c, m, backends.ReasonUnsupportedCipher)
}

// AEADSupported returns false in this build.
func (b *Backend) AEADSupported(cipher backends.CipherAlgorithm, mode backends.Mode) bool {
	return false
}

// CreateAEADCtx returns an error wrapping [ErrNoCgo] in this build.
func (b *Backend) CreateAEADCtx(cipher backends.CipherAlgorithm, mode backends.Mode, tagSize int) (backends.AEADContext, error) {
	c, m := cipherNames(cipher, mode)
	return nil, refuse(c, m, backends.ReasonUnsupportedCipher)
}

// RandomNonceAEADSupported returns false in this build.
func (b *Backend) RandomNonceAEADSupported(cipher backends.CipherAlgorithm, mode backends.Mode) bool {
	return false
}

// CreateRandomNonceAEADCtx returns an error wrapping [ErrNoCgo] in this
// build.
func (b *Backend) CreateRandomNonceAEADCtx(cipher backends.CipherAlgorithm, mode backends.Mode, tagSize int) (backends.RandomNonceAEADContext, error) {
	c, m := cipherNames(cipher, mode)
	return nil, refuse(c, m, backends.ReasonUnsupportedCipher)
}

// MACSupported returns false in this build.
func (b *Backend) MACSupported(alg backends.MACAlgorithm) bool { return false }

// CreateMACCtx returns an error wrapping [ErrNoCgo] in this build.
func (b *Backend) CreateMACCtx(alg backends.MACAlgorithm, key []byte) (backends.MACContext, error) {
	return nil, refuse(macName(alg), "", backends.ReasonUnsupportedMAC)
}

// ComputeMAC returns an error wrapping [ErrNoCgo] in this build.
func (b *Backend) ComputeMAC(alg backends.MACAlgorithm, key, data, dst []byte) ([]byte, error) {
	return dst, refuse(macName(alg), "", backends.ReasonUnsupportedMAC)
}

// KeyWrapSupported returns false in this build.
func (b *Backend) KeyWrapSupported(mode backends.KeyWrapMode, kekSize int) bool { return false }

// WrapKey returns an error wrapping [ErrNoCgo] in this build.
func (b *Backend) WrapKey(mode backends.KeyWrapMode, kek, key []byte) ([]byte, error) {
	return nil, refuse("AES", mode.String(), backends.ReasonUnsupportedCipher)
}

// UnwrapKey returns an error wrapping [ErrNoCgo] in this build.
func (b *Backend) UnwrapKey(mode backends.KeyWrapMode, kek, wrapped []byte) ([]byte, error) {
	return nil, refuse("AES", mode.String(), backends.ReasonUnsupportedCipher)
}

// RandBytes returns an error wrapping [ErrNoCgo] in this build, and
// leaves p as it was.
func (b *Backend) RandBytes(p []byte, private bool) error {
	return fmt.Errorf("openssl: no random bytes: %w", ErrNoCgo)
}

// RandReader returns a reader whose every Read fails with an error
// wrapping [ErrNoCgo] in this build.
func (b *Backend) RandReader(private bool) io.Reader { return noRandReader{} }

type noRandReader struct{}

func (noRandReader) Read(p []byte) (int, error) {
	return 0, fmt.Errorf("openssl: no random bytes: %w", ErrNoCgo)
}

// KDFSupported returns false in this build.
func (b *Backend) KDFSupported(alg backends.KDFAlgorithm) bool { return false }

// DeriveKey returns an error wrapping [ErrNoCgo] in this build, and
// leaves out as it was.
func (b *Backend) DeriveKey(alg backends.KDFAlgorithm, secret, out []byte) error {
	name := "<nil>"
	if !guard.IsNil(alg) {
		name = alg.KDFName()
	}
	return refuse(name, "", backends.ReasonUnsupportedHash)
}
