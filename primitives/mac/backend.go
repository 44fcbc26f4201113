package mac

import (
	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
)

// defaultBackend is the backend New, Sum and Supported use.
func defaultBackend() backends.MACBackend { return openssl.DefaultBackend() }
