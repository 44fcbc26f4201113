package ciphers_test

import (
	"crypto/cipher"

	"github.com/go-hazmat/hazmat/gocrypto"
)

// goEnforces reports whether Go's FIPS 140-3 module enforces its rules in
// this process (GODEBUG=fips140=only), whichever backend hazmat uses: Go's
// CBC, CTR, CFB and OFB then panic on any block but Go's own AES, its GCM
// refuses caller nonces and other blocks, and its DES refuses every key.
func goEnforces() bool { return gocrypto.Enforced() }

// refCBC is CBC (SP 800-38A 6.2) over any cipher.Block, written in the
// test as the reference where Go's own CBC refuses a block that is not its
// AES (goEnforces). len(in) is a multiple of the block size.
func refCBC(b cipher.Block, iv, in []byte, decrypt bool) []byte {
	bs := b.BlockSize()
	out := make([]byte, len(in))
	prev := append([]byte(nil), iv...)
	for i := 0; i < len(in); i += bs {
		blk, dst := in[i:i+bs], out[i:i+bs]
		if decrypt {
			b.Decrypt(dst, blk)
			for j := range dst {
				dst[j] ^= prev[j]
			}
			copy(prev, blk)
			continue
		}
		x := make([]byte, bs)
		for j := range x {
			x[j] = blk[j] ^ prev[j]
		}
		b.Encrypt(dst, x)
		copy(prev, dst)
	}
	return out
}

// refCTR is CTR (SP 800-38A 6.5) over any cipher.Block, the whole IV a
// big-endian counter as Go's CTR counts, written in the test as the
// reference where Go's own CTR refuses a block that is not its AES.
func refCTR(b cipher.Block, iv, in []byte) []byte {
	bs := b.BlockSize()
	out := make([]byte, len(in))
	ctr := append([]byte(nil), iv...)
	ks := make([]byte, bs)
	for i := 0; i < len(in); i += bs {
		b.Encrypt(ks, ctr)
		for j := 0; j < bs && i+j < len(in); j++ {
			out[i+j] = in[i+j] ^ ks[j]
		}
		for k := bs - 1; k >= 0; k-- {
			ctr[k]++
			if ctr[k] != 0 {
				break
			}
		}
	}
	return out
}
