package vectors

import (
	"path"
	"regexp"
	"slices"
	"strings"
)

// Kinds of vector file that [Kind] returns, each served by one loader.
const (
	KindHash      = "hash"       // [LoadHash]
	KindHashMonte = "hash-monte" // [LoadHashMonte]
	KindHMAC      = "hmac"       // [LoadHMAC]
	KindCipher    = "cipher"     // [LoadCipher]
	KindGCM       = "gcm"        // [LoadGCM]
	KindAEAD      = "aead"       // [LoadAEAD]: AEADs other than GCM (CCM, ChaCha20-Poly1305)
	KindXTS       = "xts"        // [LoadXTS]
	KindCMAC      = "cmac"       // no typed loader; see [ParseFile]
	KindKeyWrap   = "keywrap"    // no typed loader; see [ParseFile]
	KindKDF       = "kdf"        // no typed loader; see [ParseFile]
	KindPoly1305  = "poly1305"   // no typed loader; see [ParseFile]
	KindMAC       = "mac"        // testdata/mac: GMAC and KMAC known answers; see [ParseFile]
)

// Kind classifies a vector file from its path, relative to the
// collection's root or absolute, by its folders (hashes/, ciphers/,
// HMAC/, CMAC/, keywrap/, KDF/, poly1305/ and, under ciphers/, GCM/ and XTS/) and its name.
// The project's testdata/ folders (hashes/, hmac/, ciphers/) are classified
// the same way: under ciphers/, a name containing "gcm" gives [KindGCM],
// one containing "ccm" or "poly1305" gives [KindAEAD].
// It returns one of the Kind constants, or "" for a file that is not a
// vector file (a Readme.txt, a file that is neither .rsp nor .txt) or that
// it does not recognise. Both slash and backslash separate folders.
//
// The SHAVS `*Monte.txt` files give "": they repeat the `*Monte.rsp` test
// with inner-loop values for debugging, and two of them
// (SHA512_224Monte.txt, SHA512_256Monte.txt) print most checkpoints as
// `MD = ?`. [LoadHashMonte] still reads the complete ones.
func Kind(rel string) string {
	parts := strings.FieldsFunc(rel, func(r rune) bool { return r == '/' || r == '\\' })
	if len(parts) == 0 {
		return ""
	}
	base := parts[len(parts)-1]
	if ext := path.Ext(base); (ext != ".rsp" && ext != ".txt") || strings.EqualFold(base, "readme.txt") {
		return ""
	}
	dirs := parts[:len(parts)-1]
	for i := len(dirs) - 1; i >= 0; i-- {
		switch dirs[i] {
		case "hashes":
			switch {
			case strings.HasSuffix(base, "Monte.txt"):
				return ""
			case strings.Contains(base, "Monte"):
				return KindHashMonte
			}
			return KindHash
		case "HMAC", "hmac":
			return KindHMAC
		case "CMAC":
			return KindCMAC
		case "keywrap":
			return KindKeyWrap
		case "KDF", "kdf":
			return KindKDF
		case "poly1305":
			return KindPoly1305
		case "mac":
			return KindMAC
		case "ciphers":
			sub := dirs[i+1:]
			lower := strings.ToLower(base)
			switch {
			case slices.Contains(sub, "GCM") || gcmName.MatchString(base) || strings.Contains(lower, "gcm"):
				return KindGCM
			case strings.Contains(lower, "ccm") || strings.Contains(lower, "poly1305"):
				return KindAEAD
			case slices.Contains(sub, "XTS") || xtsName.MatchString(base):
				return KindXTS
			}
			return KindCipher
		}
	}
	return kindByName(base)
}

var (
	gcmName       = regexp.MustCompile(`^gcm(EncryptExtIV|Decrypt)\d+\.rsp$|^rfc8998\.txt$`)
	xtsName       = regexp.MustCompile(`^XTSGen`)
	hashMonteName = regexp.MustCompile(`^(SHA|SHAKE)[0-9_]*Monte\.rsp$`)
	hashName      = regexp.MustCompile(`^(SHA|SHAKE)[0-9_]*(ShortMsg|LongMsg|VariableOut)\.rsp$`)
)

// kindByName classifies a file seen outside the collection's folders by
// its name alone; it knows only the CAVP names.
func kindByName(base string) string {
	switch {
	case gcmName.MatchString(base):
		return KindGCM
	case xtsName.MatchString(base):
		return KindXTS
	case hashMonteName.MatchString(base):
		return KindHashMonte
	case hashName.MatchString(base):
		return KindHash
	}
	return ""
}
