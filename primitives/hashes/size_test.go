package hashes

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
)

// TestHashSize pins the size of a Hash to 80 bytes. With the OpenSSL
// backend, New places a Hash and the backend's digest context (304 bytes,
// pinned by package openssl's TestDigestCtxSize) in one allocation of 384
// bytes, one of Go's size classes, and TestNewSize checks that class; a
// field added here moves every new hasher to the next class (416 bytes)
// or beyond, and Go's allocator takes longer the larger the object. Keep
// what a Hash rarely needs behind a pointer, as the XOF output is.
func TestHashSize(t *testing.T) {
	assert.Equal(t, uintptr(80), unsafe.Sizeof(Hash{}))
}
