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
// # The legacy provider
//
// When the package is loaded, and whenever [SetFIPS](false) returns to the
// default mode, it loads OpenSSL's default provider and, when installed,
// its legacy provider, which serves the decrepit ciphers and digests
// (Blowfish, CAST5, SEED, IDEA, ARC4, MD4, ...), as
// pyca/cryptography does. Providers belong to OpenSSL's default library
// context, which the whole process shares: every other user of OpenSSL in
// the process (another cgo package, a C library) then sees the legacy
// algorithms too, and no longer gets the default provider loaded
// automatically, since loading a provider explicitly turns that off (the
// default provider is loaded explicitly first for this reason). Set the
// environment variable [NoLegacyEnv] (HAZMAT_OPENSSL_NO_LEGACY=1) to keep
// the legacy provider out; the package then loads no provider itself when
// it starts in the default mode. FIPS mode never uses the legacy provider.
//
// # Exported API
//
// Besides [Backend] (with [DefaultBackend], [NewBackend] and the methods
// that implement the interfaces of package backends), the package exports
// only what describes and controls OpenSSL itself: [Init], [Version],
// [VersionNumber], [FIPS], [FIPSCapable], [SetFIPS], [ModulesDir],
// [FIPSProviderVersion], [Providers] with [Provider], [NoLegacyEnv],
// [ErrFIPSProviderNotFound], [ErrNoCgo] and [Error]; and [NewHashCtxBeside]
// and [NewHMACCtxBeside], which place a hash or HMAC context in one
// allocation with its caller's wrapper.
// Contexts are returned as the interfaces of package backends; their types
// are not exported.
//
// # Building
//
// The backend needs cgo, a C compiler and OpenSSL 3's development files
// (Debian: libssl-dev, found with pkg-config). Built with CGO_ENABLED=0,
// the package compiles to a stub with the same exported API that runs
// nothing: [Init] and [SetFIPS] return [ErrNoCgo], [Version] says OpenSSL
// is not in the build, [FIPS] and [FIPSCapable] are false, every Supported
// method of [Backend] answers false and every other method returns an
// error wrapping [ErrNoCgo] (an [*backends.UnsupportedAlgorithmError]
// where the contract names one). Such a build runs on the Go backend
// (package gocrypto), which the primitives then use by default.
//
// # Concurrency
//
// A [Backend] is safe for concurrent use, and so are the one-shot AEADs of
// [Backend.CreateAEADCtx] and [Backend.CreateRandomNonceAEADCtx] (AES-GCM
// whose IVs the provider generates). Contexts it creates (hash, HMAC, cipher
// contexts) are not, like Go's [hash.Hash]: use one per goroutine.
//
// # Errors
//
// A failing OpenSSL call returns an [*Error] that carries OpenSSL's reason
// text, read from the failing thread's error queue inside the same C call.
// Conditions a caller branches on are wrapped sentinels of package backends.
package openssl
