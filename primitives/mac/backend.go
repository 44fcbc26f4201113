package mac

import (
	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
)

// defaultBackend is the backend New, Sum and Supported use.
func defaultBackend() backends.MACBackend { return defaultbackend.Get() }
