package peers

import (
	"crypto/hkdf"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"hash"
	"io"

	openssl "github.com/golang-fips/openssl/v2"

	"github.com/go-hazmat/hazmat/bench/internal/cfloor"
	"github.com/go-hazmat/hazmat/primitives/cmac"
	hzhkdf "github.com/go-hazmat/hazmat/primitives/kdf/hkdf"
	hzpbkdf2 "github.com/go-hazmat/hazmat/primitives/kdf/pbkdf2"
	"github.com/go-hazmat/hazmat/primitives/keywrap"
	hzrand "github.com/go-hazmat/hazmat/primitives/rand"
)

// Fixed inputs of the key operations: the same for every implementation.
var (
	kdfSecret = seq(32, 6)
	kdfSalt   = seq(16, 7)
	hkdfInfo  = "hazmat bench HKDF info"
	password  = "correct horse battery staple"
	cmacKey   = seq(16, 8)
	kek128    = seq(16, 9)
)

// pbkdf2KeyLen is the length of the key PBKDF2 derives: one SHA-256 block,
// so that one derivation is one run of the iterations.
const pbkdf2KeyLen = 32

// derived runs derive, which returns a new key, and keeps its result.
func derived(tb TB, derive func() ([]byte, error)) Run {
	var out []byte
	return Run{
		Once: func() {
			var err error
			if out, err = derive(); err != nil {
				tb.Fatal(err)
			}
		},
		Out: func() []byte { return out },
	}
}

// gofipsSHA256 is golang-fips/openssl's SHA-256 constructor, typed as its
// KDFs take it.
func gofipsSHA256() hash.Hash { return openssl.NewSHA256() }

// cKDF fetches the C floor's KDF name.
func cKDF(tb TB, name string) *cfloor.KDF {
	k, err := cfloor.NewKDF(name)
	check(tb, err)
	tb.Cleanup(k.Close)
	return k
}

// hkdfPeers derive n bytes with HKDF-SHA256, extract and expand, from a
// 32-byte secret, a 16-byte salt and an info string.
var hkdfPeers = []Peer{
	{"hazmat", func(tb TB, n int) Run {
		return derived(tb, func() ([]byte, error) {
			return hzhkdf.Key(sha256.New, kdfSecret, kdfSalt, hkdfInfo, n)
		})
	}},
	hazmatGoHKDF,
	{"go", func(tb TB, n int) Run {
		return derived(tb, func() ([]byte, error) {
			return hkdf.Key(sha256.New, kdfSecret, kdfSalt, hkdfInfo, n)
		})
	}},
	{"gofips", func(tb TB, n int) Run {
		gofips(tb)
		if !openssl.SupportsHKDF() {
			tb.Fatal("golang-fips/openssl: no HKDF")
		}
		return derived(tb, func() ([]byte, error) {
			prk, err := openssl.ExtractHKDF(gofipsSHA256, kdfSecret, kdfSalt)
			if err != nil {
				return nil, err
			}
			r, err := openssl.ExpandHKDF(gofipsSHA256, prk, []byte(hkdfInfo))
			if err != nil {
				return nil, err
			}
			out := make([]byte, n)
			_, err = io.ReadFull(r, out)
			return out, err
		})
	}},
	{"c", func(tb TB, n int) Run {
		k := cKDF(tb, "HKDF")
		info, out := []byte(hkdfInfo), make([]byte, n)
		return Run{
			Many: func(iters int) {
				if err := k.HKDF(kdfSecret, kdfSalt, info, out, iters); err != nil {
					tb.Fatal(err)
				}
			},
			Out: func() []byte { return out },
		}
	}},
}

// pbkdf2Peers derive a 32-byte key with PBKDF2-HMAC-SHA256 and n
// iterations from a password and a 16-byte salt.
var pbkdf2Peers = []Peer{
	{"hazmat", func(tb TB, n int) Run {
		return derived(tb, func() ([]byte, error) {
			return hzpbkdf2.Key(sha256.New, password, kdfSalt, n, pbkdf2KeyLen)
		})
	}},
	hazmatGoPBKDF2,
	{"go", func(tb TB, n int) Run {
		return derived(tb, func() ([]byte, error) {
			return pbkdf2.Key(sha256.New, password, kdfSalt, n, pbkdf2KeyLen)
		})
	}},
	{"gofips", func(tb TB, n int) Run {
		gofips(tb)
		pw := []byte(password)
		return derived(tb, func() ([]byte, error) {
			return openssl.PBKDF2(pw, kdfSalt, n, pbkdf2KeyLen, gofipsSHA256)
		})
	}},
	{"c", func(tb TB, n int) Run {
		k := cKDF(tb, "PBKDF2")
		pw, out := []byte(password), make([]byte, pbkdf2KeyLen)
		return Run{
			Many: func(iters int) {
				if err := k.PBKDF2(pw, kdfSalt, uint64(n), out, iters); err != nil {
					tb.Fatal(err)
				}
			},
			Out: func() []byte { return out },
		}
	}},
}

// cmacPeers compute CMAC-AES-128 of the message of n bytes with a reused,
// keyed MAC. Go's crypto and golang-fips/openssl have no CMAC.
var cmacPeers = []Peer{
	{"hazmat", func(tb TB, n int) Run {
		m, err := cmac.New(cmacKey)
		check(tb, err)
		return reused(tb, m, n)
	}},
	{"c", func(tb TB, n int) Run {
		m, err := cfloor.NewCMAC("AES-128-CBC", cmacKey)
		check(tb, err)
		tb.Cleanup(m.Close)
		msg, out := message(n), make([]byte, cmac.Size)
		return Run{
			Many: func(iters int) {
				if err := m.Sum(msg, out, iters); err != nil {
					tb.Fatal(err)
				}
			},
			Out: func() []byte { return out },
		}
	}},
}

// keyWrapPeers wrap a key of n bytes (the message's first n) under a
// 128-bit KEK with AES key wrap (RFC 3394, no padding). Go's crypto and
// golang-fips/openssl have no key wrap.
var keyWrapPeers = []Peer{
	{"hazmat", func(tb TB, n int) Run {
		key := message(n)
		return derived(tb, func() ([]byte, error) { return keywrap.Wrap(kek128, key) })
	}},
	{"c", func(tb TB, n int) Run {
		w, err := cfloor.NewWrap("AES-128-WRAP", false)
		check(tb, err)
		tb.Cleanup(w.Close)
		key, out := message(n), make([]byte, n+8)
		var written int
		return Run{
			Many: func(iters int) {
				var err error
				if written, err = w.Wrap(kek128, key, out, iters); err != nil {
					tb.Fatal(err)
				}
			},
			Out: func() []byte { return out[:written] },
		}
	}},
}

// readFull fills a reused buffer of n bytes from read.
func readFull(tb TB, read func([]byte) (int, error), n int) Run {
	out := make([]byte, n)
	return Run{
		Once: func() {
			if m, err := read(out); err != nil || m != n {
				tb.Fatal("read", m, "of", n, "random bytes:", err)
			}
		},
		Out: func() []byte { return out },
	}
}

// randPeers fill a buffer of n bytes with random bytes from the
// implementation's default generator (OpenSSL's public DRBG for all but
// Go's).
var randPeers = []Peer{
	{"hazmat", func(tb TB, n int) Run { return readFull(tb, hzrand.Read, n) }},
	hazmatGoRand,
	{"go", func(tb TB, n int) Run { return readFull(tb, rand.Read, n) }},
	{"gofips", func(tb TB, n int) Run {
		gofips(tb)
		return readFull(tb, openssl.RandReader.Read, n)
	}},
	{"c", func(tb TB, n int) Run {
		out := make([]byte, n)
		return Run{
			Many: func(iters int) {
				if err := cfloor.Rand(out, iters); err != nil {
					tb.Fatal(err)
				}
			},
			Out: func() []byte { return out },
		}
	}},
}
