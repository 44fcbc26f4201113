package padding

import (
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
)

// errFinalized is returned by a context's methods after Finalize.
var errFinalized = fmt.Errorf("padding: %w", backends.ErrAlreadyFinalized)

// errNoPadder and errNoUnpadder are returned by the methods of a context
// that no scheme made.
var (
	errNoPadder   = fmt.Errorf("padding: Padder used without PKCS7.Padder or ANSIX923.Padder: %w", backends.ErrInvalidArgument)
	errNoUnpadder = fmt.Errorf("padding: Unpadder used without PKCS7.Unpadder or ANSIX923.Unpadder: %w", backends.ErrInvalidArgument)
)

// Padder pads a message that arrives in pieces, for the scheme that made it
// ([PKCS7.Padder], [ANSIX923.Padder]). It holds back at most one partial
// block between calls. A Padder is not safe for concurrent use.
//
// The zero value (and a nil *Padder) is not usable: its methods return an
// error wrapping [backends.ErrInvalidArgument].
type Padder struct {
	s    scheme
	buf  []byte // a partial block, len(buf) < block size
	made bool   // by a scheme
	done bool
}

func newPadder(s scheme) *Padder {
	return &Padder{s: s, buf: make([]byte, 0, s.blockLen()), made: true}
}

// Update takes the next piece of the message and returns the whole blocks
// that are ready, in a new slice (empty when none is). It does not retain
// data. After Finalize it returns an error wrapping
// [backends.ErrAlreadyFinalized].
func (p *Padder) Update(data []byte) ([]byte, error) {
	if p == nil || !p.made {
		return nil, errNoPadder
	}
	if p.done {
		return nil, errFinalized
	}
	bs := p.s.blockLen()
	total := len(p.buf) + len(data)
	out := make([]byte, total-total%bs)
	if len(out) == 0 {
		p.buf = append(p.buf, data...)
		return out, nil
	}
	// len(out) is a multiple of bs and len(p.buf) < bs: the held-back bytes
	// all go out, followed by the first bytes of data.
	k := copy(out, p.buf)
	k = copy(out[k:], data)
	p.buf = append(p.buf[:0], data[k:]...)
	return out, nil
}

// Finalize returns the rest of the message followed by its padding: always
// exactly one block. The Padder cannot be used afterwards; a second Finalize
// returns an error wrapping [backends.ErrAlreadyFinalized].
func (p *Padder) Finalize() ([]byte, error) {
	if p == nil || !p.made {
		return nil, errNoPadder
	}
	if p.done {
		return nil, errFinalized
	}
	p.done = true
	bs := p.s.blockLen()
	out := make([]byte, bs)
	k := copy(out, p.buf)
	p.s.fill(out[k:])
	clear(p.buf)
	p.buf = nil
	return out, nil
}

// Unpadder removes the padding of a message that arrives in pieces, for the
// scheme that made it ([PKCS7.Unpadder], [ANSIX923.Unpadder]). It holds back
// the last block it has seen (which may be the one that carries the padding)
// until Finalize, so it returns only data that precedes the last block. An
// Unpadder is not safe for concurrent use.
//
// See the package documentation on padding oracles before unpadding data
// that is not authenticated.
//
// The zero value (and a nil *Unpadder) is not usable: its methods return an
// error wrapping [backends.ErrInvalidArgument].
type Unpadder struct {
	s    scheme
	buf  []byte // the last bytes seen, 0 < len(buf) <= block size once any came
	made bool   // by a scheme
	done bool
}

func newUnpadder(s scheme) *Unpadder {
	return &Unpadder{s: s, buf: make([]byte, 0, s.blockLen()), made: true}
}

// Update takes the next piece of the padded message and returns, in a new
// slice (empty when there are none), the bytes that now certainly precede
// the last block. It does not retain data. After Finalize it returns an
// error wrapping [backends.ErrAlreadyFinalized].
func (u *Unpadder) Update(data []byte) ([]byte, error) {
	if u == nil || !u.made {
		return nil, errNoUnpadder
	}
	if u.done {
		return nil, errFinalized
	}
	bs := u.s.blockLen()
	total := len(u.buf) + len(data)
	release := 0
	if total > 0 {
		release = (total - 1) / bs * bs // keep 1 to bs bytes
	}
	out := make([]byte, release)
	if release == 0 {
		u.buf = append(u.buf, data...)
		return out, nil
	}
	// release is a multiple of bs and len(u.buf) <= bs: the held-back bytes
	// all go out, followed by the first bytes of data.
	k := copy(out, u.buf)
	k = copy(out[k:], data)
	u.buf = append(u.buf[:0], data[k:]...)
	return out, nil
}

// Finalize checks the padding of the last block and returns that block's
// data without the padding (possibly empty). It returns [ErrInvalidPadding] if
// the total length of the message is not a positive multiple of the block
// size or the padding is not valid; like the Unpad methods, the check reads the
// whole last block in time that does not depend on its content. The Unpadder
// cannot be used afterwards, whatever the outcome; a second Finalize returns
// an error wrapping [backends.ErrAlreadyFinalized].
func (u *Unpadder) Finalize() ([]byte, error) {
	if u == nil || !u.made {
		return nil, errNoUnpadder
	}
	if u.done {
		return nil, errFinalized
	}
	u.done = true
	buf := u.buf
	u.buf = nil
	defer clear(buf)
	bs := u.s.blockLen()
	if len(buf) != bs {
		return nil, ErrInvalidPadding
	}
	n, ok := u.s.check(buf)
	if !ok {
		return nil, ErrInvalidPadding
	}
	out := make([]byte, bs-n)
	copy(out, buf)
	return out, nil
}
