//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

// MACs other than HMAC (CMAC, GMAC, KMAC, Poly1305) over EVP_MAC. The
// EVP_MAC is fetched once per mode through the fetch cache; the cipher of
// CMAC and GMAC is fetched by the MAC itself, under the same property
// query, so in FIPS mode it comes from the FIPS provider too.

var (
	_ backends.MACBackend   = (*Backend)(nil)
	_ backends.OneShotMACer = (*Backend)(nil)
)

// cstrings holds C copies of the few names (cipher names of CMAC and GMAC)
// the MACs pass to OpenSSL, made once and kept for the life of the process,
// up to maxCachedNames of them: the names come from descriptors, which a
// program may build from its input.
var (
	cstrings     sync.Map // string -> *C.char
	cstringsKept atomic.Int64
)

// maxCachedNames bounds cstrings and macProbes (as maxFailedEntries bounds
// the fetch cache's failures): past it, what is not kept is made again on
// each use, which only programs that invent names or parameters pay.
const maxCachedNames = 1024

// cstring returns s as a C string, and whether it is kept: one made past
// maxCachedNames is not, and the caller frees it (C.free) once it is no
// longer in use.
func cstring(s string) (c *C.char, kept bool) {
	if v, ok := cstrings.Load(s); ok {
		return v.(*C.char), true
	}
	c = C.CString(s)
	if cstringsKept.Add(1) > maxCachedNames {
		cstringsKept.Add(-1)
		return c, false
	}
	if v, loaded := cstrings.LoadOrStore(s, c); loaded {
		cstringsKept.Add(-1)
		C.free(unsafePointer(c))
		return v.(*C.char), true
	}
	return c, true
}

// macProbeKey names one trial of a MAC's parameters in one mode.
type macProbeKey struct {
	propq, mac, cipher  string
	ivLen, size, keyLen int
}

// macProbes caches the outcome of trial contexts: macProbeKey -> error
// (nil: the parameters work), up to maxCachedNames of them (IV, key and
// output lengths are the caller's choice).
var (
	macProbes     sync.Map
	macProbesKept atomic.Int64
)

// xmacParams checks key against alg and returns the parameters, with the
// descriptor's own error for a bad key or parameter.
func xmacParams(alg backends.MACAlgorithm, key []byte) (backends.MACParams, error) {
	if guard.IsNil(alg) {
		return backends.MACParams{}, errNilMAC
	}
	p, err := alg.Params(key)
	if err != nil {
		return p, err
	}
	if len(key) == 0 {
		// No MAC takes an empty key, and EVP_MAC_init reads a NULL one
		// as "keep the key set before": a fresh Poly1305 context would
		// run unkeyed and crash.
		return backends.MACParams{}, fmt.Errorf("openssl: %s needs a key: %w", alg.Name(), backends.ErrInvalidKeySize)
	}
	return p, nil
}

var errNilMAC = fmt.Errorf("openssl: nil MAC algorithm: %w", backends.ErrInvalidArgument)

// macResolve returns the EVP_MAC for p in mode m, after a trial context
// with a key of keyLen bytes (cached), or the
// *backends.UnsupportedAlgorithmError saying why the MAC is not served.
func macResolve(m *fipsMode, alg backends.MACAlgorithm, p backends.MACParams, keyLen int) (*macEntry, error) {
	e := fetchMAC(m, strings.ToLower(p.MAC))
	err := e.err
	if err == nil {
		k := macProbeKey{m.propq, e.name, p.Cipher, len(p.IV), p.Size, keyLen}
		v, ok := macProbes.Load(k)
		if !ok {
			ctx, _, perr := newXMACState(e, p, trialKey(keyLen))
			if ctx != nil {
				C.go_mac_ctx_free(ctx)
			}
			v = perr
			if macProbesKept.Add(1) > maxCachedNames {
				macProbesKept.Add(-1)
			} else if prev, loaded := macProbes.LoadOrStore(k, perr); loaded {
				macProbesKept.Add(-1)
				v = prev
			}
		}
		if v != nil {
			err = v.(error)
		}
	}
	if err == nil {
		return e, nil
	}
	reason := backends.ReasonUnsupportedMAC
	if m.fips {
		// What the FIPS provider does not serve is refused in FIPS mode,
		// whether or not another provider is loaded to serve it otherwise.
		reason = backends.ReasonFIPSRefused
		err = fmt.Errorf("FIPS mode: the FIPS provider does not serve %s with these parameters: %w", alg.Name(), err)
	}
	what := p.MAC
	if p.Cipher != "" {
		what += " with " + p.Cipher
	}
	return nil, &backends.UnsupportedAlgorithmError{Algorithm: alg.Name(), Reason: reason,
		Err: fmt.Errorf("%s: %w", what, err)}
}

// checkFIPSTripleDESMAC refuses, in mode m when it is FIPS mode, a
// TripleDES CMAC key that is not three distinct DES keys, the rule
// checkFIPSTripleDES applies to TripleDES ciphers (SP 800-67 Rev. 2): the
// 3.5 FIPS provider computes CMAC with two-key TDES without complaint.
func checkFIPSTripleDESMAC(m *fipsMode, p backends.MACParams, key []byte) error {
	if !m.fips || !strings.HasPrefix(p.Cipher, "des-ede") {
		return nil
	}
	if len(key) == 24 && !bytes.Equal(key[:8], key[8:16]) && !bytes.Equal(key[8:16], key[16:]) && !bytes.Equal(key[:8], key[16:]) {
		return nil
	}
	return fmt.Errorf("openssl: FIPS mode takes TripleDES CMAC keys of three distinct 8-byte DES keys only "+
		"(SP 800-67 Rev. 2 keying option 1); 16-byte keys and keys with two equal parts are refused: %w",
		backends.ErrInvalidKeySize)
}

// trialKey returns a key of n bytes for support probes: distinct bytes, so
// that a provider's check of TripleDES keys (three distinct keys) or of weak
// keys does not refuse it.
func trialKey(n int) []byte {
	k := make([]byte, n)
	for i := range k {
		k[i] = byte(i*7 + 1)
	}
	return k
}

// newXMACState returns a context of e's MAC with p, keyed with key, and the
// MAC length it writes.
func newXMACState(e *macEntry, p backends.MACParams, key []byte) (*C.EVP_MAC_CTX, int, error) {
	var cipher *C.char
	if p.Cipher != "" {
		var kept bool
		if cipher, kept = cstring(p.Cipher); !kept {
			defer C.free(unsafePointer(cipher))
		}
	}
	var q *C.go_errq
	var outsize C.size_t
	// CMAC and GMAC fetch their cipher by name: see fetchMu.
	fetchMu.RLock()
	ctx := C.go_xmac_new(e.mac, cipher, e.fm.cq, base(p.IV), C.size_t(len(p.IV)),
		base(p.Custom), C.size_t(len(p.Custom)), C.size_t(p.Size),
		base(key), C.size_t(len(key)), &outsize, &q)
	fetchMu.RUnlock()
	if ctx == nil {
		return nil, 0, newError("EVP_MAC_init("+p.MAC+")", q)
	}
	return ctx, int(outsize), nil
}

// maxMACKeyProbe bounds the key sizes MACSupported tries: KMAC, whose
// keys are the longest, takes at most 512 bytes.
const maxMACKeyProbe = 1 << 12

// MACSupported reports whether alg can be computed right now, with each
// of its key sizes: the provider serves the MAC (and the cipher of CMAC
// and GMAC) under the properties of the mode in force and a trial context
// initialises.
func (b *Backend) MACSupported(alg backends.MACAlgorithm) bool {
	if guard.IsNil(alg) || len(alg.KeySizes()) == 0 {
		return false
	}
	for _, n := range alg.KeySizes() {
		if n < 0 || n > maxMACKeyProbe {
			return false
		}
		p, err := alg.Params(make([]byte, n))
		if err != nil {
			return false
		}
		if _, err := macResolve(current(), alg, p, n); err != nil {
			return false
		}
	}
	return true
}

// CreateMACCtx returns a context for alg keyed with key (copied). A key or
// parameter alg refuses returns alg's error (wrapping
// [backends.ErrInvalidKeySize] and the like); a MAC the mode in force does
// not serve, an [*backends.UnsupportedAlgorithmError]; a key the provider
// refuses (FIPS providers check key lengths), an error that says so; a
// descriptor whose Size is not the provider's MAC length (or not 1 to
// 1 MiB), one wrapping [backends.ErrInvalidDigestSize]. The
// context follows a switch of FIPS mode while it holds no data in C (none,
// or no more than it keeps in Go), as HMAC contexts do.
func (b *Backend) CreateMACCtx(alg backends.MACAlgorithm, key []byte) (backends.MACContext, error) {
	p, err := xmacParams(alg, key)
	if err != nil {
		return nil, err
	}
	if err := checkMACSize(alg); err != nil {
		return nil, err
	}
	x := &xmacCtx{alg: alg, p: p, key: append([]byte{}, key...)}
	if err := x.rekey(current()); err != nil {
		return nil, err
	}
	return x, nil
}

// ComputeMAC appends the MAC of data under key to dst, in one C call that
// makes, keys, runs and frees a context.
func (b *Backend) ComputeMAC(alg backends.MACAlgorithm, key, data, dst []byte) ([]byte, error) {
	p, err := xmacParams(alg, key)
	if err != nil {
		return dst, err
	}
	m := current()
	e, err := macResolve(m, alg, p, len(key))
	if err != nil {
		return dst, err
	}
	if err := checkFIPSTripleDESMAC(m, p, key); err != nil {
		return dst, err
	}
	if err := checkMACSize(alg); err != nil {
		return dst, err
	}
	var cipher *C.char
	if p.Cipher != "" {
		var kept bool
		if cipher, kept = cstring(p.Cipher); !kept {
			defer C.free(unsafePointer(cipher))
		}
	}
	ret, out := grow(dst, alg.Size())
	fetchMu.RLock() // the cipher of CMAC and GMAC is fetched: see fetchMu
	r := C.go_xmac_oneshot(e.mac, cipher, m.cq, base(p.IV), C.size_t(len(p.IV)),
		base(p.Custom), C.size_t(len(p.Custom)), C.size_t(p.Size),
		base(key), C.size_t(len(key)), base(data), C.size_t(len(data)), base(out), C.size_t(len(out)))
	fetchMu.RUnlock()
	if r.ok != 1 {
		if r.errq == nil {
			return dst, fmt.Errorf("openssl: %s: the provider's MAC length differs from %d bytes: %w", alg.Name(), alg.Size(), backends.ErrInvalidDigestSize)
		}
		return dst, macKeyRefused(alg, key, newError("EVP_MAC("+p.MAC+")", r.errq))
	}
	return ret, nil
}

// maxMACSize bounds the MAC length a descriptor may report, KMAC's bound
// in package macalg: the output is allocated before the provider is asked.
const maxMACSize = 1 << 20

// checkMACSize refuses a descriptor whose Size no MAC has, before
// anything is allocated for it.
func checkMACSize(alg backends.MACAlgorithm) error {
	if n := alg.Size(); n < 1 || n > maxMACSize {
		return fmt.Errorf("openssl: %s reports a MAC length of %d bytes; MACs here are 1 to %d: %w", alg.Name(), n, maxMACSize, backends.ErrInvalidDigestSize)
	}
	return nil
}

// macKeyRefused words a failure to key a MAC that the probe found working:
// the provider refused this key (FIPS providers enforce minimum key
// lengths, such as 112 bits for KMAC).
func macKeyRefused(alg backends.MACAlgorithm, key []byte, err error) error {
	if current().fips {
		return withReasons(fmt.Sprintf("openssl: %s with a %d-byte key refused by the FIPS provider (FIPS mode requires keys of at least 112 bits, 14 bytes, where the provider checks them)",
			alg.Name(), len(key)), err, backends.ErrInvalidKeySize)
	}
	return err
}

// reasonsError is an error of this package that says what failed in its
// own words, then OpenSSL's reasons, with one "openssl:" prefix; it
// unwraps to the *Error and to the sentinels given.
type reasonsError struct {
	msg  string
	errs []error
}

func (e *reasonsError) Error() string   { return e.msg }
func (e *reasonsError) Unwrap() []error { return e.errs }

// withReasons returns msg followed by the reasons of err (an *Error, or
// its text otherwise), wrapping err and sentinels.
func withReasons(msg string, err error, sentinels ...error) error {
	var oe *Error
	switch {
	case errors.As(err, &oe) && len(oe.Reasons) > 0:
		msg += ": " + oe.Func + ": " + strings.Join(oe.Reasons, "; ")
	case errors.As(err, &oe):
		msg += ": " + oe.Func + " failed"
	default:
		msg += ": " + err.Error()
	}
	return &reasonsError{msg: msg, errs: append(sentinels, err)}
}

// xmacCtx is a context of a MAC other than HMAC. It implements
// [backends.MACContext], [backends.Summer] and [backends.Resetter]. It is
// not safe for concurrent use.
//
// A MAC whose key may serve many messages (CMAC, KMAC) keeps up to
// macBufSize bytes in Go, as an HMAC context does: Reset is then no call
// into C, and Sum one call that starts the keyed context over, feeds the
// message and finalises it in place. Data in C would need EVP_MAC_CTX_dup
// at every Sum (about 0.3 µs for CMAC in OpenSSL 3.0, five times the rest
// of a 64-byte CMAC) and two more crossings per message. A one-time MAC
// (GMAC, Poly1305) cannot start over, and sends its data to C on each
// Update.
type xmacCtx struct {
	alg     backends.MACAlgorithm
	p       backends.MACParams
	key     []byte // to key a context again after Reset or a mode switch
	e       *macEntry
	ctx     *C.EVP_MAC_CTX
	cleanup runtime.Cleanup
	// While updated is false, every byte written since the last reset is
	// in buf, and ctx is a keyed template that is started over before use.
	// buf grows up to macBufSize and keeps its capacity across Reset.
	buf     []byte
	updated bool // data is in ctx
	done    bool
}

var (
	_ backends.MACContext = (*xmacCtx)(nil)
	_ backends.Summer     = (*xmacCtx)(nil)
	_ backends.Resetter   = (*xmacCtx)(nil)
)

// rekey replaces the context with a fresh one keyed with x.key in mode m.
func (x *xmacCtx) rekey(m *fipsMode) error {
	e, err := macResolve(m, x.alg, x.p, len(x.key))
	if err != nil {
		return err
	}
	if err := checkFIPSTripleDESMAC(m, x.p, x.key); err != nil {
		return err
	}
	ctx, size, err := newXMACState(e, x.p, x.key)
	if err != nil {
		return macKeyRefused(x.alg, x.key, err)
	}
	if size != x.alg.Size() {
		C.go_mac_ctx_free(ctx)
		return fmt.Errorf("openssl: %s: the provider's MAC length %d differs from %d bytes: %w", x.alg.Name(), size, x.alg.Size(), backends.ErrInvalidDigestSize)
	}
	x.free()
	x.ctx, x.e, x.updated = ctx, e, false
	x.cleanup = runtime.AddCleanup(x, freeMACCtx, ctx)
	return nil
}

func (x *xmacCtx) free() {
	if x.ctx != nil {
		x.cleanup.Stop()
		C.go_mac_ctx_free(x.ctx)
		x.ctx = nil
	}
}

// ready returns nil when the context belongs to the mode in force; else it
// keys a context of the new mode, or fails with [backends.ErrModeChanged]
// when data was computed in the old one.
func (x *xmacCtx) ready() error {
	if x.e == nil {
		return fmt.Errorf("openssl: MAC context used without Backend.CreateMACCtx: %w", backends.ErrInvalidArgument)
	}
	if x.done {
		return backends.ErrAlreadyFinalized
	}
	m := current()
	if x.e.fm == m {
		return nil
	}
	if x.updated {
		return errModeChanged(x.alg.Name())
	}
	return x.rekey(m)
}

// Algorithm returns the MAC algorithm.
func (x *xmacCtx) Algorithm() backends.MACAlgorithm { return x.alg }

// Update adds p to the MAC.
func (x *xmacCtx) Update(p []byte) error {
	if err := x.ready(); err != nil {
		return err
	}
	if len(p) == 0 {
		return nil
	}
	var r C.go_result
	switch {
	case x.updated || x.p.OneTime:
		r = C.go_mac_update(x.ctx, base(p), C.size_t(len(p)))
	case len(x.buf)+len(p) <= macBufSize:
		x.buf = append(x.buf, p...)
		return nil
	default:
		r = C.go_mac_flush_update(x.ctx, base(x.buf), C.size_t(len(x.buf)), base(p), C.size_t(len(p)))
	}
	runtime.KeepAlive(x)
	if err := check("EVP_MAC_update", r); err != nil {
		return err
	}
	x.dropBuf()
	x.updated = true
	return nil
}

// dropBuf forgets (and clears) the bytes kept in Go.
func (x *xmacCtx) dropBuf() {
	clear(x.buf)
	x.buf = x.buf[:0]
}

// Sum appends the MAC of the data so far to dst, leaving the state
// unchanged.
func (x *xmacCtx) Sum(dst []byte) ([]byte, error) {
	if err := x.ready(); err != nil {
		return dst, err
	}
	ret, out := grow(dst, x.alg.Size())
	var r C.go_result
	if !x.updated && !x.p.OneTime {
		// Everything is in buf: start the template over, MAC buf and
		// finalise the template itself; the next use starts it over too.
		r = C.go_mac_oneshot(x.ctx, base(x.buf), C.size_t(len(x.buf)), base(out), C.size_t(len(out)))
	} else {
		r = C.go_mac_sum(x.ctx, base(out), C.size_t(len(out)))
	}
	runtime.KeepAlive(x)
	if err := check("EVP_MAC_final", r); err != nil {
		return dst, err
	}
	return ret, nil
}

// Finalize returns the MAC and frees the C context; later calls return
// [backends.ErrAlreadyFinalized] until Reset. A message in C is finalised
// in place, without the EVP_MAC_CTX_dup Sum makes to leave the state
// unchanged; the context is then spent, and freed also if that fails.
func (x *xmacCtx) Finalize() ([]byte, error) {
	if err := x.ready(); err != nil {
		return nil, err
	}
	var out []byte
	var err error
	if x.updated || x.p.OneTime {
		out = make([]byte, x.alg.Size())
		r := C.go_mac_final_inplace(x.ctx, base(out), C.size_t(len(out)))
		runtime.KeepAlive(x)
		err = check("EVP_MAC_final", r)
	} else if out, err = x.Sum(nil); err != nil {
		return nil, err // nothing spent: the data is still in buf
	}
	x.free()
	x.dropBuf()
	x.done = true
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Reset keys a fresh context with the same key and parameters, in the
// mode in force, also after Finalize.
func (x *xmacCtx) Reset() error {
	if x.e == nil {
		return fmt.Errorf("openssl: MAC context used without Backend.CreateMACCtx: %w", backends.ErrInvalidArgument)
	}
	x.dropBuf()
	if x.ctx != nil && !x.p.OneTime && x.e.fm == current() {
		// Same mode: keep the keyed context, which the next Sum or the
		// Update that fills buf starts over (EVP_MAC_init with no key),
		// rather than make and key a new one (a new one fetches its
		// cipher again and costs about 2 µs).
		x.updated, x.done = false, false
		return nil
	}
	if err := x.rekey(current()); err != nil {
		return err
	}
	x.done = false
	return nil
}

// Copy returns an independent context in the same state.
func (x *xmacCtx) Copy() (backends.MACContext, error) {
	if err := x.ready(); err != nil {
		return nil, err
	}
	var q *C.go_errq
	ctx := C.go_mac_dup(x.ctx, &q)
	runtime.KeepAlive(x)
	if ctx == nil {
		return nil, newError("EVP_MAC_CTX_dup", q)
	}
	c := &xmacCtx{alg: x.alg, p: x.p, key: x.key, e: x.e, ctx: ctx, updated: x.updated}
	if len(x.buf) > 0 {
		c.buf = append(make([]byte, 0, cap(x.buf)), x.buf...)
	}
	c.cleanup = runtime.AddCleanup(c, freeMACCtx, ctx)
	return c, nil
}

// provider names, for the tests, the provider of the context's MAC.
func (x *xmacCtx) provider() string {
	return providerOf(C.GO_OBJ_MAC_CTX, unsafe.Pointer(x.ctx))
}
