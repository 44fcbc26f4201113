//go:build !race

package hashes_test

const raceEnabled = false
