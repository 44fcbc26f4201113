//go:build !race && !asan

package hashes_test

const raceEnabled = false
