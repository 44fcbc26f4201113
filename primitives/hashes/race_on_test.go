//go:build race

package hashes_test

// raceEnabled: the race detector makes sync.Pool drop items at random, so
// allocation counts are checked by the run without -race.
const raceEnabled = true
