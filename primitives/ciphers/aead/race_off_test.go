//go:build !race && !asan

package aead_test

const raceEnabled = false
