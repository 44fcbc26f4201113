//go:build go1.26

package goref

import "crypto/fips140"

// Run calls f, which computes a test's reference answer with Go's crypto,
// with the checks of GODEBUG=fips140=only lifted for the duration of the
// call (and for goroutines f starts), through
// [crypto/fips140.WithoutEnforcement]. Outside that setting it just calls
// f. f must compute references only, never call the backend under test.
func Run(f func()) { fips140.WithoutEnforcement(f) }

// Lifts reports whether Run lifts Go's enforcement (with Go 1.26 or newer).
const Lifts = true
