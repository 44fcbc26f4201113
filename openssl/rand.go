//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"fmt"
	"io"

	"github.com/go-hazmat/hazmat/backends"
)

// Random bytes from OpenSSL's DRBGs. RAND_bytes_ex draws from the calling
// thread's public DRBG and RAND_priv_bytes_ex from its private one, both
// seeded by the primary DRBG; they are fetched, once per thread, under the
// default properties in force when first used. In FIPS mode every draw
// checks, in the same C call, that the DRBG it uses and the primary DRBG are
// the FIPS provider's, and fails naming FIPS otherwise (a thread whose
// DRBGs were made before FIPS mode was switched on keeps them: OpenSSL 3.0
// does not make them again).

var _ backends.RandBackend = (*Backend)(nil)

// randChunk bounds one C call, so that a huge Read does not hold its OS
// thread in C for long; OpenSSL splits each chunk into the DRBG's
// requests (64 KiB for its CTR-DRBG).
const randChunk = 1 << 20

// RandBytes fills b with random bytes from OpenSSL's public DRBG, or with
// private set its private DRBG (for key material). It is safe for
// concurrent use. On error b may hold random bytes of an earlier chunk;
// use none of it.
func (b *Backend) RandBytes(p []byte, private bool) error {
	return randBytes(p, private)
}

func randBytes(p []byte, private bool) error {
	for len(p) > 0 {
		n := min(len(p), randChunk)
		m := current()
		r := C.go_rand_bytes(base(p[:n]), C.size_t(n), boolInt(private), m.prov, 0)
		if r.ok == C.GO_RAND_LOCK {
			// The first draw on a thread makes its DRBG, a fetch: see
			// fetchMu. Later draws on the thread take no lock.
			fetchMu.RLock()
			r = C.go_rand_bytes(base(p[:n]), C.size_t(n), boolInt(private), m.prov, 1)
			fetchMu.RUnlock()
		}
		if r.ok != 1 {
			which := "RAND_bytes_ex"
			if private {
				which = "RAND_priv_bytes_ex"
			}
			if r.errq == nil && r.wrong_provider[0] != 0 {
				return fmt.Errorf("openssl: %s in FIPS mode: the DRBG of this thread is served by provider %q, not by the %s provider (it was made before FIPS mode was switched on; set FIPS mode through OPENSSL_CONF, or switch it on before the first use of random bytes): %w",
					which, provName(r.wrong_provider), fipsProviderName, &backends.UnsupportedAlgorithmError{Algorithm: "DRBG", Reason: backends.ReasonFIPSRefused})
			}
			return newError(which, r.errq)
		}
		p = p[n:]
	}
	return nil
}

// RandReader returns an [io.Reader] over RandBytes. It is safe for
// concurrent use, and its Read fills the whole buffer or returns an error.
func (b *Backend) RandReader(private bool) io.Reader { return randReader{private} }

type randReader struct{ private bool }

func (r randReader) Read(p []byte) (int, error) {
	if err := randBytes(p, r.private); err != nil {
		return 0, err
	}
	return len(p), nil
}

// randProviders names, for the tests, the providers of the primary DRBG
// and of the calling thread's public and private DRBGs.
func randProviders() (primary, public, private string) {
	var a, b, c [C.GO_PROV_NAME]C.char
	fetchMu.RLock()
	C.go_rand_providers(&a[0], &b[0], &c[0])
	fetchMu.RUnlock()
	return C.GoString(&a[0]), C.GoString(&b[0]), C.GoString(&c[0])
}
