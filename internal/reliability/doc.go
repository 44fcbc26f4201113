// Package reliability holds cross-package robustness tests for hazmat: fuzz
// targets that compare the primitives with Go's crypto packages and drive
// contexts through arbitrary call sequences, checks that abandoned contexts
// give their C memory back, concurrent use of one backend (OpenSSL's
// per-thread error queue included), and a table of misuses that must return
// the documented sentinel errors rather than panic.
//
// The package has no API; everything is in its tests. Run the fuzz targets
// with `make fuzz` (FUZZTIME sets the time per target). SECURITY.md at the
// repository root maps each promise hazmat makes to the test here that
// checks it.
package reliability
