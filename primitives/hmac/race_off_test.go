//go:build !race

package hmac_test

const raceEnabled = false
