// Package guard holds the argument checks that package openssl and the
// primitives both make before calling into C: buffer overlap, as
// crypto/cipher defines it, and nil descriptors hidden in interfaces.
package guard

import (
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
// as a (*algorithms.AES)(nil) passed as a backends.CipherAlgorithm.
func IsNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}
