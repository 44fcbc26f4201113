//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"fmt"
	"runtime"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

// digestBufSize is how many bytes a digestCtx keeps in Go, in the
// context's own allocation, before it feeds its C context: a short message
// is then hashed by a single C call at Sum time, and a context that is only
// asked its size never touches C. With the context's other fields (48
// bytes) and a hashes.Hash (80), it makes hashes.New's one allocation 384
// bytes, one of Go's size classes (TestDigestCtxSize); the cost of an
// allocation grows with its size, and past 512 bytes with pointers Go's
// allocator leaves its small-object fast path: a larger array there cost a
// new hasher about 300 ns more for the allocation than it saved.
const digestBufSize = 256

// digestMoreSize is how many bytes a context that is used again (one that
// was Reset) keeps in Go, in a buffer of its own that it keeps across
// Reset. A message of up to 4 KiB (a request signature, a token, a small
// record) is then hashed by a single C call at Sum time, without the copy
// of the C state that a Sum of data in C needs (EVP_MD_CTX_copy_ex, which
// frees and allocates the provider's context in OpenSSL 3.0). Beyond a few
// KiB, copying the message into the buffer costs more than that copy.
const digestMoreSize = 4 << 10

// maxDigestSize bounds the output of a fixed-size digest (SHA-512: 64).
const maxDigestSize = 64

// maxXOFSize bounds the output length of an extendable-output function.
const maxXOFSize = 1 << 30

// digestCtx is a message digest context over EVP_MD_CTX. It implements
// [backends.HashContext], [backends.Summer] and [backends.Resetter]. It is
// not safe for concurrent use.
//
// Its fields beside buf take 48 bytes, so that hashes.New's one
// allocation (a Hash and a digestCtx, see NewHashCtxBeside) is 384 bytes,
// a smaller size class of Go's allocator than one more field would give:
// the counts are an int32 and a uint16, the four states are the bits of
// one byte, and more, which only a context that was Reset uses, is a
// pointer.
type digestCtx struct {
	alg  backends.HashAlgorithm
	e    *mdEntry
	sc   *scratch // a C state borrowed from scratchPool, nil until needed
	more *[]byte  // nil until needed: up to digestMoreSize bytes; its capacity survives Reset

	outLen int32  // bytes Finalize returns, at most maxXOFSize
	n      uint16 // bytes in buf, at most digestBufSize
	flags  digestFlags

	// While inC is not set, every byte written since the last reset is in
	// buf[:n], or in *more when inMore is set, and the C context holds
	// nothing of value.
	buf [digestBufSize]byte
}

// digestFlags are the states of a digestCtx.
type digestFlags uint8

const (
	inMore digestFlags = 1 << iota // the bytes in Go are in *more, not buf
	inC                            // the bytes written are in the C state
	done                           // finalized
	// reused is set by Reset: a context that is reset is used again, and
	// then gets a C state of its own rather than a pooled one per Sum, and
	// a larger buffer in Go (more).
	reused
)

// is reports whether all of f are set.
func (d *digestCtx) is(f digestFlags) bool { return d.flags&f == f }

// set sets f if on is true, else clears it.
func (d *digestCtx) set(f digestFlags, on bool) {
	if on {
		d.flags |= f
	} else {
		d.flags &^= f
	}
}

// pending returns the bytes written since the last reset that are still in
// Go (none once inC is set).
func (d *digestCtx) pending() []byte {
	if d.is(inMore) {
		return *d.more
	}
	return d.buf[:d.n]
}

// dropPending forgets (and clears) the bytes in Go.
func (d *digestCtx) dropPending() {
	clear(d.buf[:d.n])
	if d.more != nil {
		clear(*d.more)
		*d.more = (*d.more)[:0]
	}
	d.n = 0
	d.set(inMore, false)
}

var (
	_ backends.HashContext = (*digestCtx)(nil)
	_ backends.Summer      = (*digestCtx)(nil)
	_ backends.Resetter    = (*digestCtx)(nil)
	_ backends.XOFSummer   = (*digestCtx)(nil)
)

// digestOutLen checks alg against the fetched digest and returns the
// output length to produce. A fixed-size algorithm whose DigestSize differs
// from the digest's size gives an error wrapping
// [backends.ErrInvalidDigestSize].
func digestOutLen(alg backends.HashAlgorithm, e *mdEntry) (int, error) {
	// The type assertion is made for an extendable-output digest only: a
	// failed one (every fixed-size algorithm) costs a new hasher more than
	// the rest of this check.
	switch {
	case e.xof && !isXOF(alg):
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

// isXOF reports whether alg says it is an extendable-output function.
func isXOF(alg backends.HashAlgorithm) bool {
	_, ok := alg.(backends.ExtendableOutputAlgorithm)
	return ok
}

func newDigestCtx(alg backends.HashAlgorithm) (*digestCtx, error) {
	e, n, err := digestEntry(alg)
	if err != nil {
		return nil, err
	}
	return &digestCtx{alg: alg, e: e, outLen: int32(n)}, nil
}

// digestEntry fetches alg's digest in the mode in force and returns it with
// the output length to produce, or an [*backends.UnsupportedAlgorithmError].
func digestEntry(alg backends.HashAlgorithm) (*mdEntry, int, error) {
	if guard.IsNil(alg) {
		return nil, 0, errNilAlg
	}
	e := fetchMD(alg.Name())
	if e.err != nil {
		return nil, 0, e.err
	}
	n, err := digestOutLen(alg, e)
	if err != nil {
		return nil, 0, err
	}
	return e, n, nil
}

// ready returns nil when the context belongs to the FIPS mode in force
// (one atomic load), and otherwise follows the switch (see follow).
func (d *digestCtx) ready() error {
	if d.e == nil {
		return fmt.Errorf("openssl: digest context used without Backend.CreateHashCtx: %w", backends.ErrInvalidArgument)
	}
	if d.e.fm == current() {
		return nil
	}
	return d.follow()
}

// follow moves the context to the mode in force: the digest must be served
// there (else the *backends.UnsupportedAlgorithmError says why), and no
// data may be in the old mode's C state (else [backends.ErrModeChanged]).
func (d *digestCtx) follow() error {
	e := fetchMD(d.alg.Name())
	if e.err != nil {
		return e.err
	}
	if d.is(inC) {
		return errModeChanged(d.alg.Name())
	}
	n, err := digestOutLen(d.alg, e)
	if err != nil {
		return err
	}
	d.e, d.outLen = e, int32(n)
	return nil
}

// state returns the context's C state, borrowing one on first use. It goes
// back to the pool at Finalize; a context dropped without Finalize takes it
// along, and the slab it came from frees it (see scratch).
func (d *digestCtx) state() (*C.go_md_state, error) {
	if d.sc == nil {
		sc, err := getScratch()
		if err != nil {
			return nil, err
		}
		d.sc = sc
	}
	return d.sc.st, nil
}

// Algorithm returns the algorithm the context computes.
func (d *digestCtx) Algorithm() backends.HashAlgorithm { return d.alg }

// Size returns the length of the digest in bytes.
func (d *digestCtx) Size() int { return int(d.outLen) }

// BlockSize returns the digest's block size in bytes.
func (d *digestCtx) BlockSize() int { return d.e.blockSize }

// Update adds p to the digest.
func (d *digestCtx) Update(p []byte) error {
	if d.is(done) {
		return backends.ErrAlreadyFinalized
	}
	if err := d.ready(); err != nil {
		return err
	}
	if d.flags&(inC|inMore) == 0 && int(d.n)+len(p) <= len(d.buf) {
		d.n += uint16(copy(d.buf[d.n:], p))
		return nil
	}
	if !d.is(inC) && d.is(reused) && len(d.pending())+len(p) <= digestMoreSize {
		if !d.is(inMore) {
			if d.more == nil {
				d.more = new([]byte)
			}
			*d.more = append((*d.more)[:0], d.buf[:d.n]...)
			clear(d.buf[:d.n])
			d.n = 0
			d.set(inMore, true)
		}
		*d.more = append(*d.more, p...)
		return nil
	}
	st, err := d.state()
	if err != nil {
		return err
	}
	var r C.go_result
	if !d.is(inC) {
		a := d.pending()
		r = C.go_digest_flush_update(st, d.e.md, base(a), C.size_t(len(a)), base(p), C.size_t(len(p)))
	} else {
		r = C.go_digest_update(st, base(p), C.size_t(len(p)))
	}
	runtime.KeepAlive(d)
	if err := check("EVP_DigestUpdate", r); err != nil {
		return err
	}
	d.dropPending()
	d.set(inC, true)
	return nil
}

// Sum appends the digest of the data written so far to dst, leaving the
// state unchanged.
func (d *digestCtx) Sum(dst []byte) ([]byte, error) {
	if d.is(done) {
		return dst, backends.ErrAlreadyFinalized
	}
	if err := d.ready(); err != nil {
		return dst, err
	}
	ret, out := grow(dst, int(d.outLen))
	if err := d.sumInto(out); err != nil {
		return dst, err
	}
	return ret, nil
}

func (d *digestCtx) sumInto(out []byte) error {
	var r C.go_result
	switch {
	case d.is(inC):
		r = C.go_digest_sum(d.sc.st, base(out), C.size_t(len(out)), boolInt(d.e.xof))
	case d.sc == nil && d.flags&(reused|inMore) == 0:
		// Everything written is in buf: one C call on the C thread's own
		// context, and this context may never need one of its own.
		return digestOneShot(d.e, d.buf[:d.n], out)
	default:
		st, err := d.state()
		if err != nil {
			return err
		}
		a := d.pending()
		r = C.go_digest_oneshot(st, d.e.md, base(a), C.size_t(len(a)), base(out), C.size_t(len(out)), boolInt(d.e.xof))
	}
	runtime.KeepAlive(d)
	return check("EVP_DigestFinal", r)
}

// Finalize returns the digest and gives the C state back to the pool.
// Later calls of any method but Reset return
// [backends.ErrAlreadyFinalized]. A message in C is finalised in place,
// without the copy Sum makes to leave the state unchanged; the context is
// then spent, and finalised also if that fails.
func (d *digestCtx) Finalize() ([]byte, error) {
	if d.is(done) {
		return nil, backends.ErrAlreadyFinalized
	}
	if err := d.ready(); err != nil {
		return nil, err
	}
	var out []byte
	var err error
	if d.is(inC) {
		out = make([]byte, d.outLen)
		r := C.go_digest_final_inplace(d.sc.st, base(out), C.size_t(len(out)), boolInt(d.e.xof))
		runtime.KeepAlive(d)
		err = check("EVP_DigestFinal", r)
	} else if out, err = d.Sum(nil); err != nil {
		return nil, err // nothing spent: the data is still in Go
	}
	d.free()
	d.set(done, true)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Reset returns the context to its initial state, also after Finalize.
// After a switch of FIPS mode the context follows the new mode, or Reset
// returns the error saying why the digest is not served there.
func (d *digestCtx) Reset() error {
	d.n = 0
	if d.more != nil {
		*d.more = (*d.more)[:0]
	}
	d.flags = reused
	return d.ready()
}

// Copy returns an independent context in the same state.
func (d *digestCtx) Copy() (backends.HashContext, error) {
	c, err := d.clone()
	if err != nil {
		return nil, err // an untyped nil, not a nil *digestCtx
	}
	return c, nil
}

func (d *digestCtx) clone() (*digestCtx, error) {
	if d.is(done) {
		return nil, backends.ErrAlreadyFinalized
	}
	if err := d.ready(); err != nil {
		return nil, err
	}
	c := &digestCtx{alg: d.alg, e: d.e, outLen: d.outLen, buf: d.buf, n: d.n, flags: d.flags & (inMore | reused)}
	if d.is(inMore) {
		more := append(make([]byte, 0, digestMoreSize), *d.more...)
		c.more = &more
	}
	if d.is(inC) {
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
		c.set(inC, true)
	}
	return c, nil
}

func (d *digestCtx) free() {
	if d.sc != nil {
		scratchPool.Put(d.sc)
		d.sc = nil
	}
	d.dropPending()
	d.set(inC, false)
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
func (d *digestCtx) SumXOF(dst []byte, n int) ([]byte, error) {
	if d.is(done) {
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
