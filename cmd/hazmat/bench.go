package main

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	gohmac "crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
	"io"
	"text/tabwriter"
	"time"

	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

const benchHelp = `
Measure hazmat (OpenSSL through cgo) against Go's own crypto on this
machine, for AES-128-GCM seal and open, AES-256-CBC encryption, AES-128-CTR,
one-shot SHA-256 and SHA-512, a reused SHA-256 hasher, HMAC-SHA256 of one
message, and a new SHA-256 hasher per message, each at 64 bytes (where the
cost of a cgo call shows) and 16 KiB. Each case runs for about -time per
implementation; progress goes to standard error, and the table to standard
output:

    OP  SIZE  HAZMAT MB/s  GO MB/s  RATIO

RATIO is hazmat's throughput divided by Go's (above 1: hazmat is faster).
Every case is an approved algorithm, so bench runs in FIPS mode too. Before
timing, each case checks that both implementations give the same output.
`

// benchSizes are the message sizes every case runs at.
var benchSizes = []int{64, 16 << 10}

// A benchImpl prepares one implementation of a case for messages of size
// bytes and returns the operation to time; each call does the operation
// once and returns its output (which may live in a reused buffer).
type benchImpl func(size int) (op func() []byte, err error)

// benchCase is one operation, measured for hazmat and for Go.
type benchCase struct {
	name           string
	hazmat, golang benchImpl
}

// Fixed keys and nonces: the numbers do not depend on them.
var (
	benchKey16 = bytes.Repeat([]byte{0x2b}, 16)
	benchKey32 = bytes.Repeat([]byte{0x4c}, 32)
	benchIV    = bytes.Repeat([]byte{0x07}, 16)
	benchNonce = bytes.Repeat([]byte{0x09}, 12)
)

// benchMessage returns size bytes of a fixed pattern.
func benchMessage(size int) []byte {
	b := make([]byte, size)
	for i := range b {
		b[i] = byte(i * 7)
	}
	return b
}

func goGCM(key []byte) (cipher.AEAD, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(b)
}

// benchCases lists the cases in the order the table shows them.
func benchCases() []benchCase {
	return []benchCase{
		{
			name: "AES128GCMSeal",
			hazmat: func(size int) (func() []byte, error) {
				g, err := aead.NewAESGCM(benchKey16)
				if err != nil {
					return nil, err
				}
				pt, out := benchMessage(size), make([]byte, 0, size+16)
				return func() []byte { return g.Seal(out[:0], benchNonce, pt, nil) }, nil
			},
			golang: func(size int) (func() []byte, error) {
				g, err := goGCM(benchKey16)
				if err != nil {
					return nil, err
				}
				pt, out := benchMessage(size), make([]byte, 0, size+16)
				return func() []byte { return g.Seal(out[:0], benchNonce, pt, nil) }, nil
			},
		},
		{
			name: "AES128GCMOpen",
			hazmat: func(size int) (func() []byte, error) {
				g, err := aead.NewAESGCM(benchKey16)
				if err != nil {
					return nil, err
				}
				return gcmOpener(g, size)
			},
			golang: func(size int) (func() []byte, error) {
				g, err := goGCM(benchKey16)
				if err != nil {
					return nil, err
				}
				return gcmOpener(g, size)
			},
		},
		{
			name: "AES256CBCEncrypt",
			hazmat: func(size int) (func() []byte, error) {
				alg, err := algorithms.NewAES(benchKey32)
				if err != nil {
					return nil, err
				}
				mode, err := modes.NewCBC(benchIV)
				if err != nil {
					return nil, err
				}
				bm, err := ciphers.NewBlockModeEncrypter(alg, mode)
				if err != nil {
					return nil, err
				}
				return blockModeOp(bm, size), nil
			},
			golang: func(size int) (func() []byte, error) {
				b, err := aes.NewCipher(benchKey32)
				if err != nil {
					return nil, err
				}
				return blockModeOp(cipher.NewCBCEncrypter(b, benchIV), size), nil
			},
		},
		{
			name: "AES128CTR",
			hazmat: func(size int) (func() []byte, error) {
				alg, err := algorithms.NewAES(benchKey16)
				if err != nil {
					return nil, err
				}
				mode, err := modes.NewCTR(benchIV)
				if err != nil {
					return nil, err
				}
				s, err := ciphers.NewStreamEncrypter(alg, mode)
				if err != nil {
					return nil, err
				}
				return streamOp(s, size), nil
			},
			golang: func(size int) (func() []byte, error) {
				b, err := aes.NewCipher(benchKey16)
				if err != nil {
					return nil, err
				}
				return streamOp(cipher.NewCTR(b, benchIV), size), nil
			},
		},
		{
			name:   "SHA256",
			hazmat: hazmatSum(hashes.SHA256{}),
			golang: func(size int) (func() []byte, error) {
				msg, out := benchMessage(size), make([]byte, 0, sha256.Size)
				return func() []byte {
					s := sha256.Sum256(msg)
					return append(out[:0], s[:]...)
				}, nil
			},
		},
		{
			name:   "SHA512",
			hazmat: hazmatSum(hashes.SHA512{}),
			golang: func(size int) (func() []byte, error) {
				msg, out := benchMessage(size), make([]byte, 0, sha512.Size)
				return func() []byte {
					s := sha512.Sum512(msg)
					return append(out[:0], s[:]...)
				}, nil
			},
		},
		{
			name: "SHA256Reuse",
			hazmat: func(size int) (func() []byte, error) {
				h, err := hashes.New(hashes.SHA256{})
				if err != nil {
					return nil, err
				}
				return reuseOp(h, size), nil
			},
			golang: func(size int) (func() []byte, error) {
				return reuseOp(sha256.New(), size), nil
			},
		},
		{
			name: "HMACSHA256",
			hazmat: func(size int) (func() []byte, error) {
				msg := benchMessage(size)
				if _, err := hmac.Sum(benchKey32, hashes.SHA256{}, msg); err != nil {
					return nil, err
				}
				return func() []byte {
					out, _ := hmac.Sum(benchKey32, hashes.SHA256{}, msg) // checked above
					return out
				}, nil
			},
			golang: func(size int) (func() []byte, error) {
				msg := benchMessage(size)
				return func() []byte {
					m := gohmac.New(sha256.New, benchKey32)
					m.Write(msg)
					return m.Sum(nil)
				}, nil
			},
		},
		{
			name: "NewSHA256",
			hazmat: func(size int) (func() []byte, error) {
				if _, err := hashes.New(hashes.SHA256{}); err != nil {
					return nil, err
				}
				msg, out := benchMessage(size), make([]byte, 0, sha256.Size)
				return func() []byte {
					h, _ := hashes.New(hashes.SHA256{}) // checked above
					h.Write(msg)
					return h.Sum(out[:0])
				}, nil
			},
			golang: func(size int) (func() []byte, error) {
				msg, out := benchMessage(size), make([]byte, 0, sha256.Size)
				return func() []byte {
					h := sha256.New()
					h.Write(msg)
					return h.Sum(out[:0])
				}, nil
			},
		},
	}
}

// gcmOpener seals one message with g and returns an operation that opens
// it.
func gcmOpener(g cipher.AEAD, size int) (func() []byte, error) {
	sealed := g.Seal(nil, benchNonce, benchMessage(size), nil)
	out := make([]byte, 0, size)
	if _, err := g.Open(out[:0], benchNonce, sealed, nil); err != nil {
		return nil, err
	}
	return func() []byte {
		pt, err := g.Open(out[:0], benchNonce, sealed, nil)
		if err != nil {
			return nil // the comparison before timing reports it
		}
		return pt
	}, nil
}

func blockModeOp(bm cipher.BlockMode, size int) func() []byte {
	msg, out := benchMessage(size), make([]byte, size)
	return func() []byte {
		bm.CryptBlocks(out, msg)
		return out
	}
}

func streamOp(s cipher.Stream, size int) func() []byte {
	msg, out := benchMessage(size), make([]byte, size)
	return func() []byte {
		s.XORKeyStream(out, msg)
		return out
	}
}

func reuseOp(h hash.Hash, size int) func() []byte {
	msg, out := benchMessage(size), make([]byte, 0, h.Size())
	return func() []byte {
		h.Reset()
		h.Write(msg)
		return h.Sum(out[:0])
	}
}

// hazmatSum is the one-shot digest of hazmat, appending into a reused
// buffer.
func hazmatSum(alg hashes.Algorithm) benchImpl {
	return func(size int) (func() []byte, error) {
		msg, out := benchMessage(size), make([]byte, 0, alg.DigestSize())
		if _, err := hashes.AppendSum(out, alg, msg); err != nil {
			return nil, err
		}
		return func() []byte {
			d, _ := hashes.AppendSum(out[:0], alg, msg) // checked above
			return d
		}, nil
	}
}

// benchTime measures op: it runs it in growing batches until one batch
// lasts at least d, and returns the time of one call.
func benchTime(op func() []byte, d time.Duration) time.Duration {
	n := 1
	for {
		start := time.Now()
		for range n {
			op()
		}
		elapsed := time.Since(start)
		if elapsed >= d || n >= 1<<30 {
			return elapsed / time.Duration(n)
		}
		// Aim 20% past d from the rate seen so far, growing at least
		// twofold and at most a hundredfold per round.
		next := 100 * n
		if elapsed > 0 {
			next = min(next, int(float64(n)*1.2*float64(d)/float64(elapsed)))
		}
		n = max(next, 2*n)
	}
}

// mbps is the throughput of size bytes per perOp, in MB/s.
func mbps(size int, perOp time.Duration) float64 {
	if perOp <= 0 {
		perOp = 1 // a call faster than the clock's resolution
	}
	return float64(size) / perOp.Seconds() / 1e6
}

// sizeLabel writes a message size as "64 B" or "16 KiB".
func sizeLabel(n int) string {
	if n >= 1<<10 && n%(1<<10) == 0 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// runBench runs "hazmat bench".
func runBench(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := commandFlags("bench", "[-time D]", benchHelp, stderr)
	d := fs.Duration("time", 200*time.Millisecond, "run each case for about `D` per implementation (e.g. 1s, 50ms)")
	if code, ok := parseCommandFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(fs, "unexpected argument %q", fs.Arg(0))
	}
	if *d <= 0 {
		return usageError(fs, "-time must be positive, got %v", *d)
	}

	cases := benchCases()
	total := len(cases) * len(benchSizes)
	code := exitOK
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "OP\tSIZE\tHAZMAT MB/s\tGO MB/s\tRATIO")
	i := 0
	for _, c := range cases {
		for _, size := range benchSizes {
			i++
			fmt.Fprintf(stderr, "[%d/%d] %s %s ...\n", i, total, c.name, sizeLabel(size))
			h, g, err := benchPair(c, size, *d)
			if err != nil {
				warn(stderr, "bench %s %s: %v", c.name, sizeLabel(size), err)
				fmt.Fprintf(tw, "%s\t%s\t-\t-\t-\n", c.name, sizeLabel(size))
				code = exitFailure
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%.1f\t%.1f\t%.2f\n", c.name, sizeLabel(size), h, g, h/g)
		}
	}
	tw.Flush()
	return code
}

// benchPair measures one case at one size for both implementations and
// returns their throughputs in MB/s. It first checks that they agree.
func benchPair(c benchCase, size int, d time.Duration) (hazmatMBps, goMBps float64, err error) {
	hop, err := c.hazmat(size)
	if err != nil {
		return 0, 0, fmt.Errorf("hazmat: %w", err)
	}
	gop, err := c.golang(size)
	if err != nil {
		return 0, 0, fmt.Errorf("go: %w", err)
	}
	if h, g := bytes.Clone(hop()), gop(); !bytes.Equal(h, g) {
		return 0, 0, fmt.Errorf("hazmat and Go disagree: hazmat gives %s, Go %s", vecHex(h), vecHex(g))
	}
	return mbps(size, benchTime(hop, d)), mbps(size, benchTime(gop, d)), nil
}
