// Package cfloor runs OpenSSL's EVP calls in C loops, one cgo call for a
// whole benchmark: the floor for any Go code built on OpenSSL.
//
// It measures raw EVP and must not go through the library it is the
// floor for, so it has cgo of its own. Each type holds a context that is
// set up once (cipher and digest fetched explicitly, key scheduled); its
// methods perform their operation iters times and leave the last result
// in out. None is safe for concurrent use.
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
	ctx  *C.EVP_MAC_CTX
	size int
}

// NewHMAC keys HMAC with the digest name (such as "SHA2-256") whose
// output is size bytes.
func NewHMAC(digest string, size int, key []byte) (*HMAC, error) {
	cname := C.CString(digest)
	defer C.free(unsafe.Pointer(cname))
	ctx := C.cfloor_hmac_new(cname, ptr(key), C.size_t(len(key)))
	if ctx == nil {
		return nil, lastError("new HMAC " + digest)
	}
	return &HMAC{ctx: ctx, size: size}, nil
}

// Close frees the context.
func (h *HMAC) Close() {
	if h.ctx != nil {
		C.cfloor_hmac_free(h.ctx)
		h.ctx = nil
	}
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
