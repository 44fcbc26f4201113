//go:build race || asan

package gocrypto_test

// raceEnabled: the race detector and the address sanitizer change
// allocation counts, which the run without them checks.
const raceEnabled = true
