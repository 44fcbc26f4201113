package hashes

import (
	"fmt"
	"hash"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
)

// NewFunc returns a constructor of hashes computing alg with the default
// backend, for Go APIs that take one: [crypto/hmac.New],
// [crypto/hkdf.Key], [crypto/pbkdf2.Key], golang.org/x/crypto's KDFs
// (under GODEBUG=fips140=only those of Go's crypto accept only Go's own
// SHA-2 and SHA-3 and panic with any other hash.Hash, this one included:
// use packages primitives/hmac and primitives/kdf there). It
// checks once, here, that alg can be used, and returns the error [New]
// would return otherwise: one wrapping [backends.ErrUnsupportedAlgorithm],
// or for SHAKE without a positive Size [backends.ErrInvalidDigestSize].
//
// Each call of the constructor returns a new [*Hash] as a [hash.Hash]; the
// constructor is safe for concurrent use, the hashes it returns are not.
// The constructor has no error result: should alg stop being available
// after NewFunc checked it (FIPS mode switched on with an algorithm the
// FIPS provider does not serve), it panics with a message saying so; call
// NewFunc again after changing FIPS mode.
func NewFunc(alg Algorithm) (func() hash.Hash, error) {
	return NewFuncWithBackend(alg, defaultbackend.Get())
}

// NewFuncWithBackend is [NewFunc] with a chosen backend.
func NewFuncWithBackend(alg Algorithm, b backends.HashBackend) (func() hash.Hash, error) {
	if _, err := NewWithBackend(alg, b); err != nil {
		return nil, err
	}
	return func() hash.Hash {
		h, err := NewWithBackend(alg, b)
		if err != nil {
			panic(fmt.Sprintf("hashes: %s was available when NewFunc checked it but is not now (did FIPS mode change? call NewFunc again): %s",
				alg.Name(), strings.TrimPrefix(err.Error(), "hashes: ")))
		}
		return h
	}, nil
}
