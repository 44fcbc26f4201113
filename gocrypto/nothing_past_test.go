package gocrypto_test

import (
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// streamPastCase is a cipher the Go backend serves through a streaming
// context, with the message lengths it takes.
type streamPastCase struct {
	name  string
	alg   backends.CipherAlgorithm
	mode  backends.Mode
	valid func(n int) bool
}

func streamPastCases() []streamPastCase {
	all := func(int) bool { return true }
	whole := func(block int) func(int) bool { return func(n int) bool { return n%block == 0 } }
	// Go's XTS takes whole 16-byte blocks, one data unit per Update.
	xts := func(n int) bool { return n >= 16 && n%16 == 0 }
	var cs []streamPastCase
	blockModes := func(name string, alg backends.CipherAlgorithm, block int) {
		iv := testKey(block)
		cs = append(cs,
			streamPastCase{name + "-ECB", alg, modes.NewECB(), whole(block)},
			streamPastCase{name + "-CBC", alg, mustDesc(modes.NewCBC(iv)), whole(block)},
			streamPastCase{name + "-CTR", alg, mustDesc(modes.NewCTR(iv)), all},
			streamPastCase{name + "-OFB", alg, mustDesc(modes.NewOFB(iv)), all},
			streamPastCase{name + "-CFB", alg, mustDesc(modes.NewCFB(iv)), all},
		)
	}
	for _, k := range []int{16, 24, 32} {
		alg := mustDesc(algorithms.NewAES(testKey(k)))
		name := fmt.Sprintf("AES-%d", 8*k)
		blockModes(name, alg, 16)
		cs = append(cs, streamPastCase{name + "-GCM", alg, mustDesc(modes.NewGCM(testKey(12), nil)), all})
	}
	for _, k := range []int{32, 64} {
		cs = append(cs, streamPastCase{fmt.Sprintf("AES-%d-XTS", 8*k), mustDesc(algorithms.NewAES(testKey(k))),
			mustDesc(modes.NewXTS(sectorTweakOf(7))), xts})
	}
	blockModes("TripleDES", mustDesc(algorithms.NewTripleDES(testKey(24))), 8)
	blockModes("Blowfish", mustDesc(algorithms.NewBlowfish(testKey(16))), 8)
	blockModes("CAST5", mustDesc(algorithms.NewCAST5(testKey(16))), 8)
	cs = append(cs,
		streamPastCase{"ARC4", mustDesc(algorithms.NewARC4(testKey(16))), nil, all},
		streamPastCase{"ChaCha20", mustDesc(algorithms.NewChaCha20(testKey(32), testKey(16))), nil, all},
	)
	return cs
}

// pastLengths are every length to 64 and some around larger block
// boundaries.
func pastLengths() []int {
	var ls []int
	for n := 0; n <= 64; n++ {
		ls = append(ls, n)
	}
	return append(ls, 127, 128, 129, 255, 256, 257, 511, 512, 513, 1023, 1024, 1025, 4096, 4097)
}

// pattern returns size bytes none of which is zero.
func pattern(size int) []byte {
	b := make([]byte, size)
	for i := range b {
		b[i] = 0xA5 ^ byte(i&0x7f)
	}
	return b
}

// TestStreamingNothingPastOutput runs every cipher the Go backend serves
// through a streaming context (AES in ECB, CBC, CTR, OFB, CFB, GCM and XTS
// with a sector-number tweak, TripleDES, Blowfish, CAST5, ARC4, ChaCha20:
// Go's and golang.org/x/crypto's assembly among them) with UpdateInto into
// buffers of exactly the length each call writes, at the start of a larger
// patterned buffer, with the buffer's capacity ending with it or going on.
// The bytes past the output must keep their value, apart and in place.
func TestStreamingNothingPastOutput(t *testing.T) {
	const prefix, slack = 3, 40
	b := gocrypto.NewBackend()
	for _, c := range streamPastCases() {
		t.Run(c.name, func(t *testing.T) {
			if !b.CipherSupported(c.alg, c.mode) {
				t.Skipf("%s is not served here (FIPS %v)", c.name, gocrypto.FIPS())
			}
			for _, n := range pastLengths() {
				if !c.valid(n) {
					continue
				}
				in := testKey(n)
				for _, enc := range []bool{true, false} {
					create := b.CreateSymmetricDecryptionCtx
					if enc {
						create = b.CreateSymmetricEncryptionCtx
					}
					// The output of one Update, and of the final call.
					ref, err := create(c.alg, c.mode)
					require.NoError(t, err)
					want, err := ref.Update(in)
					require.NoError(t, err)
					if !enc && c.mode != nil && c.mode.Name() == "GCM" {
						continue // decryption needs the tag: the conformance suite checks it
					}
					for _, exact := range []bool{true, false} {
						for _, inPlace := range []bool{false, true} {
							if inPlace && len(want) != n {
								continue
							}
							what := fmt.Sprintf("%d bytes (encrypt %v, in place %v, capacity ending at the output %v)", n, enc, inPlace, exact)
							buf := pattern(prefix + len(want) + slack)
							end := len(buf)
							if exact {
								end = prefix + len(want)
							}
							out := buf[prefix : prefix+len(want) : end]
							src := in
							if inPlace {
								copy(out, in)
								src = out
							}
							ctx, err := create(c.alg, c.mode)
							require.NoError(t, err)
							k, err := ctx.UpdateInto(src, out)
							require.NoError(t, err, what)
							require.Equal(t, len(want), k, what)
							assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(out), what)
							patt := pattern(len(buf))
							assert.Equal(t, hex.EncodeToString(patt[prefix+k:]), hex.EncodeToString(buf[prefix+k:]), "%s: bytes past the output changed", what)
							assert.Equal(t, hex.EncodeToString(patt[:prefix]), hex.EncodeToString(buf[:prefix]), "%s: bytes before the output changed", what)
							_, err = ctx.Finalize()
							require.NoError(t, err, what)
						}
					}
				}
			}
		})
	}
}
