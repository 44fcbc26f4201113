// Package guard holds the argument checks that package openssl and the
// primitives both make before calling into C: buffer overlap, as
// crypto/cipher defines it, and nil descriptors hidden in interfaces.
package guard

import (
	"fmt"
	"reflect"
	"unsafe"
)

// AnyOverlap reports whether x and y share memory at any index.
func AnyOverlap(x, y []byte) bool {
	return len(x) > 0 && len(y) > 0 &&
		uintptr(unsafe.Pointer(&x[0])) <= uintptr(unsafe.Pointer(&y[len(y)-1])) &&
		uintptr(unsafe.Pointer(&y[0])) <= uintptr(unsafe.Pointer(&x[len(x)-1]))
}

// InexactOverlap reports whether x and y share memory at any non-matching
// index: in-place use (x and y starting at the same byte) is allowed.
func InexactOverlap(x, y []byte) bool {
	if len(x) == 0 || len(y) == 0 || &x[0] == &y[0] {
		return false
	}
	return AnyOverlap(x, y)
}

// IsNil reports whether v is nil or a nil pointer held in an interface, such
// as a (*algorithms.AES)(nil) passed as a backends.CipherAlgorithm. Any
// other value, nil maps, funcs, channels and slices included, is not nil
// for IsNil.
//
// It is called on every descriptor at every layer, so the common answer
// costs no reflection: an interface value whose data word is not nil holds
// no nil pointer (a pointer is stored in that word itself, and any value
// that is not pointer-shaped is stored behind a pointer that is never nil,
// even for a zero-size type). Only a nil data word, which a nil pointer
// shares with nil maps, funcs and channels and with structs and arrays of
// one such field, asks reflection for the kind.
func IsNil(v any) bool {
	if (*eface)(unsafe.Pointer(&v)).data != nil {
		return false
	}
	return isNilSlow(v)
}

// eface is the layout of an empty interface value in Go's runtime
// (internal/abi.EmptyInterface): its type word and its data word.
type eface struct {
	typ, data unsafe.Pointer
}

// isNilSlow is IsNil for a value whose data word is nil.
//
//go:noinline
func isNilSlow(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// Wrap prefixes err with pkg, the name of the package that returns it,
// unless err's text already starts with a package prefix (a lower-case
// word and ": ", as "openssl: ..."): the layer that owned the check named
// itself, and a mistake gives one error with one prefix. nil stays nil.
func Wrap(pkg string, err error) error {
	if err == nil || prefixed(err.Error()) {
		return err
	}
	return fmt.Errorf("%s: %w", pkg, err)
}

// prefixed reports whether s starts with a package prefix.
func prefixed(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9' && i > 0:
		case c == ':' && i > 0:
			return i+1 < len(s) && s[i+1] == ' '
		default:
			return false
		}
	}
	return false
}
