//go:build !cgo

package reliability_test

// opensslZeroCases is empty in a build without cgo, where package openssl
// is a stub that refuses everything; openssl's own tests of that build
// (nocgo_test.go) call every method of its zero and nil Backend.
func opensslZeroCases() []zeroCase { return nil }
