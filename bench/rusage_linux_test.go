//go:build linux

package bench

// rusageThread is RUSAGE_THREAD: getrusage for the calling thread only.
const rusageThread = 1
