//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"errors"
	"time"
	"unsafe"
)

// Hooks for this package's tests, which cannot use cgo themselves.

// testPushError leaves an error with text data on the calling thread's
// OpenSSL error queue.
func testPushError(data string) {
	cs := C.CString(data)
	defer C.free(unsafe.Pointer(cs))
	C.go_test_push_error(cs)
}

// testLoadProvider loads the provider name (or module path) into the
// default library context and returns OpenSSL's error when it cannot.
func testLoadProvider(name string) error {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	return check("OSSL_PROVIDER_load", C.go_load_provider(cs))
}

// testErrBegin runs the error-queue check that opens every fallible C
// helper n times in one C call and returns the thread CPU time it took.
func testErrBegin(n int) time.Duration { return time.Duration(C.go_test_err_begin(C.int(n))) }

// testFailPerMessage makes the per-message digest, HMAC or AEAD helper
// which (one of "digest-oneshot", "digest-sum", "digest-flush",
// "digest-final-inplace", "mac-oneshot", "mac-sum", "mac-flush",
// "mac-final-inplace", "aead-seal", "aead-open",
// "aead-seal-randiv", "keywrap", "kdf", and "aead-seal-inplace", a seal
// whose output is its input) fail on
// the calling thread, with a NULL digest for the digest helpers, a
// one-byte output for the MAC helpers, an empty nonce for AES-GCM, no
// cipher for the AES-GCM seal with a random IV and for key wrap
// ("keywrap") and an HKDF mode that does not exist
// ("kdf"), just
// after leaving an entry with text stale on the thread's queue, and returns
// its error.
func testFailPerMessage(which, stale string) error {
	e := fetchMD("SHA2-256")
	if e.err != nil {
		return e.err
	}
	// A new state, never initialised: a NULL digest has no earlier one to
	// fall back on.
	var q *C.go_errq
	st := C.go_md_state_new(&q)
	if st == nil {
		return newError("EVP_MD_CTX_new", q)
	}
	defer C.go_md_state_free(st)
	ctx, err := newMACState(e, make([]byte, 32))
	if err != nil {
		return err
	}
	defer C.go_mac_ctx_free(ctx)
	var out [64]byte
	var r C.go_result
	switch which {
	case "digest-oneshot":
		testPushError(stale)
		r = C.go_digest_oneshot(st, nil, nil, 0, base(out[:]), 32, 0)
	case "digest-sum":
		// A state that was never initialised cannot be copied.
		testPushError(stale)
		r = C.go_digest_sum(st, base(out[:]), 32, 0)
	case "digest-flush":
		testPushError(stale)
		r = C.go_digest_flush_update(st, nil, nil, 0, nil, 0)
	case "digest-final-inplace":
		testPushError(stale)
		r = C.go_digest_final_inplace(st, base(out[:]), 32, 0)
	case "mac-final-inplace":
		testPushError(stale)
		r = C.go_mac_final_inplace(ctx, base(out[:]), 1)
	case "mac-oneshot":
		testPushError(stale)
		r = C.go_mac_oneshot(ctx, nil, 0, base(out[:]), 1)
	case "mac-sum":
		testPushError(stale)
		r = C.go_mac_sum(ctx, base(out[:]), 1)
	case "mac-flush":
		// Keying again with a NULL key and no digest set fails on a new
		// context only; a keyed one has both. A fresh context of the MAC.
		mac, err := fetchHMAC(e.fm)
		if err != nil {
			return err
		}
		bare := C.EVP_MAC_CTX_new(mac)
		defer C.go_mac_ctx_free(bare)
		testPushError(stale)
		r = C.go_mac_flush_update(bare, nil, 0, nil, 0)
	case "aead-seal", "aead-open", "aead-seal-inplace":
		c := fetchCipher(e.fm, "aes-128-gcm")
		if c.err != nil {
			return c.err
		}
		cctx := C.go_cipher_ctx_new(&q)
		if cctx == nil {
			return newError("EVP_CIPHER_CTX_new", q)
		}
		defer C.go_cipher_ctx_free(cctx)
		key := make([]byte, 16)
		if err := check("EVP_CipherInit_ex2", C.go_aead_key(cctx, c.cipher, base(key), 16, boolInt(which != "aead-open"))); err != nil {
			return err
		}
		// GCM refuses an IV length of 0 when it is set.
		testPushError(stale)
		switch which {
		case "aead-seal":
			r = C.go_aead_seal(cctx, nil, 0, 1, nil, 0, nil, 0, base(out[:]), 16)
		case "aead-seal-inplace":
			r = C.go_aead_seal(cctx, nil, 0, 1, nil, 0, base(out[:16]), 16, base(out[:]), 16)
		default:
			r = C.go_aead_open(cctx, nil, 0, 1, nil, 0, base(out[:]), 16, base(out[16:]), 16)
		}
	case "aead-seal-randiv":
		// A context that was never given a cipher, and none given now.
		cctx := C.go_cipher_ctx_new(&q)
		if cctx == nil {
			return newError("EVP_CIPHER_CTX_new", q)
		}
		defer C.go_cipher_ctx_free(cctx)
		var ivgen C.int
		testPushError(stale)
		r = C.go_aead_seal_randiv(cctx, nil, nil, nil, 0, nil, 0, base(out[:]), 12, 16, &ivgen)
	case "kdf", "kdf-prepared":
		k := fetchKDF(e.fm, "HKDF")
		if k.err != nil {
			return k.err
		}
		var spec C.go_kdf_spec
		spec.kind, spec.digest, spec.propq, spec.hkdf_mode = C.GO_KDF_HKDF, e.cname, e.fm.cq, 99
		var prepared *C.EVP_KDF_CTX
		if which == "kdf-prepared" {
			// A context prepared with the digest, on which the derivation
			// fails (no HKDF mode 99) and then runs again on a fresh one.
			if prepared = C.go_kdf_ctx_new(k.kdf, spec); prepared == nil {
				return errors.New("openssl: go_kdf_ctx_new failed")
			}
			defer C.go_kdf_ctx_free(prepared)
		}
		secret := make([]byte, 32)
		testPushError(stale)
		kdf := k.kdf
		if prepared != nil {
			kdf = nil // the rerun takes the prepared context's KDF, as DeriveKey has it
		}
		kr := C.go_kdf_derive(kdf, prepared, spec, base(secret), 32, nil, 0, nil, 0, nil, 0, base(out[:]), 32)
		if kr.spent != 1 && prepared != nil {
			return errors.New("openssl: a failed derivation did not spend its prepared context")
		}
		r.ok, r.errq = kr.ok, kr.errq
	case "keywrap":
		key := make([]byte, 16)
		testPushError(stale)
		r = C.go_keywrap(nil, base(key), 16, 1, base(out[:16]), 16, base(out[16:]), 24)
	default:
		panic("openssl: testFailPerMessage: unknown helper " + which)
	}
	return check(which, r)
}

// testThreadHMAC computes, on the calling thread, the HMAC of msg under
// whatever key that thread's HMAC context for alg (in the mode in force)
// holds now, and returns it with the number of HMAC contexts the thread
// keeps; ok is false when the thread has none for alg. The caller locks
// its goroutine to the thread.
func testThreadHMAC(alg interface{ Name() string }, msg []byte) (out []byte, contexts int, ok bool) {
	e := fetchMDIn(current(), alg.Name())
	if e.err != nil {
		return nil, 0, false
	}
	mac, err := fetchHMAC(e.fm)
	if err != nil {
		return nil, 0, false
	}
	out = make([]byte, e.size)
	n := C.go_hmac_tls_peek(mac, e.cname, e.fm.cq, base(msg), C.size_t(len(msg)), base(out), C.size_t(len(out)))
	if n < 0 {
		return nil, 0, false
	}
	return out, int(n), true
}

// testHMACShortOut runs an HMAC with alg (in the mode in force) on the
// calling thread's HMAC context (the caller locks its goroutine to the
// thread) with room for one byte of MAC, which EVP_MAC_final refuses, just
// after leaving an entry with text stale on the thread's queue, and
// returns its error.
func testHMACShortOut(alg interface{ Name() string }, key, msg []byte, stale string) error {
	e := fetchMDIn(current(), alg.Name())
	if e.err != nil {
		return e.err
	}
	var out [1]byte
	testPushError(stale)
	return oneShotTLS(e, key, msg, out[:])
}

// testFailHMACRestKey makes the next n HMACs of the calling thread (locked
// by the caller) on its own HMAC contexts find the resting key refused
// after the MAC is computed, as an allocation failure would.
func testFailHMACRestKey(n int) { C.go_test_hmac_rest_failures(C.int(n)) }

// testHMACHasOwnContext reports whether an HMAC context of this backend
// has an EVP_MAC_CTX of its own.
func testHMACHasOwnContext(c any) bool {
	m, ok := c.(*macCtx)
	return ok && m.ctx != nil
}

// testThreadHMACs is how many HMAC contexts a C thread keeps at most.
const testThreadHMACs = C.GO_TLS_HMACS
