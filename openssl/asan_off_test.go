//go:build cgo && !asan

package openssl_test

// asanBuild is set in a binary built with -asan, whose LeakSanitizer
// reports the C names DropFetched leaves allocated (the entries it drops
// stay in use by contexts that hold them).
const asanBuild = false
