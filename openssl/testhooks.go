package openssl

// #include "shims.h"
import "C"

import (
	"time"
	"unsafe"
)

// Hooks for this package's tests, which cannot use cgo themselves.

// testPushError leaves an error with text data on the calling thread's
// OpenSSL error queue.
func testPushError(data string) {
	cs := C.CString(data)
	defer C.free(unsafe.Pointer(cs))
	C.go_test_push_error(cs)
}

// testLoadProvider loads the provider name (or module path) into the
// default library context and returns OpenSSL's error when it cannot.
func testLoadProvider(name string) error {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	return check("OSSL_PROVIDER_load", C.go_load_provider(cs))
}

// testErrBegin runs the error-queue check that opens every fallible C
// helper n times in one C call and returns the thread CPU time it took.
func testErrBegin(n int) time.Duration { return time.Duration(C.go_test_err_begin(C.int(n))) }
