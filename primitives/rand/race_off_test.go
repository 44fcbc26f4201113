//go:build !race && !asan

package rand_test

const raceEnabled = false
