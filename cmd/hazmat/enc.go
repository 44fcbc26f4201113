package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/padding"
)

const encSynopsis = "-cipher NAME | -NAME  -K KEY [-iv HEX] [-nopad] [-pad-key] [-in FILE] [-out FILE]"

const encHelp = `
Encrypt (hazmat enc) or decrypt (hazmat dec) a stream with a raw key, as
"openssl enc -e|-d -NAME -K HEX -iv HEX" does, byte for byte: no salt, no
header, no password. NAME is the cipher as OpenSSL spells it, in any case,
given with -cipher or as a flag of its own (-aes-256-cbc): aes-128-cbc,
aes-256-ctr, camellia-192-ofb, des3, bf-cfb, cast5-ecb, seed-cbc, sm4-ctr,
rc4, chacha20, ...; AEAD and XTS ciphers are refused, as OpenSSL refuses
them. ECB and CBC pad with PKCS #7 unless -nopad is given.

-K and -iv are hex, of exactly the length the cipher takes: a key or IV of
another length is an error that names the length expected (aes-256-cbc
takes a 32-byte key and a 16-byte IV). Blowfish (4 to 56 bytes), CAST5 (5
to 16) and RC4 (5 to 256) take a key of any length they allow, used as
given. -pad-key restores "openssl enc"'s behaviour instead: a short -K or
-iv is padded with zero bytes and a long one cut, with a warning, to the
cipher's default length, so that both tools give the same output.

` + keySourceHelp + `

Input and output default to standard input and output ("-"). -out FILE is
written to a temporary file beside FILE and renamed to FILE only when the
whole stream succeeded: a failed enc or dec (a bad decrypt, a read error)
leaves no FILE behind and an existing FILE untouched, where "openssl enc"
leaves a partial one. A FILE that is a symbolic link is written through:
the file it names is replaced, the link stays. "hazmat enc -d" is "hazmat
dec".

` + progressHelp + `
`

// encChunk is how much input hazmat enc reads at a time.
const encChunk = 64 << 10

// runEnc runs "hazmat enc".
func runEnc(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runCrypt("enc", true, args, stdin, stdout, stderr)
}

// runDec runs "hazmat dec".
func runDec(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runCrypt("dec", false, args, stdin, stdout, stderr)
}

// runCrypt runs enc (encrypt true) or dec.
func runCrypt(name string, encrypt bool, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := commandFlags(name, encSynopsis, encHelp, stderr)
	cipherName := fs.String("cipher", "", "the cipher `NAME`, as OpenSSL spells it (or give it as a flag: -aes-128-cbc)")
	var keyArg hexKey
	fs.Var(&keyArg, "K", "the `KEY` in hex, or env:NAME, or file:PATH (required)")
	ivHex := fs.String("iv", "", "the IV in `HEX` (for ChaCha20, the 4-byte counter then the 12-byte nonce)")
	nopad := fs.Bool("nopad", false, "no PKCS #7 padding for ECB and CBC: the input must be whole blocks")
	padKey := fs.Bool("pad-key", false, "as openssl enc: pad a short -K or -iv with zero bytes, cut a long one (with a warning)")
	inFile := fs.String("in", "-", "read input from `FILE`")
	outFile := fs.String("out", "-", "write output to `FILE`")
	var enc, dec *bool
	if encrypt {
		enc = fs.Bool("e", false, "encrypt (the default)")
		dec = fs.Bool("d", false, `decrypt, as "hazmat dec" does`)
	}

	bare, args, err := bareCipherFlags(fs, args)
	if err != nil {
		return usageError(fs, "%v", err)
	}
	if code, ok := parseCommandFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(fs, "unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if encrypt {
		if *enc && *dec {
			return usageError(fs, "-e and -d exclude each other")
		}
		encrypt = !*dec
	}
	switch {
	case bare != "" && set["cipher"] && !strings.EqualFold(bare, *cipherName):
		return usageError(fs, "two ciphers given: -cipher %s and -%s", *cipherName, bare)
	case bare != "":
		*cipherName = bare
	case *cipherName == "":
		return usageError(fs, "no cipher given: use -cipher NAME or -NAME")
	}

	spec, err := lookupCipher(*cipherName)
	switch {
	case errors.Is(err, errUnknownCipher):
		return fail(stderr, "unknown cipher %q", *cipherName)
	case err != nil:
		return fail(stderr, "%s: %s", strings.ToLower(*cipherName), withoutPackage(err.Error()))
	}
	if !keyArg.set {
		return usageError(fs, "-K is required (hazmat takes no password)")
	}
	if spec.ivLen > 0 && !set["iv"] {
		return usageError(fs, "-iv is required: %s takes a %d-byte IV", spec.name, spec.ivLen)
	}
	keyText, err := resolveKey(keyArg.arg)
	if err != nil {
		return fail(stderr, "-K: %v", err)
	}
	var key []byte
	if *padKey {
		var msg string
		key, msg, err = parseHexArg(keyText, spec.keyLen)
		if err != nil {
			return fail(stderr, "-K: %v", err)
		}
		if msg != "" {
			warn(stderr, "-K: %s", msg)
		}
	} else {
		if key, err = decodeHex(keyText); err != nil {
			return fail(stderr, "-K: %v", err)
		}
		if err := spec.checkKeyLen(len(key)); err != nil {
			clear(key)
			return fail(stderr, "-K: %v", err)
		}
	}
	defer clear(key)

	var iv []byte
	switch {
	case spec.ivLen == 0 && set["iv"]:
		warn(stderr, "warning: iv not used by this cipher")
	case spec.ivLen > 0 && *padKey:
		var msg string
		iv, msg, err = parseHexArg(*ivHex, spec.ivLen)
		if err != nil {
			return fail(stderr, "-iv: %v", err)
		}
		if msg != "" {
			warn(stderr, "-iv: %s", msg)
		}
	case spec.ivLen > 0:
		if iv, err = decodeHex(*ivHex); err != nil {
			return fail(stderr, "-iv: %v", err)
		}
		if err := spec.checkIVLen(len(iv)); err != nil {
			return fail(stderr, "-iv: %v", err)
		}
	}
	ctx, err := newCryptContext(spec, key, iv, encrypt)
	clear(key)
	if err != nil {
		if what, ok := describeUnsupported(err); ok {
			return fail(stderr, "%s: %s", spec.name, what)
		}
		return fail(stderr, "%s: %s", spec.name, withoutPackage(err.Error()))
	}

	s := &cryptStream{ctx: ctx, encrypt: encrypt}
	if spec.padBits > 0 && !*nopad {
		p, err := padding.NewPKCS7(spec.padBits)
		if err != nil {
			return fail(stderr, "%s: %s", spec.name, withoutPackage(err.Error()))
		}
		if encrypt {
			s.padder = p.Padder()
		} else {
			s.unpadder = p.Unpadder()
		}
	}
	in, closeIn, err := openInput(*inFile, stdin)
	if err != nil {
		return fail(stderr, "%v", err)
	}
	defer closeIn()
	out, err := openOutput(*outFile, stdout)
	if err != nil {
		return fail(stderr, "%v", err)
	}
	pr := newProgress(stderr).reader(*inFile, in)
	err = s.run(pr, out)
	pr.done()
	if err != nil {
		out.abort()
		return fail(stderr, "%v", err)
	}
	if err := out.commit(); err != nil {
		return fail(stderr, "%v", err)
	}
	return exitOK
}

// bareCipherFlags takes out of args a cipher given as a flag of its own
// (-aes-128-cbc, --des3), as OpenSSL's enc accepts it, and returns its name
// and the other arguments. A flag that names neither a flag of fs nor a
// cipher that lookupCipher knows (or refuses by name) is left for the flag
// package to report.
func bareCipherFlags(fs *flag.FlagSet, args []string) (string, []string, error) {
	var name string
	rest := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || len(a) < 2 || a[0] != '-' {
			rest = append(rest, args[i:]...)
			break
		}
		flagName := strings.TrimPrefix(a[1:], "-")
		if strings.Contains(flagName, "=") {
			rest = append(rest, a)
			continue
		}
		if f := fs.Lookup(flagName); f != nil {
			rest = append(rest, a)
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); (!ok || !b.IsBoolFlag()) && i+1 < len(args) {
				i++
				rest = append(rest, args[i])
			}
			continue
		}
		if _, err := lookupCipher(flagName); errors.Is(err, errUnknownCipher) {
			rest = append(rest, a)
			continue
		}
		if name != "" && !strings.EqualFold(name, flagName) {
			return "", nil, fmt.Errorf("two ciphers given: -%s and -%s", name, flagName)
		}
		name = flagName
	}
	return name, rest, nil
}

// parseHexArg decodes the hex of -K or -iv into size bytes the way
// OpenSSL's enc does: a short string is padded with zero bytes and a long
// one cut to 2*size digits (msg then says so), and an odd digit count
// fills the high half of the last byte. Only the digits kept must be hex.
func parseHexArg(s string, size int) (b []byte, msg string, err error) {
	switch n := 2 * size; {
	case len(s) > n:
		s, msg = s[:n], "hex string is too long, ignoring excess"
	case len(s) < n:
		msg = "hex string is too short, padding with zero bytes to length"
	}
	b = make([]byte, size)
	for i := 0; i < len(s); i++ {
		v, ok := hexDigit(s[i])
		if !ok {
			return nil, "", &hexError{pos: i + 1}
		}
		if i%2 == 0 {
			b[i/2] = v << 4
		} else {
			b[i/2] |= v
		}
	}
	return b, msg, nil
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// newCryptContext builds the cipher of spec and returns its encrypting or
// decrypting context.
func newCryptContext(spec cipherSpec, key, iv []byte, encrypt bool) (*ciphers.Context, error) {
	alg, mode, err := spec.build(key, iv)
	if err != nil {
		return nil, err
	}
	c, err := ciphers.NewCipherWithBackend(alg, mode, backend)
	if err != nil {
		return nil, err
	}
	if encrypt {
		return c.Encryptor()
	}
	return c.Decryptor()
}

// openInput opens -in: name "-" is stdin.
func openInput(name string, stdin io.Reader) (io.Reader, func(), error) {
	if name == "-" {
		return stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, fmt.Errorf("-in: %v", err)
	}
	return f, func() { f.Close() }, nil
}

// A cryptOutput is where enc and dec write: standard output, or a temporary
// file beside -out FILE that commit renames to FILE and abort removes, so
// that a failure leaves no partial FILE. A FILE that exists and is not a
// regular file (a device, a pipe) is written in place.
type cryptOutput struct {
	io.Writer
	f          *os.File // nil for standard output
	tmp, final string   // tmp "" when f is written in place
}

// openOutput opens -out: name "-" is stdout.
func openOutput(name string, stdout io.Writer) (*cryptOutput, error) {
	if name == "-" {
		return &cryptOutput{Writer: stdout}, nil
	}
	name, err := followLinks(name)
	if err != nil {
		return nil, fmt.Errorf("-out: %v", err)
	}
	if fi, err := os.Stat(name); err == nil && !fi.Mode().IsRegular() {
		f, err := os.OpenFile(name, os.O_WRONLY, 0)
		if err != nil {
			return nil, fmt.Errorf("-out: %v", err)
		}
		return &cryptOutput{Writer: f, f: f}, nil
	}
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	// The mode os.Create gives, less the umask; an existing FILE keeps
	// its own mode below.
	var mode os.FileMode = 0o666
	if fi, err := os.Stat(name); err == nil {
		mode = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(dir, "."+base+".hazmat-*")
	if err != nil {
		return nil, fmt.Errorf("-out: %v", err)
	}
	if err := f.Chmod(mode &^ umask()); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("-out: %v", err)
	}
	return &cryptOutput{Writer: f, f: f, tmp: f.Name(), final: name}, nil
}

// commit closes the output and puts it in place.
// followLinks returns the file that name reaches through symbolic links
// (name itself when it is none), existing or not, so that the rename of
// the finished output replaces the file a link names, as writing through
// the link would, and not the link.
func followLinks(name string) (string, error) {
	for range 40 { // Linux's limit of links in one lookup
		fi, err := os.Lstat(name)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			return name, nil
		}
		t, err := os.Readlink(name)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(t) {
			t = filepath.Join(filepath.Dir(name), t)
		}
		name = t
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", displayName(name))
}

func (o *cryptOutput) commit() error {
	if o.f == nil {
		return nil
	}
	if err := o.f.Close(); err != nil {
		o.remove()
		return fmt.Errorf("-out: %v", err)
	}
	if o.tmp == "" {
		return nil
	}
	if err := os.Rename(o.tmp, o.final); err != nil {
		o.remove()
		return fmt.Errorf("-out: %v", err)
	}
	return nil
}

// abort closes the output and removes what was written of it.
func (o *cryptOutput) abort() {
	if o.f == nil {
		return
	}
	o.f.Close()
	o.remove()
}

func (o *cryptOutput) remove() {
	if o.tmp != "" {
		os.Remove(o.tmp)
	}
}

// A cryptStream runs a stream through a cipher context in encChunk pieces,
// in constant memory, padding before encryption (padder) or unpadding
// after decryption (unpadder) when the mode needs it.
type cryptStream struct {
	ctx      *ciphers.Context
	encrypt  bool
	padder   *padding.Padder
	unpadder *padding.Unpadder
}

// errBadDecrypt is the error of a decryption whose length or padding is
// wrong, in OpenSSL's words; like OpenSSL's, it does not say which.
var errBadDecrypt = errors.New("bad decrypt")

// run reads in to its end and writes the result to out.
func (s *cryptStream) run(in io.Reader, out io.Writer) error {
	inBuf := make([]byte, encChunk)
	outBuf := make([]byte, encChunk+64) // room for the blocks a padder or the context held back
	for {
		n, rerr := io.ReadFull(in, inBuf)
		if n > 0 {
			if err := s.update(inBuf[:n], outBuf, out); err != nil {
				return err
			}
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			break
		}
		if rerr != nil {
			return fmt.Errorf("read: %v", rerr)
		}
	}
	return s.finalize(outBuf, out)
}

// update processes one piece of input.
func (s *cryptStream) update(data, buf []byte, out io.Writer) error {
	if s.padder != nil {
		var err error
		if data, err = s.padder.Update(data); err != nil {
			return err
		}
	}
	return s.crypt(data, buf, out)
}

// crypt runs data, padded when encrypting, through the context and
// writes the result, unpadded when decrypting.
func (s *cryptStream) crypt(data, buf []byte, out io.Writer) error {
	k, err := s.ctx.UpdateInto(data, buf)
	if err != nil {
		return err
	}
	res := buf[:k]
	if s.unpadder != nil {
		if res, err = s.unpadder.Update(res); err != nil {
			return err
		}
	}
	return write(out, res)
}

// finalize ends the stream: the padding block, the context's last bytes,
// the unpadded last block.
func (s *cryptStream) finalize(buf []byte, out io.Writer) error {
	if s.padder != nil {
		last, err := s.padder.Finalize()
		if err != nil {
			return err
		}
		if err := s.crypt(last, buf, out); err != nil {
			return err
		}
	}
	tail, err := s.ctx.Finalize()
	if err != nil {
		switch {
		case !s.encrypt:
			return errBadDecrypt
		case errors.Is(err, backends.ErrInvalidDataLength):
			return errors.New("bad encrypt: the input is not a whole number of blocks (-nopad)")
		}
		return fmt.Errorf("bad encrypt: %v", err)
	}
	if s.unpadder != nil {
		res, err := s.unpadder.Update(tail)
		if err != nil {
			return err
		}
		if err := write(out, res); err != nil {
			return err
		}
		if tail, err = s.unpadder.Finalize(); err != nil {
			return errBadDecrypt
		}
	}
	return write(out, tail)
}

func write(w io.Writer, p []byte) error {
	if len(p) == 0 {
		return nil
	}
	if _, err := w.Write(p); err != nil {
		return fmt.Errorf("write: %v", err)
	}
	return nil
}
