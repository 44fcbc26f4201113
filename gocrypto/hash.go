package gocrypto

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding"
	"errors"
	"fmt"
	"hash"
	"strings"

	"golang.org/x/crypto/blake2b"
	"golang.org/x/crypto/blake2s"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

// fipsRule says in which settings of Go's FIPS 140-3 module a hash is
// offered.
type fipsRule int

const (
	// fipsApproved: offered in every setting (SHA-2, SHA-3, SHAKE: Go's
	// module implements and approves them).
	fipsApproved fipsRule = iota
	// fipsNotOnly: offered under fips140=on, refused under fips140=only,
	// where Go refuses it (SHA-1).
	fipsNotOnly
	// fipsNever: refused whenever FIPS mode is on (MD5, BLAKE2).
	fipsNever
)

// hashInfo is one digest Go implements, under the name OpenSSL gives it
// (the names of package primitives/hashes).
type hashInfo struct {
	name        string
	size, block int
	fips        fipsRule
	// newHash returns a fresh hash (nil for an XOF).
	newHash func() hash.Hash
	// sum appends the digest of data to dst in one step (nil for an XOF).
	sum func(dst, data []byte) []byte
	// shake returns a fresh SHAKE (nil for a fixed-size digest).
	shake func() *sha3.SHAKE

	hmacState
}

func (h *hashInfo) xof() bool { return h.shake != nil }

// maxXOFSize bounds the output length of SHAKE, as the OpenSSL backend
// bounds it.
const maxXOFSize = 1 << 30

// newBLAKE2b512 returns an unkeyed BLAKE2b-512, which cannot fail.
func newBLAKE2b512() hash.Hash {
	h, err := blake2b.New512(nil)
	if err != nil {
		panic("gocrypto: unkeyed BLAKE2b-512: " + err.Error())
	}
	return h
}

// newBLAKE2s256 returns an unkeyed BLAKE2s-256, which cannot fail.
func newBLAKE2s256() hash.Hash {
	h, err := blake2s.New256(nil)
	if err != nil {
		panic("gocrypto: unkeyed BLAKE2s-256: " + err.Error())
	}
	return h
}

// hashTable lists the digests of this backend, keyed by name.
var hashTable = func() map[string]*hashInfo {
	list := []*hashInfo{
		{name: "sha1", size: 20, block: 64, fips: fipsNotOnly, newHash: sha1.New,
			sum: func(dst, d []byte) []byte { s := sha1.Sum(d); return append(dst, s[:]...) }},
		{name: "sha224", size: 28, block: 64, newHash: sha256.New224,
			sum: func(dst, d []byte) []byte { s := sha256.Sum224(d); return append(dst, s[:]...) }},
		{name: "sha256", size: 32, block: 64, newHash: sha256.New,
			sum: func(dst, d []byte) []byte { s := sha256.Sum256(d); return append(dst, s[:]...) }},
		{name: "sha384", size: 48, block: 128, newHash: sha512.New384,
			sum: func(dst, d []byte) []byte { s := sha512.Sum384(d); return append(dst, s[:]...) }},
		{name: "sha512", size: 64, block: 128, newHash: sha512.New,
			sum: func(dst, d []byte) []byte { s := sha512.Sum512(d); return append(dst, s[:]...) }},
		{name: "sha512-224", size: 28, block: 128, newHash: sha512.New512_224,
			sum: func(dst, d []byte) []byte { s := sha512.Sum512_224(d); return append(dst, s[:]...) }},
		{name: "sha512-256", size: 32, block: 128, newHash: sha512.New512_256,
			sum: func(dst, d []byte) []byte { s := sha512.Sum512_256(d); return append(dst, s[:]...) }},
		{name: "sha3-224", size: 28, block: 144, newHash: func() hash.Hash { return sha3.New224() },
			sum: func(dst, d []byte) []byte { s := sha3.Sum224(d); return append(dst, s[:]...) }},
		{name: "sha3-256", size: 32, block: 136, newHash: func() hash.Hash { return sha3.New256() },
			sum: func(dst, d []byte) []byte { s := sha3.Sum256(d); return append(dst, s[:]...) }},
		{name: "sha3-384", size: 48, block: 104, newHash: func() hash.Hash { return sha3.New384() },
			sum: func(dst, d []byte) []byte { s := sha3.Sum384(d); return append(dst, s[:]...) }},
		{name: "sha3-512", size: 64, block: 72, newHash: func() hash.Hash { return sha3.New512() },
			sum: func(dst, d []byte) []byte { s := sha3.Sum512(d); return append(dst, s[:]...) }},
		{name: "shake128", block: 168, shake: sha3.NewSHAKE128},
		{name: "shake256", block: 136, shake: sha3.NewSHAKE256},
		{name: "blake2b512", size: 64, block: 128, fips: fipsNever, newHash: newBLAKE2b512,
			sum: func(dst, d []byte) []byte { s := blake2b.Sum512(d); return append(dst, s[:]...) }},
		{name: "blake2s256", size: 32, block: 64, fips: fipsNever, newHash: newBLAKE2s256,
			sum: func(dst, d []byte) []byte { s := blake2s.Sum256(d); return append(dst, s[:]...) }},
		{name: "md5", size: 16, block: 64, fips: fipsNever, newHash: md5.New,
			sum: func(dst, d []byte) []byte { s := md5.Sum(d); return append(dst, s[:]...) }},
	}
	m := make(map[string]*hashInfo, len(list))
	for _, h := range list {
		m[h.name] = h
	}
	return m
}()

// hashAliases maps OpenSSL's other names of the digests of hashTable, and
// of RIPEMD-160 (as "openssl list -digest-algorithms" shows them, in lower
// case), to the names of hashTable.
var hashAliases = map[string]string{
	"sha-1": "sha1", "ssl3-sha1": "sha1",
	"sha-224": "sha224", "sha2-224": "sha224",
	"sha-256": "sha256", "sha2-256": "sha256",
	"sha-384": "sha384", "sha2-384": "sha384",
	"sha-512": "sha512", "sha2-512": "sha512",
	"sha-512/224": "sha512-224", "sha2-512/224": "sha512-224",
	"sha-512/256": "sha512-256", "sha2-512/256": "sha512-256",
	"shake-128": "shake128", "shake-256": "shake256",
	"blake2b-512": "blake2b512", "blake2s-256": "blake2s256",
	"ssl3-md5": "md5",
	"ripemd":   "ripemd160", "ripemd-160": "ripemd160", "rmd160": "ripemd160",
}

// canonicalHashName returns the name of hashTable for a digest name a
// descriptor gives: OpenSSL finds a digest by its name in any case and by
// its aliases ("SHA-256", "SHA2-256"), so a name means the same digest to
// both backends.
func canonicalHashName(name string) string {
	name = strings.ToLower(name)
	if c, ok := hashAliases[name]; ok {
		return c
	}
	return name
}

// errDeprecatedHash is the underlying error of the refusal of MD4 and
// RIPEMD-160: golang.org/x/crypto has them only in packages it deprecates,
// whose state cannot be copied (no Clone, no MarshalBinary), so a context
// could not keep the contract's Copy.
var errDeprecatedHash = errors.New("only in a deprecated golang.org/x/crypto package, which this backend does not use")

var errNilHash = fmt.Errorf("gocrypto: nil hash algorithm: %w", backends.ErrInvalidArgument)

// lookupHash returns the digest that alg names, after the FIPS rules of the
// setting in force, or the error saying why the backend does not serve it.
func lookupHash(alg backends.HashAlgorithm) (*hashInfo, error) {
	if guard.IsNil(alg) {
		return nil, errNilHash
	}
	name := alg.Name()
	h, ok := hashTable[name] // the descriptors' own names need no folding
	if !ok {
		canonical := canonicalHashName(name)
		if h, ok = hashTable[canonical]; !ok {
			if canonical == "md4" || canonical == "ripemd160" {
				return nil, &backends.UnsupportedAlgorithmError{Algorithm: name, Reason: backends.ReasonUnsupportedHash, Err: errDeprecatedHash}
			}
			return nil, notInGo(name, "", backends.ReasonUnsupportedHash)
		}
	}
	if FIPS() {
		switch h.fips {
		case fipsApproved:
		case fipsNever:
			return nil, fipsRefused(name, "")
		case fipsNotOnly:
			if Enforced() {
				return nil, fipsOnlyRefused(name, "")
			}
		}
	}
	return h, nil
}

// hashOutLen checks alg's sizes against h and returns the output length
// to produce. A descriptor whose DigestSize or BlockSize is not Go's gives
// an error wrapping [backends.ErrInvalidDigestSize]: its DigestSize is
// what hash.Hash.Size reports, so it must be the length Sum produces.
func hashOutLen(alg backends.HashAlgorithm, h *hashInfo) (int, error) {
	_, isXOF := alg.(backends.ExtendableOutputAlgorithm)
	switch {
	case h.xof() && !isXOF:
		return 0, fmt.Errorf("gocrypto: %s is an extendable-output function and needs an output length: %w",
			alg.Name(), backends.ErrInvalidDigestSize)
	case h.xof():
		if n := alg.DigestSize(); n <= 0 || n > maxXOFSize {
			return 0, fmt.Errorf("gocrypto: %s output length %d out of range 1..%d: %w",
				alg.Name(), n, maxXOFSize, backends.ErrInvalidDigestSize)
		}
	case alg.DigestSize() != h.size:
		return 0, fmt.Errorf("gocrypto: %s produces %d bytes, but the algorithm's DigestSize is %d: %w",
			alg.Name(), h.size, alg.DigestSize(), backends.ErrInvalidDigestSize)
	}
	if alg.BlockSize() != h.block {
		return 0, fmt.Errorf("gocrypto: %s has a %d-byte block, but the algorithm's BlockSize is %d: %w",
			alg.Name(), h.block, alg.BlockSize(), backends.ErrInvalidDigestSize)
	}
	if h.xof() {
		return alg.DigestSize(), nil
	}
	return h.size, nil
}

// resolveHash is lookupHash followed by hashOutLen.
func resolveHash(alg backends.HashAlgorithm) (*hashInfo, int, error) {
	h, err := lookupHash(alg)
	if err != nil {
		return nil, 0, err
	}
	n, err := hashOutLen(alg, h)
	if err != nil {
		return nil, 0, err
	}
	return h, n, nil
}

// HashSupported reports whether alg can be computed: Go implements the
// digest it names, with the sizes it reports, and FIPS mode (when on)
// approves it. In FIPS mode SHA-2, SHA-3 and SHAKE are served, and SHA-1
// too under GODEBUG=fips140=on (Go's SHA-1 lies outside its module, whose
// service indicator does not count it as approved; fips140=only refuses
// it). MD5 and BLAKE2 are never served in FIPS mode. It is safe for
// concurrent use.
func (b *Backend) HashSupported(alg backends.HashAlgorithm) bool {
	_, _, err := resolveHash(alg)
	return err == nil
}

// CreateHashCtx returns a new context for alg. Errors: an error wrapping
// [backends.ErrInvalidArgument] for a nil alg; an
// [*backends.UnsupportedAlgorithmError] for a digest Go does not implement
// or FIPS mode refuses (Reason [backends.ReasonFIPSRefused]); an error
// wrapping [backends.ErrInvalidDigestSize] for sizes that are not Go's, or
// a SHAKE output length outside 1 to 2^30.
//
// The context implements [backends.Summer], [backends.Resetter] and, for
// SHAKE, [backends.XOFSummer]. It is not safe for concurrent use.
func (b *Backend) CreateHashCtx(alg backends.HashAlgorithm) (backends.HashContext, error) {
	h, n, err := resolveHash(alg)
	if err != nil {
		return nil, err
	}
	c := &hashCtx{}
	c.init(alg, h, n)
	return c, nil
}

// NewHashCtxBeside is [Backend.CreateHashCtx] for a caller that wraps the
// context in a value of its own, of type T: it returns a new zero T and the
// context in one allocation, which lives as long as either is reachable
// (Go's own digest state is a second one, which Go's constructors make).
// hashes.New keeps its Hash there through this backend. Every Backend
// computes digests alike, so none is named. Errors are those of
// CreateHashCtx, and nothing is allocated then.
func NewHashCtxBeside[T any](alg backends.HashAlgorithm) (*T, backends.HashContext, error) {
	h, n, err := resolveHash(alg)
	if err != nil {
		return nil, nil, err
	}
	p := new(struct {
		owner T
		c     hashCtx
	})
	p.c.init(alg, h, n)
	return &p.owner, &p.c, nil
}

// init sets up a zero c for alg, which resolveHash resolved to h and the
// output length n.
func (c *hashCtx) init(alg backends.HashAlgorithm, h *hashInfo, n int) {
	c.alg, c.info, c.outLen = alg, h, n
	if h.xof() {
		c.x = h.shake()
	} else {
		c.h = h.newHash()
	}
}

// Digest appends the digest of data under alg to dst, without a context
// (no allocation beyond dst's growth for the fixed-size digests). Errors
// are those of [Backend.CreateHashCtx]; dst is returned unchanged then.
func (b *Backend) Digest(alg backends.HashAlgorithm, data, dst []byte) ([]byte, error) {
	h, n, err := resolveHash(alg)
	if err != nil {
		return dst, err
	}
	if h.xof() {
		x := h.shake()
		x.Write(data)
		ret, out := growDst(dst, n)
		x.Read(out)
		return ret, nil
	}
	return h.sum(dst, data), nil
}

// hashCtx is a digest context over one of Go's hashes. It implements
// [backends.HashContext], [backends.Summer], [backends.Resetter] and
// [backends.XOFSummer]. It is not safe for concurrent use.
type hashCtx struct {
	alg    backends.HashAlgorithm
	info   *hashInfo
	outLen int
	h      hash.Hash   // a fixed-size digest, or nil
	x      *sha3.SHAKE // SHAKE, or nil
	done   bool
}

var (
	_ backends.HashContext = (*hashCtx)(nil)
	_ backends.Summer      = (*hashCtx)(nil)
	_ backends.Resetter    = (*hashCtx)(nil)
	_ backends.XOFSummer   = (*hashCtx)(nil)
	_ backends.Digester    = (*Backend)(nil)
)

var errNoHashCtx = fmt.Errorf("gocrypto: hash context used without Backend.CreateHashCtx: %w", backends.ErrInvalidArgument)

// ready returns the error that stops any use of the context.
func (c *hashCtx) ready() error {
	switch {
	case c.info == nil:
		return errNoHashCtx
	case c.done:
		return backends.ErrAlreadyFinalized
	}
	return nil
}

// Algorithm returns the algorithm the context computes.
func (c *hashCtx) Algorithm() backends.HashAlgorithm { return c.alg }

// Update adds data to the digest.
func (c *hashCtx) Update(data []byte) error {
	if err := c.ready(); err != nil {
		return err
	}
	if c.x != nil {
		c.x.Write(data)
	} else {
		c.h.Write(data)
	}
	return nil
}

// Sum appends the digest of the data written so far to dst, leaving the
// state unchanged. After Finalize it returns dst and
// [backends.ErrAlreadyFinalized].
func (c *hashCtx) Sum(dst []byte) ([]byte, error) {
	if err := c.ready(); err != nil {
		return dst, err
	}
	if c.x != nil {
		return c.sumXOF(dst, c.outLen)
	}
	return c.h.Sum(dst), nil
}

// SumXOF appends n bytes of SHAKE output for the data written so far to
// dst, leaving the state unchanged. For a fixed-size digest, or n outside
// 1 to 2^30, it returns dst and an error wrapping
// [backends.ErrInvalidDigestSize].
func (c *hashCtx) SumXOF(dst []byte, n int) ([]byte, error) {
	if err := c.ready(); err != nil {
		return dst, err
	}
	if c.x == nil || n <= 0 || n > maxXOFSize {
		return dst, fmt.Errorf("gocrypto: %s cannot produce %d bytes of output: %w", c.info.name, n, backends.ErrInvalidDigestSize)
	}
	return c.sumXOF(dst, n)
}

// sumXOF reads n bytes from a copy of the SHAKE state.
func (c *hashCtx) sumXOF(dst []byte, n int) ([]byte, error) {
	x, err := cloneSHAKE(c.x, c.info)
	if err != nil {
		return dst, err
	}
	ret, out := growDst(dst, n)
	x.Read(out)
	return ret, nil
}

// Finalize returns the digest. Later calls of any method but Reset return
// [backends.ErrAlreadyFinalized].
func (c *hashCtx) Finalize() ([]byte, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	var out []byte
	if c.x != nil {
		out = make([]byte, c.outLen)
		c.x.Read(out)
	} else {
		out = c.h.Sum(make([]byte, 0, c.outLen))
	}
	c.done = true
	return out, nil
}

// Reset returns the context to its initial state, also after Finalize.
func (c *hashCtx) Reset() error {
	if c.info == nil {
		return errNoHashCtx
	}
	if c.x != nil {
		c.x.Reset()
	} else {
		c.h.Reset()
	}
	c.done = false
	return nil
}

// Copy returns an independent context in the same state.
func (c *hashCtx) Copy() (backends.HashContext, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	cp := &hashCtx{alg: c.alg, info: c.info, outLen: c.outLen}
	var err error
	if c.x != nil {
		cp.x, err = cloneSHAKE(c.x, c.info)
	} else {
		cp.h, err = cloneHash(c.h, c.info.newHash)
	}
	if err != nil {
		return nil, err
	}
	return cp, nil
}

// cloneHash copies h: through [hash.Cloner] where Go's hash has it, else
// through its binary marshaling into a fresh hash from newHash (BLAKE2,
// and Go 1.25's hashes that lack Clone).
func cloneHash(h hash.Hash, newHash func() hash.Hash) (hash.Hash, error) {
	if c, ok := h.(hash.Cloner); ok {
		cp, err := c.Clone()
		if err == nil {
			if hh, ok := cp.(hash.Hash); ok {
				return hh, nil
			}
		}
	}
	m, ok := h.(encoding.BinaryMarshaler)
	if !ok {
		return nil, fmt.Errorf("gocrypto: %T can be neither cloned nor marshaled: %w", h, errors.ErrUnsupported)
	}
	state, err := m.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("gocrypto: copying the hash state: %w", err)
	}
	cp := newHash()
	u, ok := cp.(encoding.BinaryUnmarshaler)
	if !ok {
		return nil, fmt.Errorf("gocrypto: %T cannot be unmarshaled: %w", cp, errors.ErrUnsupported)
	}
	if err := u.UnmarshalBinary(state); err != nil {
		return nil, fmt.Errorf("gocrypto: copying the hash state: %w", err)
	}
	return cp, nil
}

// cloneSHAKE copies a SHAKE state through its binary marshaling (Go 1.25
// and 1.26 give SHAKE no Clone).
func cloneSHAKE(x *sha3.SHAKE, h *hashInfo) (*sha3.SHAKE, error) {
	state, err := x.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("gocrypto: copying the %s state: %w", h.name, err)
	}
	cp := h.shake()
	if err := cp.UnmarshalBinary(state); err != nil {
		return nil, fmt.Errorf("gocrypto: copying the %s state: %w", h.name, err)
	}
	return cp, nil
}

// growDst extends dst by n bytes, returning the whole slice and the new part.
func growDst(dst []byte, n int) (whole, tail []byte) {
	total := len(dst) + n
	if cap(dst) >= total {
		whole = dst[:total]
	} else {
		whole = make([]byte, total)
		copy(whole, dst)
	}
	return whole, whole[len(dst):]
}
