package rand

import (
	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
)

// defaultBackend is the backend Reader, Read and the private forms use.
func defaultBackend() backends.RandBackend { return defaultbackend.Get() }
