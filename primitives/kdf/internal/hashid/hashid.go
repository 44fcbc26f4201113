// Package hashid tells which hash algorithm a [hash.Hash] computes, so that
// the Go-shaped KDF functions, which take a hash constructor as Go's
// crypto/hkdf and crypto/pbkdf2 do, can name the hash to a backend.
package hashid

import (
	"fmt"
	"hash"
	"reflect"
	"runtime"
	"sync/atomic"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// stdKey identifies a hash of Go's standard library: its type (package
// path and name) and its size, which tells apart the variants that share
// a type (SHA-224 and SHA-256, the SHA-512 family, SHA-3).
type stdKey struct {
	pkg, name string
	size      int
}

var std = map[stdKey]backends.HashAlgorithm{
	{"crypto/sha1", "digest", 20}:                    hashes.SHA1{},
	{"crypto/internal/fips140/sha256", "Digest", 28}: hashes.SHA224{},
	{"crypto/internal/fips140/sha256", "Digest", 32}: hashes.SHA256{},
	{"crypto/internal/fips140/sha512", "Digest", 48}: hashes.SHA384{},
	{"crypto/internal/fips140/sha512", "Digest", 64}: hashes.SHA512{},
	{"crypto/internal/fips140/sha512", "Digest", 28}: hashes.SHA512_224{},
	{"crypto/internal/fips140/sha512", "Digest", 32}: hashes.SHA512_256{},
	{"crypto/sha3", "SHA3", 28}:                      hashes.SHA3_224{},
	{"crypto/sha3", "SHA3", 32}:                      hashes.SHA3_256{},
	{"crypto/sha3", "SHA3", 48}:                      hashes.SHA3_384{},
	{"crypto/sha3", "SHA3", 64}:                      hashes.SHA3_512{},
	{"crypto/md5", "digest", 16}:                     hashes.MD5{},
}

// Of returns the algorithm h computes: for a *hashes.Hash of package
// primitives/hashes (from hashes.New or hashes.NewFunc) its Algorithm, for
// one of Go's standard library (crypto/sha1, crypto/sha256, crypto/sha512,
// crypto/sha3, crypto/md5) the algorithm its type and size name. Any other
// hash gives an error wrapping [backends.ErrUnsupportedAlgorithm]: a
// backend can only run a hash it knows by name. Keyed hashes (an HMAC of
// primitives/hmac or of crypto/hmac) and types that wrap a hash are such
// others, though some name their inner hash.
func Of(h hash.Hash) (backends.HashAlgorithm, error) {
	if h == nil || (reflect.ValueOf(h).Kind() == reflect.Pointer && reflect.ValueOf(h).IsNil()) {
		return nil, fmt.Errorf("the hash constructor returned nil: %w", backends.ErrInvalidArgument)
	}
	// Only a *hashes.Hash itself: other types with an Algorithm method (an
	// HMAC of primitives/hmac, a caller's wrapper) compute something else
	// than the hash they name.
	if hh, ok := h.(*hashes.Hash); ok {
		if alg := hh.Algorithm(); alg != nil {
			return alg, nil
		}
	}
	t := reflect.TypeOf(h)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if alg, ok := std[stdKey{t.PkgPath(), t.Name(), h.Size()}]; ok {
		return alg, nil
	}
	return nil, &backends.UnsupportedAlgorithmError{
		Algorithm: fmt.Sprintf("%T (size %d)", h, h.Size()),
		Reason:    backends.ReasonUnsupportedHash,
		Err:       fmt.Errorf("not a hash of primitives/hashes or of Go's crypto packages, so its name is unknown: use hashes.NewFunc"),
	}
}

// stdConstructors are the constructors of Go's standard library that
// OfFunc knows by their code, with the name of the algorithm they make.
// Each is a top-level function: it captures nothing, so its code alone
// says which hash it makes.
var stdConstructors = map[string]string{
	"crypto/sha1.New":          "sha1",
	"crypto/sha256.New224":     "sha224",
	"crypto/sha256.New":        "sha256",
	"crypto/sha512.New384":     "sha384",
	"crypto/sha512.New":        "sha512",
	"crypto/sha512.New512_224": "sha512-224",
	"crypto/sha512.New512_256": "sha512-256",
	"crypto/sha3.New224":       "sha3-224",
	"crypto/sha3.New256":       "sha3-256",
	"crypto/sha3.New384":       "sha3-384",
	"crypto/sha3.New512":       "sha3-512",
	"crypto/md5.New":           "md5",
}

// known is what OfFunc learned: a constructor of stdConstructors, by the
// address of its code, in a slot picked by that address.
var known [16]atomic.Pointer[knownFunc]

type knownFunc struct {
	pc  uintptr
	alg backends.HashAlgorithm
}

// OfFunc returns the algorithm that f's hashes compute, as [Of] does for
// f(). A constructor of Go's standard library (sha256.New, ...) is called
// the first time only: then it is known by the address of its code, and
// found again without a hash made and examined (which cost an allocation
// and a type lookup on every derivation). Any other constructor, a
// closure such as hashes.NewFunc's among them, is called every time.
func OfFunc[H hash.Hash](f func() H) (backends.HashAlgorithm, error) {
	pc := reflect.ValueOf(f).Pointer()
	slot := &known[(pc>>4)%uintptr(len(known))]
	if k := slot.Load(); k != nil && k.pc == pc {
		return k.alg, nil
	}
	alg, err := Of(f())
	if err != nil {
		return nil, err
	}
	if fn := runtime.FuncForPC(pc); fn != nil && fn.Entry() == pc && stdConstructors[fn.Name()] == alg.Name() {
		slot.Store(&knownFunc{pc, alg})
	}
	return alg, nil
}
