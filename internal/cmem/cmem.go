// Package cmem reports the memory the C allocator holds, for the leak
// checks of this module's tests. It has no cgo: package openssl, which
// has, fills in InUse when it is loaded.
package cmem

// InUse returns the bytes the C allocator holds in use in this process
// (OpenSSL's allocations among them), or -1 where the C library cannot
// tell, or when no package with cgo has set it. Compare two readings taken
// after runtime.GC.
var InUse = func() int64 { return -1 }
