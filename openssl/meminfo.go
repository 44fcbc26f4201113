//go:build cgo

package openssl

// #include "shims.h"
import "C"

import "github.com/go-hazmat/hazmat/internal/cmem"

// cMemoryInUse returns the bytes the C allocator holds in use, or -1 where
// the C library cannot tell; the leak checks of the tests read it through
// package internal/cmem.
func cMemoryInUse() int64 { return int64(C.go_malloc_inuse()) }

func init() { cmem.InUse = cMemoryInUse }
