package openssl

// #include "shims.h"
import "C"

// CMemoryInUse returns the bytes the C allocator holds in use in this
// process (OpenSSL's allocations among them), or -1 where the C library
// cannot tell. It is meant for leak checks: compare two readings taken
// after runtime.GC.
func CMemoryInUse() int64 { return int64(C.go_malloc_inuse()) }
