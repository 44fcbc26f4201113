package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

const kdfSynopsis = "-keylen N [-kdfopt NAME:VALUE]... [-digest NAME] [-mac NAME] [-cipher NAME] [-binary] [-out FILE] KDF"

const kdfHelp = `
Derive a key of N bytes with KDF, one of HKDF, PBKDF2, KBKDF, X963KDF
(or X942KDF-CONCAT), SSKDF and SCRYPT, and print it as openssl kdf does:
upper-case hex bytes separated by colons, then an empty line; -binary
writes the raw bytes. The options and the output are those of openssl kdf.

-kdfopt NAME:VALUE sets a parameter; a name with the prefix hex takes hex
(hexkey:0b0b..., hexsalt:..., hexinfo:..., hexpass:..., hexseed:...):
  HKDF     digest, key, salt, info, mode (EXTRACT_AND_EXPAND, EXTRACT_ONLY,
           EXPAND_ONLY)
  PBKDF2   digest (default SHA1), pass, salt, iter (default 2048)
  KBKDF    mac (HMAC or CMAC), digest (HMAC), cipher (CMAC: AES-128-CBC,
           AES-192-CBC, AES-256-CBC, DES-EDE3-CBC), key, salt (the label),
           info (the context), seed (the IV of feedback mode), mode
           (counter or feedback), use-l, use-separator (0 or 1), r (the
           counter width in bits, OpenSSL 3.1 and later)
  X963KDF  digest, key (or secret), info (the shared info)
  SSKDF    digest, mac (HMAC, or none for a hash), key (or secret), salt
           (HMAC), info (the other info)
  SCRYPT   pass, salt, n (default 1048576), r (default 8), p (default 1),
           maxmem_bytes
-digest, -mac and -cipher set the parameter of that name.

The secret options in hex (hexkey, hexsecret, hexpass) also take env:NAME
(the hex is the value of the environment variable NAME) or file:PATH (the
content of the file PATH), so that a key need not appear in the process
list. No message ever shows a key.

In FIPS mode (-fips) SCRYPT is refused, and the FIPS provider's rules
apply: PBKDF2 takes a salt of at least 16 bytes, 1000 iterations or more
and a key of at least 14 bytes; a refusal names FIPS and the rule.
`

// kdfOpts is the list of -kdfopt values, in order.
type kdfOpts []string

func (o *kdfOpts) String() string { return "" }

func (o *kdfOpts) Set(s string) error {
	if !strings.Contains(s, ":") {
		return fmt.Errorf("-kdfopt %q is not of the form NAME:VALUE", s)
	}
	*o = append(*o, s)
	return nil
}

// runKDF runs "hazmat kdf".
func runKDF(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := commandFlags("kdf", kdfSynopsis, kdfHelp, stderr)
	keylen := fs.Int("keylen", 0, "the length of the derived key in bytes (required)")
	var opts kdfOpts
	fs.Var(&opts, "kdfopt", "a parameter `NAME:VALUE` (repeatable)")
	digest := fs.String("digest", "", "the digest `NAME`, as -kdfopt digest:NAME")
	mac := fs.String("mac", "", "the MAC `NAME`, as -kdfopt mac:NAME")
	cipher := fs.String("cipher", "", "the cipher `NAME`, as -kdfopt cipher:NAME")
	binary := fs.Bool("binary", false, "write the key as raw bytes rather than hex")
	outFile := fs.String("out", "-", "write the key to `FILE`")
	if code, ok := parseCommandFlags(fs, args, stdout); !ok {
		return code
	}
	switch {
	case fs.NArg() == 0:
		return usageError(fs, "no KDF given")
	case fs.NArg() > 1:
		return usageError(fs, "unexpected argument %q after the KDF", fs.Arg(1))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["keylen"] {
		return usageError(fs, "-keylen N is required")
	}
	if *keylen <= 0 {
		return usageError(fs, "-keylen %d: the length must be positive", *keylen)
	}
	params := map[string]string{}
	for _, o := range opts {
		name, value, _ := strings.Cut(o, ":")
		name = strings.ToLower(name)
		if _, dup := params[name]; dup {
			return usageError(fs, "-kdfopt %s given twice", name)
		}
		params[name] = value
	}
	for name, v := range map[string]*string{"digest": digest, "mac": mac, "cipher": cipher} {
		if set[name] {
			if _, dup := params[name]; dup {
				return usageError(fs, "-%s and -kdfopt %s both given", name, name)
			}
			params[name] = *v
		}
	}
	p := &kdfParams{values: params, used: map[string]bool{}}
	alg, secret, err := kdfFromParams(fs.Arg(0), p)
	if err != nil {
		return fail(stderr, "%v", err)
	}
	if unused := p.unused(); unused != "" {
		return fail(stderr, "%s does not take the parameter %s", strings.ToUpper(fs.Arg(0)), unused)
	}
	k, err := kdf.NewWithBackend(alg, *keylen, backend)
	if err == nil {
		var key []byte
		key, err = k.Derive(secret)
		clear(secret)
		if err == nil {
			return writeKey(key, *binary, *outFile, stdout, stderr)
		}
	}
	return fail(stderr, "%s", describeKDFError(err))
}

// writeKey writes key as openssl kdf does, to stdout or to -out FILE.
func writeKey(key []byte, binary bool, outFile string, stdout, stderr io.Writer) int {
	defer clear(key)
	var text []byte
	if binary {
		text = key
	} else {
		const digits = "0123456789ABCDEF"
		text = make([]byte, 0, 3*len(key))
		for i, c := range key {
			if i > 0 {
				text = append(text, ':')
			}
			text = append(text, digits[c>>4], digits[c&15])
		}
		// openssl kdf ends the hex with an empty line (OpenSSL 3.0 to 3.5).
		text = append(text, '\n', '\n')
		defer clear(text)
	}
	out, err := openOutput(outFile, stdout)
	if err != nil {
		return fail(stderr, "%v", err)
	}
	if _, err := out.Write(text); err != nil {
		out.abort()
		return fail(stderr, "write: %v", err)
	}
	if err := out.commit(); err != nil {
		return fail(stderr, "%v", err)
	}
	return exitOK
}

// describeKDFError words a failed derivation in one line.
func describeKDFError(err error) string {
	if s, ok := describeUnsupported(err); ok {
		return s
	}
	return withoutPackage(err.Error())
}

// kdfParams are the -kdfopt values by lower-case name, and which of them a
// KDF read.
type kdfParams struct {
	values map[string]string
	used   map[string]bool
}

// str returns the parameter name as text, or its hex form hexNAME decoded.
// secret parameters in hex also take env:NAME and file:PATH.
func (p *kdfParams) bytes(name string, secret bool) ([]byte, bool, error) {
	if v, ok := p.values[name]; ok {
		p.used[name] = true
		return []byte(v), true, nil
	}
	hexName := "hex" + name
	v, ok := p.values[hexName]
	if !ok {
		return nil, false, nil
	}
	p.used[hexName] = true
	if secret {
		s, err := resolveKey(v)
		if err != nil {
			return nil, true, fmt.Errorf("-kdfopt %s: %v", hexName, err)
		}
		v = s
	}
	b, err := decodeHex(v)
	if err != nil {
		return nil, true, fmt.Errorf("-kdfopt %s: %v", hexName, err)
	}
	return b, true, nil
}

// either returns the first of names that is given (as text or hex).
func (p *kdfParams) either(secret bool, names ...string) ([]byte, bool, error) {
	for _, n := range names {
		if b, ok, err := p.bytes(n, secret); ok || err != nil {
			return b, ok, err
		}
	}
	return nil, false, nil
}

func (p *kdfParams) text(name string) (string, bool) {
	v, ok := p.values[name]
	if ok {
		p.used[name] = true
	}
	return v, ok
}

func (p *kdfParams) uint(name string, def uint64) (uint64, error) {
	v, ok := p.text(name)
	if !ok {
		return def, nil
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("-kdfopt %s:%s is not a number", name, v)
	}
	return n, nil
}

func (p *kdfParams) hash(def string) (backends.HashAlgorithm, error) {
	name, ok := p.text("digest")
	if !ok {
		if def == "" {
			return nil, errors.New("a digest is required: -kdfopt digest:NAME")
		}
		name = def
	}
	alg, ok := hashes.ByName(name)
	if !ok {
		return nil, fmt.Errorf("unknown digest %q (hazmat info lists them)", name)
	}
	return alg, nil
}

// unused names a parameter that no part of the KDF read, or "".
func (p *kdfParams) unused() string {
	for name := range p.values {
		if !p.used[name] {
			return name
		}
	}
	return ""
}

// kdfFromParams builds the descriptor and the secret of KDF name from the
// -kdfopt parameters, as openssl kdf reads them.
func kdfFromParams(name string, p *kdfParams) (backends.KDFAlgorithm, []byte, error) {
	if _, ok := p.values["properties"]; ok {
		return nil, nil, errors.New("-kdfopt properties is not supported: the FIPS mode (-fips) chooses the provider")
	}
	switch strings.ToUpper(name) {
	case "HKDF":
		h, err := p.hash("")
		if err != nil {
			return nil, nil, err
		}
		a := kdfalg.HKDF{Hash: h}
		if m, ok := p.text("mode"); ok {
			switch strings.ToUpper(m) {
			case "EXTRACT_AND_EXPAND", "0":
			case "EXTRACT_ONLY", "1":
				a.Mode = kdfalg.ExtractOnly
			case "EXPAND_ONLY", "2":
				a.Mode = kdfalg.ExpandOnly
			default:
				return nil, nil, fmt.Errorf("unknown HKDF mode %q (EXTRACT_AND_EXPAND, EXTRACT_ONLY or EXPAND_ONLY)", m)
			}
		}
		if a.Salt, _, err = p.bytes("salt", false); err != nil {
			return nil, nil, err
		}
		if a.Info, _, err = p.bytes("info", false); err != nil {
			return nil, nil, err
		}
		key, err := p.secret("key")
		return a, key, err
	case "PBKDF2":
		h, err := p.hash("SHA1")
		if err != nil {
			return nil, nil, err
		}
		iter, err := p.uint("iter", 2048)
		if err != nil {
			return nil, nil, err
		}
		if iter > 1<<31-1 {
			return nil, nil, fmt.Errorf("-kdfopt iter:%d is too large", iter)
		}
		if _, ok := p.values["pkcs5"]; ok {
			return nil, nil, errors.New("-kdfopt pkcs5 is not supported: it would switch off the FIPS provider's checks")
		}
		a := kdfalg.PBKDF2{Hash: h, Iterations: int(iter)}
		salt, ok, err := p.bytes("salt", false)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			return nil, nil, errors.New("PBKDF2 needs a salt: -kdfopt salt:TEXT or hexsalt:HEX")
		}
		a.Salt = salt
		pass, err := p.secret("pass")
		return a, pass, err
	case "KBKDF":
		return kbkdfFromParams(p)
	case "X963KDF", "X942KDF-CONCAT":
		h, err := p.hash("")
		if err != nil {
			return nil, nil, err
		}
		info, _, err := p.bytes("info", false)
		if err != nil {
			return nil, nil, err
		}
		key, err := p.secret("key", "secret")
		return kdfalg.X963{Hash: h, SharedInfo: info}, key, err
	case "SSKDF":
		h, err := p.hash("")
		if err != nil {
			return nil, nil, err
		}
		info, _, err := p.bytes("info", false)
		if err != nil {
			return nil, nil, err
		}
		var alg backends.KDFAlgorithm = kdfalg.ConcatHash{Hash: h, OtherInfo: info}
		if m, ok := p.text("mac"); ok {
			if !strings.EqualFold(m, "HMAC") {
				return nil, nil, fmt.Errorf("SSKDF with the MAC %q is not supported (HMAC, or none for a hash)", m)
			}
			salt, _, err := p.bytes("salt", false)
			if err != nil {
				return nil, nil, err
			}
			alg = kdfalg.ConcatHMAC{Hash: h, Salt: salt, OtherInfo: info}
		}
		key, err := p.secret("key", "secret")
		return alg, key, err
	case "SCRYPT", "ID-SCRYPT":
		n, err := p.uint("n", 1<<20)
		if err != nil {
			return nil, nil, err
		}
		r, err := p.uint("r", 8)
		if err != nil {
			return nil, nil, err
		}
		pp, err := p.uint("p", 1)
		if err != nil {
			return nil, nil, err
		}
		maxmem, err := p.uint("maxmem_bytes", 0)
		if err != nil {
			return nil, nil, err
		}
		if r > 1<<30 || pp > 1<<30 {
			return nil, nil, fmt.Errorf("scrypt r=%d, p=%d out of range", r, pp)
		}
		salt, ok, err := p.bytes("salt", false)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			return nil, nil, errors.New("SCRYPT needs a salt: -kdfopt salt:TEXT or hexsalt:HEX")
		}
		pass, err := p.secret("pass")
		return kdfalg.Scrypt{Salt: salt, N: n, R: int(r), P: int(pp), MaxMem: maxmem}, pass, err
	}
	return nil, nil, fmt.Errorf("unknown or unsupported KDF %q (HKDF, PBKDF2, KBKDF, X963KDF, SSKDF or SCRYPT)", name)
}

// secret returns the secret parameter (the first of names given, as text
// or in hex), which is required.
func (p *kdfParams) secret(names ...string) ([]byte, error) {
	b, ok, err := p.either(true, names...)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("a secret is required: -kdfopt %s:TEXT or hex%s:HEX", names[0], names[0])
	}
	return b, nil
}

func kbkdfFromParams(p *kdfParams) (backends.KDFAlgorithm, []byte, error) {
	var a kdfalg.KBKDF
	if m, ok := p.text("mode"); ok {
		switch strings.ToLower(m) {
		case "counter":
		case "feedback":
			a.Mode = kdfalg.FeedbackMode
		default:
			return nil, nil, fmt.Errorf("unknown KBKDF mode %q (counter or feedback)", m)
		}
	}
	mac, _ := p.text("mac")
	switch strings.ToUpper(mac) {
	case "HMAC":
		h, err := p.hash("")
		if err != nil {
			return nil, nil, err
		}
		a.Hash = h
	case "CMAC":
		c, ok := p.text("cipher")
		if !ok {
			return nil, nil, errors.New("KBKDF with CMAC needs a cipher: -kdfopt cipher:AES-128-CBC")
		}
		switch strings.ToUpper(c) {
		case "AES-128-CBC", "AES-192-CBC", "AES-256-CBC":
			a.Cipher = kdfalg.CMACAES
		case "DES-EDE3-CBC", "DES-EDE-CBC":
			a.Cipher = kdfalg.CMACTripleDES
		default:
			return nil, nil, fmt.Errorf("KBKDF with CMAC over %q is not supported (AES-128-CBC, AES-192-CBC, AES-256-CBC, DES-EDE3-CBC)", c)
		}
	case "":
		return nil, nil, errors.New("KBKDF needs a MAC: -kdfopt mac:HMAC or mac:CMAC")
	default:
		return nil, nil, fmt.Errorf("KBKDF with the MAC %q is not supported (HMAC or CMAC)", mac)
	}
	var err error
	if a.Label, _, err = p.bytes("salt", false); err != nil {
		return nil, nil, err
	}
	if a.Context, _, err = p.bytes("info", false); err != nil {
		return nil, nil, err
	}
	if a.IV, _, err = p.bytes("seed", false); err != nil {
		return nil, nil, err
	}
	for name, omit := range map[string]*bool{"use-l": &a.OmitL, "use-separator": &a.OmitSeparator} {
		v, err := p.uint(name, 1)
		if err != nil {
			return nil, nil, err
		}
		*omit = v == 0
	}
	r, err := p.uint("r", 32)
	if err != nil {
		return nil, nil, err
	}
	if r != 8 && r != 16 && r != 24 && r != 32 {
		return nil, nil, fmt.Errorf("-kdfopt r:%d: the counter width is 8, 16, 24 or 32 bits", r)
	}
	a.RLen = int(r / 8)
	key, err := p.secret("key")
	if err != nil {
		return nil, nil, err
	}
	if a.Cipher != kdfalg.NoCMAC {
		c, _ := p.text("cipher")
		if want := cmacKeyLen(c); want != 0 && want != len(key) {
			return nil, nil, fmt.Errorf("KBKDF with %s takes a %d-byte key, not %s", strings.ToUpper(c), want, byteCount(len(key)))
		}
	}
	return a, key, nil
}

// cmacKeyLen is the key length of a CMAC cipher name, 0 if unknown.
func cmacKeyLen(c string) int {
	switch strings.ToUpper(c) {
	case "AES-128-CBC", "DES-EDE-CBC":
		return 16
	case "AES-192-CBC", "DES-EDE3-CBC":
		return 24
	case "AES-256-CBC":
		return 32
	}
	return 0
}
