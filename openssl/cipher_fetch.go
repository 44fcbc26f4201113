//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"fmt"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
)

// cipherEntry is an EVP_CIPHER fetched once and kept for the life of the
// process, or the reason it could not be fetched.
type cipherEntry struct {
	fm          *fipsMode // the mode it was fetched for
	name        string
	cipher      *C.EVP_CIPHER
	keyLen      int
	ivLen       int
	blockSize   int
	mode        int
	variableKey bool
	aead        bool
	legacyKnown bool  // OpenSSL knows the cipher outside the current providers
	err         error // fetch or trial failure (wrapped in callers)

	// What an Update may write (setShape), or why contexts refuse the cipher.
	shape         outShape // 0 when refused
	refused       string   // the reason in words, or ""
	refusedReason backends.Reason
	// encryptErr is why the provider refuses to encrypt with a cipher it
	// still decrypts with (3DES under tdes-encrypt-disabled), or nil.
	encryptErr error
}

// fetchCipher returns the cached cipher for name in mode m.
func fetchCipher(m *fipsMode, name string) *cipherEntry {
	return fetchEntry(fetchKey{kindCipher, strings.ToLower(name), m.propq}, newCipherEntry, func(e *cipherEntry) {
		if e.cipher != nil {
			C.go_cipher_free(e.cipher)
		}
	}, m)
}

func newCipherEntry(k fetchKey, m *fipsMode) *cipherEntry {
	e := &cipherEntry{fm: m, name: k.name}
	if initErr != nil {
		e.err = initErr
		return e
	}
	cname := C.CString(k.name)
	defer C.free(unsafePointer(cname))
	info := C.go_cipher_fetch(cname, m.cq, m.prov)
	e.legacyKnown = info.legacy_known == 1
	if info.cipher == nil {
		if info.errq == nil && info.wrong_provider[0] != 0 {
			e.legacyKnown = true // reported as refused in FIPS mode
			e.err = wrongProvider("cipher", k.name, info.wrong_provider)
			return e
		}
		e.err = newError("EVP_CIPHER_fetch("+k.name+")", info.errq)
		return e
	}
	e.cipher = info.cipher
	if info.encrypt_refused == 1 {
		e.encryptErr = newError("EVP_CipherInit_ex2("+k.name+", encryption)", info.errq)
	}
	e.keyLen = int(info.key_len)
	e.ivLen = int(info.iv_len)
	e.blockSize = int(info.block_size)
	e.mode = int(info.mode)
	e.variableKey = info.variable_key == 1
	e.aead = info.aead == 1
	e.setShape()
	return e
}

// unsupported builds the error for a pair the backend cannot serve.
func unsupported(cipher backends.CipherAlgorithm, mode backends.Mode, reason backends.Reason, err error) error {
	ue := &backends.UnsupportedAlgorithmError{Algorithm: cipher.Name(), Reason: reason, Err: err}
	if mode != nil {
		ue.Mode = mode.Name()
	}
	return ue
}

// resolve finds the cached EVP cipher for a pair in the mode in force, or
// the *backends.UnsupportedAlgorithmError saying why there is none. A
// descriptor that holds no key gives an error wrapping
// [backends.ErrInvalidKeySize] instead, so it is never Supported.
func (b *Backend) resolve(cipher backends.CipherAlgorithm, mode backends.Mode) (*cipherEntry, error) {
	return b.resolveIn(current(), cipher, mode)
}

func (b *Backend) resolveIn(m *fipsMode, cipher backends.CipherAlgorithm, mode backends.Mode) (*cipherEntry, error) {
	e, err := b.fetchPair(m, cipher, mode)
	if err != nil {
		return nil, err
	}
	if e.refused != "" {
		return nil, unsupported(cipher, mode, e.refusedReason, fmt.Errorf("openssl: %s: %s", e.name, e.refused))
	}
	return e, nil
}

// fetchPair names the EVP cipher of a pair with its adapter and fetches it
// in mode m, without asking whether a streaming context can run it (the
// one-shot AEADs run CCM, which none can).
func (b *Backend) fetchPair(m *fipsMode, cipher backends.CipherAlgorithm, mode backends.Mode) (*cipherEntry, error) {
	if b == nil || !b.ciphers.Made() {
		return nil, errNoBackend
	}
	if len(cipher.Key()) == 0 {
		// A zero descriptor, such as algorithms.ARC4{}: refused before any
		// adapter or fetch. This refuses OpenSSL's null cipher too, which
		// takes no key and does not encrypt.
		return nil, fmt.Errorf("openssl: %s has no key, as a zero value has none; build it with its constructor: %w",
			cipher.Name(), backends.ErrInvalidKeySize)
	}
	a, ok := b.ciphers.Lookup(cipher, mode)
	if !ok {
		return nil, unsupported(cipher, mode, backends.ReasonNoAdapter, nil)
	}
	name, ok := a(cipher, mode)
	if !ok || name == "" {
		return nil, unsupported(cipher, mode, backends.ReasonUnsupportedCipher, nil)
	}
	e := fetchCipher(m, name)
	if e.err != nil {
		reason := backends.ReasonUnsupportedCipher
		if m.fips && e.legacyKnown {
			reason = backends.ReasonFIPSRefused
		}
		return nil, unsupported(cipher, mode, reason, e.err)
	}
	return e, nil
}
