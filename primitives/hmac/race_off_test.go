//go:build !race && !asan

package hmac_test

const raceEnabled = false
