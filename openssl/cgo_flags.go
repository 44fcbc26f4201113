//go:build cgo

package openssl

// The #cgo directives of the package live here: Go applies #cgo lines only
// to the package they are in.

// #cgo pkg-config: libcrypto
// #cgo CFLAGS: -O2 -Wall -Werror=implicit-function-declaration -DOPENSSL_SUPPRESS_DEPRECATED
// #include "shims.h"
//
// /* Helpers on hot paths: C keeps none of the Go pointers past the call and
// never calls back into Go. */
// #cgo noescape go_digest_update
// #cgo nocallback go_digest_update
// #cgo noescape go_digest_oneshot
// #cgo nocallback go_digest_oneshot
// #cgo noescape go_digest_oneshot_tls
// #cgo nocallback go_digest_oneshot_tls
// #cgo noescape go_digest_sum
// #cgo nocallback go_digest_sum
// #cgo noescape go_digest_flush_update
// #cgo nocallback go_digest_flush_update
// #cgo noescape go_mac_update
// #cgo nocallback go_mac_update
// #cgo noescape go_mac_oneshot
// #cgo nocallback go_mac_oneshot
// #cgo noescape go_mac_sum
// #cgo nocallback go_mac_sum
// #cgo noescape go_mac_flush_update
// #cgo nocallback go_mac_flush_update
// #cgo noescape go_md_state_new
// #cgo nocallback go_md_state_new
// #cgo noescape go_cipher_ctx_new
// #cgo nocallback go_cipher_ctx_new
// #cgo noescape go_hmac_new
// #cgo nocallback go_hmac_new
// #cgo noescape go_hmac_oneshot_tls
// #cgo nocallback go_hmac_oneshot_tls
// #cgo noescape go_mac_dup
// #cgo nocallback go_mac_dup
// #cgo noescape go_cipher_update
// #cgo nocallback go_cipher_update
// #cgo noescape go_cipher_aad
// #cgo nocallback go_cipher_aad
// #cgo noescape go_cipher_final
// #cgo nocallback go_cipher_final
// #cgo noescape go_aead_seal
// #cgo nocallback go_aead_seal
// #cgo noescape go_aead_open
// #cgo nocallback go_aead_open
// #cgo noescape go_aead_seal_randiv
// #cgo nocallback go_aead_seal_randiv
// #cgo noescape go_ccm_seal
// #cgo nocallback go_ccm_seal
// #cgo noescape go_ccm_open
// #cgo nocallback go_ccm_open
import "C"
