package hashes

// SetMaxRead lowers the total output Read produces, so that tests reach
// the limit without computing a gigabyte; the returned function restores it.
func SetMaxRead(n int) (restore func()) {
	old := maxRead
	maxRead = n
	return func() { maxRead = old }
}
