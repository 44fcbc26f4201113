//go:build !race

package ciphers_test

const raceEnabled = false
