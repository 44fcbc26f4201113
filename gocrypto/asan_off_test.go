//go:build !asan

package gocrypto_test

// asanBuild is set in a binary built with -asan, where Go's FIPS 140-3
// mode cannot start ("FIPS 140-3 mode is incompatible with ASAN").
const asanBuild = false
