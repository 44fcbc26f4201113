//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
)

// hmacEntry returns the digest entry for alg in mode m when HMAC works
// with it.
func hmacEntry(m *fipsMode, alg backends.HashAlgorithm) (*mdEntry, error) {
	e := fetchMDIn(m, alg.Name())
	if e.err != nil {
		return nil, e.err
	}
	if e.xof {
		return nil, &backends.UnsupportedAlgorithmError{
			Algorithm: alg.Name(),
			Reason:    backends.ReasonUnsupportedMAC,
			Err:       fmt.Errorf("HMAC is not defined for extendable-output functions"),
		}
	}
	if _, err := digestOutLen(alg, e); err != nil {
		return nil, err
	}
	e.hmacOnce.Do(func() {
		// A digest the provider serves is no proof that HMAC with it
		// works: try a context with a key of full strength.
		key := make([]byte, e.size)
		ctx, err := newMACState(e, key)
		if err != nil {
			reason := backends.ReasonUnsupportedMAC
			if m.fips {
				reason = backends.ReasonFIPSRefused
			}
			e.hmacErr = &backends.UnsupportedAlgorithmError{Algorithm: alg.Name(), Reason: reason, Err: err}
			return
		}
		C.go_mac_ctx_free(ctx)
	})
	if e.hmacErr != nil {
		return nil, e.hmacErr
	}
	return e, nil
}

// newMACState returns an EVP_MAC_CTX keyed for HMAC with e's digest, in
// the mode e was fetched for.
func newMACState(e *mdEntry, key []byte) (*C.EVP_MAC_CTX, error) {
	mac, err := fetchHMAC(e.fm)
	if err != nil {
		return nil, err
	}
	var q *C.go_errq
	// Keying a new context fetches its digest: see fetchMu.
	fetchMu.RLock()
	ctx := C.go_hmac_new(mac, e.cname, e.fm.cq, base(key), C.size_t(len(key)), &q)
	fetchMu.RUnlock()
	if ctx == nil {
		return nil, newError("EVP_MAC_init", q)
	}
	return ctx, nil
}

// macCtx is an HMAC context over OpenSSL 3's EVP_MAC. It implements
// [backends.HMACContext], [backends.Summer] and [backends.Resetter]. It is
// not safe for concurrent use.
type macCtx struct {
	alg backends.HashAlgorithm
	e   *mdEntry
	// ctx is the context's own EVP_MAC_CTX, keyed, in the mode e was
	// fetched for; nil until the context needs one: until then a Sum MACs
	// the data in buf on the C thread's own HMAC context, keyed for that
	// call (go_hmac_oneshot_tls). A context gets its own when its data
	// outgrows buf, when it is Reset (it is used again, and a context of
	// its own then spares keying on every Sum), or when a FIPS provider
	// must judge its key at once (see needsOwn).
	ctx     *C.EVP_MAC_CTX
	cleanup runtime.Cleanup // frees ctx, once there is one
	// key is a copy of the key: for the C thread's context, and to key a
	// context again when FIPS mode changes while no data is in C.
	key []byte

	// While inC is false, every byte written since the last reset is in
	// buf, and ctx is only a keyed template that is re-initialised before
	// use. buf grows up to macBufSize and keeps its capacity across Reset.
	buf  []byte
	inC  bool
	done bool
	// reset is set by Reset: a context used again keeps its own C context
	// through Finalize, for the next message; one never Reset frees it
	// there.
	reset bool
}

// macBufSize is how many bytes a macCtx (and an xmacCtx of a CMAC or a
// KMAC) keeps in Go before it feeds its C context. Sum of data in C needs
// EVP_MAC_CTX_dup (OpenSSL 3 cannot copy into an existing MAC context): a
// dozen allocations in the HMAC provider, about 0.4 µs, more than a 1 KiB
// HMAC-SHA-256 itself. A message of up to 4 KiB (a request signature, a
// token, a small record) is instead MACed by a single C call at Sum time,
// as a caller of EVP_MAC would. Beyond a few KiB, copying the message into
// the buffer and clearing it cost more than the dup. Measured with a
// 64 KiB bound, on a reused HMAC-SHA-256 of 16 KiB: callgrind counts the
// copy and the clear (about 1,900 and 2,500 instructions per message)
// where the dup was: 468,842 instructions per message, against 469,595
// with this bound (C floor 464,027); but the thread's CPU time over the C
// floor's, in three alternating runs, was +371, +948 and +740 ns, against
// +180, +617 and +508 ns with this bound; CMAC-AES-128 of 16 KiB went
// from 226,500 to 227,447 instructions; and each context would keep up to
// 64 KiB.
const macBufSize = 4 << 10

var (
	_ backends.HMACContext = (*macCtx)(nil)
	_ backends.Summer      = (*macCtx)(nil)
	_ backends.Resetter    = (*macCtx)(nil)
)

func newMACCtx(key []byte, alg backends.HashAlgorithm) (*macCtx, error) {
	e, err := hmacEntry(current(), alg)
	if err != nil {
		return nil, err
	}
	m := new(macCtx)
	if err := m.init(e, key, alg); err != nil {
		return nil, err
	}
	return m, nil
}

// init sets up a zero m for an HMAC with alg, whose entry in the mode in
// force is e, keyed with key (copied).
func (m *macCtx) init(e *mdEntry, key []byte, alg backends.HashAlgorithm) error {
	m.alg, m.e, m.key = alg, e, append([]byte{}, key...)
	if needsOwn(e, key) {
		return m.own()
	}
	return nil
}

// minFIPSKey is the shortest HMAC key no FIPS provider refuses: NIST SP
// 800-131A's 112 bits, which providers from OpenSSL 3.4 on can enforce
// (hmac-key-check).
const minFIPSKey = 14

// needsOwn reports whether an HMAC context keyed with key in e's mode
// must be keyed at once, so that a refusal of the key is an error of
// CreateHMACCtx rather than of a later Sum: a key shorter than 112 bits in
// FIPS mode. The default provider takes every key.
func needsOwn(e *mdEntry, key []byte) bool {
	return e.fm.fips && len(key) < minFIPSKey
}

// own gives m a keyed context of its own in m.e's mode, if it has none.
func (m *macCtx) own() error {
	if m.ctx != nil {
		return nil
	}
	ctx, err := newMACState(m.e, m.key)
	if err != nil {
		return macKeyError(m.alg, m.key, err)
	}
	m.ctx = ctx
	m.cleanup = runtime.AddCleanup(m, freeMACCtx, ctx)
	return nil
}

// dropOwn frees m's own context, if it has one.
func (m *macCtx) dropOwn() {
	if m.ctx == nil {
		return
	}
	m.cleanup.Stop()
	C.go_mac_ctx_free(m.ctx)
	m.ctx = nil
}

// oneShotTLS writes HMAC(key, data) with e's digest to out, on the C
// thread's own HMAC context, keyed for this call only.
func oneShotTLS(e *mdEntry, key, data, out []byte) error {
	mac, err := fetchHMAC(e.fm)
	if err != nil {
		return err
	}
	run := func(mayFetch C.int) C.go_result {
		return C.go_hmac_oneshot_tls(mac, e.cname, e.fm.cq, base(key), C.size_t(len(key)),
			base(data), C.size_t(len(data)), base(out), C.size_t(len(out)), mayFetch)
	}
	r := run(0)
	if r.ok != 1 && r.outl == C.GO_HMAC_STEP_NEED_FETCH {
		// The thread's first HMAC with this digest makes its context,
		// which fetches the digest: see fetchMu.
		fetchMu.RLock()
		r = run(1)
		fetchMu.RUnlock()
	}
	if r.ok == 1 {
		return nil
	}
	fn := "EVP_MAC_final"
	switch r.outl {
	case C.GO_HMAC_STEP_INIT:
		fn = "EVP_MAC_init"
	case C.GO_HMAC_STEP_UPDATE:
		fn = "EVP_MAC_update"
	}
	return check(fn, r)
}

// macKeyError explains a refused HMAC key. FIPS providers from OpenSSL 3.4
// on can enforce NIST SP 800-131A's minimum of 112 bits (hmac-key-check in
// the FIPS module's configuration); they then fail with a bare "invalid key
// length", which becomes an error wrapping [backends.ErrInvalidKeySize].
func macKeyError(alg backends.HashAlgorithm, key []byte, err error) error {
	var oe *Error
	if errors.As(err, &oe) {
		for _, r := range oe.Reasons {
			if strings.Contains(r, "invalid key length") {
				return fmt.Errorf("openssl: HMAC-%s key of %d bytes refused (FIPS mode: %v; FIPS providers may require at least 112 bits, 14 bytes): %w: %w",
					alg.Name(), len(key), FIPS(), backends.ErrInvalidKeySize, err)
			}
		}
	}
	if FIPS() {
		return fmt.Errorf("openssl: HMAC-%s with a %d-byte key refused in FIPS mode: %w", alg.Name(), len(key), err)
	}
	return err
}

func freeMACCtx(c *C.EVP_MAC_CTX) { C.go_mac_ctx_free(c) }

// ready returns nil when the context belongs to the FIPS mode in force
// (one atomic load), and otherwise follows the switch (see follow).
func (m *macCtx) ready() error {
	if m.e == nil {
		return fmt.Errorf("openssl: HMAC context used without Backend.CreateHMACCtx: %w", backends.ErrInvalidArgument)
	}
	if m.e.fm == current() {
		return nil
	}
	return m.follow()
}

// follow moves the context to the mode in force: the HMAC must be served
// there (else the *backends.UnsupportedAlgorithmError says why), and no
// data may be in the old mode's C context (else [backends.ErrModeChanged]).
// The key is set again on a context of the new mode.
func (m *macCtx) follow() error {
	e, err := hmacEntry(current(), m.alg)
	if err != nil {
		return err
	}
	if m.inC {
		return errModeChanged("HMAC-" + m.alg.Name())
	}
	if m.ctx == nil && !needsOwn(e, m.key) {
		m.e = e
		return nil
	}
	ctx, err := newMACState(e, m.key)
	if err != nil {
		return macKeyError(m.alg, m.key, err)
	}
	m.dropOwn()
	m.ctx, m.e = ctx, e
	m.cleanup = runtime.AddCleanup(m, freeMACCtx, ctx)
	return nil
}

// Algorithm returns the hash the HMAC uses.
func (m *macCtx) Algorithm() backends.HashAlgorithm { return m.alg }

// Size returns the length of the MAC in bytes.
func (m *macCtx) Size() int { return m.e.size }

// BlockSize returns the hash's block size in bytes.
func (m *macCtx) BlockSize() int { return m.e.blockSize }

// Update adds p to the MAC.
func (m *macCtx) Update(p []byte) error {
	if m.done {
		return backends.ErrAlreadyFinalized
	}
	if err := m.ready(); err != nil {
		return err
	}
	if !m.inC && len(m.buf)+len(p) <= macBufSize {
		m.buf = append(m.buf, p...)
		return nil
	}
	if err := m.own(); err != nil {
		return err
	}
	var r C.go_result
	if !m.inC {
		r = C.go_mac_flush_update(m.ctx, base(m.buf), C.size_t(len(m.buf)), base(p), C.size_t(len(p)))
	} else {
		r = C.go_mac_update(m.ctx, base(p), C.size_t(len(p)))
	}
	runtime.KeepAlive(m)
	if err := check("EVP_MAC_update", r); err != nil {
		return err
	}
	clear(m.buf)
	m.buf, m.inC = m.buf[:0], true
	return nil
}

// Sum appends the MAC of the data written so far to dst, leaving the state
// unchanged.
func (m *macCtx) Sum(dst []byte) ([]byte, error) {
	if m.done {
		return dst, backends.ErrAlreadyFinalized
	}
	if err := m.ready(); err != nil {
		return dst, err
	}
	ret, out := grow(dst, m.e.size)
	var r C.go_result
	switch {
	case !m.inC && m.ctx == nil:
		if err := oneShotTLS(m.e, m.key, m.buf, out); err != nil {
			return dst, err
		}
		return ret, nil
	case !m.inC:
		r = C.go_mac_oneshot(m.ctx, base(m.buf), C.size_t(len(m.buf)), base(out), C.size_t(len(out)))
	default:
		r = C.go_mac_sum(m.ctx, base(out), C.size_t(len(out)))
	}
	runtime.KeepAlive(m)
	if err := check("EVP_MAC_final", r); err != nil {
		return dst, err
	}
	return ret, nil
}

// Finalize returns the MAC. Later calls of Update, Sum, Finalize and Copy
// return [backends.ErrAlreadyFinalized]; Reset makes the context usable
// again with the same key. A message in C is finalised in place, without
// the EVP_MAC_CTX_dup Sum makes to leave the state unchanged; the context
// is then spent, and finalised also if that fails (the next use after
// Reset starts it over). A keyed C context of its own, if it has one, is
// freed (and cleansed by OpenSSL) here when the context was never Reset,
// and otherwise kept for the next message and freed when the macCtx
// becomes unreachable.
func (m *macCtx) Finalize() ([]byte, error) {
	if m.done {
		return nil, backends.ErrAlreadyFinalized
	}
	if err := m.ready(); err != nil {
		return nil, err
	}
	var out []byte
	var err error
	if m.inC {
		out = make([]byte, m.e.size)
		r := C.go_mac_final_inplace(m.ctx, base(out), C.size_t(len(out)))
		runtime.KeepAlive(m)
		err = check("EVP_MAC_final", r)
	} else if out, err = m.Sum(nil); err != nil {
		return nil, err // nothing spent: the data is still in buf
	}
	clear(m.buf)
	m.buf, m.inC, m.done = m.buf[:0], false, true
	if !m.reset {
		m.dropOwn()
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Reset returns the context to its state just after keying, also after
// Finalize. After a switch of FIPS mode it keys a context of the new mode,
// or returns the error saying why the HMAC is not served there.
func (m *macCtx) Reset() error {
	clear(m.buf)
	m.buf, m.inC, m.done, m.reset = m.buf[:0], false, false, true
	if err := m.ready(); err != nil {
		return err
	}
	return m.own()
}

// Copy returns an independent context in the same state, with the same key.
func (m *macCtx) Copy() (backends.HMACContext, error) {
	c, err := m.clone()
	if err != nil {
		return nil, err // an untyped nil, not a nil *macCtx
	}
	return c, nil
}

func (m *macCtx) clone() (*macCtx, error) {
	if m.done {
		return nil, backends.ErrAlreadyFinalized
	}
	if err := m.ready(); err != nil {
		return nil, err
	}
	c := &macCtx{alg: m.alg, e: m.e}
	if m.ctx != nil {
		var q *C.go_errq
		ctx := C.go_mac_dup(m.ctx, &q)
		runtime.KeepAlive(m)
		if ctx == nil {
			return nil, newError("EVP_MAC_CTX_dup", q)
		}
		c.ctx = ctx
		c.cleanup = runtime.AddCleanup(c, freeMACCtx, ctx)
	}
	c.buf, c.inC, c.key = append(make([]byte, 0, cap(m.buf)), m.buf...), m.inC, m.key
	return c, nil
}
