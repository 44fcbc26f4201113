package backendtest

import (
	"bytes"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// digest is a hash descriptor by name, so that the suite depends on no
// primitives package.
type digest struct {
	name        string
	size, block int
}

func (d digest) Name() string    { return d.name }
func (d digest) DigestSize() int { return d.size }
func (d digest) BlockSize() int  { return d.block }

var (
	sha1Alg   = digest{"sha1", 20, 64}
	sha256Alg = digest{"sha256", 32, 64}
	md5Alg    = digest{"md5", 16, 64}
)

// kdfKnownAnswers are published answers with parameters a FIPS module
// accepts (so that they hold in any mode).
var kdfKnownAnswers = []struct {
	name   string
	alg    backends.KDFAlgorithm
	secret []byte
	want   []byte
}{
	{"HKDF-SHA256 RFC 5869 A.1",
		kdfalg.HKDF{Hash: sha256Alg, Salt: unhex("000102030405060708090a0b0c"), Info: unhex("f0f1f2f3f4f5f6f7f8f9")},
		unhex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
		unhex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")},
	{"HKDF-SHA256 RFC 5869 A.1 extract",
		kdfalg.HKDF{Hash: sha256Alg, Salt: unhex("000102030405060708090a0b0c"), Mode: kdfalg.ExtractOnly},
		unhex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
		unhex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5")},
	{"HKDF-SHA1 RFC 5869 A.7 (no salt)",
		kdfalg.HKDF{Hash: sha1Alg},
		unhex("0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c"),
		unhex("2c91117204d745f3500d636a62f64f0ab3bae548aa53d423b0d1f27ebba6f5e5673a081d70cce7acfc48")},
	{"PBKDF2-HMAC-SHA1 RFC 6070 case 5",
		kdfalg.PBKDF2{Hash: sha1Alg, Salt: []byte("saltSALTsaltSALTsaltSALTsaltSALTsalt"), Iterations: 4096},
		[]byte("passwordPASSWORDpassword"),
		unhex("3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038")},
	{"X9.63-SHA256 CAVP count 0",
		kdfalg.X963{Hash: sha256Alg},
		unhex("96c05619d56c328ab95fe84b18264b08725b85e33fd34f08"),
		unhex("443024c3dae66b95e6f5670601558f71")},
	{"KBKDF-HMAC-SHA256 CAVP counter mode, 32-bit counter, count 0",
		kdfalg.KBKDF{Hash: sha256Alg, Fixed: unhex("01322b96b30acd197979444e468e1c5c6859bf1b1cf951b7e725303e237e46b864a145fab25e517b08f8683d0315bb2911d80a0e8aba17f3b413faac")},
		unhex("dd1d91b7d90b2bd3138533ce92b272fbf8a369316aefe242e659cc0ae238afe0"),
		unhex("10621342bfb0fd40046c0e29f2cfdbf0")},
	{"SSKDF-SHA256 NIST CAVS",
		kdfalg.ConcatHash{Hash: sha256Alg, OtherInfo: unhex("4341565369649a34a5c3879740e3907add7ba1b2c3d4e5658aaff1cc4bd0aa8e7a215ad1f61873ce67cd7b83225010")},
		unhex("a4801c1ca39cc74b7df5c127593e3482f4c4e4e945753076"),
		unhex("13229b870d7e49795f34")},
}

// TestKDFBackend checks a [backends.KDFBackend]: its known answers, that
// KDFSupported matches what DeriveKey does, the parameter sentinels,
// nothing written to the output and nothing changed in the inputs on any
// call, and derivations from many goroutines at once. A backend may refuse
// a known answer's algorithm as unsupported, but must then say so in
// KDFSupported too. DeriveKey writes nothing past out, whether its capacity
// ends with it or goes on, at every output length to 64 bytes and around
// larger block boundaries, for HKDF, PBKDF2, X9.63, KBKDF (HMAC in counter
// and feedback mode, CMAC), SSKDF and scrypt.
func TestKDFBackend(t *testing.T, b backends.KDFBackend) {
	t.Run("NothingPastOutput", func(t *testing.T) { testKDFNothingPastOutput(t, b) })
	t.Run("KnownAnswers", func(t *testing.T) {
		ran := 0
		for _, c := range kdfKnownAnswers {
			secret := bytes.Clone(c.secret)
			out := make([]byte, len(c.want))
			err := b.DeriveKey(c.alg, secret, out)
			if !b.KDFSupported(c.alg) {
				if !errors.Is(err, backends.ErrUnsupportedAlgorithm) {
					t.Errorf("%s: KDFSupported is false, but DeriveKey gave %v, not an unsupported algorithm", c.name, err)
				}
				continue
			}
			ran++
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			if !bytes.Equal(out, c.want) {
				t.Errorf("%s: got %x, want %x", c.name, out, c.want)
			}
			if !bytes.Equal(secret, c.secret) {
				t.Errorf("%s: the secret was modified", c.name)
			}
		}
		if ran == 0 {
			t.Errorf("the backend supports none of the known answers' KDFs")
		}
	})
	t.Run("Misuse", func(t *testing.T) {
		key := bytes.Repeat([]byte{7}, 32)
		cases := []struct {
			name string
			alg  backends.KDFAlgorithm
			key  []byte
			n    int
			want error
		}{
			{"zero length", kdfalg.HKDF{Hash: sha256Alg}, key, 0, backends.ErrInvalidArgument},
			{"too long", kdfalg.HKDF{Hash: sha256Alg}, key, 255*32 + 1, backends.ErrInvalidArgument},
			{"no hash", kdfalg.HKDF{}, key, 16, backends.ErrInvalidArgument},
			{"zero iterations", kdfalg.PBKDF2{Hash: sha256Alg, Salt: key[:16]}, key, 16, backends.ErrInvalidArgument},
			{"empty Z", kdfalg.X963{Hash: sha256Alg}, nil, 16, backends.ErrInvalidKeySize},
			{"CMAC key of 20 bytes", kdfalg.KBKDF{Cipher: kdfalg.CMACAES}, key[:20], 16, backends.ErrInvalidKeySize},
			{"scrypt N=3", kdfalg.Scrypt{N: 3, R: 1, P: 1}, key, 16, backends.ErrInvalidArgument},
			{"unknown hash", kdfalg.HKDF{Hash: digest{"no-such-hash", 32, 64}}, key, 16, backends.ErrUnsupportedAlgorithm},
			{"nil descriptor", nil, key, 16, backends.ErrInvalidArgument},
		}
		for _, c := range cases {
			out := bytes.Repeat([]byte{0xAA}, max(c.n, 0))
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s: panic: %v", c.name, r)
					}
				}()
				err = b.DeriveKey(c.alg, c.key, out)
			}()
			if !errors.Is(err, c.want) {
				t.Errorf("%s: got %v, want an error wrapping %v", c.name, err, c.want)
			}
			if !bytes.Equal(out, bytes.Repeat([]byte{0xAA}, max(c.n, 0))) {
				t.Errorf("%s: output written on failure", c.name)
			}
		}
		if b.KDFSupported(nil) {
			t.Errorf("KDFSupported(nil) is true")
		}
		if !b.KDFSupported(kdfalg.HKDF{Hash: md5Alg}) {
			if err := b.DeriveKey(kdfalg.HKDF{Hash: md5Alg}, key, make([]byte, 16)); !errors.Is(err, backends.ErrUnsupportedAlgorithm) {
				t.Errorf("HKDF-MD5 unsupported, but DeriveKey gave %v", err)
			}
		}
	})
	t.Run("Concurrent", func(t *testing.T) {
		c := kdfKnownAnswers[0]
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 50 {
					out := make([]byte, len(c.want))
					if err := b.DeriveKey(c.alg, c.secret, out); err != nil {
						errs <- err
						return
					}
					if !bytes.Equal(out, c.want) {
						errs <- errors.New("wrong answer under concurrency")
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	})
}

// testKDFNothingPastOutput derives keys of every length in pastLengths into
// out, a window on a larger patterned buffer whose capacity ends with out
// or goes on past it, for each KDF the backend serves. The bytes past out
// must keep their value; a length the KDF (or a FIPS rule) refuses must be
// refused alike into a fresh buffer, and write nothing.
func testKDFNothingPastOutput(t *testing.T, b backends.KDFBackend) {
	r := newRand(t, "kdf nothing past output")
	salt, fixed := randBytes(r, 16), randBytes(r, 24)
	algs := []struct {
		name   string
		alg    backends.KDFAlgorithm
		secret []byte
	}{
		{"HKDF-SHA256", kdfalg.HKDF{Hash: sha256Alg, Salt: salt, Info: fixed}, randBytes(r, 32)},
		{"PBKDF2-HMAC-SHA256", kdfalg.PBKDF2{Hash: sha256Alg, Salt: salt, Iterations: 1000}, randBytes(r, 20)},
		{"X9.63-SHA256", kdfalg.X963{Hash: sha256Alg, SharedInfo: fixed}, randBytes(r, 32)},
		{"KBKDF-HMAC-SHA256 counter", kdfalg.KBKDF{Hash: sha256Alg, Fixed: fixed}, randBytes(r, 32)},
		{"KBKDF-HMAC-SHA256 feedback", kdfalg.KBKDF{Mode: kdfalg.FeedbackMode, Hash: sha256Alg, IV: randBytes(r, 32), Fixed: fixed}, randBytes(r, 32)},
		{"KBKDF-CMAC-AES counter", kdfalg.KBKDF{Cipher: kdfalg.CMACAES, Fixed: fixed}, randBytes(r, 16)},
		{"SSKDF-SHA256", kdfalg.ConcatHash{Hash: sha256Alg, OtherInfo: fixed}, randBytes(r, 32)},
		{"scrypt", kdfalg.Scrypt{Salt: salt, N: 16, R: 1, P: 1}, randBytes(r, 32)},
	}
	served := 0
	for _, a := range algs {
		if !b.KDFSupported(a.alg) {
			t.Logf("KDFSupported(%s) = false", a.name)
			continue
		}
		served++
		for _, n := range pastLengths()[1:] {
			want := make([]byte, n)
			wantErr := b.DeriveKey(a.alg, a.secret, want)
			for _, exact := range []bool{true, false} {
				what := fmt.Sprintf("DeriveKey, %s, of %d bytes, %s", a.name, n, capacity(exact))
				buf := pastBuffer(n)
				err := b.DeriveKey(a.alg, a.secret, intoWindow(buf, n, exact))
				if wantErr != nil {
					assert.Error(t, err, "%s: refused into a fresh buffer (%v), accepted into a window", what, wantErr)
					assertNothingPast(t, buf, 0, what+", refused")
					continue
				}
				require.NoError(t, err, what)
				assert.Equal(t, hx(want), hx(buf[pastPrefix:pastPrefix+n]), what)
				assertNothingPast(t, buf, n, what)
			}
		}
	}
	t.Logf("%d of %d KDFs served", served, len(algs))
	assert.NotZero(t, served, "the backend serves none of the KDFs")
}
