package aead_test

import (
	"bytes"
	"crypto/cipher"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
)

// oneShot is what the three AEADs share: the one-call Encrypt and
// Decrypt with nonces of any allowed length, and cipher.AEAD.
type oneShot interface {
	cipher.AEAD
	Encrypt(nonce, data, aad []byte) ([]byte, error)
	Decrypt(nonce, data, aad []byte) ([]byte, error)
}

// asOneShot turns a constructor's result into a oneShot, without a typed
// nil on error.
func asOneShot[T oneShot](a T, err error) (oneShot, error) {
	if err != nil {
		return nil, err
	}
	return a, nil
}

// failures collects the records of one file that failed, for one report.
type failures struct {
	n     int
	lines []string
}

func (f *failures) add(name string, err error) {
	f.n++
	if err != nil {
		f.lines = append(f.lines, name+": "+err.Error())
	}
}

func (f *failures) report(t *testing.T) {
	t.Helper()
	if f.n == 0 {
		t.Fatal("no record was checked")
	}
	if len(f.lines) > 0 {
		t.Errorf("%d of %d records failed:\n%s", len(f.lines), f.n, strings.Join(f.lines[:min(len(f.lines), 20)], "\n"))
	}
}

// isOpaqueTagError reports whether err is the bare ErrInvalidTag, with no
// detail (no OpenSSL text) added.
func isOpaqueTagError(err error) bool {
	return errors.Is(err, backends.ErrInvalidTag) && err.Error() == backends.ErrInvalidTag.Error()
}

// checkRecord runs one record through Encrypt and Decrypt, and through
// Seal and Open when the nonce has the AEAD's NonceSize. A FAIL record
// must give the bare ErrInvalidTag and no plaintext, and Open must leave
// dst's spare capacity without plaintext.
func checkRecord(a oneShot, v vectors.AEADVector) error {
	sealed := append(bytes.Clone(v.Ciphertext), v.Tag...)
	if !v.Fail {
		got, err := a.Encrypt(v.IV, v.Plaintext, v.AAD)
		if err != nil {
			return fmt.Errorf("Encrypt: %w", err)
		}
		if !bytes.Equal(got, sealed) {
			return fmt.Errorf("Encrypt: got %x, want %x", got, sealed)
		}
	}
	pt, err := a.Decrypt(v.IV, sealed, v.AAD)
	switch {
	case v.Fail && !isOpaqueTagError(err):
		return fmt.Errorf("Decrypt of a FAIL record gave %v, want the bare ErrInvalidTag", err)
	case v.Fail && pt != nil:
		return fmt.Errorf("Decrypt of a FAIL record returned %x", pt)
	case !v.Fail && err != nil:
		return fmt.Errorf("Decrypt: %w", err)
	case !v.Fail && !bytes.Equal(pt, v.Plaintext):
		return fmt.Errorf("Decrypt: got %x, want %x", pt, v.Plaintext)
	}
	if !v.Fail {
		// A flipped bit anywhere in ciphertext‖tag must fail.
		bad := bytes.Clone(sealed)
		bad[len(bad)/2] ^= 0x01
		if pt, err := a.Decrypt(v.IV, bad, v.AAD); !isOpaqueTagError(err) || pt != nil {
			return fmt.Errorf("Decrypt of a corrupted message gave %x, %v", pt, err)
		}
	}
	if len(v.IV) != a.NonceSize() {
		return nil
	}
	if !v.Fail {
		if got := a.Seal([]byte("prefix"), v.IV, v.Plaintext, v.AAD); !bytes.Equal(got, append([]byte("prefix"), sealed...)) {
			return fmt.Errorf("Seal: got %x, want prefix‖%x", got, sealed)
		}
		pt, err := a.Open(nil, v.IV, sealed, v.AAD)
		if err != nil || !bytes.Equal(pt, v.Plaintext) {
			return fmt.Errorf("Open: got %x, %v; want %x", pt, err, v.Plaintext)
		}
		return nil
	}
	return checkOpenFailure(a, v.IV, sealed, v.AAD)
}

// spare is the byte dst is filled with before an Open that must fail.
const spare = 0xAA

// checkOpenFailure opens a message that must fail into a dst whose
// length and spare capacity are filled with 0xAA. Open must return the
// bare ErrInvalidTag and nil, leave dst[:len] alone, and leave every byte
// of dst's spare capacity either zero or untouched: no plaintext (a
// plaintext byte other than 0x00 and 0xAA would show).
func checkOpenFailure(a cipher.AEAD, nonce, sealed, aad []byte) error {
	const head = 5
	dst := make([]byte, head, head+len(sealed)+32)
	full := dst[:cap(dst)]
	for i := range full {
		full[i] = spare
	}
	out, err := a.Open(dst, nonce, sealed, aad)
	if !isOpaqueTagError(err) {
		return fmt.Errorf("Open of a forged message gave %v, want the bare ErrInvalidTag", err)
	}
	if out != nil {
		return fmt.Errorf("Open of a forged message returned %x", out)
	}
	for i, b := range full {
		if i < head && b != spare {
			return fmt.Errorf("Open changed dst[%d] (inside len(dst)) to %#x", i, b)
		}
		if b != 0 && b != spare {
			return fmt.Errorf("Open left %#x at dst[%d] (spare capacity must be zero or untouched): % x", b, i, full)
		}
	}
	return nil
}

// TestAESGCMCollection runs the CAVP GCM files through AESGCM. AESGCM
// fixes the tag at 16 bytes, so records with shorter tags are counted and
// left out; records with a 1-byte IV are run like the others.
func TestAESGCMCollection(t *testing.T) {
	root := vectors.RootForTest(t)
	dir := filepath.Join(root, "ciphers", "AES", "GCM")
	files, err := filepath.Glob(filepath.Join(dir, "gcm*.rsp"))
	require.NoError(t, err)
	require.Len(t, files, 6, "gcmEncryptExtIV{128,192,256}.rsp and gcmDecrypt{128,192,256}.rsp in %s", dir)
	t.Logf("FIPS mode: %v", defaultbackend.FIPS())
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			vs, err := vectors.LoadGCM(path)
			require.NoError(t, err)
			var f failures
			shortTag, shortIV, fails := 0, 0, 0
			for _, v := range vs {
				a, err := aead.NewAESGCM(v.Key)
				if gcmRefused(t, err) {
					return
				}
				if len(v.IV) < 8 {
					shortIV++ // run like the others: GCM's one IV rule takes 1 to 128 bytes
				}
				if len(v.Tag) != 16 {
					shortTag++
					continue
				}
				if v.Fail {
					fails++
				}
				f.add(v.Name, checkRecord(a, v))
			}
			t.Logf("%d records: %d checked (%d of them FAIL, %d with an IV under 8 bytes) and %d with a tag shorter than 16 bytes left out",
				len(vs), f.n, fails, shortIV, shortTag)
			f.report(t)
		})
	}
}

// checkShortNonce checks that Encrypt and Decrypt refuse a nonce that is
// too short with ErrInvalidIVSize.
func checkShortNonce(a oneShot, v vectors.AEADVector) error {
	sealed := append(bytes.Clone(v.Ciphertext), v.Tag...)
	if !v.Fail {
		if out, err := a.Encrypt(v.IV, v.Plaintext, v.AAD); !errors.Is(err, backends.ErrInvalidIVSize) || out != nil {
			return fmt.Errorf("Encrypt with a %d-byte IV gave %x, %v; want ErrInvalidIVSize", len(v.IV), out, err)
		}
	}
	if out, err := a.Decrypt(v.IV, sealed, v.AAD); !errors.Is(err, backends.ErrInvalidIVSize) || out != nil {
		return fmt.Errorf("Decrypt with a %d-byte IV gave %x, %v; want ErrInvalidIVSize", len(v.IV), out, err)
	}
	return nil
}

// testdataFile returns the path of testdata/ciphers/name.
func testdataFile(t *testing.T, name string) string {
	t.Helper()
	td, err := vectors.TestdataDir()
	require.NoError(t, err)
	return filepath.Join(td, "ciphers", name)
}

// runTestdata runs one testdata file with the AEAD that newAEAD builds
// for a record; minNonce is the shortest nonce the AEAD takes.
func runTestdata(t *testing.T, name string, minNonce int, newAEAD func(v vectors.AEADVector) (oneShot, error)) {
	vs, err := vectors.LoadAEAD(testdataFile(t, name))
	require.NoError(t, err)
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			a, err := newAEAD(v)
			if refusedHere(t, err) {
				return
			}
			if len(v.IV) < minNonce {
				assert.NoError(t, checkShortNonce(a, v))
				return
			}
			require.NoError(t, checkRecord(a, v))

			// A forged message: the plaintext must not reach Open's dst.
			sealed := append(bytes.Clone(v.Ciphertext), v.Tag...)
			sealed[len(sealed)-1] ^= 0x80
			pt, err := a.Decrypt(v.IV, sealed, v.AAD)
			assert.True(t, isOpaqueTagError(err), "Decrypt of a forged tag: %v", err)
			assert.Nil(t, pt)
			if len(v.IV) == a.NonceSize() {
				assert.NoError(t, checkOpenFailure(a, v.IV, sealed, v.AAD))
				aad := append(bytes.Clone(v.AAD), 0)
				good := append(bytes.Clone(v.Ciphertext), v.Tag...)
				assert.NoError(t, checkOpenFailure(a, v.IV, good, aad), "other AAD")
			}
		})
	}
}

// TestAESGCMSpec runs the test cases of the GCM specification; IVs under
// 8 bytes must be refused.
func TestAESGCMSpec(t *testing.T) {
	runTestdata(t, "aes-gcm-spec.txt", 1, func(v vectors.AEADVector) (oneShot, error) {
		if len(v.Tag) != 16 {
			return nil, fmt.Errorf("tag of %d bytes", len(v.Tag))
		}
		return asOneShot(aead.NewAESGCM(v.Key))
	})
}

// TestAESCCMRFC3610 runs the RFC 3610 packet vectors (8- and 10-byte tags).
func TestAESCCMRFC3610(t *testing.T) {
	runTestdata(t, "aes-ccm-rfc3610.txt", 7, func(v vectors.AEADVector) (oneShot, error) {
		return asOneShot(aead.NewAESCCM(v.Key, len(v.Tag)))
	})
}

// TestChaCha20Poly1305RFC8439 runs the RFC 8439 AEAD vectors. FIPS mode
// refuses ChaCha20-Poly1305.
func TestChaCha20Poly1305RFC8439(t *testing.T) {
	runTestdata(t, "chacha20poly1305-rfc8439.txt", 12, func(v vectors.AEADVector) (oneShot, error) {
		return asOneShot(aead.NewChaCha20Poly1305(v.Key))
	})
	if defaultbackend.FIPS() {
		_, err := aead.NewChaCha20Poly1305(make([]byte, 32))
		assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, "FIPS mode must refuse ChaCha20-Poly1305")
	}
}

// TestOpenFailureLeavesNoPlaintext forges messages whose plaintext has no
// 0x00 or 0xAA byte, so that any plaintext Open left in dst would show.
func TestOpenFailureLeavesNoPlaintext(t *testing.T) {
	key := bytes.Repeat([]byte{0x42}, 32)
	pt := []byte("attack at dawn; bring the large ladder and plenty of rope!")
	for name, mk := range map[string]func() (oneShot, error){
		"AESGCM":           func() (oneShot, error) { return asOneShot(aead.NewAESGCM(key)) },
		"AESCCM":           func() (oneShot, error) { return asOneShot(aead.NewAESCCM(key[:16], 16)) },
		"ChaCha20Poly1305": func() (oneShot, error) { return asOneShot(aead.NewChaCha20Poly1305(key)) },
	} {
		t.Run(name, func(t *testing.T) {
			a, err := mk()
			if refusedHere(t, err) {
				return
			}
			nonce := bytes.Repeat([]byte{7}, a.NonceSize())
			aad := []byte("header")
			sealed := a.Seal(nil, nonce, pt, aad)
			back, err := a.Open(nil, nonce, sealed, aad)
			require.NoError(t, err)
			require.Equal(t, string(pt), string(back))
			for _, i := range []int{0, len(pt) / 2, len(sealed) - 1} {
				bad := bytes.Clone(sealed)
				bad[i] ^= 0x04
				assert.NoError(t, checkOpenFailure(a, nonce, bad, aad), "byte %d flipped", i)
			}
			assert.NoError(t, checkOpenFailure(a, nonce, sealed, []byte("other")), "other AAD")
		})
	}
}
