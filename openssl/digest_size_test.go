//go:build cgo

package openssl

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
)

// TestDigestCtxSize pins the size of a digestCtx to 304 bytes: buf
// (digestBufSize, 256) and 48 bytes of fields. hashes.New places a
// hashes.Hash (80 bytes, pinned by that package's TestHashSize) and a
// digestCtx in one allocation (NewHashCtxBeside) of 384 bytes, one of Go's
// size classes; a field added here moves every new hasher to the next
// class (416 bytes) or beyond, and Go's allocator takes longer the larger
// the object. Keep what a context rarely needs behind a pointer, as more is.
func TestDigestCtxSize(t *testing.T) {
	assert.Equal(t, uintptr(304), unsafe.Sizeof(digestCtx{}))
	assert.Equal(t, uintptr(384), unsafe.Sizeof(struct {
		owner [80]byte
		d     digestCtx
	}{}), "with an 80-byte owner")
}
