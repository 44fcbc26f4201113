// Package hashcore is the one implementation of the streaming digest state
// that hashes.Hash and hmac.HMAC share: Update, Finalize, Sum, Copy and
// Reset over a backend context of package backends, with the optional
// interfaces ([backends.Summer], [backends.Resetter]) used when the
// context has them and a generic fallback when it has not.
package hashcore

import (
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

// Core is a digest or MAC in progress. Its zero value is not usable: Init
// it. It is not safe for concurrent use.
type Core struct {
	pkg   string // the error prefix: "hashes" or "hmac"
	alg   backends.HashAlgorithm
	ctx   Ctx
	final []byte // the output once finalized
	err   error  // why the last Reset failed, reported until the next

	// summer is ctx as a backends.Summer, nil when it is none: asserted
	// once per context rather than at every Sum. (Only this one: with a
	// second interface here, hashes.New's one allocation would outgrow
	// 512 bytes, the largest size Go's allocator serves without a
	// header for an object with pointers.)
	summer backends.Summer
}

// Init sets c up over ctx, a context computing alg (checked by
// [Check]), its errors prefixed with pkg.
func (c *Core) Init(pkg string, alg backends.HashAlgorithm, ctx Ctx) {
	c.pkg, c.alg = pkg, alg
	c.setCtx(ctx)
}

// setCtx makes ctx the context, with its optional interfaces.
func (c *Core) setCtx(ctx Ctx) {
	c.ctx = ctx
	c.summer, _ = ctx.(backends.Summer)
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

// Ctx returns the backend context, for the optional interfaces of a
// caller's own (backends.XOFSummer).
func (c *Core) Ctx() Ctx { return c.ctx }

// Finalized reports whether Finalize has run since the last Reset.
func (c *Core) Finalized() bool { return c.final != nil }

// Err returns the error of a failed Reset, or nil.
func (c *Core) Err() error { return c.err }

// Update adds data.
func (c *Core) Update(data []byte) error {
	if c.err != nil {
		return c.err
	}
	if c.final != nil {
		return fmt.Errorf("%s: update after Finalize: %w", c.pkg, backends.ErrAlreadyFinalized)
	}
	if err := c.ctx.Update(data); err != nil {
		return guard.Wrap(c.pkg, err)
	}
	return nil
}

// Finalize returns the output in a new slice and keeps a copy for Sum.
func (c *Core) Finalize() ([]byte, error) {
	if c.err != nil {
		return nil, c.err
	}
	if c.final != nil {
		return nil, fmt.Errorf("%s: Finalize called twice: %w", c.pkg, backends.ErrAlreadyFinalized)
	}
	d, err := c.ctx.Finalize()
	if err != nil {
		return nil, guard.Wrap(c.pkg, err)
	}
	if err := CheckLen(c.pkg, c.alg, d); err != nil {
		return nil, err
	}
	c.final = d
	return append([]byte(nil), d...), nil
}

// Sum appends the output for the data written so far to b without changing
// the state (after Finalize, the finalized output). It has no error result,
// as [hash.Hash] has none: a backend failure, or a failed Reset, panics
// with a message that says what failed.
func (c *Core) Sum(b []byte) []byte {
	if c.err != nil {
		panic(c.err.Error())
	}
	if c.final != nil {
		return append(b, c.final...)
	}
	var (
		out []byte
		err error
	)
	if c.summer != nil {
		if out, err = c.summer.Sum(b); err == nil && len(out) >= len(b) {
			err = CheckLen(c.pkg, c.alg, out[len(b):])
		} else if err == nil {
			err = CheckLen(c.pkg, c.alg, nil)
		}
	} else {
		var cp Ctx
		if cp, err = copyCtx(c.pkg, c.alg, c.ctx); err == nil {
			var d []byte
			if d, err = cp.Finalize(); err == nil {
				err = CheckLen(c.pkg, c.alg, d)
			}
			out = append(b, d...)
		}
	}
	if err != nil {
		panic(guard.Wrap(c.pkg, err).Error())
	}
	return out
}

// Copy returns an independent backend context in the same state.
func (c *Core) Copy() (Ctx, error) {
	if c.err != nil {
		return nil, c.err
	}
	if c.final != nil {
		return nil, fmt.Errorf("%s: Copy after Finalize: %w", c.pkg, backends.ErrAlreadyFinalized)
	}
	cp, err := copyCtx(c.pkg, c.alg, c.ctx)
	if err != nil {
		return nil, guard.Wrap(c.pkg, err)
	}
	return cp, nil
}

// copyCtx copies either kind of context; a nil copy is an error.
func copyCtx(pkg string, alg backends.HashAlgorithm, ctx Ctx) (Ctx, error) {
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
// context from renew. It does not panic: when renew fails, its error is
// kept and returned by every later call (Sum panics with it) until a Reset
// succeeds.
func (c *Core) Reset(renew func() (Ctx, error)) {
	c.final, c.err = nil, nil
	if r, ok := c.ctx.(backends.Resetter); ok && r.Reset() == nil {
		return
	}
	ctx, err := renew()
	if err == nil {
		err = Check(c.pkg, c.alg, ctx)
	}
	if err != nil {
		c.err = guard.Wrap(c.pkg, err)
		return
	}
	c.setCtx(ctx)
}
