package backendtest

import (
	"testing"

	"github.com/go-hazmat/hazmat/backends"
)

func TestCipherBackend(t *testing.T, b backends.CipherBackend) {}

func testConcurrentBackend(t *testing.T, b backends.Backend) {}
