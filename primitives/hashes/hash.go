package hashes

import (
	"fmt"
	"hash"
	"io"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/guard"
	"github.com/go-hazmat/hazmat/primitives/internal/hashcore"
)

// Hash computes a message digest. Besides pyca's Update, Copy and Finalize
// it implements [hash.Hash] and [hash.Cloner] (and, for SHAKE, [hash.XOF]).
// It is not safe for concurrent use.
//
// The zero value (and a nil *Hash) is not usable; use [New]. Its methods
// with an error result return one wrapping [backends.ErrInvalidArgument],
// Sum and Reset panic saying so, and Algorithm, Size and BlockSize return
// nil and 0.
type Hash struct {
	// core holds the algorithm. With the OpenSSL backend a Hash shares
	// one allocation with its context: see hashcore.Core on its size.
	core hashcore.Core
	b    backends.HashBackend
	xof  *xofState // made by the first Read
}

// xofState is what Read keeps of an extendable-output function's output.
type xofState struct {
	// out holds the first len(out) bytes of output, pos how many of them
	// Read has returned; reading is set by Read, cleared by Reset.
	reading bool
	out     []byte
	pos     int
}

// reading reports whether Read has run since the last Reset.
func (h *Hash) reading() bool { return h.xof != nil && h.xof.reading }

// maxRead is the most output Read produces from one state: 1 GiB, the
// most the OpenSSL backend computes in one request. A variable so that
// tests can reach it without computing a gigabyte.
var maxRead = 1 << 30

var (
	_ hash.Hash   = (*Hash)(nil)
	_ hash.Cloner = (*Hash)(nil)
	_ hash.XOF    = (*Hash)(nil)
)

// New returns a Hash computing alg with the default backend (see
// [NewWithBackend]). An algorithm the backend cannot serve returns an
// error wrapping [backends.ErrUnsupportedAlgorithm]; SHAKE without a
// positive Size an error wrapping [backends.ErrInvalidDigestSize].
func New(alg Algorithm) (*Hash, error) {
	return NewWithBackend(alg, defaultbackend.Get())
}

// NewWithBackend is [New] with a chosen backend. A backend that returns a
// nil context gives an error wrapping [backends.ErrInvalidArgument]; so
// do its digests of the wrong length, in every later method (Sum panics).
func NewWithBackend(alg Algorithm, b backends.HashBackend) (*Hash, error) {
	// With the OpenSSL backend, the Hash and its context share one
	// allocation, and the backend refuses a nil algorithm and a wrong
	// output length itself: the checks below run only when it failed, so
	// that a caller's mistake gets the same error with every backend.
	if h, ctx, ok, err := defaultbackend.NewHashCtxBeside[Hash](b, alg); ok {
		if err != nil {
			if cerr := checkNew(alg, b); cerr != nil {
				return nil, cerr
			}
			return nil, guard.Wrap("hashes", err)
		}
		h.init(alg, b, ctx)
		return h, nil
	}
	if err := checkNew(alg, b); err != nil {
		return nil, err
	}
	ctx, err := b.CreateHashCtx(alg)
	if err == nil {
		err = hashcore.Check("hashes", alg, ctx)
	}
	if err != nil {
		return nil, guard.Wrap("hashes", err)
	}
	h := new(Hash)
	h.init(alg, b, ctx)
	return h, nil
}

func (h *Hash) init(alg Algorithm, b backends.HashBackend, ctx backends.HashContext) {
	h.b = b
	h.core.Init(hashcore.Hashes, alg, ctx)
}

// errNoNew is the error of a Hash that New did not make.
var errNoNew = fmt.Errorf("hashes: Hash used without hashes.New: %w", backends.ErrInvalidArgument)

// noNewPanic is the panic of a method with no error result on such a Hash.
const noNewPanic = "hashes: Hash used without hashes.New"

// made reports whether h was made by New (or Copy).
func (h *Hash) made() bool { return h != nil && h.core.Made() }

// checkNew refuses what no backend can serve: a nil algorithm or backend,
// and SHAKE without a positive output length.
func checkNew(alg Algorithm, b backends.HashBackend) error {
	if guard.IsNil(alg) || guard.IsNil(b) {
		return fmt.Errorf("hashes: nil algorithm or backend: %w", backends.ErrInvalidArgument)
	}
	return checkXOFSize(alg)
}

func checkXOFSize(alg Algorithm) error {
	if _, ok := alg.(backends.ExtendableOutputAlgorithm); ok && alg.DigestSize() <= 0 {
		return fmt.Errorf("hashes: %s needs a positive output length, got %d: %w",
			alg.Name(), alg.DigestSize(), backends.ErrInvalidDigestSize)
	}
	return nil
}

// Supported reports whether the default backend can compute alg now.
func Supported(alg Algorithm) bool {
	return defaultbackend.Get().HashSupported(alg)
}

// Sum returns the digest of data, computed with the default backend in a
// single step (one call into OpenSSL).
func Sum(alg Algorithm, data []byte) ([]byte, error) {
	return AppendSum(nil, alg, data)
}

// AppendSum appends the digest of data to dst, like [Sum]; with enough
// capacity in dst it allocates nothing. On error dst is returned
// unchanged.
func AppendSum(dst []byte, alg Algorithm, data []byte) ([]byte, error) {
	return AppendSumWithBackend(dst, alg, data, defaultbackend.Get())
}

// AppendSumWithBackend is [AppendSum] with a chosen backend: in one step
// when the backend implements [backends.Digester], else through a context.
func AppendSumWithBackend(dst []byte, alg Algorithm, data []byte, b backends.HashBackend) ([]byte, error) {
	if guard.IsNil(alg) || guard.IsNil(b) {
		return dst, fmt.Errorf("hashes: nil algorithm or backend: %w", backends.ErrInvalidArgument)
	}
	if d, ok := b.(backends.Digester); ok {
		// The backend checks the output length of an XOF itself.
		out, err := d.Digest(alg, data, dst)
		if err == nil && len(out) < len(dst) {
			err = hashcore.CheckLen("hashes", alg, nil)
		} else if err == nil {
			err = hashcore.CheckLen("hashes", alg, out[len(dst):])
		}
		if err != nil {
			return dst, guard.Wrap("hashes", err)
		}
		return out, nil
	}
	if err := checkXOFSize(alg); err != nil {
		return dst, err
	}
	ctx, err := b.CreateHashCtx(alg)
	if err == nil {
		err = hashcore.Check("hashes", alg, ctx)
	}
	if err == nil {
		if err = ctx.Update(data); err == nil {
			var d []byte
			if d, err = ctx.Finalize(); err == nil {
				if err = hashcore.CheckLen("hashes", alg, d); err == nil {
					return append(dst, d...), nil
				}
			}
		}
	}
	return dst, guard.Wrap("hashes", err)
}

// Algorithm returns the algorithm h computes.
func (h *Hash) Algorithm() Algorithm {
	if h == nil {
		return nil
	}
	return h.core.Alg()
}

// Update adds data to the digest. After Finalize, or after the first Read
// of an XOF, it returns an error wrapping [backends.ErrAlreadyFinalized].
func (h *Hash) Update(data []byte) error {
	switch {
	case !h.made():
		return errNoNew
	case h.reading() && h.core.Err() == nil && !h.core.Finalized():
		return fmt.Errorf("hashes: write after Read: %w", backends.ErrAlreadyFinalized)
	}
	return h.core.Update(data)
}

// Write adds p to the digest, like Update. It implements [io.Writer].
func (h *Hash) Write(p []byte) (int, error) {
	if err := h.Update(p); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Finalize returns the digest. Later calls of Update, Finalize and Copy
// return an error wrapping [backends.ErrAlreadyFinalized]; Reset makes h
// usable again. Unlike Sum it may spend the state: a hasher done with a
// long message costs less ended by Finalize than by Sum, which copies the
// state first, and the OpenSSL backend gives its C state back at once
// rather than when the collector finds the hasher.
func (h *Hash) Finalize() ([]byte, error) {
	if !h.made() {
		return nil, errNoNew
	}
	return h.core.Finalize()
}

// Copy returns an independent Hash in the same state.
func (h *Hash) Copy() (*Hash, error) {
	if !h.made() {
		return nil, errNoNew
	}
	c, err := h.core.Copy()
	if err != nil {
		return nil, err
	}
	cp := &Hash{b: h.b}
	if x := h.xof; x != nil {
		cp.xof = &xofState{reading: x.reading, out: append([]byte(nil), x.out...), pos: x.pos}
	}
	cp.core.Init(hashcore.Hashes, h.core.Alg(), c)
	return cp, nil
}

// Clone is Copy; it implements [hash.Cloner].
func (h *Hash) Clone() (hash.Cloner, error) {
	c, err := h.Copy()
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Sum appends the digest of the data written so far to b and returns the
// result; it does not change the state. After Finalize it appends the
// finalized digest. It has no error result: it panics if the backend
// fails (out of memory, a provider in an error state, an algorithm FIPS
// mode no longer serves), with a message saying why, or when h was not
// made by New.
func (h *Hash) Sum(b []byte) []byte {
	if !h.made() {
		panic(noNewPanic)
	}
	return h.core.Sum(b)
}

// Reset returns h to its initial state, also after Finalize. It panics
// when h was not made by New. When the backend cannot give h a fresh
// context (an algorithm FIPS mode no longer serves), Reset keeps the
// error, and every later method returns it (Sum panics with it) until a
// Reset succeeds.
func (h *Hash) Reset() {
	if !h.made() {
		panic(noNewPanic)
	}
	if x := h.xof; x != nil {
		x.reading, x.out, x.pos = false, x.out[:0], 0
	}
	h.core.Reset(h.renew)
}

// renew returns a fresh context for Reset, whatever the old one's Reset
// returned.
func (h *Hash) renew(error) (hashcore.Ctx, error) {
	ctx, err := h.b.CreateHashCtx(h.core.Alg())
	if err != nil {
		return nil, err
	}
	return ctx, nil
}

// Size returns the digest length in bytes (for SHAKE, the Size chosen).
func (h *Hash) Size() int {
	if !h.made() {
		return 0
	}
	return h.core.Alg().DigestSize()
}

// BlockSize returns the algorithm's block size in bytes.
func (h *Hash) BlockSize() int {
	if !h.made() {
		return 0
	}
	return h.core.Alg().BlockSize()
}

// Read reads output of an extendable-output function (SHAKE128,
// SHAKE256): successive calls continue the same output stream, which
// starts with the bytes Sum returns. At most 1 GiB (2³⁰ bytes) can be read
// from one state: the Read that reaches this limit returns the bytes below
// it, and every later Read returns 0 and [io.EOF], as [hash.XOF] allows.
// After the first Read, Update and Write return errors until Reset. For
// other algorithms Read returns an error wrapping
// [backends.ErrInvalidArgument].
func (h *Hash) Read(p []byte) (int, error) {
	if !h.made() {
		return 0, errNoNew
	}
	alg := h.core.Alg()
	if _, ok := alg.(backends.ExtendableOutputAlgorithm); !ok {
		return 0, fmt.Errorf("hashes: Read on %s, which is not an extendable-output function: %w",
			alg.Name(), backends.ErrInvalidArgument)
	}
	if err := h.core.Err(); err != nil {
		return 0, err
	}
	if h.core.Finalized() {
		return 0, fmt.Errorf("hashes: Read after Finalize: %w", backends.ErrAlreadyFinalized)
	}
	xs, ok := h.core.Ctx().(backends.XOFSummer)
	if !ok {
		return 0, fmt.Errorf("hashes: backend cannot stream %s output: %w", alg.Name(), backends.ErrUnsupportedAlgorithm)
	}
	x := h.xof
	if x == nil {
		x = new(xofState)
		h.xof = x
	}
	x.reading = true
	var eof error
	if left := maxRead - x.pos; len(p) > left {
		p, eof = p[:left], io.EOF
	}
	if need := x.pos + len(p); need > len(x.out) {
		// OpenSSL 3.0 cannot squeeze more output from a finished XOF:
		// compute a longer prefix from the unchanged state, doubling so
		// that reading n bytes costs O(n) in total, up to the limit.
		n := min(max(need, 2*len(x.out), 64), maxRead)
		out, err := xs.SumXOF(x.out[:0], n)
		if err == nil && len(out) != n {
			err = fmt.Errorf("hashes: backend returned %d bytes of %s output, not %d: %w", len(out), alg.Name(), n, backends.ErrInvalidArgument)
		}
		if err != nil {
			// SumXOF may have written over x.out's bytes: drop them, the
			// next Read computes them again.
			x.out = x.out[:0]
			return 0, guard.Wrap("hashes", err)
		}
		x.out = out
	}
	n := copy(p, x.out[x.pos:])
	x.pos += n
	return n, eof
}
