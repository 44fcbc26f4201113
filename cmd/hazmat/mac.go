package main

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
	"github.com/go-hazmat/hazmat/primitives/mac"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

const macHelp = `
Print the MAC of the input (-in FILE, standard input by default) as
"openssl mac" does: upper-case hex and a newline, or with -binary the raw
bytes. ALG is CMAC, GMAC, KMAC128, KMAC256, POLY1305 or HMAC; -macopt
NAME:VALUE sets its parameters, as openssl's names them:

  key:TEXT, hexkey:HEX   the key (every ALG)
  cipher:NAME            CMAC: AES-128-CBC, AES-192-CBC, AES-256-CBC,
                         DES-EDE3-CBC; GMAC: AES-128-GCM, AES-192-GCM,
                         AES-256-GCM (the key length must match)
  iv:TEXT, hexiv:HEX     GMAC's IV
  digest:NAME            HMAC's hash (SHA256, SHA3-256, ...)
  custom:TEXT, hexcustom:HEX   KMAC's customization string
  size:N                 KMAC's output length in bytes (default 32 for
                         KMAC128, 64 for KMAC256)

So that a key need not appear in the process list, hexkey: also takes
env:NAME and file:PATH (hexkey:env:MACKEY). Options come before ALG;
each parameter is given once (key: and hexkey: are one). In FIPS mode Poly1305 is refused.
`

// runMAC runs "hazmat mac".
func runMAC(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := commandFlags("mac", "[-macopt NAME:VALUE]... [-in FILE] [-out FILE] [-binary] ALG", macHelp, stderr)
	var opts macOpts
	fs.Var(&opts, "macopt", "a MAC parameter `NAME:VALUE` (repeatable)")
	in := fs.String("in", "-", "read the input from `FILE`")
	out := fs.String("out", "-", "write the MAC to `FILE`")
	binary := fs.Bool("binary", false, "write the MAC as raw bytes")
	if code, ok := parseCommandFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return usageError(fs, "one ALG is required after the options (CMAC, GMAC, KMAC128, KMAC256, POLY1305, HMAC)")
	}
	w, err := newMACWriter(fs.Arg(0), opts)
	if err != nil {
		return fail(stderr, "%s", describeMACError(err))
	}
	r, closeIn, err := openInput(*in, stdin)
	if err != nil {
		return fail(stderr, "%v", err)
	}
	defer closeIn()
	if _, err := io.Copy(w, r); err != nil {
		return fail(stderr, "%s", describeMACError(err))
	}
	tag, err := w.Finalize()
	if err != nil {
		return fail(stderr, "%s", describeMACError(err))
	}
	text := tag
	if !*binary {
		text = []byte(strings.ToUpper(hex.EncodeToString(tag)) + "\n")
	}
	o, err := openOutput(*out, stdout)
	if err != nil {
		return fail(stderr, "%v", err)
	}
	if err := write(o, text); err != nil {
		o.abort()
		return fail(stderr, "%v", err)
	}
	if err := o.commit(); err != nil {
		return fail(stderr, "%v", err)
	}
	return exitOK
}

// macOpts collects -macopt NAME:VALUE, in order.
type macOpts struct{ list [][2]string }

func (m *macOpts) String() string { return "" } // never show a key in help

func (m *macOpts) Set(s string) error {
	name, value, ok := strings.Cut(s, ":")
	if !ok || name == "" {
		return fmt.Errorf("-macopt takes NAME:VALUE, got %q", s)
	}
	m.list = append(m.list, [2]string{strings.ToLower(name), value})
	return nil
}

// macWriter is what hmac.HMAC and mac.MAC have in common here.
type macWriter interface {
	io.Writer
	Finalize() ([]byte, error)
}

// macParams are the -macopt values, decoded.
type macParams struct {
	key, iv, custom []byte
	keySet, ivSet   bool
	cipher, digest  string
	size            int
}

func parseMACOpts(opts macOpts) (macParams, error) {
	var p macParams
	seen := map[string]bool{}
	for _, o := range opts.list {
		name, v := o[0], o[1]
		// openssl mac keeps the first of repeated parameters: refuse a
		// repeat (key and hexkey are one parameter) rather than compute
		// another MAC than openssl's without a word.
		k := strings.TrimPrefix(name, "hex")
		if seen[k] {
			return p, fmt.Errorf("-macopt %s given twice", k)
		}
		seen[k] = true
		var err error
		switch name {
		case "key":
			p.key, p.keySet = []byte(v), true
		case "hexkey":
			var s string
			if s, err = resolveKey(v); err == nil {
				p.key, err = decodeHex(s)
			}
			p.keySet = true
		case "iv":
			p.iv, p.ivSet = []byte(v), true
		case "hexiv":
			p.iv, err = decodeHex(v)
			p.ivSet = true
		case "custom":
			p.custom = []byte(v)
		case "hexcustom":
			p.custom, err = decodeHex(v)
		case "cipher":
			p.cipher = strings.ToLower(v)
		case "digest":
			p.digest = strings.ToLower(v)
		case "size":
			if p.size, err = strconv.Atoi(v); err != nil {
				err = errors.New("not a number")
			} else if p.size < 1 {
				err = errors.New("must be 1 or more")
			}
		default:
			return p, fmt.Errorf("-macopt: unknown parameter %q (hazmat help mac lists them)", name)
		}
		if err != nil {
			return p, fmt.Errorf("-macopt %s: %v", name, err)
		}
	}
	if !p.keySet {
		return p, errors.New("-macopt key:TEXT or hexkey:HEX is required")
	}
	return p, nil
}

// newMACWriter returns the MAC of algorithm name with the -macopt
// parameters.
func newMACWriter(name string, opts macOpts) (macWriter, error) {
	p, err := parseMACOpts(opts)
	if err != nil {
		return nil, err
	}
	only := func(alg string, allowed ...string) error {
		given := map[string]bool{"cipher": p.cipher != "", "digest": p.digest != "", "iv": p.ivSet, "custom": p.custom != nil, "size": p.size != 0}
		for _, a := range allowed {
			delete(given, a)
		}
		for _, o := range []string{"cipher", "digest", "iv", "custom", "size"} {
			if given[o] {
				return fmt.Errorf("-macopt %s does not apply to %s", o, alg)
			}
		}
		return nil
	}
	var alg backends.MACAlgorithm
	switch up := strings.ToUpper(name); up {
	case "HMAC":
		if err := only(up, "digest"); err != nil {
			return nil, err
		}
		if p.digest == "" {
			return nil, errors.New("HMAC needs -macopt digest:NAME")
		}
		h, ok := hashes.ByName(p.digest)
		if !ok {
			return nil, fmt.Errorf("unknown digest %q (hazmat info lists them)", p.digest)
		}
		return hmac.NewWithBackend(p.key, h, backend)
	case "CMAC":
		if err := only(up, "cipher"); err != nil {
			return nil, err
		}
		want := map[string]int{"aes-128-cbc": 16, "aes-192-cbc": 24, "aes-256-cbc": 32, "des-ede3-cbc": 24}
		n, ok := want[p.cipher]
		if !ok {
			return nil, fmt.Errorf("CMAC needs -macopt cipher: AES-128-CBC, AES-192-CBC, AES-256-CBC or DES-EDE3-CBC, got %q", p.cipher)
		}
		if len(p.key) != n {
			return nil, fmt.Errorf("%s takes a %d-byte key, got %s", strings.ToUpper(p.cipher), n, byteCount(len(p.key)))
		}
		alg = macalg.CMAC{Cipher: macalg.AES}
		if p.cipher == "des-ede3-cbc" {
			alg = macalg.CMAC{Cipher: macalg.TripleDES}
		}
	case "GMAC":
		if err := only(up, "cipher", "iv"); err != nil {
			return nil, err
		}
		want := map[string]int{"aes-128-gcm": 16, "aes-192-gcm": 24, "aes-256-gcm": 32}
		n, ok := want[p.cipher]
		if !ok {
			return nil, fmt.Errorf("GMAC needs -macopt cipher: AES-128-GCM, AES-192-GCM or AES-256-GCM, got %q", p.cipher)
		}
		if len(p.key) != n {
			return nil, fmt.Errorf("%s takes a %d-byte key, got %s", strings.ToUpper(p.cipher), n, byteCount(len(p.key)))
		}
		if !p.ivSet {
			return nil, errors.New("GMAC needs -macopt iv:TEXT or hexiv:HEX")
		}
		if alg, err = macalg.NewGMAC(p.iv); err != nil {
			return nil, err
		}
	case "KMAC128", "KMAC-128", "KMAC256", "KMAC-256":
		if err := only(up, "custom", "size"); err != nil {
			return nil, err
		}
		if strings.Contains(up, "128") {
			alg, err = macalg.NewKMAC128(p.custom, cmp(p.size, 32))
		} else {
			alg, err = macalg.NewKMAC256(p.custom, cmp(p.size, 64))
		}
		if err != nil {
			return nil, err
		}
	case "POLY1305":
		if err := only(up); err != nil {
			return nil, err
		}
		alg = macalg.Poly1305{}
	default:
		return nil, fmt.Errorf("unknown MAC %q: hazmat mac takes CMAC, GMAC, KMAC128, KMAC256, POLY1305 or HMAC", name)
	}
	return mac.NewWithBackend(alg, p.key, backend)
}

// cmp returns v, or def when v is 0.
func cmp(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// describeMACError words a MAC error for one line: an unsupported
// algorithm briefly ("Poly1305: refused in FIPS mode"), the rest as is.
func describeMACError(err error) string {
	if s, ok := describeUnsupported(err); ok {
		return s
	}
	return withoutPackage(err.Error())
}
