package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/keywrap"
)

const wrapHelp = `
Wrap the key read from -in (standard input by default) under the
key-encryption key KEK with AES key wrap (RFC 3394), or with -pad AES key
wrap with padding (RFC 5649), and write the wrapped key. The output is the
same as "openssl enc -id-aesNNN-wrap -K KEK -iv A6A6A6A6A6A6A6A6" (with
-pad: "-id-aesNNN-wrap-pad -iv A65959A6"), NNN the KEK's length in bits
(16, 24 or 32 bytes), for keys of up to 4088 bytes: "openssl enc" reads
its input in pieces of 4096 bytes and wraps (and unwraps) each on its
own, where hazmat wraps the whole key, as RFC 3394 and 5649 define. Without -pad the key must be
a multiple of 8 bytes, at least 16.

` + keySourceHelp + `
`

const unwrapHelp = `
Unwrap the wrapped key read from -in (standard input by default) with the
key-encryption key KEK, AES key wrap (RFC 3394) or with -pad AES key wrap
with padding (RFC 5649), and write the key. A wrapped key that fails its
integrity check is an error, and nothing is written. The same as
"openssl enc -d -id-aesNNN-wrap[-pad]" with the default IV.

` + keySourceHelp + `
`

// maxWrapInput bounds what wrap and unwrap read: keys are small.
const maxWrapInput = 1 << 20

func runWrap(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runKeyWrap("wrap", wrapHelp, true, args, stdin, stdout, stderr)
}

func runUnwrap(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runKeyWrap("unwrap", unwrapHelp, false, args, stdin, stdout, stderr)
}

func runKeyWrap(name, help string, wrap bool, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := commandFlags(name, "-K KEK [-pad] [-in FILE] [-out FILE]", help, stderr)
	var keyArg hexKey
	fs.Var(&keyArg, "K", "the key-encryption `KEK` in hex, or env:NAME, or file:PATH (required)")
	pad := fs.Bool("pad", false, "AES key wrap with padding (RFC 5649)")
	in := fs.String("in", "-", "read from `FILE`")
	out := fs.String("out", "-", "write to `FILE`")
	if code, ok := parseCommandFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() != 0 {
		return usageError(fs, "unexpected argument %q", fs.Arg(0))
	}
	if !keyArg.set {
		return usageError(fs, "-K KEK is required")
	}
	kek, err := keyArg.Key()
	if err != nil {
		return fail(stderr, "-K: %v", err)
	}
	defer clear(kek)
	if n := len(kek); n != 16 && n != 24 && n != 32 {
		return fail(stderr, "-K: AES key wrap takes a 16, 24 or 32-byte KEK, got %s", byteCount(n))
	}
	r, closeIn, err := openInput(*in, stdin)
	if err != nil {
		return fail(stderr, "%v", err)
	}
	defer closeIn()
	data, err := io.ReadAll(io.LimitReader(r, maxWrapInput+1))
	if err != nil {
		return fail(stderr, "-in: %v", err)
	}
	defer clear(data)
	if len(data) > maxWrapInput {
		return fail(stderr, "-in: more than %d bytes: key wrap is for keys", maxWrapInput)
	}
	mode := backends.KW
	if *pad {
		mode = backends.KWP
	}
	w := keywrap.WithBackend(mode, backend)
	var res []byte
	if wrap {
		res, err = w.Wrap(kek, data)
	} else {
		res, err = w.Unwrap(kek, data)
	}
	if err != nil {
		switch {
		case errors.Is(err, keywrap.ErrInvalidUnwrap):
			return fail(stderr, "unwrap: the wrapped key is damaged, or the KEK or -pad is wrong (%v)", err)
		case errors.Is(err, backends.ErrInvalidDataLength):
			return fail(stderr, "%s: %s", name, lengthAdvice(mode, len(data)))
		}
		return fail(stderr, "%s", describeMACError(err))
	}
	defer clear(res)
	o, err := openOutput(*out, stdout)
	if err != nil {
		return fail(stderr, "%v", err)
	}
	if err := write(o, res); err != nil {
		o.abort()
		return fail(stderr, "%v", err)
	}
	if err := o.commit(); err != nil {
		return fail(stderr, "%v", err)
	}
	return exitOK
}

func lengthAdvice(mode backends.KeyWrapMode, n int) string {
	if mode.Padded() {
		return fmt.Sprintf("the key is %s; AES key wrap with padding takes 1 byte or more", byteCount(n))
	}
	return fmt.Sprintf("the key is %s; AES key wrap takes a multiple of 8 bytes, at least 16 (-pad takes any length)", byteCount(n))
}
