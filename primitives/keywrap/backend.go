package keywrap

import (
	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
)

// defaultBackend is the backend the package's functions use.
func defaultBackend() backends.KeyWrapBackend { return defaultbackend.Get() }
