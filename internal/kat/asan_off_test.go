//go:build !asan

package kat_test

// asanBuild is set in a binary built with -asan, where Go's FIPS 140-3
// mode cannot start (crypto/internal/fips140/check panics at init).
const asanBuild = false
