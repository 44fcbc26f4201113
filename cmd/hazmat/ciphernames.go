package main

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/names"
)

// A cipherSpec is what "hazmat enc" knows of a cipher name that OpenSSL's
// "enc" command accepts: the lengths OpenSSL gives its key and IV (the
// EVP cipher's defaults, which -K and -iv are padded or cut to), whether
// it pads, and how to build the hazmat algorithm and mode.
type cipherSpec struct {
	// name is the cipher's OpenSSL name in lower case, as the user may
	// spell it: "aes-128-cbc", "des3", "bf".
	name string
	// aliasOf is the name this one is another name for ("des3" for
	// "des-ede3-cbc"), "" for the canonical names.
	aliasOf string
	// keyLen is the key length in bytes (EVP_CIPHER_get_key_length): the
	// only one a fixed-length cipher takes, the one -pad-key pads or cuts
	// to.
	keyLen int
	// minKey and maxKey bound the key length in bytes of a cipher whose
	// key length varies (Blowfish, CAST5, RC4); both are 0 for the others.
	minKey, maxKey int
	// ivLen is the IV length in bytes, 0 when the cipher takes none.
	ivLen int
	// padBits is the block size in bits for PKCS #7 padding (ECB and CBC),
	// 0 for the modes and ciphers that stream.
	padBits int
	// build returns the algorithm and mode (nil for a stream cipher) for a
	// key of keyLen bytes and an IV of ivLen bytes.
	build func(key, iv []byte) (backends.CipherAlgorithm, backends.Mode, error)
}

// checkKeyLen returns an error naming the key length the cipher takes
// when n bytes is not one of them.
func (s cipherSpec) checkKeyLen(n int) error {
	if s.maxKey > 0 {
		if n < s.minKey || n > s.maxKey {
			return fmt.Errorf("%s takes a key of %d to %d bytes (%d to %d hex digits), got %s", s.name, s.minKey, s.maxKey, 2*s.minKey, 2*s.maxKey, byteCount(n))
		}
		return nil
	}
	if n != s.keyLen {
		return fmt.Errorf("%s takes a %d-byte key (%d hex digits), got %s", s.name, s.keyLen, 2*s.keyLen, byteCount(n))
	}
	return nil
}

// checkIVLen returns an error naming the IV length the cipher takes when
// n bytes is not it.
func (s cipherSpec) checkIVLen(n int) error {
	if n != s.ivLen {
		return fmt.Errorf("%s takes a %d-byte IV (%d hex digits), got %s", s.name, s.ivLen, 2*s.ivLen, byteCount(n))
	}
	return nil
}

// errUnknownCipher is returned by lookupCipher for a name it does not know.
var errUnknownCipher = errors.New("unknown cipher")

// Ciphers that OpenSSL's enc refuses, with its words.
var (
	errAEADCipher = errors.New("AEAD ciphers not supported")
	errXTSCipher  = errors.New("XTS ciphers not supported")
)

// lookupCipher returns the spec of an OpenSSL cipher name, in any case. It
// returns errAEADCipher or errXTSCipher for the authenticated and XTS
// ciphers, which a stream of bytes without a tag or data units cannot
// carry (OpenSSL's enc refuses them too), and errUnknownCipher for a name
// not in the table.
func lookupCipher(name string) (cipherSpec, error) {
	n := strings.ToLower(name)
	if s, ok := cipherTable[n]; ok {
		return s, nil
	}
	switch {
	case n == "chacha20-poly1305" || hasModeSuffix(n, "gcm", "ccm", "ocb", "siv", "gcm-siv"):
		return cipherSpec{}, errAEADCipher
	case hasModeSuffix(n, "xts"):
		return cipherSpec{}, errXTSCipher
	}
	return cipherSpec{}, errUnknownCipher
}

// hasModeSuffix reports whether name ends with "-" and one of modes.
func hasModeSuffix(name string, modes ...string) bool {
	for _, m := range modes {
		if strings.HasSuffix(name, "-"+m) {
			return true
		}
	}
	return false
}

// cipherNames returns every name of the table, sorted.
func cipherNames() []string {
	names := make([]string, 0, len(cipherTable))
	for n := range cipherTable {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// A modeSpec names a mode as OpenSSL spells it and builds it.
type modeSpec struct {
	name  string
	block bool // ECB and CBC: whole blocks, padded unless -nopad
	noIV  bool // ECB
	build names.NewMode
}

var (
	modeECB  = modeSpec{"ecb", true, true, mustMode("ecb")}
	modeCBC  = modeSpec{"cbc", true, false, mustMode("cbc")}
	modeCTR  = modeSpec{"ctr", false, false, mustMode("ctr")}
	modeOFB  = modeSpec{"ofb", false, false, mustMode("ofb")}
	modeCFB  = modeSpec{"cfb", false, false, mustMode("cfb")}
	modeCFB8 = modeSpec{"cfb8", false, false, mustMode("cfb8")}
)

// mustMode returns the constructor of a mode of the name table; the names
// above are all in it, which every test of the tool checks.
func mustMode(name string) names.NewMode {
	f, ok := names.Mode(name)
	if !ok {
		panic("hazmat: mode " + name + " is not in internal/names")
	}
	return f
}

// mustCipher returns the constructor of a cipher of the name table, like
// mustMode.
func mustCipher(name string) names.NewAlgorithm {
	f, ok := names.Cipher(name)
	if !ok {
		panic("hazmat: cipher " + name + " is not in internal/names")
	}
	return f
}

// A blockFamily is a block cipher with the modes OpenSSL's enc offers it
// in, under names "{prefix}-{mode}" (or "{prefix}-{bits}-{mode}" for the
// key sizes of AES and Camellia).
type blockFamily struct {
	prefix  string
	keyLens []int // bytes; several for AES and Camellia, whose names carry the size
	// minKey and maxKey bound a variable key length, in bytes (0: fixed).
	minKey, maxKey int
	blockBits      int
	modes          []modeSpec
	newAlg         names.NewAlgorithm
	// aliases maps other names to a mode of the family; with several key
	// sizes, "%d" in the alias stands for the size in bits.
	aliases map[string]string
}

// blockFamilies are the block ciphers of OpenSSL's enc that hazmat has a
// descriptor and a mode for. (OpenSSL's CFB1 modes, single DES, two-key
// "des-ede" names, DESX, RC2 and ARIA have none.)
var blockFamilies = []blockFamily{
	{
		prefix: "aes", keyLens: []int{16, 24, 32}, blockBits: 128,
		modes:   []modeSpec{modeECB, modeCBC, modeCTR, modeOFB, modeCFB, modeCFB8},
		newAlg:  mustCipher("aes"),
		aliases: map[string]string{"aes%d": "cbc"},
	},
	{
		prefix: "camellia", keyLens: []int{16, 24, 32}, blockBits: 128,
		modes:   []modeSpec{modeECB, modeCBC, modeCTR, modeOFB, modeCFB, modeCFB8},
		newAlg:  mustCipher("camellia"),
		aliases: map[string]string{"camellia%d": "cbc"},
	},
	{
		prefix: "des-ede3", keyLens: []int{24}, blockBits: 64,
		modes:   []modeSpec{modeECB, modeCBC, modeOFB, modeCFB, modeCFB8},
		newAlg:  mustCipher("3des"),
		aliases: map[string]string{"des-ede3": "ecb", "des3": "cbc"},
	},
	{
		prefix: "bf", keyLens: []int{16}, minKey: 4, maxKey: 56, blockBits: 64,
		modes:   []modeSpec{modeECB, modeCBC, modeOFB, modeCFB},
		newAlg:  mustCipher("bf"),
		aliases: map[string]string{"bf": "cbc", "blowfish": "cbc"},
	},
	{
		prefix: "cast5", keyLens: []int{16}, minKey: 5, maxKey: 16, blockBits: 64,
		modes:   []modeSpec{modeECB, modeCBC, modeOFB, modeCFB},
		newAlg:  mustCipher("cast5"),
		aliases: map[string]string{"cast": "cbc", "cast-cbc": "cbc"},
	},
	{
		prefix: "seed", keyLens: []int{16}, blockBits: 128,
		modes:   []modeSpec{modeECB, modeCBC, modeOFB, modeCFB},
		newAlg:  mustCipher("seed"),
		aliases: map[string]string{"seed": "cbc"},
	},
	{
		prefix: "idea", keyLens: []int{16}, blockBits: 64,
		modes:   []modeSpec{modeECB, modeCBC, modeOFB, modeCFB},
		newAlg:  mustCipher("idea"),
		aliases: map[string]string{"idea": "cbc"},
	},
	{
		prefix: "sm4", keyLens: []int{16}, blockBits: 128,
		modes:   []modeSpec{modeECB, modeCBC, modeCTR, modeOFB, modeCFB},
		newAlg:  mustCipher("sm4"),
		aliases: map[string]string{"sm4": "cbc"},
	},
}

// cipherTable maps every lower-case name that hazmat enc accepts to its
// spec.
var cipherTable = buildCipherTable()

func buildCipherTable() map[string]cipherSpec {
	t := make(map[string]cipherSpec)
	for _, f := range blockFamilies {
		for _, keyLen := range f.keyLens {
			base := f.prefix
			if len(f.keyLens) > 1 {
				base += "-" + strconv.Itoa(keyLen*8)
			}
			byMode := make(map[string]cipherSpec)
			for _, m := range f.modes {
				s := blockSpec(base+"-"+m.name, keyLen, f, m)
				t[s.name] = s
				byMode[m.name] = s
			}
			for alias, mode := range f.aliases {
				if len(f.keyLens) > 1 {
					alias = strings.Replace(alias, "%d", strconv.Itoa(keyLen*8), 1)
				}
				s := byMode[mode]
				s.name, s.aliasOf = alias, s.name
				t[alias] = s
			}
		}
	}
	t["rc4"] = arc4Spec("rc4", 16, 5, 256)
	t["rc4-40"] = arc4Spec("rc4-40", 5, 0, 0)
	t["chacha20"] = cipherSpec{
		name: "chacha20", keyLen: 32, ivLen: 16,
		build: func(key, iv []byte) (backends.CipherAlgorithm, backends.Mode, error) {
			c, err := mustCipher("chacha20")(key, iv)
			return c, nil, err
		},
	}
	return t
}

func blockSpec(name string, keyLen int, f blockFamily, m modeSpec) cipherSpec {
	s := cipherSpec{name: name, keyLen: keyLen, minKey: f.minKey, maxKey: f.maxKey}
	if !m.noIV {
		s.ivLen = f.blockBits / 8
	}
	if m.block {
		s.padBits = f.blockBits
	}
	newAlg, newMode := f.newAlg, m.build
	s.build = func(key, iv []byte) (backends.CipherAlgorithm, backends.Mode, error) {
		alg, err := newAlg(key, nil)
		if err != nil {
			return nil, nil, err
		}
		mode, err := newMode(iv)
		if err != nil {
			return nil, nil, err
		}
		return alg, mode, nil
	}
	return s
}

func arc4Spec(name string, keyLen, minKey, maxKey int) cipherSpec {
	return cipherSpec{
		name: name, keyLen: keyLen, minKey: minKey, maxKey: maxKey,
		build: func(key, _ []byte) (backends.CipherAlgorithm, backends.Mode, error) {
			c, err := mustCipher("rc4")(key, nil)
			return c, nil, err
		},
	}
}
