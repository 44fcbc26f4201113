//go:build cgo

package differential_test

import (
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
	"github.com/go-hazmat/hazmat/primitives/mac"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// kdfCase is a KDF with fresh random parameters each time, the length of
// secret it takes and the output lengths to try.
type kdfCase struct {
	label     string
	newAlg    func(r *rand.Rand) backends.KDFAlgorithm
	secretLen int
	outLens   []int
}

func kdfCases() []kdfCase {
	var cs []kdfCase
	for _, h := range hashes.All() {
		if _, xof := h.(backends.ExtendableOutputAlgorithm); xof {
			continue
		}
		size := h.DigestSize()
		outs := []int{1, 16, 32, 42, 100}
		cs = append(cs,
			kdfCase{"HKDF-" + h.Name(), func(r *rand.Rand) backends.KDFAlgorithm {
				return kdfalg.HKDF{Hash: h, Salt: randBytes(r, r.IntN(40)), Info: randBytes(r, r.IntN(40))}
			}, 32, outs},
			kdfCase{"HKDF-extract-" + h.Name(), func(r *rand.Rand) backends.KDFAlgorithm {
				return kdfalg.HKDF{Hash: h, Salt: randBytes(r, r.IntN(40)), Mode: kdfalg.ExtractOnly}
			}, 32, []int{size}},
			kdfCase{"HKDF-expand-" + h.Name(), func(r *rand.Rand) backends.KDFAlgorithm {
				return kdfalg.HKDF{Hash: h, Info: randBytes(r, r.IntN(40)), Mode: kdfalg.ExpandOnly}
			}, size, outs},
			kdfCase{"PBKDF2-" + h.Name(), func(r *rand.Rand) backends.KDFAlgorithm {
				// FIPS modules may refuse fewer than 1,000 iterations.
				iter := []int{1, 2 + r.IntN(998), 1000 + r.IntN(100)}[r.IntN(3)]
				return kdfalg.PBKDF2{Hash: h, Salt: randBytes(r, 16+r.IntN(16)), Iterations: iter}
			}, 20, []int{16, 32, 42, 100}},
			kdfCase{"X963-" + h.Name(), func(r *rand.Rand) backends.KDFAlgorithm {
				return kdfalg.X963{Hash: h, SharedInfo: randBytes(r, r.IntN(40))}
			}, 32, outs},
			kdfCase{"SSKDF-hash-" + h.Name(), func(r *rand.Rand) backends.KDFAlgorithm {
				return kdfalg.ConcatHash{Hash: h, OtherInfo: randBytes(r, r.IntN(40))}
			}, 32, outs},
			kdfCase{"SSKDF-HMAC-" + h.Name(), func(r *rand.Rand) backends.KDFAlgorithm {
				return kdfalg.ConcatHMAC{Hash: h, Salt: randBytes(r, r.IntN(40)), OtherInfo: randBytes(r, r.IntN(40))}
			}, 32, outs},
			kdfCase{"KBKDF-HMAC-" + h.Name(), func(r *rand.Rand) backends.KDFAlgorithm {
				return kdfalg.KBKDF{Hash: h, Label: randBytes(r, r.IntN(20)), Context: randBytes(r, r.IntN(20))}
			}, 32, outs},
		)
	}
	cs = append(cs,
		kdfCase{"scrypt", func(r *rand.Rand) backends.KDFAlgorithm {
			return kdfalg.Scrypt{Salt: randBytes(r, 16), N: 1 << (1 + r.IntN(8)), R: 1 + r.IntN(8), P: 1 + r.IntN(2)}
		}, 20, []int{16, 32, 64}},
		kdfCase{"KBKDF-CMAC-AES", func(r *rand.Rand) backends.KDFAlgorithm {
			return kdfalg.KBKDF{Cipher: kdfalg.CMACAES, Label: randBytes(r, 10), Context: randBytes(r, 10)}
		}, 16, []int{16, 32, 42}},
	)
	return cs
}

// TestKDFs compares every KDF of the descriptors both backends serve, over
// every hash, with random parameters and several output lengths.
func TestKDFs(t *testing.T) {
	r := newRand(t)
	tl := newTally("KDFs", 40, 15, 15)
	for _, kc := range kdfCases() {
		alg := kc.newAlg(r)
		if !tl.served(kc.label, ossl.KDFSupported(alg), gob.KDFSupported(alg)) {
			continue
		}
		t.Run(kc.label, func(t *testing.T) {
			for range 6 {
				for _, n := range kc.outLens {
					alg, secret := kc.newAlg(r), randBytes(r, kc.secretLen)
					var out [2][]byte
					var errs [2]error
					for i, b := range both {
						out[i], errs[i] = derive(b.b, alg, n, secret)
					}
					label := fmt.Sprintf("%s, %d bytes out", kc.label, n)
					if p, ok := alg.(kdfalg.PBKDF2); ok {
						label += fmt.Sprintf(", %d iterations", p.Iterations)
					}
					switch {
					case errs[0] != nil && errs[1] != nil:
					case errs[0] != nil || errs[1] != nil:
						tl.oneSided(t, label, errs[0], errs[1])
					case !assert.Equal(t, hex.EncodeToString(out[0]), hex.EncodeToString(out[1]), label):
						return
					}
				}
			}
		})
	}
	tl.check(t)
}

func derive(b backends.KDFBackend, alg backends.KDFAlgorithm, n int, secret []byte) ([]byte, error) {
	k, err := kdf.NewWithBackend(alg, n, b)
	if err != nil {
		return nil, err
	}
	return k.Derive(secret)
}

// macCase is a MAC with fresh random parameters each time, and its key
// length.
type macCase struct {
	label  string
	newAlg func(r *rand.Rand) backends.MACAlgorithm
	keyLen int
}

func macCases() []macCase {
	cs := []macCase{
		{"Poly1305", func(*rand.Rand) backends.MACAlgorithm { return macalg.Poly1305{} }, 32},
		{"CMAC-TDES", func(*rand.Rand) backends.MACAlgorithm { return macalg.CMAC{Cipher: macalg.TripleDES} }, 24},
	}
	for _, kl := range []int{16, 24, 32} {
		cs = append(cs,
			macCase{fmt.Sprintf("CMAC-AES-%d", kl*8), func(*rand.Rand) backends.MACAlgorithm { return macalg.CMAC{Cipher: macalg.AES} }, kl},
			macCase{fmt.Sprintf("GMAC-AES-%d", kl*8), func(r *rand.Rand) backends.MACAlgorithm {
				g, err := macalg.NewGMAC(randBytes(r, 12))
				if err != nil {
					panic(err)
				}
				return g
			}, kl})
	}
	for _, kl := range []int{16, 32} {
		cs = append(cs,
			macCase{fmt.Sprintf("KMAC128/key%d", kl), func(r *rand.Rand) backends.MACAlgorithm {
				k, err := macalg.NewKMAC128(randBytes(r, r.IntN(20)), 32)
				if err != nil {
					panic(err)
				}
				return k
			}, kl},
			macCase{fmt.Sprintf("KMAC256/key%d", kl), func(r *rand.Rand) backends.MACAlgorithm {
				k, err := macalg.NewKMAC256(randBytes(r, r.IntN(20)), 64)
				if err != nil {
					panic(err)
				}
				return k
			}, kl})
	}
	return cs
}

// TestMACs compares the MACs beyond HMAC that both backends serve
// (Poly1305 and GMAC with Go's crypto), in one call and streamed in
// random pieces.
func TestMACs(t *testing.T) {
	r := newRand(t)
	tl := newTally("MACs", 4, 3, 0)
	for _, mc := range macCases() {
		alg := mc.newAlg(r)
		if !tl.served(mc.label, ossl.MACSupported(alg), gob.MACSupported(alg)) {
			continue
		}
		t.Run(mc.label, func(t *testing.T) {
			for _, n := range lengths(r, 4) {
				alg, key, msg := mc.newAlg(r), randBytes(r, mc.keyLen), randBytes(r, n)
				var out [2][]byte
				var errs [2]error
				for i, b := range both {
					out[i], errs[i] = macOf(r, b.b, alg, key, msg)
				}
				label := fmt.Sprintf("%s of %d bytes", mc.label, n)
				switch {
				case errs[0] != nil && errs[1] != nil:
					t.Errorf("%s: both failed: %v; %v", label, errs[0], errs[1])
					return
				case errs[0] != nil || errs[1] != nil:
					tl.oneSided(t, label, errs[0], errs[1])
				case !assert.Equal(t, hex.EncodeToString(out[0]), hex.EncodeToString(out[1]), label):
					return
				}
			}
		})
	}
	tl.check(t)
}

// macOf is the MAC of msg on b, streamed in random pieces, checked against
// the one-call form.
func macOf(r *rand.Rand, b backends.MACBackend, alg backends.MACAlgorithm, key, msg []byte) ([]byte, error) {
	m, err := mac.NewWithBackend(alg, key, b)
	if err != nil {
		return nil, err
	}
	for _, p := range splits(r, msg) {
		if err := m.Update(p); err != nil {
			return nil, err
		}
	}
	sum, err := m.Finalize()
	if err != nil {
		return nil, err
	}
	one, err := mac.SumWithBackend(alg, key, msg, b)
	if err != nil {
		return nil, err
	}
	if hex.EncodeToString(one) != hex.EncodeToString(sum) {
		return nil, fmt.Errorf("one call gives %x, streaming %x", one, sum)
	}
	return sum, nil
}
