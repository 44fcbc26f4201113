//go:build race || asan

package hashid

// raceEnabled: the race detector and the address sanitizer change
// allocation counts, so allocation counts are checked by the run without
// -race.
const raceEnabled = true
