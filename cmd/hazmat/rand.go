package main

import (
	"bufio"
	"encoding/base64"
	"encoding/hex"
	"io"
	"strconv"
)

const randHelp = `
Write N random bytes from the backend's generator (OpenSSL's DRBG, in
FIPS mode the FIPS provider's; or Go's crypto/rand, in FIPS mode Go's
module's DRBG), as "openssl rand" does: raw, or with -hex as one line of
lower-case hex, or with -base64 in lines of 64 characters.
`

// randChunk is how many random bytes rand draws and writes at a time.
const randChunk = 4096

// runRand runs "hazmat rand".
func runRand(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := commandFlags("rand", "[-hex | -base64] [-out FILE] N", randHelp, stderr)
	asHex := fs.Bool("hex", false, "write hex")
	asBase64 := fs.Bool("base64", false, "write base64, 64 characters a line")
	out := fs.String("out", "-", "write to `FILE`")
	if code, ok := parseCommandFlags(fs, args, stdout); !ok {
		return code
	}
	if *asHex && *asBase64 {
		return usageError(fs, "-hex and -base64 exclude each other")
	}
	if fs.NArg() != 1 {
		return usageError(fs, "one N (the number of bytes) is required")
	}
	n, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil || n < 1 {
		return usageError(fs, "N must be a number of bytes, 1 or more, not %q", fs.Arg(0))
	}
	o, err := openOutput(*out, stdout)
	if err != nil {
		return fail(stderr, "%v", err)
	}
	bw := bufio.NewWriter(o)
	var enc io.Writer = bw
	var b64 io.WriteCloser
	if *asBase64 {
		b64 = base64.NewEncoder(base64.StdEncoding, &lineWriter{w: bw, width: 64})
		enc = b64
	}
	buf := make([]byte, randChunk)
	hexBuf := make([]byte, 2*randChunk)
	for n > 0 {
		chunk := buf[:min(int64(len(buf)), n)]
		if err := backend.RandBytes(chunk, false); err != nil {
			o.abort()
			return fail(stderr, "%s", describeMACError(err))
		}
		p := chunk
		if *asHex {
			hex.Encode(hexBuf, chunk)
			p = hexBuf[:2*len(chunk)]
		}
		if _, err := enc.Write(p); err != nil {
			o.abort()
			return fail(stderr, "%v", err)
		}
		n -= int64(len(chunk))
	}
	clear(buf)
	if b64 != nil {
		b64.Close()
	}
	if *asHex || *asBase64 {
		// N >= 1: the last line has text, and lineWriter leaves it open.
		bw.WriteString("\n")
	}
	if err := bw.Flush(); err != nil {
		o.abort()
		return fail(stderr, "%v", err)
	}
	if err := o.commit(); err != nil {
		return fail(stderr, "%v", err)
	}
	return exitOK
}

// lineWriter breaks what it writes into lines of width characters, as
// OpenSSL's base64 filter does; the caller ends the last line.
type lineWriter struct {
	w     io.Writer
	width int
	col   int
}

func (l *lineWriter) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		if l.col == l.width {
			if _, err := l.w.Write([]byte{'\n'}); err != nil {
				return n, err
			}
			l.col = 0
		}
		k := min(len(p), l.width-l.col)
		if _, err := l.w.Write(p[:k]); err != nil {
			return n, err
		}
		n += k
		l.col += k
		p = p[k:]
	}
	return n, nil
}
