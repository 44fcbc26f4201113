// Package rand reads random bytes from a hazmat backend's random bit
// generator: with the default OpenSSL backend, OpenSSL's DRBG
// (RAND_bytes_ex; in FIPS mode, the FIPS provider's DRBG, NIST SP 800-90A).
//
// [Reader] can stand wherever Go code takes [crypto/rand.Reader]; [Read]
// fills a buffer. [PrivateReader] and [ReadPrivate] draw from the DRBG
// OpenSSL keeps apart for private key material (RAND_priv_bytes_ex). All
// are safe for concurrent use and take buffers of any size.
//
// In FIPS mode every read checks that the DRBG it draws from, and the
// primary DRBG that seeds it, are the FIPS provider's; if they are not
// (OpenSSL made the DRBGs of a thread before FIPS mode was switched on, and
// OpenSSL 3.0 does not remake them), the read fails with an error that
// says so, wrapping [backends.ErrUnsupportedAlgorithm] with reason
// [backends.ReasonFIPSRefused]. Turning FIPS mode on through OPENSSL_CONF,
// or before the first random bytes are drawn, avoids it.
//
// Note that Go's own crypto packages since Go 1.24 ignore the reader they
// are given in most key generation and signing functions, and use Go's
// generator instead; pass [Reader] where a function honours it (such as
// [crypto/rand.Int] and [io.ReadFull]), or fill buffers with [Read].
package rand
