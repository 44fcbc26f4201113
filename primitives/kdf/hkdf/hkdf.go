// Package hkdf is HKDF ([RFC 5869]) with the signatures of Go's
// crypto/hkdf, computed by the backend's module (the default OpenSSL
// backend: its FIPS provider in FIPS mode). Code that imports crypto/hkdf
// switches by changing the import.
//
// The hash constructor h is called to learn which hash it makes: a
// constructor of package primitives/hashes ([hashes.NewFunc]) or one of
// Go's standard library (sha1.New, sha256.New, sha256.New224, sha512.New,
// sha512.New384, sha512.New512_224, sha512.New512_256, the sha3 New
// functions, md5.New) is accepted; any other hash gives an error wrapping
// [backends.ErrUnsupportedAlgorithm], as the module computes the HMAC
// itself and must know the hash by name. Go's hash itself is never used,
// and a constructor of Go's standard library is called only on its first
// use: then it is known by its code.
//
// The functions are safe for concurrent use. For pyca's shape (a KDF with
// Derive and Verify) see package primitives/kdf.
//
// [RFC 5869]: https://www.rfc-editor.org/rfc/rfc5869
package hkdf

import (
	"fmt"
	"hash"
	"unsafe"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/kdf/internal/hashid"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// defaultBackend is the one place this package names a backend.
func defaultBackend() backends.KDFBackend { return defaultbackend.Get() }

// Extract returns the pseudorandom key of HKDF's extract step for secret
// and salt; a nil or empty salt stands for HashLen zero bytes.
func Extract[H hash.Hash](h func() H, secret, salt []byte) ([]byte, error) {
	alg, err := hashOf(h)
	if err != nil {
		return nil, err
	}
	return derive(kdfalg.HKDF{Hash: alg, Salt: salt, Mode: kdfalg.ExtractOnly}, secret, alg.DigestSize())
}

// Expand returns keyLength bytes of HKDF's expand step from the
// pseudorandom key and info. keyLength must be 1 to 255 times the hash
// size.
func Expand[H hash.Hash](h func() H, pseudorandomKey []byte, info string, keyLength int) ([]byte, error) {
	alg, err := hashOf(h)
	if err != nil {
		return nil, err
	}
	return derive(kdfalg.HKDF{Hash: alg, Info: bytesOf(info), Mode: kdfalg.ExpandOnly}, pseudorandomKey, keyLength)
}

// Key derives keyLength bytes from secret with HKDF's extract and expand
// steps. keyLength must be 1 to 255 times the hash size.
func Key[Hash hash.Hash](h func() Hash, secret, salt []byte, info string, keyLength int) ([]byte, error) {
	alg, err := hashOf(h)
	if err != nil {
		return nil, err
	}
	return derive(kdfalg.HKDF{Hash: alg, Salt: salt, Info: bytesOf(info)}, secret, keyLength)
}

func hashOf[H hash.Hash](h func() H) (backends.HashAlgorithm, error) {
	if h == nil {
		return nil, fmt.Errorf("hkdf: nil hash constructor: %w", backends.ErrInvalidArgument)
	}
	alg, err := hashid.OfFunc(h)
	if err != nil {
		return nil, fmt.Errorf("hkdf: %w", err)
	}
	return alg, nil
}

// bytesOf returns the bytes of s without copying them: the descriptor
// carries info to the default backend, which only reads it (as
// [backends.KDFBackend] requires of a descriptor's slices), so a copy per
// derivation would buy nothing.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

func derive(alg kdfalg.HKDF, secret []byte, n int) ([]byte, error) {
	// The backend validates alg and n (DeriveKey's errors are those of
	// ValidateDerive first); here only a length that cannot be right is
	// refused before out is made, so that no huge buffer is allocated for
	// a derivation that will fail.
	if n < 1 || n > 255*alg.Hash.DigestSize() {
		if err := alg.ValidateDerive(len(secret), n); err != nil {
			return nil, err
		}
	}
	out := make([]byte, n)
	if err := defaultBackend().DeriveKey(alg, secret, out); err != nil {
		return nil, err
	}
	return out, nil
}
