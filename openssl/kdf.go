//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

var _ backends.KDFBackend = (*Backend)(nil)

// kdfEntry is an EVP_KDF fetched once per mode, or the reason it could not
// be fetched.
type kdfEntry struct {
	fm  *fipsMode
	kdf *C.EVP_KDF
	// settableR: the KBKDF implementation takes a counter width ("r",
	// OpenSSL 3.1 on); OpenSSL 3.0's counter is always 32 bits.
	settableR bool
	err       error
}

// kdfNames are the names OpenSSL gives the KDFs.
var kdfNames = [...]string{"HKDF", "PBKDF2", "KBKDF", "X963KDF", "SSKDF", "SCRYPT"}

// The names of kdfNames as C strings for the fetch.
var kdfCNames = map[string]*C.char{}

func init() {
	for _, n := range kdfNames {
		kdfCNames[n] = C.CString(n)
	}
}

// kdfRecent holds the entries fetchKDF found, per FIPS mode and index in
// kdfNames: a derivation then finds its KDF with one atomic load rather
// than a lookup in the fetch cache (about 700 instructions, an eighth of
// what an HKDF costs above the C floor). Entries of the fetch cache live
// for the life of the process, so one kept here stays valid.
var kdfRecent [2][len(kdfNames)]atomic.Pointer[kdfEntry]

// kdfIndex returns the index of name in kdfNames, or -1.
func kdfIndex(name string) int {
	for i, n := range kdfNames {
		if n == name {
			return i
		}
	}
	return -1
}

var (
	cHMACName = C.CString("HMAC")
	cCMACName = C.CString("CMAC")
	cAES128   = C.CString("AES-128-CBC")
	cAES192   = C.CString("AES-192-CBC")
	cAES256   = C.CString("AES-256-CBC")
	cDESEDE3  = C.CString("DES-EDE3-CBC")
	cDESEDE   = C.CString("DES-EDE-CBC")
)

// fetchKDF returns the cached EVP_KDF named name (one of kdfCNames) in
// mode m.
func fetchKDF(m *fipsMode, name string) *kdfEntry {
	var slot *atomic.Pointer[kdfEntry]
	if i := kdfIndex(name); i >= 0 {
		slot = &kdfRecent[boolIndex(m.fips)][i]
		if e := slot.Load(); e != nil && e.fm == m {
			return e
		}
	}
	e := fetchEntry(fetchKey{kindKDF, strings.ToLower(name), m.propq}, newKDFEntry, func(e *kdfEntry) {
		if e.kdf != nil {
			C.EVP_KDF_free(e.kdf)
		}
	}, m)
	if slot != nil && e.fm == m {
		slot.Store(e)
	}
	return e
}

func newKDFEntry(k fetchKey, m *fipsMode) *kdfEntry {
	e := &kdfEntry{fm: m}
	name := strings.ToUpper(k.name)
	if initErr != nil {
		e.err = &backends.UnsupportedAlgorithmError{Algorithm: name, Reason: backends.ReasonUnsupportedHash, Err: initErr}
		return e
	}
	cname, ok := kdfCNames[name]
	if !ok {
		e.err = &backends.UnsupportedAlgorithmError{Algorithm: name, Reason: backends.ReasonUnsupportedHash,
			Err: fmt.Errorf("openssl: no KDF named %s", name)}
		return e
	}
	info := C.go_kdf_fetch(cname, m.cq, m.prov)
	if info.kdf == nil {
		// Every KDF hazmat names is in the default provider of every
		// OpenSSL 3: in FIPS mode a failed fetch is FIPS refusing it.
		reason := backends.ReasonUnsupportedHash
		if m.fips {
			reason = backends.ReasonFIPSRefused
		}
		var err error = newError("EVP_KDF_fetch("+name+")", info.errq)
		if info.errq == nil && info.wrong_provider[0] != 0 {
			err = wrongProvider("KDF", name, info.wrong_provider)
		}
		e.err = &backends.UnsupportedAlgorithmError{Algorithm: name, Reason: reason, Err: err}
		return e
	}
	e.kdf = info.kdf
	e.settableR = info.settable_r == 1
	return e
}

// kdfJob is one derivation, resolved against the mode in force.
type kdfJob struct {
	e    *kdfEntry
	md   *mdEntry // the digest; nil for scrypt and CMAC KBKDF
	slot int      // the pool of md.kdfCtxs; -1: a fresh context
	spec C.go_kdf_spec
	salt []byte // nil: not set
	info []byte
	seed []byte
	// For errors: name ("SCRYPT", "KBKDF-CMAC-AES"), or, for a KDF over a
	// hash, prefix and hash ("HKDF" and SHA256: "HKDF-SHA256"), put
	// together only when an error needs them (see label).
	name   string
	prefix string
	hash   backends.HashAlgorithm
	hasSet struct{ salt, info, seed bool }
}

// label names the derivation for errors: "HKDF-SHA256", "KBKDF-CMAC-AES",
// ...
func (j *kdfJob) label() string {
	if j.hash == nil {
		return j.name
	}
	return j.prefix + "-" + strings.ToUpper(j.hash.Name())
}

// KDFSupported reports whether alg, with its hash or cipher, can run right
// now: the KDF is served under the current properties (in FIPS mode: by
// the FIPS provider), its hash too, and OpenSSL can express its
// parameters. The FIPS module's checks of salt, iteration and length
// values are not part of the answer.
func (b *Backend) KDFSupported(alg backends.KDFAlgorithm) bool {
	if guard.IsNil(alg) {
		return false
	}
	var j kdfJob
	return resolveKDF(current(), alg, &j) == nil
}

// DeriveKey fills out with len(out) bytes derived from secret by alg, in
// one C call that runs in the FIPS mode in force at its start. The secret
// and the descriptor's slices are only read; on error out is left as it
// was. HKDF, PBKDF2, the X9.63 KDF and the one-step KDFs of SP 800-56C
// run on contexts kept prepared per KDF, digest and mode (their digest
// fetched once); such a context holds zero bytes in place of the secret
// between derivations. It is safe for concurrent use.
//
// Errors: those of alg.ValidateDerive (wrapping [backends.ErrInvalidArgument],
// [backends.ErrInvalidKeySize], ...); one wrapping
// [backends.ErrInvalidArgument] for HKDF info longer than OpenSSL's limit
// of 32 KiB; an [*backends.UnsupportedAlgorithmError]
// for a KDF, hash or cipher not served now (Reason
// [backends.ReasonFIPSRefused] when FIPS mode refuses it, as it refuses
// scrypt) or for KBKDF parameters OpenSSL cannot express; a
// [*backends.KDFRuleError] when the FIPS module's checks refuse the
// parameters (PBKDF2's salt, iteration and key length minimums, ...); in
// FIPS mode an error wrapping [backends.ErrInvalidKeySize] for a
// CMAC-TripleDES KBKDF key that is not three distinct DES keys (the rule of
// TripleDES CMAC); an [*Error] for any other failure of OpenSSL.
func (b *Backend) DeriveKey(alg backends.KDFAlgorithm, secret, out []byte) error {
	if guard.IsNil(alg) {
		return errNilKDF
	}
	if err := alg.ValidateDerive(len(secret), len(out)); err != nil {
		return err
	}
	m := current()
	// j stays on the stack: a derivation allocates nothing in Go.
	var j kdfJob
	if err := resolveKDF(m, alg, &j); err != nil {
		return err
	}
	if j.spec.kind != C.GO_KDF_KBKDF {
		// No CMAC cipher to pick.
	} else if a, ok := alg.(kdfalg.KBKDF); ok && a.Cipher != kdfalg.NoCMAC {
		// The key length picks the cipher (ValidateDerive checked it).
		c, err := cmacCipher(m, a.Cipher, len(secret))
		if err != nil {
			return err
		}
		if a.Cipher == kdfalg.CMACTripleDES {
			// The PRF is CMAC: the FIPS rule on its TripleDES keys holds.
			if err := checkFIPSTripleDESMAC(m, backends.MACParams{Cipher: "des-ede3-cbc"}, secret); err != nil {
				return err
			}
		}
		j.spec.cipher = c
	}
	var pool *sync.Pool
	var pc *kdfCtx
	var prepared *C.EVP_KDF_CTX
	if j.slot >= 0 && j.fitsPrepared(secret) {
		pool = &j.md.kdfCtxs[j.slot]
		if pc, _ = pool.Get().(*kdfCtx); pc == nil {
			pc = newKDFCtx(&j)
		}
		if pc != nil {
			prepared = pc.ctx
		}
	}
	var salt, info, seed *C.uchar
	if j.hasSet.salt {
		salt = baseOrEmpty(j.salt)
	}
	if j.hasSet.info {
		info = baseOrEmpty(j.info)
	}
	if j.hasSet.seed {
		seed = baseOrEmpty(j.seed)
	}
	// With a prepared context C takes the KDF from it: one pointer fewer
	// for cgo to check.
	kdf := j.e.kdf
	if prepared != nil {
		kdf = nil
	}
	// A derivation fetches: setting the digest on a fresh context does, and
	// OpenSSL 3.0's HKDF and PBKDF2 compute HMAC through calls that fetch
	// it on every derivation. See fetchMu.
	fetchMu.RLock()
	r := C.go_kdf_derive(kdf, prepared, j.spec,
		base(secret), C.size_t(len(secret)),
		salt, C.size_t(len(j.salt)),
		info, C.size_t(len(j.info)),
		seed, C.size_t(len(j.seed)),
		base(out), C.size_t(len(out)))
	fetchMu.RUnlock()
	runtime.KeepAlive(secret)
	runtime.KeepAlive(&j)
	if pc != nil {
		if r.spent == 1 {
			pc.free()
		} else {
			pool.Put(pc)
		}
	}
	if r.ok != 1 {
		return kdfError(m, j.label(), alg, len(secret), len(out), newError("EVP_KDF_derive("+alg.KDFName()+")", r.errq))
	}
	return nil
}

// The pools of prepared KDF contexts of an mdEntry: one per KDF whose
// derivations all set the same parameters, so that a context serves every
// derivation of its KDF and digest. KBKDF (whose cipher, counter width and
// feedback IV vary) and scrypt (no digest, and a cost that dwarfs a
// context's) take a fresh context each time.
const (
	kdfPoolHKDF = iota
	kdfPoolPBKDF2
	kdfPoolX963
	kdfPoolSSKDFHash
	kdfPoolSSKDFHMAC
	kdfPoolSlots
)

// kdfCtx is an EVP_KDF_CTX prepared by go_kdf_ctx_new: its KDF has fetched
// its digest (and MAC) under the properties of the mode of the mdEntry
// whose pool holds it, once, where a fresh context fetches them on every
// derivation (callgrind, HKDF-SHA256 of 32 bytes on OpenSSL 3.0: the fetch
// and the context's allocation and release are about a tenth of the
// derivation). Between derivations it holds zero bytes in place of the
// secret. One goroutine at a time uses it, taken from the pool.
type kdfCtx struct {
	ctx     *C.EVP_KDF_CTX
	cleanup runtime.Cleanup
}

// fitsPrepared reports whether the derivation can run on a prepared
// context: every buffer it sets is non-empty. OpenSSL 3.0's default
// provider does not replace a salt or info with an empty one (its X9.63
// KDF and SSKDF then derive with the previous derivation's info or salt,
// and its HKDF reads a freed info), so a context that has derived once
// serves only derivations whose buffers all have bytes; the others take a
// fresh context, as before any context was prepared.
func (j *kdfJob) fitsPrepared(secret []byte) bool {
	return len(secret) > 0 && (!j.hasSet.salt || len(j.salt) > 0) &&
		(!j.hasSet.info || len(j.info) > 0) && !j.hasSet.seed
}

// kdfCtxsPrepared counts the contexts newKDFCtx prepared, for the tests.
var kdfCtxsPrepared atomic.Int64

// newKDFCtx prepares a context for j's KDF and digest, or returns nil if
// the KDF refuses them (the derivation then runs on a fresh context, which
// reports why).
func newKDFCtx(j *kdfJob) *kdfCtx {
	// Setting the digest fetches it: see fetchMu.
	fetchMu.RLock()
	ctx := C.go_kdf_ctx_new(j.e.kdf, j.spec)
	fetchMu.RUnlock()
	if ctx == nil {
		return nil
	}
	kdfCtxsPrepared.Add(1)
	c := &kdfCtx{ctx: ctx}
	c.cleanup = runtime.AddCleanup(c, func(ctx *C.EVP_KDF_CTX) { C.go_kdf_ctx_free(ctx) }, ctx)
	return c
}

// free releases a context that a failed derivation left in an unknown
// state.
func (c *kdfCtx) free() {
	c.cleanup.Stop()
	C.go_kdf_ctx_free(c.ctx)
	c.ctx = nil
}

// zeroBytes backs the default salts of HKDF and SP 800-56C's HMAC KDF:
// C only reads them.
var zeroBytes [256]byte

// zeroSalt returns n zero bytes, without an allocation for any hash's
// digest or block size.
func zeroSalt(n int) []byte {
	if n <= len(zeroBytes) {
		return zeroBytes[:n:n]
	}
	return make([]byte, n)
}

// emptyByte backs the empty parameters that must still be set: C reads
// nothing from it.
var emptyByte = []byte{0}

// baseOrEmpty is base for a parameter that must be passed even when empty.
func baseOrEmpty(b []byte) *C.uchar {
	if len(b) == 0 {
		return base(emptyByte)
	}
	return base(b)
}

var errNilKDF = fmt.Errorf("openssl: nil KDF algorithm: %w", backends.ErrInvalidArgument)

// hkdfMaxInfo is the most info OpenSSL's HKDF takes (HKDF_MAXINFO in its
// providers/implementations/kdfs/hkdf.c); it refuses more without a
// reason in the error queue.
const hkdfMaxInfo = 32 << 10

// digest fetches h in mode m for the KDF alg, checks it and sets it as
// the job's digest, and names the job prefix-HASH; it returns the digest.
func (j *kdfJob) digest(m *fipsMode, alg backends.KDFAlgorithm, prefix string, h backends.HashAlgorithm) (*mdEntry, error) {
	e := fetchMDIn(m, h.Name())
	if e.err != nil {
		return nil, e.err
	}
	if e.xof {
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: h.Name(), Reason: backends.ReasonUnsupportedMAC,
			Err: fmt.Errorf("openssl: %s is an extendable-output function, which %s does not take", h.Name(), alg.KDFName())}
	}
	if _, err := digestOutLen(h, e); err != nil {
		return nil, err
	}
	j.spec.digest = e.cname
	j.md = e
	j.prefix, j.hash = prefix, h
	return e, nil
}

// resolveKDF turns alg into j, a job for mode m: the KDF fetched, the
// digest checked, the parameters OpenSSL cannot express refused.
func resolveKDF(m *fipsMode, alg backends.KDFAlgorithm, j *kdfJob) error {
	j.spec.propq = m.cq
	j.slot = -1
	switch a := alg.(type) {
	case kdfalg.HKDF:
		if _, err := j.digest(m, alg, alg.KDFName(), a.Hash); err != nil {
			return err
		}
		j.spec.kind = C.GO_KDF_HKDF
		j.slot = kdfPoolHKDF
		switch a.Mode {
		case kdfalg.ExtractOnly:
			j.spec.hkdf_mode = C.EVP_KDF_HKDF_MODE_EXTRACT_ONLY
		case kdfalg.ExpandOnly:
			j.spec.hkdf_mode = C.EVP_KDF_HKDF_MODE_EXPAND_ONLY
		default:
			j.spec.hkdf_mode = C.EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND
		}
		if a.Mode != kdfalg.ExpandOnly {
			// RFC 5869 2.2: no salt means HashLen zero bytes. Passing them
			// gives the same PRK, and no provider sees a missing salt.
			j.salt = a.Salt
			if len(j.salt) == 0 {
				j.salt = zeroSalt(a.Hash.DigestSize())
			}
			j.hasSet.salt = true
		}
		if a.Mode != kdfalg.ExtractOnly {
			if len(a.Info) > hkdfMaxInfo {
				return fmt.Errorf("openssl: HKDF info of %d bytes; OpenSSL's HKDF takes at most %d: %w", len(a.Info), hkdfMaxInfo, backends.ErrInvalidArgument)
			}
			j.info, j.hasSet.info = a.Info, true
		}
	case kdfalg.PBKDF2:
		if _, err := j.digest(m, alg, alg.KDFName(), a.Hash); err != nil {
			return err
		}
		j.spec.kind = C.GO_KDF_PBKDF2
		j.slot = kdfPoolPBKDF2
		j.spec.iter = C.uint64_t(a.Iterations)
		j.salt, j.hasSet.salt = a.Salt, true
	case kdfalg.X963:
		if _, err := j.digest(m, alg, alg.KDFName(), a.Hash); err != nil {
			return err
		}
		j.spec.kind = C.GO_KDF_X963
		j.slot = kdfPoolX963
		j.info, j.hasSet.info = a.SharedInfo, true
	case kdfalg.ConcatHash:
		if _, err := j.digest(m, alg, alg.KDFName(), a.Hash); err != nil {
			return err
		}
		j.spec.kind = C.GO_KDF_SSKDF
		j.slot = kdfPoolSSKDFHash
		j.info, j.hasSet.info = a.OtherInfo, true
	case kdfalg.ConcatHMAC:
		md, err := j.digest(m, alg, "SSKDF-HMAC", a.Hash)
		if err != nil {
			return err
		}
		j.spec.kind = C.GO_KDF_SSKDF
		j.slot = kdfPoolSSKDFHMAC
		j.spec.mac = cHMACName
		// SP 800-56C: the default salt is a block of zero bytes; the same
		// HMAC key as an empty one, and no key-length rule refuses it.
		// The digest's own block size: the descriptor's is the caller's
		// word, and only DigestSize was checked against OpenSSL.
		j.salt = a.Salt
		if len(j.salt) == 0 {
			j.salt = zeroSalt(md.blockSize)
		}
		j.hasSet.salt = true
		j.info, j.hasSet.info = a.OtherInfo, true
	case kdfalg.KBKDF:
		if err := resolveKBKDF(m, alg, a, j); err != nil {
			return err
		}
	case kdfalg.Scrypt:
		j.spec.kind = C.GO_KDF_SCRYPT
		j.name = "SCRYPT"
		j.spec.n = C.uint64_t(a.N)
		j.spec.r = C.uint32_t(a.R)
		j.spec.p = C.uint32_t(a.P)
		j.spec.maxmem = C.uint64_t(a.MaxMem)
		j.salt, j.hasSet.salt = a.Salt, true
	default:
		return &backends.UnsupportedAlgorithmError{Algorithm: fmt.Sprintf("%s (%T)", alg.KDFName(), alg),
			Reason: backends.ReasonUnsupportedHash, Err: errors.New("openssl: no KDF for this descriptor type")}
	}
	e := fetchKDF(m, alg.KDFName())
	if e.err != nil {
		return e.err
	}
	j.e = e
	if a, ok := alg.(kdfalg.KBKDF); ok && j.spec.kind == C.GO_KDF_KBKDF && a.CounterBytes() != 4 {
		if !e.settableR {
			return kbkdfUnsupported(fmt.Sprintf("a %d-bit counter (the KBKDF of the provider serving it under %s, %s, has only 32-bit counters; OpenSSL 3.1 and later have 8, 16 and 24 bits too)",
				8*a.CounterBytes(), Version(), C.GoString(C.go_kdf_provider(e.kdf))))
		}
		j.spec.r_bits = C.int(8 * a.CounterBytes())
	}
	return nil
}

func resolveKBKDF(m *fipsMode, alg backends.KDFAlgorithm, a kdfalg.KBKDF, j *kdfJob) error {
	j.spec.kind = C.GO_KDF_KBKDF
	switch a.Cipher {
	case kdfalg.NoCMAC:
		if _, err := j.digest(m, alg, "KBKDF-HMAC", a.Hash); err != nil {
			return err
		}
		j.spec.mac = cHMACName
	case kdfalg.CMACAES:
		// The key length picks the cipher; ValidateDerive checked it. The
		// cipher is chosen at derive time in C from the name.
		if e := fetchCipher(m, "aes-128-cbc"); e.err != nil {
			return e.err
		}
		j.spec.mac = cCMACName
		j.name = "KBKDF-CMAC-AES"
	case kdfalg.CMACTripleDES:
		if e := fetchCipher(m, "des-ede3-cbc"); e.err != nil {
			return e.err
		}
		j.spec.mac = cCMACName
		j.spec.cipher = cDESEDE3
		j.name = "KBKDF-CMAC-TripleDES"
	}
	if a.Location != kdfalg.BeforeFixed {
		return kbkdfUnsupported("the counter " + a.Location.String() + " (OpenSSL's KBKDF puts it before the fixed input only)")
	}
	if a.LLen != 0 && a.LLen != 4 && a.Fixed == nil && !a.OmitL {
		return kbkdfUnsupported(fmt.Sprintf("an L of %d bytes (OpenSSL's KBKDF writes L in 4 bytes)", a.LLen))
	}
	if a.Mode == kdfalg.FeedbackMode {
		if n := a.PRFSize(); len(a.IV) != 0 && len(a.IV) != n {
			// SP 800-108 leaves the IV's length open; OpenSSL's KBKDF
			// takes none or one PRF output.
			return fmt.Errorf("openssl: KBKDF feedback-mode IV of %d bytes: OpenSSL takes an empty IV or one of the PRF's output size, %d bytes: %w",
				len(a.IV), n, backends.ErrInvalidIVSize)
		}
		j.spec.feedback = 1
		j.seed, j.hasSet.seed = a.IV, true
	}
	j.spec.use_l, j.spec.use_sep = 1, 1
	if a.Fixed != nil {
		j.spec.use_l, j.spec.use_sep = 0, 0
		j.salt, j.hasSet.salt = a.Fixed, true
	} else {
		if a.OmitL {
			j.spec.use_l = 0
		}
		if a.OmitSeparator {
			j.spec.use_sep = 0
		}
		j.salt, j.hasSet.salt = a.Label, true
		j.info, j.hasSet.info = a.Context, true
	}
	return nil
}

// cmacCipher names the CBC cipher a CMAC KBKDF takes for a key of n
// bytes, after checking that mode m serves it.
func cmacCipher(m *fipsMode, c kdfalg.CMACCipher, n int) (*C.char, error) {
	var name string
	var cname *C.char
	switch {
	case c == kdfalg.CMACTripleDES && n == 16:
		name, cname = "des-ede-cbc", cDESEDE
	case c == kdfalg.CMACTripleDES:
		name, cname = "des-ede3-cbc", cDESEDE3
	case n == 24:
		name, cname = "aes-192-cbc", cAES192
	case n == 32:
		name, cname = "aes-256-cbc", cAES256
	default:
		name, cname = "aes-128-cbc", cAES128
	}
	if e := fetchCipher(m, name); e.err != nil {
		reason := backends.ReasonUnsupportedCipher
		if m.fips && e.legacyKnown {
			reason = backends.ReasonFIPSRefused
		}
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: "KBKDF with CMAC over " + strings.ToUpper(name), Reason: reason, Err: e.err}
	}
	return cname, nil
}

// kbkdfUnsupported is the error for KBKDF parameters that OpenSSL's
// implementation cannot express.
func kbkdfUnsupported(what string) error {
	return fmt.Errorf("openssl: KBKDF cannot express %s: %w", what, backends.ErrUnsupportedAlgorithm)
}

// fipsKDFRules maps the reasons the FIPS provider gives when its own
// checks refuse a derivation to the rule they enforce.
var fipsKDFRules = []struct {
	reason string
	kdf    string // "" for any KDF
	rule   string
	kind   error
}{
	{"invalid salt length", "PBKDF2", "the salt must be at least 16 bytes (128 bits, NIST SP 800-132)", backends.ErrInvalidArgument},
	{"invalid iteration count", "PBKDF2", "the iteration count must be at least 1000 (NIST SP 800-132)", backends.ErrInvalidArgument},
	{"key size too small", "PBKDF2", "the derived key must be at least 14 bytes (112 bits, NIST SP 800-132 and SP 800-131A)", backends.ErrInvalidKeySize},
	{"invalid key length", "", "the secret must be at least 14 bytes (112 bits, NIST SP 800-131A)", backends.ErrInvalidKeySize},
	{"key size too small", "", "the secret must be at least 14 bytes (112 bits, NIST SP 800-131A)", backends.ErrInvalidKeySize},
	{"digest not allowed", "", "the hash is not approved for this KDF (NIST SP 800-135 for X9.63: SHA-2 only)", backends.ErrInvalidArgument},
	{"invalid digest", "", "the hash is not approved for this KDF", backends.ErrInvalidArgument},
	{"invalid output length", "", "the output length is not allowed", backends.ErrInvalidArgument},
}

// kdfError explains a failed derivation: in FIPS mode a refusal by one of
// the module's rules becomes a *backends.KDFRuleError naming FIPS and the
// rule; any other failure says which derivation failed. OpenSSL's *Error
// stays in the chain, and its reasons in the text, under one prefix.
func kdfError(m *fipsMode, name string, alg backends.KDFAlgorithm, secretLen, outLen int, err *Error) error {
	reasons := strings.Join(err.Reasons, "; ")
	if reasons == "" {
		reasons = "OpenSSL gave no reason"
	}
	for _, r := range err.Reasons {
		if strings.Contains(r, "memory limit exceeded") {
			return &kdfFailure{fmt.Sprintf("openssl: %s needs more memory than its limit (Scrypt.MaxMem, or OpenSSL's default of 1025 MiB): %s",
				name, reasons), []error{backends.ErrInvalidArgument, err}}
		}
	}
	if m.fips {
		for _, r := range err.Reasons {
			for _, rule := range fipsKDFRules {
				if rule.kdf != "" && rule.kdf != alg.KDFName() {
					continue
				}
				if strings.Contains(r, rule.reason) {
					return fmt.Errorf("openssl: %w", &backends.KDFRuleError{KDF: name, Rule: rule.rule, Detail: r, Kind: rule.kind, Err: err})
				}
			}
		}
		return &kdfFailure{fmt.Sprintf("openssl: %s with a %d-byte secret and a %d-byte output refused in FIPS mode: %s: %s",
			name, secretLen, outLen, err.Func, reasons), []error{err}}
	}
	return &kdfFailure{fmt.Sprintf("openssl: %s with a %d-byte secret and a %d-byte output failed: %s: %s",
		name, secretLen, outLen, err.Func, reasons), []error{err}}
}

// kdfFailure is a failed derivation: its text, and the errors it wraps.
type kdfFailure struct {
	msg  string
	errs []error
}

func (e *kdfFailure) Error() string   { return e.msg }
func (e *kdfFailure) Unwrap() []error { return e.errs }
