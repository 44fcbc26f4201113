//go:build !race && !asan

package kdf_test

const raceEnabled = false
