package peers

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"hash"
	"math/rand/v2"

	openssl "github.com/golang-fips/openssl/v2"

	"github.com/go-hazmat/hazmat/bench/internal/cfloor"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	hzhmac "github.com/go-hazmat/hazmat/primitives/hmac"
)

// Fixed inputs: the same for every implementation.
var (
	key128  = seq(16, 1)
	key256  = seq(32, 2)
	hmacKey = seq(32, 3)
	nonce   = seq(12, 4)
	iv      = seq(16, 5)
)

// seq returns n pseudo-random bytes drawn from seed.
func seq(n int, seed byte) []byte {
	b := make([]byte, n)
	_, _ = rand.NewChaCha8([32]byte{seed}).Read(b)
	return b
}

// message returns the message of n bytes every benchmark uses.
func message(n int) []byte { return seq(n, 0) }

func goGCM(tb TB) cipher.AEAD {
	block, err := aes.NewCipher(key128)
	check(tb, err)
	g, err := cipher.NewGCM(block)
	check(tb, err)
	return g
}

func gofipsGCM(tb TB) cipher.AEAD {
	gofips(tb)
	block, err := openssl.NewAESCipher(key128)
	check(tb, err)
	ga, ok := block.(gcmAble)
	if !ok {
		tb.Fatal("golang-fips/openssl's AES block has no NewGCM")
	}
	g, err := ga.NewGCM(12, 16)
	check(tb, err)
	return g
}

func hazmatGCM(tb TB) cipher.AEAD {
	g, err := aead.NewAESGCM(key128)
	check(tb, err)
	return g
}

// sealWith seals the message of n bytes with a into a reused buffer.
func sealWith(a cipher.AEAD, n int) Run {
	pt, out := message(n), make([]byte, 0, n+16)
	return Run{
		Once: func() { out = a.Seal(out[:0], nonce, pt, nil) },
		Out:  func() []byte { return out },
	}
}

var gcmSealPeers = []Peer{
	{"hazmat", func(tb TB, n int) Run { return sealWith(hazmatGCM(tb), n) }},
	hazmatGoSeal,
	{"go", func(tb TB, n int) Run { return sealWith(goGCM(tb), n) }},
	{"gofips", func(tb TB, n int) Run { return sealWith(gofipsGCM(tb), n) }},
	{"c", func(tb TB, n int) Run {
		c, err := cfloor.NewCipher("AES-128-GCM", key128, nil, true)
		check(tb, err)
		tb.Cleanup(c.Close)
		pt, out := message(n), make([]byte, n+16)
		return Run{
			Many: func(iters int) {
				if err := c.GCMSeal(nonce, pt, out, iters); err != nil {
					tb.Fatal(err)
				}
			},
			Out: func() []byte { return out },
		}
	}},
}

// sealed returns the message of n bytes sealed by Go's AES-GCM.
func sealed(tb TB, n int) []byte {
	return goGCM(tb).Seal(nil, nonce, message(n), nil)
}

// openWith opens the sealed message of n bytes with a into a reused
// buffer.
func openWith(tb TB, a cipher.AEAD, n int) Run {
	ct, out := sealed(tb, n), make([]byte, 0, n)
	return Run{
		Once: func() {
			var err error
			if out, err = a.Open(out[:0], nonce, ct, nil); err != nil {
				tb.Fatal(err)
			}
		},
		Out: func() []byte { return out },
	}
}

var gcmOpenPeers = []Peer{
	{"hazmat", func(tb TB, n int) Run { return openWith(tb, hazmatGCM(tb), n) }},
	hazmatGoOpen,
	{"go", func(tb TB, n int) Run { return openWith(tb, goGCM(tb), n) }},
	{"gofips", func(tb TB, n int) Run { return openWith(tb, gofipsGCM(tb), n) }},
	{"c", func(tb TB, n int) Run {
		c, err := cfloor.NewCipher("AES-128-GCM", key128, nil, false)
		check(tb, err)
		tb.Cleanup(c.Close)
		ct, out := sealed(tb, n), make([]byte, n)
		return Run{
			Many: func(iters int) {
				if err := c.GCMOpen(nonce, ct, out, iters); err != nil {
					tb.Fatal(err)
				}
			},
			Out: func() []byte { return out },
		}
	}},
}

// cryptBlocks encrypts the message of n bytes with m into a reused
// buffer.
func cryptBlocks(m cipher.BlockMode, n int) Run {
	pt, out := message(n), make([]byte, n)
	return Run{
		Once: func() { m.CryptBlocks(out, pt) },
		Out:  func() []byte { return out },
	}
}

// update runs the C floor's EVP_EncryptUpdate over the message of n
// bytes on a context of the cipher name.
func update(tb TB, name string, key []byte, n int) Run {
	c, err := cfloor.NewCipher(name, key, iv, true)
	check(tb, err)
	tb.Cleanup(c.Close)
	pt, out := message(n), make([]byte, n)
	return Run{
		Many: func(iters int) {
			if err := c.Update(pt, out, iters); err != nil {
				tb.Fatal(err)
			}
		},
		Out: func() []byte { return out },
	}
}

var cbcPeers = []Peer{
	{"hazmat", func(tb TB, n int) Run {
		alg, err := algorithms.NewAES(key256)
		check(tb, err)
		mode, err := modes.NewCBC(iv)
		check(tb, err)
		c, err := ciphers.NewCipher(alg, mode)
		check(tb, err)
		ctx, err := c.Encryptor()
		check(tb, err)
		pt, out := message(n), make([]byte, n)
		return Run{
			Once: func() {
				if _, err := ctx.UpdateInto(pt, out); err != nil {
					tb.Fatal(err)
				}
			},
			Out: func() []byte { return out },
		}
	}},
	hazmatGoCBC,
	{"go", func(tb TB, n int) Run {
		block, err := aes.NewCipher(key256)
		check(tb, err)
		return cryptBlocks(cipher.NewCBCEncrypter(block, iv), n)
	}},
	{"gofips", func(tb TB, n int) Run {
		gofips(tb)
		block, err := openssl.NewAESCipher(key256)
		check(tb, err)
		cb, ok := block.(cbcEncAble)
		if !ok {
			tb.Fatal("golang-fips/openssl's AES block has no NewCBCEncrypter")
		}
		return cryptBlocks(cb.NewCBCEncrypter(iv), n)
	}},
	{"c", func(tb TB, n int) Run { return update(tb, "AES-256-CBC", key256, n) }},
}

// xorKeyStream encrypts the message of n bytes with s into a reused
// buffer.
func xorKeyStream(s cipher.Stream, n int) Run {
	pt, out := message(n), make([]byte, n)
	return Run{
		Once: func() { s.XORKeyStream(out, pt) },
		Out:  func() []byte { return out },
	}
}

var ctrPeers = []Peer{
	{"hazmat", func(tb TB, n int) Run {
		alg, err := algorithms.NewAES(key128)
		check(tb, err)
		mode, err := modes.NewCTR(iv)
		check(tb, err)
		s, err := ciphers.NewStreamEncrypter(alg, mode)
		check(tb, err)
		return xorKeyStream(s, n)
	}},
	hazmatGoCTR,
	{"go", func(tb TB, n int) Run {
		block, err := aes.NewCipher(key128)
		check(tb, err)
		return xorKeyStream(cipher.NewCTR(block, iv), n)
	}},
	{"gofips", func(tb TB, n int) Run {
		gofips(tb)
		block, err := openssl.NewAESCipher(key128)
		check(tb, err)
		ca, ok := block.(ctrAble)
		if !ok {
			tb.Fatal("golang-fips/openssl's AES block has no NewCTR")
		}
		return xorKeyStream(ca.NewCTR(iv), n)
	}},
	{"c", func(tb TB, n int) Run { return update(tb, "AES-128-CTR", key128, n) }},
}

// oneShotC is the C floor's EVP_Digest of the message of n bytes.
func oneShotC(tb TB, name string, size, n int) Run {
	d, err := cfloor.NewDigest(name, size)
	check(tb, err)
	tb.Cleanup(d.Close)
	msg, out := message(n), make([]byte, size)
	return Run{
		Many: func(iters int) {
			if err := d.OneShot(msg, out, iters); err != nil {
				tb.Fatal(err)
			}
		},
		Out: func() []byte { return out },
	}
}

// appendSum is hazmat's one-shot digest of the message of n bytes into a
// reused buffer.
func appendSum(tb TB, alg hashes.Algorithm, n int) Run {
	msg, out := message(n), make([]byte, 0, alg.DigestSize())
	return Run{
		Once: func() {
			var err error
			if out, err = hashes.AppendSum(out[:0], alg, msg); err != nil {
				tb.Fatal(err)
			}
		},
		Out: func() []byte { return out },
	}
}

var sha256Peers = []Peer{
	{"hazmat", func(tb TB, n int) Run { return appendSum(tb, hashes.SHA256{}, n) }},
	hazmatGoSHA256,
	{"go", func(tb TB, n int) Run {
		msg := message(n)
		var sum [32]byte
		return Run{
			Once: func() { sum = sha256.Sum256(msg) },
			Out:  func() []byte { return sum[:] },
		}
	}},
	{"gofips", func(tb TB, n int) Run {
		gofips(tb)
		msg := message(n)
		var sum [32]byte
		return Run{
			Once: func() { sum = openssl.SHA256(msg) },
			Out:  func() []byte { return sum[:] },
		}
	}},
	{"c", func(tb TB, n int) Run { return oneShotC(tb, "SHA2-256", 32, n) }},
}

var sha512Peers = []Peer{
	{"hazmat", func(tb TB, n int) Run { return appendSum(tb, hashes.SHA512{}, n) }},
	hazmatGoSHA512,
	{"go", func(tb TB, n int) Run {
		msg := message(n)
		var sum [64]byte
		return Run{
			Once: func() { sum = sha512.Sum512(msg) },
			Out:  func() []byte { return sum[:] },
		}
	}},
	{"gofips", func(tb TB, n int) Run {
		gofips(tb)
		msg := message(n)
		var sum [64]byte
		return Run{
			Once: func() { sum = openssl.SHA512(msg) },
			Out:  func() []byte { return sum[:] },
		}
	}},
	{"c", func(tb TB, n int) Run { return oneShotC(tb, "SHA2-512", 64, n) }},
}

// reused resets h, writes the message of n bytes and sums into a reused
// buffer: a hash.Hash used for many messages.
func reused(tb TB, h hash.Hash, n int) Run {
	msg, out := message(n), make([]byte, 0, h.Size())
	return Run{
		Once: func() {
			h.Reset()
			if _, err := h.Write(msg); err != nil {
				tb.Fatal(err)
			}
			out = h.Sum(out[:0])
		},
		Out: func() []byte { return out },
	}
}

func hazmatSHA256(tb TB) hash.Hash {
	h, err := hashes.New(hashes.SHA256{})
	check(tb, err)
	return h
}

var hasherPeers = []Peer{
	{"hazmat", func(tb TB, n int) Run { return reused(tb, hazmatSHA256(tb), n) }},
	hazmatGoHasher,
	{"go", func(tb TB, n int) Run { return reused(tb, sha256.New(), n) }},
	{"gofips", func(tb TB, n int) Run {
		gofips(tb)
		return reused(tb, openssl.NewSHA256(), n)
	}},
	{"c", func(tb TB, n int) Run {
		d, err := cfloor.NewDigest("SHA2-256", 32)
		check(tb, err)
		tb.Cleanup(d.Close)
		msg, out := message(n), make([]byte, 32)
		return Run{
			Many: func(iters int) {
				if err := d.Reused(msg, out, iters); err != nil {
					tb.Fatal(err)
				}
			},
			Out: func() []byte { return out },
		}
	}},
}

var hmacPeers = []Peer{
	{"hazmat", func(tb TB, n int) Run {
		h, err := hzhmac.New(hmacKey, hashes.SHA256{})
		check(tb, err)
		return reused(tb, h, n)
	}},
	hazmatGoHMAC,
	{"go", func(tb TB, n int) Run { return reused(tb, hmac.New(sha256.New, hmacKey), n) }},
	{"gofips", func(tb TB, n int) Run {
		gofips(tb)
		h := openssl.NewHMAC(openssl.NewSHA256, hmacKey)
		if h == nil {
			tb.Fatal("golang-fips/openssl: NewHMAC")
		}
		return reused(tb, h, n)
	}},
	{"c", func(tb TB, n int) Run {
		h, err := cfloor.NewHMAC("SHA2-256", 32, hmacKey)
		check(tb, err)
		tb.Cleanup(h.Close)
		msg, out := message(n), make([]byte, 32)
		return Run{
			Many: func(iters int) {
				if err := h.Sum(msg, out, iters); err != nil {
					tb.Fatal(err)
				}
			},
			Out: func() []byte { return out },
		}
	}},
}

// fresh creates a hasher with newHash, writes the message of n bytes and
// sums into a reused buffer: a hash.Hash per message.
func fresh(tb TB, newHash func() (hash.Hash, error), n int) Run {
	msg, out := message(n), make([]byte, 0, 32)
	return Run{
		Once: func() {
			h, err := newHash()
			if err != nil {
				tb.Fatal(err)
			}
			if _, err := h.Write(msg); err != nil {
				tb.Fatal(err)
			}
			out = h.Sum(out[:0])
		},
		Out: func() []byte { return out },
	}
}

// newHMACPeers make an HMAC-SHA-256 per message, keyed with hmacKey.
var newHMACPeers = []Peer{
	{"hazmat", func(tb TB, n int) Run {
		return fresh(tb, func() (hash.Hash, error) { return hzhmac.New(hmacKey, hashes.SHA256{}) }, n)
	}},
	hazmatGoNewHMAC,
	{"go", func(tb TB, n int) Run {
		return fresh(tb, func() (hash.Hash, error) { return hmac.New(sha256.New, hmacKey), nil }, n)
	}},
	{"gofips", func(tb TB, n int) Run {
		gofips(tb)
		return fresh(tb, func() (hash.Hash, error) {
			h := openssl.NewHMAC(openssl.NewSHA256, hmacKey)
			if h == nil {
				return nil, errors.New("golang-fips/openssl: NewHMAC")
			}
			return h, nil
		}, n)
	}},
	{"c", func(tb TB, n int) Run {
		h, err := cfloor.NewHMAC("SHA2-256", 32, hmacKey)
		check(tb, err)
		tb.Cleanup(h.Close)
		msg, out := message(n), make([]byte, 32)
		return Run{
			Many: func(iters int) {
				if err := h.Fresh(msg, out, iters); err != nil {
					tb.Fatal(err)
				}
			},
			Out: func() []byte { return out },
		}
	}},
}

var newSHA256Peers = []Peer{
	{"hazmat", func(tb TB, n int) Run {
		return fresh(tb, func() (hash.Hash, error) { return hashes.New(hashes.SHA256{}) }, n)
	}},
	hazmatGoNewSHA256,
	{"go", func(tb TB, n int) Run {
		return fresh(tb, func() (hash.Hash, error) { return sha256.New(), nil }, n)
	}},
	{"gofips", func(tb TB, n int) Run {
		gofips(tb)
		return fresh(tb, func() (hash.Hash, error) { return openssl.NewSHA256(), nil }, n)
	}},
	{"c", func(tb TB, n int) Run {
		d, err := cfloor.NewDigest("SHA2-256", 32)
		check(tb, err)
		tb.Cleanup(d.Close)
		msg, out := message(n), make([]byte, 32)
		return Run{
			Many: func(iters int) {
				if err := d.Fresh(msg, out, iters); err != nil {
					tb.Fatal(err)
				}
			},
			Out: func() []byte { return out },
		}
	}},
}
