//go:build !race && !asan

package hashid

const raceEnabled = false
