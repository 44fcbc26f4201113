//go:build cgo

package openssl

import (
	"bytes"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
)

// checkFIPSTripleDES refuses, in FIPS mode, a TripleDES key whose three
// 8-byte DES keys are not distinct. [NIST SP 800-67] Rev. 2 keeps only
// keying option 1 (K1, K2 and K3 distinct): an 8-byte key (K‖K‖K, the
// strength of single DES) and a 16-byte one (K1‖K2‖K1, two-key TDEA) are
// no longer allowed, nor is a 24-byte key with two equal parts. OpenSSL's
// FIPS providers do not all check this, so it is checked here, in Go,
// before the key reaches C (after the pair is resolved, so that a pair FIPS
// mode does not serve is reported unsupported). The error wraps
// [backends.ErrInvalidKeySize].
//
// [NIST SP 800-67]: https://doi.org/10.6028/NIST.SP.800-67r2
func checkFIPSTripleDES(cipher backends.CipherAlgorithm) error {
	if _, ok := cipher.(*algorithms.TripleDES); !ok || !FIPS() {
		return nil
	}
	k := cipher.Key()
	if len(k) == 24 && !bytes.Equal(k[:8], k[8:16]) && !bytes.Equal(k[8:16], k[16:]) && !bytes.Equal(k[:8], k[16:]) {
		return nil
	}
	return fmt.Errorf("openssl: FIPS mode takes TripleDES keys of three distinct 8-byte DES keys only "+
		"(SP 800-67 Rev. 2 keying option 1); 8- and 16-byte keys and keys with two equal parts are refused: %w",
		backends.ErrInvalidKeySize)
}
