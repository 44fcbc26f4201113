package main

// Keys and other hex values given on the command line, and the places a
// key may come from besides the command line.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Key sources: a -K value that starts with one of these prefixes names where
// the key is, not the key. Hex has no colon, so no key is mistaken for one.
const (
	keyFromEnv  = "env:"
	keyFromFile = "file:"
)

// keySourceHelp is the paragraph of help that enc, dec and hmac share.
const keySourceHelp = `The key is hex. So that it need not appear in the process list, -K also
takes env:NAME (the key is the value of the environment variable NAME) or
file:PATH (the key is the content of the file PATH; blanks and line ends
around it are ignored). No message ever shows a key.`

// maxKeyFileSize bounds what hazmat reads from a key file: a key in hex is
// far shorter, and a wrong PATH (a disk image, /dev/zero) is refused early.
const maxKeyFileSize = 64 << 10

// resolveKey returns the hex text of a -K value: the value itself, or the
// content of the environment variable or file it names. Errors name the
// variable or file, never their content.
func resolveKey(arg string) (string, error) {
	switch {
	case strings.HasPrefix(arg, keyFromEnv):
		name := strings.TrimPrefix(arg, keyFromEnv)
		if name == "" {
			return "", errors.New("env: needs the name of an environment variable (env:NAME)")
		}
		v, ok := os.LookupEnv(name)
		if !ok {
			return "", fmt.Errorf("environment variable %s is not set", name)
		}
		return strings.TrimSpace(v), nil
	case strings.HasPrefix(arg, keyFromFile):
		path := strings.TrimPrefix(arg, keyFromFile)
		if path == "" {
			return "", errors.New("file: needs a file name (file:PATH)")
		}
		f, err := os.Open(path)
		if err != nil {
			return "", fmt.Errorf("key file: %s", fileError(path, err))
		}
		defer f.Close()
		buf, err := io.ReadAll(io.LimitReader(f, maxKeyFileSize+1))
		if err != nil {
			return "", fmt.Errorf("key file: %s", fileError(path, err))
		}
		if len(buf) > maxKeyFileSize {
			return "", fmt.Errorf("key file %s is larger than %d bytes", displayName(path), maxKeyFileSize)
		}
		s := strings.TrimSpace(string(buf))
		clear(buf)
		return s, nil
	}
	return arg, nil
}

// A hexError says why a value is not hex. Its text never quotes the value,
// which may be a key: "invalid hex: odd number of digits", "invalid hex:
// character 5 is not a hex digit". Every command words bad hex this way.
type hexError struct {
	odd bool
	pos int // 1-based position of the first bad character
}

func (e *hexError) Error() string {
	if e.odd {
		return "invalid hex: odd number of digits"
	}
	return fmt.Sprintf("invalid hex: character %d is not a hex digit", e.pos)
}

// decodeHex decodes s, in either case, or returns a *hexError.
func decodeHex(s string) ([]byte, error) {
	for i := 0; i < len(s); i++ {
		if _, ok := hexDigit(s[i]); !ok {
			return nil, &hexError{pos: i + 1}
		}
	}
	if len(s)%2 != 0 {
		return nil, &hexError{odd: true}
	}
	b := make([]byte, len(s)/2)
	for i := range b {
		hi, _ := hexDigit(s[2*i])
		lo, _ := hexDigit(s[2*i+1])
		b[i] = hi<<4 | lo
	}
	return b, nil
}

// hexKey is the value of -K: where the key comes from, as given, and
// whether -K was given. The key is read and decoded by [hexKey.Key], after
// the flags are parsed, so that a bad key is a failure (exit status 1)
// rather than a usage error, and is never echoed in a message.
type hexKey struct {
	arg string
	set bool
}

func (k *hexKey) String() string { return "" } // never show a key in help

func (k *hexKey) Set(s string) error {
	k.arg, k.set = s, true
	return nil
}

// Key returns the key's bytes, from the command line, the environment or
// a file.
func (k *hexKey) Key() ([]byte, error) {
	s, err := resolveKey(k.arg)
	if err != nil {
		return nil, err
	}
	return decodeHex(s)
}

// byteCount writes n bytes as "1 byte" or "n bytes".
func byteCount(n int) string {
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}
