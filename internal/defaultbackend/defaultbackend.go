// Package defaultbackend chooses the backend that the primitives use when
// they are given none, as pyca/cryptography's default_backend() does. It is
// the one place that names a concrete backend for them: every primitive
// reaches it only through the interfaces of package backends.
//
// # The choice
//
// A program built with cgo uses the OpenSSL backend ([openssl.DefaultBackend]);
// one built with CGO_ENABLED=0 uses the Go backend ([gocrypto.DefaultBackend]),
// the only one such a build has. The environment variable HAZMAT_BACKEND
// ([Env]) overrides the choice: "go" selects the Go backend, "openssl" the
// OpenSSL backend, and "" (or unset) keeps the build's default.
//
// The variable is read once, when the package is loaded, and the choice
// holds for the life of the process. An unknown value, or "openssl" in a
// build without cgo, makes the program panic while it initialises, with a
// message naming the variable, its value and the values allowed, as Go
// itself does for an unknown GODEBUG=fips140 value: a service that asked
// for one validated module must never run on another. For the same
// reason nothing falls back from one backend to the other when an
// algorithm is missing: the chosen backend refuses it.
package defaultbackend

import (
	"fmt"
	"os"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/backendenv"
	"github.com/go-hazmat/hazmat/openssl"
)

// Env is the environment variable that chooses the default backend.
const Env = backendenv.Env

// Names of the backends, as Env and the command line's -backend spell them.
const (
	OpenSSL = backendenv.OpenSSL
	Go      = backendenv.Go
)

// cgoEnabled reports whether the program was built with cgo, and so has
// the OpenSSL backend.
const cgoEnabled = backendenv.CgoEnabled

// Backend is what the default backend serves: ciphers, hashes, HMAC,
// one-shot AEADs, MACs beyond HMAC, key wrap, random bytes and KDFs.
type Backend interface {
	backends.Backend
	backends.AEADBackend
	backends.MACBackend
	backends.KeyWrapBackend
	backends.RandBackend
	backends.KDFBackend
}

// def and defName are chosen once, when the package is loaded.
var def, defName = mustChoose(os.Getenv(Env))

// Get returns the default backend. It is safe for concurrent use.
func Get() Backend { return def }

// Name returns the name of the default backend: [OpenSSL] or [Go].
func Name() string { return defName }

// FIPS reports whether the default backend runs in FIPS mode now: for the
// OpenSSL backend, OpenSSL's FIPS mode ([openssl.FIPS], which SetFIPS
// switches); for the Go backend, Go's FIPS 140-3 module ([gocrypto.FIPS],
// GODEBUG=fips140=on or only, fixed for the life of the process).
func FIPS() bool {
	if defName == Go {
		return gocrypto.FIPS()
	}
	return openssl.FIPS()
}

// Describe returns a one-line description of the default backend for
// logs: its name, its module's version and its FIPS mode.
func Describe() string {
	if defName == Go {
		return fmt.Sprintf("backend go (%s %s), FIPS mode: %v", gocrypto.ModuleName, gocrypto.Version(), gocrypto.FIPS())
	}
	return fmt.Sprintf("backend openssl (%s), FIPS mode: %v", openssl.Version(), openssl.FIPS())
}

// BuildDefault returns the name of the backend a program uses when Env is
// not set: [OpenSSL] with cgo, [Go] without.
func BuildDefault() string {
	if cgoEnabled {
		return OpenSSL
	}
	return Go
}

// Lookup returns the process-wide backend named name ([OpenSSL] or [Go]).
// It returns an error for any other name, and for [OpenSSL] in a build
// without cgo.
func Lookup(name string) (Backend, error) {
	switch name {
	case Go:
		return gocrypto.DefaultBackend(), nil
	case OpenSSL:
		if !cgoEnabled {
			return nil, fmt.Errorf("backend %q: this program was built with CGO_ENABLED=0 and has no OpenSSL backend (%w); the backend of this build is %q", name, openssl.ErrNoCgo, Go)
		}
		return openssl.DefaultBackend(), nil
	}
	return nil, fmt.Errorf("unknown backend %q: the backends are %q and %q", name, Go, OpenSSL)
}

// mustChoose returns the backend that value of Env selects, and panics
// with a message naming Env when the value is not one it may take.
func mustChoose(value string) (Backend, string) {
	name := value
	if name == "" {
		name = BuildDefault()
	}
	b, err := Lookup(name)
	if err != nil {
		allowed := fmt.Sprintf("%q, %q or unset", Go, OpenSSL)
		if !cgoEnabled {
			allowed = fmt.Sprintf("%q or unset", Go)
		}
		panic(fmt.Sprintf("hazmat: %s=%q: %v; allowed values in this build: %s", Env, value, err, allowed))
	}
	return b, name
}

// NewHashCtxBeside returns a new zero T and a hash context for alg in one
// allocation when b is an OpenSSL or a Go backend, saving the caller
// (hashes.New) an allocation per Hash; ok is false, and nothing is done,
// for any other backend (a nil *openssl.Backend or *gocrypto.Backend
// included, which the caller's own checks then refuse). Both backends
// refuse a nil alg, and an output length that does not fit alg,
// themselves.
func NewHashCtxBeside[T any](b backends.HashBackend, alg backends.HashAlgorithm) (owner *T, ctx backends.HashContext, ok bool, err error) {
	switch b := b.(type) {
	case *openssl.Backend:
		if b == nil || !cgoEnabled {
			return nil, nil, false, nil
		}
		owner, ctx, err = openssl.NewHashCtxBeside[T](alg)
	case *gocrypto.Backend:
		if b == nil {
			return nil, nil, false, nil
		}
		owner, ctx, err = gocrypto.NewHashCtxBeside[T](alg)
	default:
		return nil, nil, false, nil
	}
	return owner, ctx, true, err
}

// NewHMACCtxBeside returns a new zero T and an HMAC context for alg keyed
// with key in one allocation when b is an OpenSSL backend (with cgo) or a
// Go backend, saving the caller (hmac.New) an allocation per HMAC; ok is
// false, and nothing is done, for any other backend (a nil one included,
// which the caller's own checks then refuse).
func NewHMACCtxBeside[T any](b backends.HMACBackend, key []byte, alg backends.HashAlgorithm) (owner *T, ctx backends.HMACContext, ok bool, err error) {
	switch b := b.(type) {
	case *openssl.Backend:
		if b == nil || !cgoEnabled {
			return nil, nil, false, nil
		}
		owner, ctx, err = openssl.NewHMACCtxBeside[T](key, alg)
	case *gocrypto.Backend:
		if b == nil {
			return nil, nil, false, nil
		}
		owner, ctx, err = gocrypto.NewHMACCtxBeside[T](key, alg)
	default:
		return nil, nil, false, nil
	}
	return owner, ctx, true, err
}
