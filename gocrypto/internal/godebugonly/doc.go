// Package godebugonly holds a test of package gocrypto in a binary whose
// default GODEBUG is fips140=only (a //go:debug directive, as a program's
// main package or go.mod may set it), rather than one set in the
// environment. It has no code of its own.
package godebugonly
