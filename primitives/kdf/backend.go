package kdf

import (
	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
)

// defaultBackend is the backend of the functions that take none. It is
// the one place this package names a backend.
func defaultBackend() backends.KDFBackend { return defaultbackend.Get() }
