//go:build !go1.26

package goref

// Run calls f, which computes a test's reference answer with Go's crypto.
// Go 1.25 cannot lift the checks of GODEBUG=fips140=only for one call, so
// there f meets them: Go's crypto panics or returns an error for what its
// module refuses (check [Lifts]).
func Run(f func()) { f() }

// Lifts reports whether Run lifts Go's enforcement (with Go 1.26 or newer).
const Lifts = false
