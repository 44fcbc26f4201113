package peers

// The hazmat-go peers: hazmat's public API over the Go backend (package
// gocrypto), through the WithBackend constructors, for every operation
// Go's crypto has. Against the go peers they measure what hazmat's layer
// costs over Go's own implementations.

import (
	"hash"

	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	hzhmac "github.com/go-hazmat/hazmat/primitives/hmac"
	"github.com/go-hazmat/hazmat/primitives/kdf"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// HazmatGo is the name of the peers that run hazmat over the Go backend.
const HazmatGo = "hazmat-go"

// goBackend is the Go backend every hazmat-go peer uses.
func goBackend() *gocrypto.Backend { return gocrypto.DefaultBackend() }

func hazmatGoGCM(tb TB) *aead.AESGCM {
	g, err := aead.NewAESGCMWithBackend(key128, goBackend())
	check(tb, err)
	return g
}

var (
	hazmatGoSeal = Peer{HazmatGo, func(tb TB, n int) Run { return sealWith(hazmatGoGCM(tb), n) }}
	hazmatGoOpen = Peer{HazmatGo, func(tb TB, n int) Run { return openWith(tb, hazmatGoGCM(tb), n) }}
	hazmatGoCBC  = Peer{HazmatGo, func(tb TB, n int) Run {
		alg, err := algorithms.NewAES(key256)
		check(tb, err)
		mode, err := modes.NewCBC(iv)
		check(tb, err)
		c, err := ciphers.NewCipherWithBackend(alg, mode, goBackend())
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
	}}
	hazmatGoCTR = Peer{HazmatGo, func(tb TB, n int) Run {
		alg, err := algorithms.NewAES(key128)
		check(tb, err)
		mode, err := modes.NewCTR(iv)
		check(tb, err)
		s, err := ciphers.NewStreamEncrypterWithBackend(alg, mode, goBackend())
		check(tb, err)
		return xorKeyStream(s, n)
	}}
	hazmatGoSHA256 = Peer{HazmatGo, func(tb TB, n int) Run { return appendSumOn(tb, hashes.SHA256{}, n) }}
	hazmatGoSHA512 = Peer{HazmatGo, func(tb TB, n int) Run { return appendSumOn(tb, hashes.SHA512{}, n) }}
	hazmatGoHasher = Peer{HazmatGo, func(tb TB, n int) Run {
		h, err := hashes.NewWithBackend(hashes.SHA256{}, goBackend())
		check(tb, err)
		return reused(tb, h, n)
	}}
	hazmatGoHMAC = Peer{HazmatGo, func(tb TB, n int) Run {
		h, err := hzhmac.NewWithBackend(hmacKey, hashes.SHA256{}, goBackend())
		check(tb, err)
		return reused(tb, h, n)
	}}
	hazmatGoNewSHA256 = Peer{HazmatGo, func(tb TB, n int) Run {
		b := goBackend()
		return fresh(tb, func() (hash.Hash, error) { return hashes.NewWithBackend(hashes.SHA256{}, b) }, n)
	}}
	hazmatGoNewHMAC = Peer{HazmatGo, func(tb TB, n int) Run {
		b := goBackend()
		return fresh(tb, func() (hash.Hash, error) { return hzhmac.NewWithBackend(hmacKey, hashes.SHA256{}, b) }, n)
	}}
	// hazmatGoHKDF derives as hkdf.Key does, on the Go backend: a
	// descriptor and a KDF per key.
	hazmatGoHKDF = Peer{HazmatGo, func(tb TB, n int) Run {
		b, info := goBackend(), []byte(hkdfInfo)
		return derived(tb, func() ([]byte, error) {
			k, err := kdf.NewWithBackend(kdfalg.HKDF{Hash: hashes.SHA256{}, Salt: kdfSalt, Info: info}, n, b)
			if err != nil {
				return nil, err
			}
			return k.Derive(kdfSecret)
		})
	}}
	hazmatGoPBKDF2 = Peer{HazmatGo, func(tb TB, n int) Run {
		b, pw := goBackend(), []byte(password)
		return derived(tb, func() ([]byte, error) {
			k, err := kdf.NewWithBackend(kdfalg.PBKDF2{Hash: hashes.SHA256{}, Salt: kdfSalt, Iterations: n}, pbkdf2KeyLen, b)
			if err != nil {
				return nil, err
			}
			return k.Derive(pw)
		})
	}}
	hazmatGoRand = Peer{HazmatGo, func(tb TB, n int) Run { return readFull(tb, goBackend().RandReader(false).Read, n) }}
)

// appendSumOn is hazmat's one-shot digest on the Go backend of the
// message of n bytes into a reused buffer.
func appendSumOn(tb TB, alg hashes.Algorithm, n int) Run {
	b := goBackend()
	msg, out := message(n), make([]byte, 0, alg.DigestSize())
	return Run{
		Once: func() {
			var err error
			if out, err = hashes.AppendSumWithBackend(out[:0], alg, msg, b); err != nil {
				tb.Fatal(err)
			}
		},
		Out: func() []byte { return out },
	}
}
