package gocrypto

import "crypto/fips140"

// FIPS reports whether Go's FIPS 140-3 module is in use in FIPS mode
// (GODEBUG=fips140=on or fips140=only when the process started). It never
// changes during the life of the process.
func FIPS() bool { return fips140.Enabled() }

// ModuleName is the name of the module the backend runs on.
const ModuleName = "Go Cryptographic Module"
