// Package cfloor runs OpenSSL's EVP calls in C loops, one cgo call for a
// whole benchmark: the floor for any Go code built on OpenSSL.
//
// It measures raw EVP and must not go through the library it is the
// floor for, so it has cgo of its own. Each type holds a context that is
// set up once (cipher and digest fetched explicitly, key scheduled), or,
// for the KDFs and key wrap, which the library runs on a new context per
// operation, the fetched algorithm; its methods perform their operation
// iters times and leave the last result in out. None is safe for
// concurrent use.
package cfloor

// #cgo pkg-config: libcrypto
// #cgo CFLAGS: -O2 -Wall -DOPENSSL_SUPPRESS_DEPRECATED
// #include "cfloor.h"
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// ptr returns the address of b's first byte, or nil for an empty slice.
func ptr(b []byte) *C.uint8_t {
	if len(b) == 0 {
		return nil
	}
	return (*C.uint8_t)(unsafe.Pointer(&b[0]))
}

// lastError turns OpenSSL's error queue into a Go error.
func lastError(op string) error {
	var buf [256]C.char
	C.cfloor_error(&buf[0], C.size_t(len(buf)))
	return fmt.Errorf("cfloor: %s: %s", op, C.GoString(&buf[0]))
}

// errClosed is returned by the methods of a closed value.
var errClosed = errors.New("cfloor: use after Close")

// Cipher is an EVP_CIPHER_CTX keyed once, padding off.
type Cipher struct {
	ctx *C.EVP_CIPHER_CTX
}

// NewCipher fetches the cipher name (such as "AES-128-GCM") and keys a
// context with key and iv for encryption or decryption.
func NewCipher(name string, key, iv []byte, encrypt bool) (*Cipher, error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	enc := C.int(0)
	if encrypt {
		enc = 1
	}
	ctx := C.cfloor_cipher_new(cname, ptr(key), ptr(iv), enc)
	if ctx == nil {
		return nil, lastError("new cipher " + name)
	}
	return &Cipher{ctx: ctx}, nil
}

// Close frees the context.
func (c *Cipher) Close() {
	if c.ctx != nil {
		C.cfloor_cipher_free(c.ctx)
		c.ctx = nil
	}
}

// GCMSeal encrypts in with iv iters times, each time re-initialising
// only the IV; out (len(in)+16 bytes) receives ciphertext‖tag.
func (c *Cipher) GCMSeal(iv, in, out []byte, iters int) error {
	if c.ctx == nil {
		return errClosed
	}
	if len(out) < len(in)+16 {
		return errors.New("cfloor: GCMSeal: short output")
	}
	if C.cfloor_gcm_seal(c.ctx, ptr(iv), ptr(in), C.size_t(len(in)), ptr(out), C.size_t(iters)) != 1 {
		return lastError("GCMSeal")
	}
	return nil
}

// GCMOpen decrypts and checks ciphertext‖tag in iters times, each time
// re-initialising only the IV; out (len(in)-16 bytes) receives the
// plaintext.
func (c *Cipher) GCMOpen(iv, in, out []byte, iters int) error {
	if c.ctx == nil {
		return errClosed
	}
	if len(in) < 16 || len(out) < len(in)-16 {
		return errors.New("cfloor: GCMOpen: short input or output")
	}
	n := len(in) - 16
	if C.cfloor_gcm_open(c.ctx, ptr(iv), ptr(in), C.size_t(n), ptr(in[n:]), ptr(out), C.size_t(iters)) != 1 {
		return lastError("GCMOpen")
	}
	return nil
}

// Update runs EVP_EncryptUpdate over in iters times, carrying the
// context's state (the CBC chain, the CTR counter) from one to the next.
func (c *Cipher) Update(in, out []byte, iters int) error {
	if c.ctx == nil {
		return errClosed
	}
	if len(out) < len(in) {
		return errors.New("cfloor: Update: short output")
	}
	if C.cfloor_update(c.ctx, ptr(in), C.size_t(len(in)), ptr(out), C.size_t(iters)) != 1 {
		return lastError("Update")
	}
	return nil
}

// Digest is a fetched EVP_MD with a context to reuse.
type Digest struct {
	md   *C.EVP_MD
	ctx  *C.EVP_MD_CTX
	size int
}

// NewDigest fetches the digest name (such as "SHA2-256") whose output
// is size bytes.
func NewDigest(name string, size int) (*Digest, error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	md := C.cfloor_md_fetch(cname)
	if md == nil {
		return nil, lastError("fetch " + name)
	}
	ctx := C.cfloor_md_ctx_new()
	if ctx == nil {
		C.cfloor_md_free(md)
		return nil, lastError("new digest context")
	}
	return &Digest{md: md, ctx: ctx, size: size}, nil
}

// Close frees the digest and its context.
func (d *Digest) Close() {
	if d.md != nil {
		C.cfloor_md_ctx_free(d.ctx)
		C.cfloor_md_free(d.md)
		d.md, d.ctx = nil, nil
	}
}

func (d *Digest) check(out []byte) error {
	if d.md == nil {
		return errClosed
	}
	if len(out) < d.size {
		return errors.New("cfloor: short digest output")
	}
	return nil
}

// OneShot computes EVP_Digest of in iters times.
func (d *Digest) OneShot(in, out []byte, iters int) error {
	if err := d.check(out); err != nil {
		return err
	}
	if C.cfloor_digest(d.md, ptr(in), C.size_t(len(in)), ptr(out), C.size_t(iters)) != 1 {
		return lastError("EVP_Digest")
	}
	return nil
}

// Reused computes the digest of in iters times with Init, Update and
// Final on the one context.
func (d *Digest) Reused(in, out []byte, iters int) error {
	if err := d.check(out); err != nil {
		return err
	}
	if C.cfloor_digest_reuse(d.ctx, d.md, ptr(in), C.size_t(len(in)), ptr(out), C.size_t(iters)) != 1 {
		return lastError("digest on a reused context")
	}
	return nil
}

// Fresh computes the digest of in iters times, each with a context of
// its own (new, init, update, final, free).
func (d *Digest) Fresh(in, out []byte, iters int) error {
	if err := d.check(out); err != nil {
		return err
	}
	if C.cfloor_digest_fresh(d.md, ptr(in), C.size_t(len(in)), ptr(out), C.size_t(iters)) != 1 {
		return lastError("digest on a new context")
	}
	return nil
}

// HMAC is an EVP_MAC_CTX for HMAC, keyed once.
type HMAC struct {
	ctx    *C.EVP_MAC_CTX
	size   int
	digest *C.char // for Fresh; nil for CMAC
	key    []byte
}

// NewHMAC keys HMAC with the digest name (such as "SHA2-256") whose
// output is size bytes.
func NewHMAC(digest string, size int, key []byte) (*HMAC, error) {
	cname := C.CString(digest)
	ctx := C.cfloor_hmac_new(cname, ptr(key), C.size_t(len(key)))
	if ctx == nil {
		C.free(unsafe.Pointer(cname))
		return nil, lastError("new HMAC " + digest)
	}
	return &HMAC{ctx: ctx, size: size, digest: cname, key: append([]byte{}, key...)}, nil
}

// Close frees the context.
func (h *HMAC) Close() {
	if h.ctx != nil {
		C.cfloor_hmac_free(h.ctx)
		h.ctx = nil
	}
	if h.digest != nil {
		C.free(unsafe.Pointer(h.digest))
		h.digest = nil
	}
}

// Fresh computes the HMAC of in iters times, each on a new context keyed
// for it and freed after it, as a C caller does that has no context to
// reuse.
func (h *HMAC) Fresh(in, out []byte, iters int) error {
	if h.ctx == nil {
		return errClosed
	}
	if h.digest == nil {
		return errors.New("cfloor: Fresh is HMAC's, not CMAC's")
	}
	if len(out) < h.size {
		return errors.New("cfloor: short HMAC output")
	}
	if C.cfloor_hmac_fresh(h.ctx, h.digest, ptr(h.key), C.size_t(len(h.key)), ptr(in), C.size_t(len(in)),
		ptr(out), C.size_t(h.size), C.size_t(iters)) != 1 {
		return lastError("HMAC on a new context")
	}
	return nil
}

// Sum computes the HMAC of in iters times, re-initialising the context
// with its key each time.
func (h *HMAC) Sum(in, out []byte, iters int) error {
	if h.ctx == nil {
		return errClosed
	}
	if len(out) < h.size {
		return errors.New("cfloor: short HMAC output")
	}
	if C.cfloor_hmac(h.ctx, ptr(in), C.size_t(len(in)), ptr(out), C.size_t(h.size), C.size_t(iters)) != 1 {
		return lastError("HMAC")
	}
	return nil
}

// CMAC is an EVP_MAC_CTX for CMAC, keyed once.
type CMAC struct{ HMAC }

// NewCMAC keys CMAC with the cipher name (such as "AES-128-CBC"); its
// output is 16 bytes. Sum re-initialises the context with its key, as
// HMAC's does.
func NewCMAC(cipher string, key []byte) (*CMAC, error) {
	cname := C.CString(cipher)
	defer C.free(unsafe.Pointer(cname))
	ctx := C.cfloor_cmac_new(cname, ptr(key), C.size_t(len(key)))
	if ctx == nil {
		return nil, lastError("new CMAC " + cipher)
	}
	return &CMAC{HMAC{ctx: ctx, size: 16}}, nil
}

// KDF is a fetched EVP_KDF with SHA2-256 as its digest.
type KDF struct {
	kdf *C.EVP_KDF
}

// NewKDF fetches the KDF name: "HKDF" or "PBKDF2".
func NewKDF(name string) (*KDF, error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	k := C.cfloor_kdf_fetch(cname)
	if k == nil {
		return nil, lastError("fetch " + name)
	}
	return &KDF{kdf: k}, nil
}

// Close frees the KDF.
func (k *KDF) Close() {
	if k.kdf != nil {
		C.cfloor_kdf_free(k.kdf)
		k.kdf = nil
	}
}

// HKDF derives len(out) bytes from secret, salt and info with
// HKDF-SHA256 (extract and expand) iters times, each on a new context.
func (k *KDF) HKDF(secret, salt, info, out []byte, iters int) error {
	return k.derive(secret, salt, info, 0, out, iters)
}

// PBKDF2 derives len(out) bytes from password and salt with
// PBKDF2-HMAC-SHA256 and iter iterations, iters times, each on a new
// context.
func (k *KDF) PBKDF2(password, salt []byte, iter uint64, out []byte, iters int) error {
	if iter == 0 {
		return errors.New("cfloor: PBKDF2: no iterations")
	}
	return k.derive(password, salt, nil, iter, out, iters)
}

func (k *KDF) derive(secret, salt, info []byte, iter uint64, out []byte, iters int) error {
	if k.kdf == nil {
		return errClosed
	}
	if len(out) == 0 {
		return errors.New("cfloor: KDF: empty output")
	}
	if C.cfloor_kdf_derive(k.kdf, ptr(secret), C.size_t(len(secret)), ptr(salt), C.size_t(len(salt)),
		ptr(info), C.size_t(len(info)), C.uint64_t(iter), ptr(out), C.size_t(len(out)), C.size_t(iters)) != 1 {
		return lastError("EVP_KDF_derive")
	}
	return nil
}

// Wrap is a fetched key-wrap cipher (such as "AES-128-WRAP").
type Wrap struct {
	c   *C.EVP_CIPHER
	pad bool
}

// NewWrap fetches the key-wrap cipher name; pad says it is a padded one
// (RFC 5649), whose output may be up to 15 bytes longer than its input
// rather than 8.
func NewWrap(name string, pad bool) (*Wrap, error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	c := C.cfloor_cipher_fetch(cname)
	if c == nil {
		return nil, lastError("fetch " + name)
	}
	return &Wrap{c: c, pad: pad}, nil
}

// Close frees the cipher.
func (w *Wrap) Close() {
	if w.c != nil {
		C.cfloor_cipher_free_alg(w.c)
		w.c = nil
	}
}

// Wrap wraps key under kek iters times, each on a new context, and
// returns the length written to out.
func (w *Wrap) Wrap(kek, key, out []byte, iters int) (int, error) {
	if w.c == nil {
		return 0, errClosed
	}
	need := len(key) + 8
	if w.pad {
		need = len(key) + 15
	}
	if len(key) == 0 || len(out) < need {
		return 0, errors.New("cfloor: Wrap: empty key or short output")
	}
	var n C.int
	if C.cfloor_wrap(w.c, ptr(kek), ptr(key), C.size_t(len(key)), ptr(out), &n, C.size_t(iters)) != 1 {
		return 0, lastError("key wrap")
	}
	return int(n), nil
}

// Rand fills out with RAND_bytes iters times.
func Rand(out []byte, iters int) error {
	if len(out) > 1<<30 {
		return errors.New("cfloor: Rand: output too long")
	}
	if C.cfloor_rand(ptr(out), C.size_t(len(out)), C.size_t(iters)) != 1 {
		return lastError("RAND_bytes")
	}
	return nil
}
