//go:build !race && !asan && !msan

package kat_test

// instrumented is set when the test binary is built with the race
// detector or a sanitizer, which make the known-answer runs several times
// slower.
const instrumented = false
