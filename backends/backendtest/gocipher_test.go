package backendtest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"unsafe"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// goCipherBackend is a small cipher backend over Go's crypto: AES in CBC,
// CTR and GCM. GCM holds all data back until Finalize, as a backend over a
// one-shot AEAD must; the suite has to accept that.
type goCipherBackend struct {
	mu       sync.Mutex
	adapters map[[2]reflect.Type]backends.CipherAdapter
}

var _ backends.CipherBackend = (*goCipherBackend)(nil)

func newGoCipherBackend() *goCipherBackend {
	b := &goCipherBackend{adapters: map[[2]reflect.Type]backends.CipherAdapter{}}
	name := func(c backends.CipherAlgorithm, m backends.Mode) (string, bool) {
		return fmt.Sprintf("aes-%d-%s", c.KeySize(), m.Name()), true
	}
	for _, m := range []backends.Mode{(*modes.CBC)(nil), (*modes.CTR)(nil), (*modes.GCM)(nil)} {
		if err := b.RegisterCipherAdapter(reflect.TypeFor[*algorithms.AES](), reflect.TypeOf(m), name); err != nil {
			panic(err)
		}
	}
	return b
}

func typeOf(v any) reflect.Type {
	if v == nil {
		return nil
	}
	return reflect.TypeOf(v)
}

func (b *goCipherBackend) RegisterCipherAdapter(ct, mt reflect.Type, a backends.CipherAdapter) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	k := [2]reflect.Type{ct, mt}
	if _, dup := b.adapters[k]; dup {
		return fmt.Errorf("gocipher: %v with %v: %w", ct, mt, backends.ErrDuplicateAdapter)
	}
	b.adapters[k] = a
	return nil
}

// resolve checks the pair and returns the AES block cipher.
func (b *goCipherBackend) resolve(c backends.CipherAlgorithm, m backends.Mode) (cipher.Block, error) {
	if c == nil || reflect.ValueOf(c).Kind() == reflect.Pointer && reflect.ValueOf(c).IsNil() {
		return nil, fmt.Errorf("gocipher: nil cipher: %w", backends.ErrInvalidArgument)
	}
	if len(c.Key()) == 0 {
		return nil, fmt.Errorf("gocipher: %s has no key: %w", c.Name(), backends.ErrInvalidKeySize)
	}
	b.mu.Lock()
	a, ok := b.adapters[[2]reflect.Type{typeOf(c), typeOf(m)}]
	b.mu.Unlock()
	if !ok {
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: c.Name(), Reason: backends.ReasonNoAdapter}
	}
	if name, ok := a(c, m); !ok || name == "" {
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: c.Name(), Reason: backends.ReasonUnsupportedCipher}
	}
	if _, isAES := c.(*algorithms.AES); !isAES || len(c.Key()) == 64 {
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: c.Name(), Reason: backends.ReasonUnsupportedCipher}
	}
	blk, err := aes.NewCipher(c.Key())
	if err != nil {
		return nil, err
	}
	if _, isGCM := m.(*modes.GCM); isGCM {
		// Go refuses GCM with the caller's nonces under
		// GODEBUG=fips140=only, whatever their length.
		if _, err := cipher.NewGCM(blk); err != nil {
			return nil, &backends.UnsupportedAlgorithmError{Algorithm: c.Name(), Reason: backends.ReasonFIPSRefused, Err: err}
		}
	}
	return blk, nil
}

func (b *goCipherBackend) CipherSupported(c backends.CipherAlgorithm, m backends.Mode) bool {
	_, err := b.resolve(c, m)
	return err == nil
}

func (b *goCipherBackend) CreateSymmetricEncryptionCtx(c backends.CipherAlgorithm, m backends.Mode) (backends.CipherContext, error) {
	return b.create(c, m, true)
}

func (b *goCipherBackend) CreateSymmetricDecryptionCtx(c backends.CipherAlgorithm, m backends.Mode) (backends.CipherContext, error) {
	return b.create(c, m, false)
}

func (b *goCipherBackend) create(c backends.CipherAlgorithm, m backends.Mode, encrypt bool) (backends.CipherContext, error) {
	blk, err := b.resolve(c, m)
	if err != nil {
		return nil, err
	}
	if err := m.ValidateForAlgorithm(c); err != nil {
		return nil, err
	}
	ctx := &goCipherCtx{encrypt: encrypt}
	switch m := m.(type) {
	case *modes.CBC:
		ctx.whole = true
		if encrypt {
			ctx.bm = cipher.NewCBCEncrypter(blk, m.IV())
		} else {
			ctx.bm = cipher.NewCBCDecrypter(blk, m.IV())
		}
	case *modes.CTR:
		ctx.stream = cipher.NewCTR(blk, m.Nonce())
	case *modes.GCM:
		g, err := cipher.NewGCMWithNonceSize(blk, len(m.IV()))
		if err != nil {
			return nil, err
		}
		if encrypt && m.Tag() != nil {
			return nil, fmt.Errorf("gocipher: a tag is for decryption: %w", backends.ErrInvalidArgument)
		}
		return &goGCMCtx{goCipherCtx: ctx, g: g, iv: bytes.Clone(m.IV()), tag: bytes.Clone(m.Tag())}, nil
	}
	return ctx, nil
}

// goCipherCtx runs CBC (whole blocks, a partial one held back) and CTR.
type goCipherCtx struct {
	encrypt bool
	whole   bool
	bm      cipher.BlockMode
	stream  cipher.Stream
	pending []byte
	done    bool
}

func (c *goCipherCtx) need(n int) int {
	if c.whole {
		return (len(c.pending) + n) / 16 * 16
	}
	return n
}

func (c *goCipherCtx) Update(data []byte) ([]byte, error) {
	if c.done {
		return nil, backends.ErrAlreadyFinalized
	}
	out := make([]byte, c.need(len(data)))
	n, err := c.UpdateInto(data, out)
	return out[:n], err
}

func (c *goCipherCtx) UpdateInto(data, buf []byte) (int, error) {
	if c.done {
		return 0, backends.ErrAlreadyFinalized
	}
	need := c.need(len(data))
	if len(buf) < need {
		return 0, backends.ErrShortBuffer
	}
	if inexactOverlap(buf[:need], data) || len(c.pending) > 0 && anyOverlap(buf[:need], data) {
		return 0, backends.ErrInvalidBufferOverlap
	}
	if c.stream != nil {
		c.stream.XORKeyStream(buf[:need], data)
		return need, nil
	}
	in := append(c.pending, data...)
	c.bm.CryptBlocks(buf[:need], in[:need])
	c.pending = bytes.Clone(in[need:])
	return need, nil
}

func (c *goCipherCtx) Finalize() ([]byte, error) {
	if c.done {
		return nil, backends.ErrAlreadyFinalized
	}
	c.done = true
	if len(c.pending) > 0 {
		return nil, fmt.Errorf("gocipher: partial block: %w", backends.ErrInvalidDataLength)
	}
	return []byte{}, nil
}

// goGCMCtx holds all data back until Finalize.
type goGCMCtx struct {
	*goCipherCtx
	g        cipher.AEAD
	iv, tag  []byte
	aad      []byte
	data     []byte
	started  bool
	finalTag []byte
}

var (
	_ backends.AEADEncryptionContext = (*goGCMCtx)(nil)
	_ backends.AEADDecryptionContext = (*goGCMCtx)(nil)
)

func (c *goGCMCtx) AuthenticateAdditionalData(p []byte) error {
	if c.done {
		return backends.ErrAlreadyFinalized
	}
	if c.started {
		return fmt.Errorf("gocipher: additional data after Update: %w", backends.ErrInvalidArgument)
	}
	c.aad = append(c.aad, p...)
	return nil
}

func (c *goGCMCtx) Update(p []byte) ([]byte, error) {
	_, err := c.UpdateInto(p, nil)
	return []byte{}, err
}

func (c *goGCMCtx) UpdateInto(p, _ []byte) (int, error) {
	if c.done {
		return 0, backends.ErrAlreadyFinalized
	}
	c.started = true
	c.data = append(c.data, p...)
	return 0, nil
}

func (c *goGCMCtx) Finalize() ([]byte, error) {
	if c.done {
		return nil, backends.ErrAlreadyFinalized
	}
	if c.encrypt {
		c.done = true
		sealed := c.g.Seal(nil, c.iv, c.data, c.aad)
		n := len(c.data)
		c.finalTag = sealed[n:]
		return sealed[:n], nil
	}
	if c.tag == nil {
		return nil, fmt.Errorf("gocipher: decryption needs a tag: %w", backends.ErrInvalidArgument)
	}
	return c.open(c.tag)
}

func (c *goGCMCtx) FinalizeWithTag(tag []byte) ([]byte, error) {
	if c.done {
		return nil, backends.ErrAlreadyFinalized
	}
	if c.encrypt {
		return nil, fmt.Errorf("gocipher: FinalizeWithTag on encryption: %w", backends.ErrInvalidArgument)
	}
	return c.open(tag)
}

func (c *goGCMCtx) open(tag []byte) ([]byte, error) {
	c.done = true
	if len(tag) != 16 {
		return nil, backends.ErrInvalidTag
	}
	out, err := c.g.Open(nil, c.iv, append(bytes.Clone(c.data), tag...), c.aad)
	if err != nil {
		return nil, backends.ErrInvalidTag
	}
	return append([]byte{}, out...), nil
}

func (c *goGCMCtx) Tag() ([]byte, error) {
	if !c.encrypt {
		return nil, fmt.Errorf("gocipher: Tag on decryption: %w", backends.ErrInvalidArgument)
	}
	if !c.done {
		return nil, backends.ErrNotYetFinalized
	}
	return bytes.Clone(c.finalTag), nil
}

func anyOverlap(x, y []byte) bool {
	return len(x) > 0 && len(y) > 0 &&
		uintptr(unsafe.Pointer(&x[0])) <= uintptr(unsafe.Pointer(&y[len(y)-1])) &&
		uintptr(unsafe.Pointer(&y[0])) <= uintptr(unsafe.Pointer(&x[len(x)-1]))
}

func inexactOverlap(x, y []byte) bool {
	if len(x) == 0 || len(y) == 0 || &x[0] == &y[0] {
		return false
	}
	return anyOverlap(x, y)
}

func TestGoCipherBackendConforms(t *testing.T) {
	TestCipherBackend(t, newGoCipherBackend())
}
