//go:build !race

package backendtest

// raceEnabled is true when the race detector is on, which makes each cgo
// crossing several times slower.
const raceEnabled = false
