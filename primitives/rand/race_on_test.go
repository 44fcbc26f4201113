//go:build race || asan

package rand_test

// raceEnabled: the race detector (sync.Pool drops items at random) and the
// address sanitizer change allocation counts, so
// allocation counts are checked by the run without -race.
const raceEnabled = true
