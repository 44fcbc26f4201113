// Package openssl is hazmat's OpenSSL backend: it implements the interfaces
// of package backends over OpenSSL 3's EVP layer, through cgo.
//
// Most programs use it only indirectly, through the primitives packages,
// which use [DefaultBackend] unless told otherwise. Use it directly to ask
// which OpenSSL runs ([Version]), whether FIPS mode is on ([FIPS]), which
// providers are loaded ([Providers]), or to switch FIPS mode ([SetFIPS]).
//
// # Algorithms and providers
//
// Every algorithm is fetched from OpenSSL's providers under the current
// default properties, once per (name, FIPS mode), and cached for the life of
// the process. HashSupported, HMACSupported and CipherSupported answer by
// trying: a name that OpenSSL's legacy name table knows but no loaded
// provider serves is reported unsupported. In FIPS mode, every fetch carries
// the fips=yes property, so only the FIPS provider serves.
//
// # Concurrency
//
// A [Backend] is safe for concurrent use. Contexts it creates (hash, HMAC,
// cipher contexts) are not, like Go's [hash.Hash]: use one per goroutine.
//
// # Errors
//
// A failing OpenSSL call returns an [*Error] that carries OpenSSL's reason
// text, read from the failing thread's error queue inside the same C call.
// Conditions a caller branches on are wrapped sentinels of package backends.
package openssl
