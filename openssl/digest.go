package openssl

// #include "shims.h"
import "C"

import (
	"fmt"
	"runtime"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

// digestBufSize is how many bytes a DigestCtx or MACCtx keeps in Go before
// it creates (or feeds) its C context. A short message is then hashed by a
// single C call at Sum time, and a context that is only asked its size
// never touches C.
const digestBufSize = 256

// maxDigestSize bounds the output of a fixed-size digest (SHA-512: 64).
const maxDigestSize = 64

// maxXOFSize bounds the output length of an extendable-output function.
const maxXOFSize = 1 << 30

// DigestCtx is a message digest context over EVP_MD_CTX. It implements
// [backends.HashContext], [backends.Summer] and [backends.Resetter]. It is
// not safe for concurrent use.
type DigestCtx struct {
	alg    backends.HashAlgorithm
	e      *mdEntry
	outLen int      // bytes Finalize returns
	sc     *scratch // a C state borrowed from scratchPool, nil until needed

	// While inC is false, every byte written since the last reset is in
	// buf[:n] and the C context holds nothing of value.
	buf  [digestBufSize]byte
	n    int
	inC  bool
	done bool
	// reused is set by Reset: a context that is reset is used again, and
	// then gets a C state of its own rather than a pooled one per Sum.
	reused bool
}

var (
	_ backends.HashContext = (*DigestCtx)(nil)
	_ backends.Summer      = (*DigestCtx)(nil)
	_ backends.Resetter    = (*DigestCtx)(nil)
	_ backends.XOFSummer   = (*DigestCtx)(nil)
)

// digestOutLen checks alg against the fetched digest and returns the
// output length to produce. A fixed-size algorithm whose DigestSize differs
// from the digest's size gives an error wrapping
// [backends.ErrInvalidDigestSize].
func digestOutLen(alg backends.HashAlgorithm, e *mdEntry) (int, error) {
	_, isXOF := alg.(backends.ExtendableOutputAlgorithm)
	switch {
	case e.xof && !isXOF:
		return 0, fmt.Errorf("openssl: %s is an extendable-output function and needs an output length: %w",
			alg.Name(), backends.ErrInvalidDigestSize)
	case e.xof:
		n := alg.DigestSize()
		if n <= 0 || n > maxXOFSize {
			return 0, fmt.Errorf("openssl: %s output length %d out of range 1..%d: %w",
				alg.Name(), n, maxXOFSize, backends.ErrInvalidDigestSize)
		}
		return n, nil
	case alg.DigestSize() != e.size:
		// A caller's own algorithm that names an OpenSSL digest: its
		// DigestSize is what hash.Hash.Size reports, so it must be the
		// length Sum produces.
		return 0, fmt.Errorf("openssl: %s produces %d bytes, but the algorithm's DigestSize is %d: %w",
			alg.Name(), e.size, alg.DigestSize(), backends.ErrInvalidDigestSize)
	}
	return e.size, nil
}

// errNoDigestCtx is the error of a DigestCtx (or a nil *DigestCtx) that
// neither Backend.CreateHashCtx nor Init set up; noDigestCtx is the panic
// of its methods without an error result.
var errNoDigestCtx = fmt.Errorf("%s: %w", noDigestCtx, backends.ErrInvalidArgument)

const noDigestCtx = "openssl: digest context used without Backend.CreateHashCtx or DigestCtx.Init"

// made panics, naming the constructor, unless the context was set up.
func (d *DigestCtx) made() {
	if d == nil || d.e == nil {
		panic(noDigestCtx)
	}
}

func newDigestCtx(alg backends.HashAlgorithm) (*DigestCtx, error) {
	d := new(DigestCtx)
	if err := d.Init(alg); err != nil {
		return nil, err
	}
	return d, nil
}

// Init sets up a zero DigestCtx in place to compute alg, as
// [Backend.CreateHashCtx] does, so that a caller can embed a DigestCtx in
// its own struct and save an allocation. An unavailable algorithm returns
// an [*backends.UnsupportedAlgorithmError]. Init on a context in use
// returns an error wrapping [backends.ErrInvalidArgument].
func (d *DigestCtx) Init(alg backends.HashAlgorithm) error {
	if d == nil {
		return errNoDigestCtx
	}
	if d.e != nil {
		return fmt.Errorf("openssl: Init on a digest context in use: %w", backends.ErrInvalidArgument)
	}
	if guard.IsNil(alg) {
		return errNilAlg
	}
	e := fetchMD(alg.Name())
	if e.err != nil {
		return e.err
	}
	n, err := digestOutLen(alg, e)
	if err != nil {
		return err
	}
	d.alg, d.e, d.outLen = alg, e, n
	return nil
}

// ready returns nil when the context belongs to the FIPS mode in force
// (one atomic load), and otherwise follows the switch (see follow).
func (d *DigestCtx) ready() error {
	if d == nil || d.e == nil {
		return errNoDigestCtx
	}
	if d.e.fm == current() {
		return nil
	}
	return d.follow()
}

// follow moves the context to the mode in force: the digest must be served
// there (else the *backends.UnsupportedAlgorithmError says why), and no
// data may be in the old mode's C state (else [backends.ErrModeChanged]).
func (d *DigestCtx) follow() error {
	e := fetchMD(d.alg.Name())
	if e.err != nil {
		return e.err
	}
	if d.inC {
		return errModeChanged(d.alg.Name())
	}
	n, err := digestOutLen(d.alg, e)
	if err != nil {
		return err
	}
	d.e, d.outLen = e, n
	return nil
}

// state returns the context's C state, borrowing one on first use. It goes
// back to the pool at Finalize; a context dropped without Finalize takes it
// along, and the slab it came from frees it (see scratch).
func (d *DigestCtx) state() (*C.go_md_state, error) {
	if d.sc == nil {
		sc, err := getScratch()
		if err != nil {
			return nil, err
		}
		d.sc = sc
	}
	return d.sc.st, nil
}

// Algorithm returns the algorithm the context computes. On a context
// that was not set up it panics, naming the constructor.
func (d *DigestCtx) Algorithm() backends.HashAlgorithm { d.made(); return d.alg }

// Size returns the length of the digest in bytes. On a context that was
// not set up it panics, naming the constructor.
func (d *DigestCtx) Size() int { d.made(); return d.outLen }

// BlockSize returns the digest's block size in bytes. On a context that
// was not set up it panics, naming the constructor.
func (d *DigestCtx) BlockSize() int { d.made(); return d.e.blockSize }

// Update adds p to the digest.
func (d *DigestCtx) Update(p []byte) error {
	if d == nil {
		return errNoDigestCtx
	}
	if d.done {
		return backends.ErrAlreadyFinalized
	}
	if err := d.ready(); err != nil {
		return err
	}
	if !d.inC && d.n+len(p) <= len(d.buf) {
		d.n += copy(d.buf[d.n:], p)
		return nil
	}
	st, err := d.state()
	if err != nil {
		return err
	}
	var r C.go_result
	if !d.inC {
		r = C.go_digest_flush_update(st, d.e.md, base(d.buf[:d.n]), C.size_t(d.n), base(p), C.size_t(len(p)))
	} else {
		r = C.go_digest_update(st, base(p), C.size_t(len(p)))
	}
	runtime.KeepAlive(d)
	if err := check("EVP_DigestUpdate", r); err != nil {
		return err
	}
	d.inC, d.n = true, 0
	return nil
}

// Sum appends the digest of the data written so far to dst, leaving the
// state unchanged.
func (d *DigestCtx) Sum(dst []byte) ([]byte, error) {
	if d == nil {
		return dst, errNoDigestCtx
	}
	if d.done {
		return dst, backends.ErrAlreadyFinalized
	}
	if err := d.ready(); err != nil {
		return dst, err
	}
	ret, out := grow(dst, d.outLen)
	if err := d.sumInto(out); err != nil {
		return dst, err
	}
	return ret, nil
}

func (d *DigestCtx) sumInto(out []byte) error {
	var r C.go_result
	switch {
	case d.inC:
		r = C.go_digest_sum(d.sc.st, base(out), C.size_t(len(out)), boolInt(d.e.xof))
	case d.sc == nil && !d.reused:
		// Everything written is in buf: one C call on a pooled scratch
		// state, and this context may never need one of its own.
		return digestOneShot(d.e, d.buf[:d.n], out)
	default:
		st, err := d.state()
		if err != nil {
			return err
		}
		r = C.go_digest_oneshot(st, d.e.md, base(d.buf[:d.n]), C.size_t(d.n), base(out), C.size_t(len(out)), boolInt(d.e.xof))
	}
	runtime.KeepAlive(d)
	return check("EVP_DigestFinal", r)
}

// Finalize returns the digest and frees the C context. Later calls of any
// method but Reset return [backends.ErrAlreadyFinalized].
func (d *DigestCtx) Finalize() ([]byte, error) {
	out, err := d.Sum(nil)
	if err != nil {
		return nil, err
	}
	d.free()
	d.done = true
	return out, nil
}

// Reset returns the context to its initial state, also after Finalize.
// After a switch of FIPS mode the context follows the new mode, or Reset
// returns the error saying why the digest is not served there.
func (d *DigestCtx) Reset() error {
	if d == nil || d.e == nil {
		return errNoDigestCtx
	}
	d.n, d.inC, d.done, d.reused = 0, false, false, true
	return d.ready()
}

// Copy returns an independent context in the same state.
func (d *DigestCtx) Copy() (backends.HashContext, error) {
	c, err := d.clone()
	if err != nil {
		return nil, err // an untyped nil, not a nil *DigestCtx
	}
	return c, nil
}

func (d *DigestCtx) clone() (*DigestCtx, error) {
	if d == nil {
		return nil, errNoDigestCtx
	}
	if d.done {
		return nil, backends.ErrAlreadyFinalized
	}
	if err := d.ready(); err != nil {
		return nil, err
	}
	c := &DigestCtx{alg: d.alg, e: d.e, outLen: d.outLen, buf: d.buf, n: d.n}
	if d.inC {
		st, err := c.state()
		if err != nil {
			return nil, err
		}
		r := C.go_md_state_copy(st, d.sc.st)
		runtime.KeepAlive(d)
		runtime.KeepAlive(c)
		if err := check("EVP_MD_CTX_copy_ex", r); err != nil {
			return nil, err
		}
		c.inC = true
	}
	return c, nil
}

func (d *DigestCtx) free() {
	if d.sc != nil {
		scratchPool.Put(d.sc)
		d.sc = nil
	}
	clear(d.buf[:d.n])
	d.n, d.inC = 0, false
}

// grow extends dst by n bytes, returning the whole slice and the new part.
func grow(dst []byte, n int) (whole, tail []byte) {
	total := len(dst) + n
	if cap(dst) >= total {
		whole = dst[:total]
	} else {
		whole = make([]byte, total)
		copy(whole, dst)
	}
	return whole, whole[len(dst):]
}

// SumXOF appends n bytes of the output of an extendable-output function for
// the data written so far, leaving the state unchanged. For other digests
// it returns an error wrapping [backends.ErrInvalidDigestSize].
func (d *DigestCtx) SumXOF(dst []byte, n int) ([]byte, error) {
	if d == nil {
		return dst, errNoDigestCtx
	}
	if d.done {
		return dst, backends.ErrAlreadyFinalized
	}
	if err := d.ready(); err != nil {
		return dst, err
	}
	if !d.e.xof || n <= 0 || n > maxXOFSize {
		return dst, fmt.Errorf("openssl: %s cannot produce %d bytes of output: %w",
			d.alg.Name(), n, backends.ErrInvalidDigestSize)
	}
	ret, out := grow(dst, n)
	if err := d.sumInto(out); err != nil {
		return dst, err
	}
	return ret, nil
}
