//go:build !linux

package bench

// rusageThread is RUSAGE_SELF where there is no RUSAGE_THREAD: the whole
// process, which counts other threads' time too.
const rusageThread = 0
