//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"errors"
	"fmt"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
)

// newError turns a queue taken inside a failing C call into an *Error, and
// frees the queue.
func newError(fn string, q *C.go_errq) *Error {
	e := &Error{Func: fn}
	if q == nil {
		return e
	}
	defer C.go_errq_free(q)
	for i := 0; i < int(q.n); i++ {
		code := q.code[i]
		var b strings.Builder
		if lib := C.go_err_lib_text(code); lib != nil {
			b.WriteString(C.GoString(lib))
			b.WriteString(": ")
		}
		if r := C.go_err_reason_text(code); r != nil {
			b.WriteString(C.GoString(r))
		} else {
			b.WriteString("reason ")
			b.WriteString(itoa(int(C.go_err_reason(code))))
		}
		if data := C.GoString(q.data[i]); data != "" {
			b.WriteString(" (" + data + ")")
		}
		e.Reasons = append(e.Reasons, b.String())
		e.Codes = append(e.Codes, uint64(code))
	}
	return e
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// nonceRefused returns the error for a nonce (or IV) of n bytes that the
// cipher name refused: one wrapping [backends.ErrInvalidIVSize] when err
// is OpenSSL's "invalid iv length", and err otherwise. The lengths an
// authenticated cipher takes are its provider's to say.
func nonceRefused(name string, n int, err error) error {
	var oe *Error
	if !errors.As(err, &oe) {
		return err
	}
	if oe.hasProvReason(C.PROV_R_INVALID_IV_LENGTH) {
		return fmt.Errorf("openssl: %s refused a %d-byte nonce (%s): %w", name, n, strings.Join(oe.Reasons, "; "),
			backends.ErrInvalidIVSize)
	}
	return err
}

// hasProvReason reports whether OpenSSL's provider library queued reason
// (a PROV_R_* code) for e.
func (e *Error) hasProvReason(reason C.int) bool {
	for _, code := range e.Codes {
		c := C.ulong(code)
		if C.ERR_GET_LIB(c) == C.ERR_LIB_PROV && C.ERR_GET_REASON(c) == reason {
			return true
		}
	}
	return false
}

// check returns nil for a successful result, and the *Error for a failed one.
func check(fn string, r C.go_result) error {
	if r.ok == 1 {
		return nil
	}
	return newError(fn, r.errq)
}
