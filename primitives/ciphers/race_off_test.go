//go:build !race && !asan

package ciphers_test

const raceEnabled = false
