//go:build !cgo

package openssl

// This file is the whole package when cgo is off. The OpenSSL backend
// calls OpenSSL's C library, so it needs cgo: CGO_ENABLED=1 (the default
// where a C compiler is found), a C compiler (gcc or clang) and OpenSSL 3's
// headers and pkg-config file (Debian: libssl-dev). A pure-Go backend for
// builds without cgo is planned; until it exists, such a build fails here,
// with the one error below naming what is missing.

var _ = hazmat_openssl_backend_needs_cgo__build_with_CGO_ENABLED_1_a_C_compiler_and_libssl_dev
