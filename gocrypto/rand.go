package gocrypto

import (
	"crypto/rand"
	"io"
)

// RandBytes fills p.
func (b *Backend) RandBytes(p []byte, private bool) error {
	_, err := io.ReadFull(rand.Reader, p)
	return err
}

// RandReader returns a reader.
func (b *Backend) RandReader(private bool) io.Reader { return rand.Reader }
