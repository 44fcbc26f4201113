// Package hashcore is the one implementation of the streaming digest state
// that hashes.Hash and hmac.HMAC share: Update, Finalize, Sum, Copy and
// Reset over a backend context of package backends, with the optional
// interfaces ([backends.Summer], [backends.Resetter]) used when the
// context has them and a generic fallback when it has not.
package hashcore

import (
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

// Ctx is what a [backends.HashContext] and a [backends.HMACContext] have
// in common.
type Ctx interface {
	Update(data []byte) error
	Finalize() ([]byte, error)
}

// Kind says which package a Core serves, and so how its errors begin.
type Kind uint8

// The kinds of Core.
const (
	Hashes Kind = iota // errors begin with "hashes: "
	HMAC               // errors begin with "hmac: "
)

// String returns the package name, the prefix of the errors.
func (k Kind) String() string {
	if k == HMAC {
		return "hmac"
	}
	return "hashes"
}

// Core is a digest or MAC in progress. Its zero value is not usable: Init
// it. It is not safe for concurrent use.
//
// Its size counts: hashes.New places a Hash (a Core and three words more)
// and the OpenSSL backend's context in one allocation of 384 bytes, a
// size class of Go's allocator that costs a new hasher tens of
// nanoseconds less than the next ones. So the context, its Sum and its
// Reset are one interface value (fullCtx), the error of a failed Reset
// lives in a context of its own (failed) rather than in a field, and the
// output of Finalize is a string (two words, not a slice's three).
type Core struct {
	kind Kind
	done bool // Finalize has run since the last Reset; final holds its output

	alg   backends.HashAlgorithm
	ctx   fullCtx // the backend's context, or an adapted or a failed over one
	final string
}

// fullCtx is a context with Sum and Reset: the backend's own when it
// implements [backends.Summer] and [backends.Resetter] (every context of
// this module's backends does), else an adapted over it. The one
// interface value saves a second one for Sum, and a type assertion at
// every Sum and Reset.
type fullCtx interface {
	Ctx
	backends.Summer
	backends.Resetter
}

// adapted gives Sum and Reset to a context that lacks either or both:
// without the context's own Sum, Sum finalizes a copy; without its own
// Reset, Reset fails (with errNoReset), and the Core asks its caller for a
// fresh context.
type adapted struct {
	Ctx
	sum   backends.Summer   // Ctx's own, or nil
	reset backends.Resetter // Ctx's own, or nil
	kind  Kind
	alg   backends.HashAlgorithm
}

var errNoReset = errors.New("context cannot reset itself")

func (a *adapted) Sum(dst []byte) ([]byte, error) {
	if a.sum != nil {
		return a.sum.Sum(dst)
	}
	cp, err := copyCtx(a.kind.String(), a.alg, a.Ctx)
	if err != nil {
		return dst, err
	}
	d, err := cp.Finalize()
	if err != nil {
		return dst, err
	}
	return append(dst, d...), nil
}

func (a *adapted) Reset() error {
	if a.reset != nil {
		return a.reset.Reset()
	}
	return errNoReset
}

// failed stands in for the context of a Core whose Reset failed: err (with
// its package prefix) is what every method returns until a Reset
// succeeds, and prev is the context before, whose own Reset the next
// Reset tries again.
type failed struct {
	err  error
	prev fullCtx
}

func (f *failed) Update([]byte) error            { return f.err }
func (f *failed) Finalize() ([]byte, error)      { return nil, f.err }
func (f *failed) Sum(dst []byte) ([]byte, error) { return dst, f.err }
func (f *failed) Reset() error                   { return f.err }

// Init sets c up over ctx, a context computing alg (checked by [Check]),
// its errors prefixed with the name of kind's package.
func (c *Core) Init(kind Kind, alg backends.HashAlgorithm, ctx Ctx) {
	c.kind, c.alg = kind, alg
	c.setCtx(ctx)
}

// setCtx makes ctx the context, adapted when it lacks Sum or Reset.
func (c *Core) setCtx(ctx Ctx) {
	if f, ok := ctx.(fullCtx); ok {
		c.ctx = f
		return
	}
	a := &adapted{Ctx: ctx, kind: c.kind, alg: c.alg}
	a.sum, _ = ctx.(backends.Summer)
	a.reset, _ = ctx.(backends.Resetter)
	c.ctx = a
}

// Check returns an error wrapping [backends.ErrInvalidArgument] when ctx,
// a context a backend returned for alg with no error, is nil (also a nil
// pointer in a non-nil interface): a backend that breaks its contract so
// gets an error, not a Hash or HMAC that panics at its first use.
func Check(pkg string, alg backends.HashAlgorithm, ctx Ctx) error {
	if guard.IsNil(ctx) {
		return errNilCtx(pkg, alg)
	}
	return nil
}

func errNilCtx(pkg string, alg backends.HashAlgorithm) error {
	return fmt.Errorf("%s: backend returned a nil context for %s: %w", pkg, alg.Name(), backends.ErrInvalidArgument)
}

// CheckLen returns an error wrapping [backends.ErrInvalidArgument] when
// out, an output a backend computed for alg, is not alg.DigestSize() bytes
// long: a wrong-length digest or MAC never reaches the caller.
func CheckLen(pkg string, alg backends.HashAlgorithm, out []byte) error {
	if len(out) != alg.DigestSize() {
		return fmt.Errorf("%s: backend returned a digest of %d bytes for %s, not %d: %w",
			pkg, len(out), alg.Name(), alg.DigestSize(), backends.ErrInvalidArgument)
	}
	return nil
}

// Made reports whether c was set up with Init.
func (c *Core) Made() bool { return c.ctx != nil }

// Alg returns the algorithm c computes, as Init was given it.
func (c *Core) Alg() backends.HashAlgorithm { return c.alg }

// Ctx returns the backend context, for the optional interfaces of a
// caller's own (backends.XOFSummer).
func (c *Core) Ctx() any { return unwrap(c.ctx) }

// unwrap returns the backend's context under a failed and an adapted. (As
// an any: a conversion to another interface with methods would cost a
// look-up of its method table.)
func unwrap(ctx fullCtx) any {
	if f, ok := ctx.(*failed); ok {
		ctx = f.prev
	}
	if a, ok := ctx.(*adapted); ok {
		return a.Ctx
	}
	return ctx
}

// Finalized reports whether Finalize has run since the last Reset.
func (c *Core) Finalized() bool { return c.done }

// Err returns the error of a failed Reset, or nil.
func (c *Core) Err() error {
	if f, ok := c.ctx.(*failed); ok {
		return f.err
	}
	return nil
}

// Update adds data.
func (c *Core) Update(data []byte) error {
	if f, ok := c.ctx.(*failed); ok {
		return f.err
	}
	if c.done {
		return fmt.Errorf("%s: update after Finalize: %w", c.kind, backends.ErrAlreadyFinalized)
	}
	if err := c.ctx.Update(data); err != nil {
		return guard.Wrap(c.kind.String(), err)
	}
	return nil
}

// Finalize returns the output in a new slice and keeps a copy for Sum.
func (c *Core) Finalize() ([]byte, error) {
	if f, ok := c.ctx.(*failed); ok {
		return nil, f.err
	}
	if c.done {
		return nil, fmt.Errorf("%s: Finalize called twice: %w", c.kind, backends.ErrAlreadyFinalized)
	}
	d, err := c.ctx.Finalize()
	if err != nil {
		return nil, guard.Wrap(c.kind.String(), err)
	}
	if err := CheckLen(c.kind.String(), c.alg, d); err != nil {
		return nil, err
	}
	// The copy kept is the string; the caller gets the backend's slice,
	// which no one else holds.
	c.final, c.done = string(d), true
	return d, nil
}

// Sum appends the output for the data written so far to b without changing
// the state (after Finalize, the finalized output). It has no error result,
// as [hash.Hash] has none: a backend failure, or a failed Reset, panics
// with a message that says what failed.
func (c *Core) Sum(b []byte) []byte {
	if f, ok := c.ctx.(*failed); ok {
		panic(f.err.Error())
	}
	if c.done {
		return append(b, c.final...)
	}
	out, err := c.ctx.Sum(b)
	if err == nil && len(out) >= len(b) {
		err = CheckLen(c.kind.String(), c.alg, out[len(b):])
	} else if err == nil {
		err = CheckLen(c.kind.String(), c.alg, nil)
	}
	if err != nil {
		panic(guard.Wrap(c.kind.String(), err).Error())
	}
	return out
}

// Copy returns an independent backend context in the same state.
func (c *Core) Copy() (Ctx, error) {
	if f, ok := c.ctx.(*failed); ok {
		return nil, f.err
	}
	if c.done {
		return nil, fmt.Errorf("%s: Copy after Finalize: %w", c.kind, backends.ErrAlreadyFinalized)
	}
	cp, err := copyCtx(c.kind.String(), c.alg, unwrap(c.ctx))
	if err != nil {
		return nil, guard.Wrap(c.kind.String(), err)
	}
	return cp, nil
}

// copyCtx copies either kind of context; a nil copy is an error.
func copyCtx(pkg string, alg backends.HashAlgorithm, ctx any) (Ctx, error) {
	switch x := ctx.(type) {
	case backends.HashContext:
		cp, err := x.Copy()
		if err != nil {
			return nil, err
		}
		if guard.IsNil(cp) {
			return nil, errNilCtx(pkg, alg)
		}
		return cp, nil
	case backends.HMACContext:
		cp, err := x.Copy()
		if err != nil {
			return nil, err
		}
		if guard.IsNil(cp) {
			return nil, errNilCtx(pkg, alg)
		}
		return cp, nil
	}
	return nil, fmt.Errorf("context of type %T cannot be copied: %w", ctx, backends.ErrInvalidArgument)
}

// Reset returns c to its initial state, also after Finalize: through the
// context's own Reset when it has one that succeeds, else with a fresh
// context from renew, which gets the error of the context's Reset (one
// wrapping nothing of the backend's when the context has no Reset of its
// own) and may return it when it cannot make a context in the initial
// state (an HMAC that did not keep its key). It does not panic: when
// renew fails, its error is kept and returned by every later call (Sum
// panics with it) until a Reset succeeds.
func (c *Core) Reset(renew func(resetErr error) (Ctx, error)) {
	c.final, c.done = "", false
	if f, ok := c.ctx.(*failed); ok {
		c.ctx = f.prev
	}
	resetErr := c.ctx.Reset()
	if resetErr == nil {
		return
	}
	ctx, err := renew(resetErr)
	if err == nil {
		err = Check(c.kind.String(), c.alg, ctx)
	}
	if err != nil {
		c.ctx = &failed{err: guard.Wrap(c.kind.String(), err), prev: c.ctx}
		return
	}
	c.setCtx(ctx)
}
