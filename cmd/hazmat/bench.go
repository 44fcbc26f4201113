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
	"slices"
	"strings"
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
Measure hazmat, on the backend -backend chooses (OpenSSL through cgo, or
Go's crypto), against Go's own crypto on this machine, for AES-128-GCM seal and open, AES-256-CBC encryption, AES-128-CTR,
one-shot SHA-256 and SHA-512, a reused SHA-256 hasher, HMAC-SHA256 of one
message, and a new SHA-256 hasher per message, each at 64 bytes (where the
cost of a cgo call shows) and 16 KiB. Each case runs -count rounds; a round
times hazmat and Go one after the other for about -time each (the order
alternates from round to round). Progress goes to standard error, and the
table to standard output:

    OP  SIZE  HAZMAT MB/s  GO MB/s  RATIO  SPREAD

RATIO is the time of one operation with hazmat divided by its time with Go,
the median over the rounds (below 1.00x hazmat is faster), the convention of
the project's BENCHMARKS.md; MB/s are medians too. SPREAD is half the range
of the rounds' ratios, relative to RATIO: a ratio of 1.02x with a spread of
±8% says nothing about which is faster. When a case's spread exceeds ±10%,
bench ends with a warning that the machine is too noisy to judge (close
other work, or raise -count and -time). With the defaults, bench takes
15 to 30 seconds (13 s of timed rounds and calibration, more on a loaded
machine).

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
				g, err := aead.NewAESGCMWithBackend(benchKey16, backend)
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
				g, err := aead.NewAESGCMWithBackend(benchKey16, backend)
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
				bm, err := ciphers.NewBlockModeEncrypterWithBackend(alg, mode, backend)
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
				s, err := ciphers.NewStreamEncrypterWithBackend(alg, mode, backend)
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
				h, err := hashes.NewWithBackend(hashes.SHA256{}, backend)
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
				if _, err := hmac.SumWithBackend(benchKey32, hashes.SHA256{}, msg, backend); err != nil {
					return nil, err
				}
				return func() []byte {
					out, _ := hmac.SumWithBackend(benchKey32, hashes.SHA256{}, msg, backend) // checked above
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
				if _, err := hashes.NewWithBackend(hashes.SHA256{}, backend); err != nil {
					return nil, err
				}
				msg, out := benchMessage(size), make([]byte, 0, sha256.Size)
				return func() []byte {
					h, _ := hashes.NewWithBackend(hashes.SHA256{}, backend) // checked above
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
		if _, err := hashes.AppendSumWithBackend(out, alg, msg, backend); err != nil {
			return nil, err
		}
		return func() []byte {
			d, _ := hashes.AppendSumWithBackend(out[:0], alg, msg, backend) // checked above
			return d
		}, nil
	}
}

// benchCalibrate returns how many calls of op last about d: it runs op in
// growing batches until one lasts at least d.
func benchCalibrate(op func() []byte, d time.Duration) int {
	n := 1
	for {
		elapsed := benchRun(op, n)
		if elapsed >= d || n >= 1<<30 {
			return n
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

// benchRun returns the time of n calls of op.
func benchRun(op func() []byte, n int) time.Duration {
	start := time.Now()
	for range n {
		op()
	}
	return time.Since(start)
}

// benchNoise is the spread of a case's ratios above which bench warns
// that the machine is too noisy to judge.
const benchNoise = 0.10

// median returns the median of v (which it sorts).
func median(v []float64) float64 {
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// spread returns half the range of v relative to m.
func spread(v []float64, m float64) float64 {
	if m == 0 || len(v) == 0 {
		return 0
	}
	return (slices.Max(v) - slices.Min(v)) / 2 / m
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
	fs := commandFlags("bench", "[-time D] [-count N]", benchHelp, stderr)
	d := fs.Duration("time", 50*time.Millisecond, "run each implementation for about `D` per round (e.g. 1s, 50ms)")
	count := fs.Int("count", 5, "run `N` rounds of each case")
	if code, ok := parseCommandFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(fs, "unexpected argument %q", fs.Arg(0))
	}
	if *d <= 0 {
		return usageError(fs, "-time must be positive, got %v", *d)
	}
	if *count <= 0 {
		return usageError(fs, "-count must be positive, got %d", *count)
	}

	cases := benchCases()
	total := len(cases) * len(benchSizes)
	code := exitOK
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "OP\tSIZE\tHAZMAT MB/s\tGO MB/s\tRATIO\tSPREAD")
	var noisy []string
	i := 0
	for _, c := range cases {
		for _, size := range benchSizes {
			i++
			label := c.name + " " + sizeLabel(size)
			fmt.Fprintf(stderr, "[%d/%d] %s ...\n", i, total, label)
			res, err := benchPair(c, size, *d, *count)
			if err != nil {
				warn(stderr, "bench %s: %v", label, err)
				fmt.Fprintf(tw, "%s\t%s\t-\t-\t-\t-\n", c.name, sizeLabel(size))
				code = exitFailure
				continue
			}
			if res.spread > benchNoise {
				noisy = append(noisy, fmt.Sprintf("%s ±%.0f%%", label, 100*res.spread))
			}
			fmt.Fprintf(tw, "%s\t%s\t%.1f\t%.1f\t%.2fx\t±%.1f%%\n", c.name, sizeLabel(size), res.hazmatMBps, res.goMBps, res.ratio, 100*res.spread)
		}
	}
	tw.Flush()
	if len(noisy) > 0 {
		shown := noisy
		if len(shown) > 3 {
			shown = append(shown[:3:3], "...")
		}
		warn(stderr, "warning: this machine is too noisy to judge: %d of %d cases vary by more than ±%.0f%% between rounds (%s); close other work, or raise -count and -time",
			len(noisy), total, 100*benchNoise, strings.Join(shown, ", "))
	}
	return code
}

// A benchResult is one case at one size.
type benchResult struct {
	hazmatMBps, goMBps float64 // medians over the rounds
	ratio              float64 // median of time hazmat / time Go
	spread             float64 // half the range of the ratios, relative to ratio
}

// benchPair measures one case at one size for both implementations,
// count rounds of about d each. It first checks that they agree.
func benchPair(c benchCase, size int, d time.Duration, count int) (benchResult, error) {
	hop, err := c.hazmat(size)
	if err != nil {
		return benchResult{}, fmt.Errorf("hazmat: %w", err)
	}
	gop, err := c.golang(size)
	if err != nil {
		return benchResult{}, fmt.Errorf("go: %w", err)
	}
	if h, g := bytes.Clone(hop()), gop(); !bytes.Equal(h, g) {
		return benchResult{}, fmt.Errorf("hazmat and Go disagree: hazmat gives %s, Go %s", vecHex(h), vecHex(g))
	}
	hn, gn := benchCalibrate(hop, d), benchCalibrate(gop, d)
	var hazmatNs, goNs []float64
	for round := range count {
		var th, tg time.Duration
		if round%2 == 0 {
			th, tg = benchRun(hop, hn), benchRun(gop, gn)
		} else {
			tg, th = benchRun(gop, gn), benchRun(hop, hn)
		}
		hazmatNs = append(hazmatNs, float64(th)/float64(hn))
		goNs = append(goNs, float64(tg)/float64(gn))
	}
	return benchSummary(size, hazmatNs, goNs), nil
}

// benchSummary turns the paired rounds' times per operation (ns) into a
// result: throughputs from the medians, and the median and spread of the
// per-round ratios of hazmat's time to Go's.
func benchSummary(size int, hazmatNs, goNs []float64) benchResult {
	ratios := make([]float64, len(hazmatNs))
	for i := range hazmatNs {
		h := max(hazmatNs[i], 1e-3) // a call faster than the clock
		g := max(goNs[i], 1e-3)
		ratios[i] = h / g
	}
	r := benchResult{
		hazmatMBps: float64(size) / max(median(hazmatNs), 1e-3) * 1e3,
		goMBps:     float64(size) / max(median(goNs), 1e-3) * 1e3,
		ratio:      median(ratios),
	}
	r.spread = spread(ratios, r.ratio)
	return r
}
