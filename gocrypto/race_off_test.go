//go:build !race && !asan

package gocrypto_test

const raceEnabled = false
