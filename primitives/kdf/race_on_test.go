//go:build race || asan

package kdf_test

// raceEnabled: the slowest records (millions of PBKDF2 iterations, scrypt
// with 1 GiB) take minutes under the race detector or the address
// sanitizer, and are left out there, counted as not run.
const raceEnabled = true
