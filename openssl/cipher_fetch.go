package openssl

// #include "shims.h"
import "C"

import (
	"strings"
	"sync"

	"github.com/go-hazmat/hazmat/backends"
)

// cipherEntry is an EVP_CIPHER fetched once and kept for the life of the
// process, or the reason it could not be fetched.
type cipherEntry struct {
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
	// encryptErr is why the provider refuses to encrypt with a cipher it
	// still decrypts with (3DES under tdes-encrypt-disabled), or nil.
	encryptErr error
}

var cipherCache sync.Map // fetchKey -> *cipherEntry

func fetchCipher(name string) *cipherEntry {
	k := fetchKey{strings.ToLower(name), FIPS()}
	if e, ok := cipherCache.Load(k); ok {
		return e.(*cipherEntry)
	}
	e := newCipherEntry(k)
	if prev, loaded := cipherCache.LoadOrStore(k, e); loaded {
		if e.cipher != nil {
			C.EVP_CIPHER_free(e.cipher)
		}
		return prev.(*cipherEntry)
	}
	return e
}

func newCipherEntry(k fetchKey) *cipherEntry {
	e := &cipherEntry{name: k.name}
	if initErr != nil {
		e.err = initErr
		return e
	}
	cname := C.CString(k.name)
	defer C.free(unsafePointer(cname))
	info := C.go_cipher_fetch(cname)
	e.legacyKnown = info.legacy_known == 1
	if info.cipher == nil {
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

// resolve finds the cached EVP cipher for a pair, or the
// *backends.UnsupportedAlgorithmError saying why there is none.
func (b *Backend) resolve(cipher backends.CipherAlgorithm, mode backends.Mode) (*cipherEntry, error) {
	a, ok := b.ciphers.lookup(cipher, mode)
	if !ok {
		return nil, unsupported(cipher, mode, backends.ReasonNoAdapter, nil)
	}
	name, ok := a(cipher, mode)
	if !ok || name == "" {
		return nil, unsupported(cipher, mode, backends.ReasonUnsupportedCipher, nil)
	}
	e := fetchCipher(name)
	if e.err != nil {
		reason := backends.ReasonUnsupportedCipher
		if FIPS() && e.legacyKnown {
			reason = backends.ReasonFIPSRefused
		}
		return nil, unsupported(cipher, mode, reason, e.err)
	}
	return e, nil
}
