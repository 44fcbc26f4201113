// Package names maps the names that cipher files of the vector collection
// and the command-line tool give block and stream ciphers and modes to the
// constructors of their descriptors. It is the one such table: the vector
// runner (internal/kat), the hazmat tool's cipher names and the tests all
// read it.
package names

import (
	"maps"
	"slices"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// NewAlgorithm builds a cipher from a key, and for ChaCha20 from its
// 16-byte counter ‖ nonce as OpenSSL takes it; the other ciphers ignore
// nonce. Parameter errors are those of package algorithms.
type NewAlgorithm func(key, nonce []byte) (backends.CipherAlgorithm, error)

// NewMode builds a mode from an IV; ECB ignores it.
type NewMode func(iv []byte) (backends.Mode, error)

// keyed turns a constructor that takes a key into a [NewAlgorithm].
func keyed[T backends.CipherAlgorithm](f func([]byte) (T, error)) NewAlgorithm {
	return func(key, _ []byte) (backends.CipherAlgorithm, error) {
		a, err := f(key)
		if err != nil {
			return nil, err
		}
		return a, nil
	}
}

// ciphers maps lower-case cipher names, as folders and file names of the
// collection and OpenSSL's names spell them, to their constructor.
var ciphers = map[string]NewAlgorithm{
	"aes":       keyed(algorithms.NewAES),
	"3des":      keyed(algorithms.NewTripleDES),
	"tdes":      keyed(algorithms.NewTripleDES),
	"tripledes": keyed(algorithms.NewTripleDES),
	"des-ede3":  keyed(algorithms.NewTripleDES),
	"camellia":  keyed(algorithms.NewCamellia),
	"blowfish":  keyed(algorithms.NewBlowfish),
	"bf":        keyed(algorithms.NewBlowfish),
	"cast5":     keyed(algorithms.NewCAST5),
	"seed":      keyed(algorithms.NewSEED),
	"idea":      keyed(algorithms.NewIDEA),
	"sm4":       keyed(algorithms.NewSM4),
	"arc4":      keyed(algorithms.NewARC4),
	"rc4":       keyed(algorithms.NewARC4),
	"chacha20": func(key, nonce []byte) (backends.CipherAlgorithm, error) {
		a, err := algorithms.NewChaCha20(key, nonce)
		if err != nil {
			return nil, err
		}
		return a, nil
	},
}

// Ciphers returns every name of the cipher table, aliases included
// ("3des" and "tdes", "bf" and "blowfish"), sorted: for callers that
// enumerate the ciphers hazmat knows, such as tests comparing backends.
func Ciphers() []string {
	return slices.Sorted(maps.Keys(ciphers))
}

// streams are the ciphers of the table that take no mode.
var streams = map[string]bool{"arc4": true, "rc4": true, "chacha20": true}

// Cipher returns the constructor of the cipher called name (in any case:
// "AES", "3des", "bf", "chacha20"), and false for a name it does not know.
func Cipher(name string) (NewAlgorithm, bool) {
	f, ok := ciphers[strings.ToLower(name)]
	return f, ok
}

// Stream reports whether the cipher called name (in any case) is a stream
// cipher, which takes no mode.
func Stream(name string) bool {
	return streams[strings.ToLower(name)]
}

// modeTable maps lower-case mode names to their constructor.
var modeTable = map[string]NewMode{
	"ecb":  func([]byte) (backends.Mode, error) { return modes.NewECB(), nil },
	"cbc":  func(iv []byte) (backends.Mode, error) { return modes.NewCBC(iv) },
	"ctr":  func(iv []byte) (backends.Mode, error) { return modes.NewCTR(iv) },
	"ofb":  func(iv []byte) (backends.Mode, error) { return modes.NewOFB(iv) },
	"cfb":  func(iv []byte) (backends.Mode, error) { return modes.NewCFB(iv) },
	"cfb8": func(iv []byte) (backends.Mode, error) { return modes.NewCFB8(iv) },
}

// Modes returns the names of the mode table (the modes [Mode] builds),
// sorted.
func Modes() []string {
	return slices.Sorted(maps.Keys(modeTable))
}

// Mode returns the constructor of the mode called name (in any case: "CBC",
// "cfb8"), and false for a name it does not know. The modes are those that
// take a key and an IV only: ECB, CBC, CTR, OFB, CFB (128-bit segments)
// and CFB8; GCM and XTS take more and are built by their callers.
func Mode(name string) (NewMode, bool) {
	f, ok := modeTable[strings.ToLower(name)]
	return f, ok
}
