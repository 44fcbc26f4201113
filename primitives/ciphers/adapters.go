package ciphers

import (
	"crypto/cipher"
	"fmt"
	"sync"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/guard"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// The adapters below implement Go's crypto/cipher interfaces, whose
// methods have no error result: like Go's own implementations, they panic
// on misuse (short output, partial blocks, inexact overlap) and, with a
// message naming OpenSSL's reason, if OpenSSL itself fails. Everything
// that can be checked in advance is checked by their constructors, which
// return errors.

// block is a [cipher.Block] over pools of ECB contexts. Each Encrypt or
// Decrypt takes a context of its own from the pool, so a block is safe for
// concurrent use, as Go's AES is.
type block struct {
	bs       int
	enc, dec sync.Pool
}

// NewBlock returns alg as a [cipher.Block] (the raw block cipher: one
// block in, one block out) on the default backend. It is safe for
// concurrent use by multiple goroutines.
func NewBlock(alg backends.BlockCipherAlgorithm) (cipher.Block, error) {
	return NewBlockWithBackend(alg, defaultbackend.Get())
}

// NewBlockWithBackend is [NewBlock] with a chosen backend.
func NewBlockWithBackend(alg backends.BlockCipherAlgorithm, b backends.CipherBackend) (cipher.Block, error) {
	c, err := NewCipherWithBackend(alg, modes.NewECB(), b)
	if err != nil {
		return nil, err
	}
	k := &block{bs: alg.BlockSize() / 8}
	newCtx := func(encrypt bool) func() any {
		return func() any {
			var (
				ctx *Context
				err error
			)
			if encrypt {
				ctx, err = c.Encryptor()
			} else {
				ctx, err = c.Decryptor()
			}
			if err != nil {
				return err
			}
			return ctx
		}
	}
	k.enc.New, k.dec.New = newCtx(true), newCtx(false)
	// Create one context each way now, so that errors show here.
	for _, p := range []*sync.Pool{&k.enc, &k.dec} {
		v := p.Get()
		if err, ok := v.(error); ok {
			return nil, err
		}
		p.Put(v)
	}
	return k, nil
}

func (k *block) BlockSize() int { return k.bs }

// Encrypt encrypts the first block of src into dst; dst and src may be
// the same or must not overlap.
func (k *block) Encrypt(dst, src []byte) { k.crypt(&k.enc, dst, src) }

// Decrypt decrypts the first block of src into dst.
func (k *block) Decrypt(dst, src []byte) { k.crypt(&k.dec, dst, src) }

func (k *block) crypt(p *sync.Pool, dst, src []byte) {
	if len(src) < k.bs {
		panic("ciphers: input not full block")
	}
	if len(dst) < k.bs {
		panic("ciphers: output not full block")
	}
	if guard.InexactOverlap(dst[:k.bs], src[:k.bs]) {
		panic("ciphers: invalid buffer overlap")
	}
	v := p.Get()
	ctx, ok := v.(*Context)
	if !ok {
		panic(fmt.Sprintf("ciphers: cannot create a cipher context: %v", v))
	}
	mustUpdate(ctx, dst[:k.bs], src[:k.bs])
	p.Put(ctx)
}

// stream is a [cipher.Stream] over one cipher context.
type stream struct{ ctx *Context }

// NewStreamEncrypter returns an encrypting [cipher.Stream] for a mode that
// streams (CTR, OFB, CFB, CFB8; mode nil for ARC4 and ChaCha20) on the
// default backend. For CTR, OFB and the stream ciphers, encryption and
// decryption are the same operation. Like Go's streams, it is not safe for
// concurrent use.
func NewStreamEncrypter(alg backends.CipherAlgorithm, mode backends.Mode) (cipher.Stream, error) {
	return newStream(alg, mode, defaultbackend.Get(), true)
}

// NewStreamEncrypterWithBackend is [NewStreamEncrypter] with a chosen
// backend.
func NewStreamEncrypterWithBackend(alg backends.CipherAlgorithm, mode backends.Mode, b backends.CipherBackend) (cipher.Stream, error) {
	return newStream(alg, mode, b, true)
}

// NewStreamDecrypter returns a decrypting [cipher.Stream]; see
// [NewStreamEncrypter].
func NewStreamDecrypter(alg backends.CipherAlgorithm, mode backends.Mode) (cipher.Stream, error) {
	return newStream(alg, mode, defaultbackend.Get(), false)
}

// NewStreamDecrypterWithBackend is [NewStreamDecrypter] with a chosen
// backend.
func NewStreamDecrypterWithBackend(alg backends.CipherAlgorithm, mode backends.Mode, b backends.CipherBackend) (cipher.Stream, error) {
	return newStream(alg, mode, b, false)
}

func newStream(alg backends.CipherAlgorithm, mode backends.Mode, b backends.CipherBackend, encrypt bool) (cipher.Stream, error) {
	switch mode.(type) {
	case nil, *modes.CTR, *modes.OFB, *modes.CFB, *modes.CFB8:
	default:
		return nil, fmt.Errorf("ciphers: %s mode is not a stream mode: %w", mode.Name(), backends.ErrInvalidArgument)
	}
	ctx, err := newContextFor(alg, mode, b, encrypt)
	if err != nil {
		return nil, err
	}
	return &stream{ctx}, nil
}

// newContextFor returns an encrypting or decrypting context for the pair.
func newContextFor(alg backends.CipherAlgorithm, mode backends.Mode, b backends.CipherBackend, encrypt bool) (*Context, error) {
	c, err := NewCipherWithBackend(alg, mode, b)
	if err != nil {
		return nil, err
	}
	if encrypt {
		return c.Encryptor()
	}
	return c.Decryptor()
}

// XORKeyStream XORs each byte in src with a byte from the key stream.
// dst and src must overlap entirely or not at all; it panics if
// len(dst) < len(src).
func (s *stream) XORKeyStream(dst, src []byte) {
	if len(dst) < len(src) {
		panic("ciphers: output smaller than input")
	}
	if guard.InexactOverlap(dst[:len(src)], src) {
		panic("ciphers: invalid buffer overlap")
	}
	mustUpdate(s.ctx, dst[:len(src)], src)
}

// blockMode is a [cipher.BlockMode] over one ECB or CBC context.
type blockMode struct {
	bs  int
	ctx *Context
}

// NewBlockModeEncrypter returns an encrypting [cipher.BlockMode] for ECB or
// CBC on the default backend. Like Go's, it keeps its chaining state
// between calls and is not safe for concurrent use.
func NewBlockModeEncrypter(alg backends.BlockCipherAlgorithm, mode backends.Mode) (cipher.BlockMode, error) {
	return newBlockMode(alg, mode, defaultbackend.Get(), true)
}

// NewBlockModeEncrypterWithBackend is [NewBlockModeEncrypter] with a
// chosen backend.
func NewBlockModeEncrypterWithBackend(alg backends.BlockCipherAlgorithm, mode backends.Mode, b backends.CipherBackend) (cipher.BlockMode, error) {
	return newBlockMode(alg, mode, b, true)
}

// NewBlockModeDecrypter returns a decrypting [cipher.BlockMode]; see
// [NewBlockModeEncrypter].
func NewBlockModeDecrypter(alg backends.BlockCipherAlgorithm, mode backends.Mode) (cipher.BlockMode, error) {
	return newBlockMode(alg, mode, defaultbackend.Get(), false)
}

// NewBlockModeDecrypterWithBackend is [NewBlockModeDecrypter] with a
// chosen backend.
func NewBlockModeDecrypterWithBackend(alg backends.BlockCipherAlgorithm, mode backends.Mode, b backends.CipherBackend) (cipher.BlockMode, error) {
	return newBlockMode(alg, mode, b, false)
}

func newBlockMode(alg backends.BlockCipherAlgorithm, mode backends.Mode, b backends.CipherBackend, encrypt bool) (cipher.BlockMode, error) {
	switch mode.(type) {
	case *modes.ECB, *modes.CBC:
	default:
		return nil, fmt.Errorf("ciphers: a BlockMode is ECB or CBC: %w", backends.ErrInvalidArgument)
	}
	ctx, err := newContextFor(alg, mode, b, encrypt)
	if err != nil {
		return nil, err
	}
	return &blockMode{bs: alg.BlockSize() / 8, ctx: ctx}, nil
}

func (m *blockMode) BlockSize() int { return m.bs }

// CryptBlocks encrypts or decrypts src, a whole number of blocks, into
// dst; dst and src must overlap entirely or not at all.
func (m *blockMode) CryptBlocks(dst, src []byte) {
	if len(src)%m.bs != 0 {
		panic("ciphers: input not full blocks")
	}
	if len(dst) < len(src) {
		panic("ciphers: output smaller than input")
	}
	if guard.InexactOverlap(dst[:len(src)], src) {
		panic("ciphers: invalid buffer overlap")
	}
	mustUpdate(m.ctx, dst[:len(src)], src)
}

// mustUpdate transforms src into dst, which has src's length, for the
// adapters, whose methods have no error result: it panics when the backend
// fails or writes anything but len(src) bytes (part of dst would hold
// stale bytes).
func mustUpdate(ctx *Context, dst, src []byte) {
	n, err := ctx.UpdateInto(src, dst)
	if err != nil {
		panic(err.Error())
	}
	if n != len(src) {
		panic(fmt.Sprintf("ciphers: backend wrote %d bytes for %d bytes of input; its context breaks the backends.CipherContext contract", n, len(src)))
	}
}
