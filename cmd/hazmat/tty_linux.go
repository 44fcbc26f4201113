package main

import (
	"os"
	"syscall"
	"unsafe"
)

// isTerminal reports whether f is a terminal: whether it answers the
// terminal's own request (TCGETS), as isatty(3) asks. A character device
// that is not a terminal, such as /dev/null, does not.
func isTerminal(f *os.File) bool {
	var t syscall.Termios
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), syscall.TCGETS, uintptr(unsafe.Pointer(&t)))
	return errno == 0
}

// umask returns the process's file mode creation mask. Reading it means
// setting it, so it is set back at once; no other goroutine of hazmat
// creates files meanwhile.
func umask() os.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return os.FileMode(m)
}
