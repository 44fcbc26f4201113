//go:build !linux

package main

import "os"

// isTerminal reports false: progress shows on Linux terminals only (or
// with HAZMAT_PROGRESS=always).
func isTerminal(*os.File) bool { return false }

// umask returns the usual mask where hazmat cannot read it.
func umask() os.FileMode { return 0o022 }
