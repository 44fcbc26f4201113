package openssl

import "time"

// PushError leaves an error with text data on the calling thread's error
// queue; the caller locks its goroutine to the thread.
func PushError(data string) { testPushError(data) }

// LoadProvider loads a provider by name or module path.
func LoadProvider(name string) error { return testLoadProvider(name) }

// ErrBegin runs the error-queue check of the C helpers n times and returns
// the thread CPU time it took.
func ErrBegin(n int) time.Duration { return testErrBegin(n) }
