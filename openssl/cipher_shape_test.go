//go:build cgo

package openssl

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-hazmat/hazmat/backends"
)

// TestClassify covers the shapes no provider here offers: each unknown
// mode or flag must be refused, never given a guessed bound.
func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		name   string
		s      cipherShape
		shape  outShape
		reason backends.Reason
	}{
		{"aes-128-ctr", cipherShape{mode: evpCTR, blockSize: 1, ivLen: 16}, shapeStream, 0},
		{"chacha20-poly1305", cipherShape{mode: evpStream, flags: evpFlagAEAD, blockSize: 1, ivLen: 12, aeadTag: true}, shapeStream, 0},
		{"aes-128-cbc", cipherShape{mode: evpCBC, blockSize: 16, ivLen: 16}, shapeBlocks, 0},
		{"aes-128-ocb", cipherShape{mode: evpOCB, flags: evpFlagAEAD, blockSize: 16, ivLen: 12, aeadTag: true}, shapeBlocks, 0},
		{"aes-128-cbc-cts", cipherShape{mode: evpCBC, flags: evpFlagCTS, blockSize: 16, ivLen: 16}, shapeOneShot, 0},
		{"aes-128-xts", cipherShape{mode: evpXTS, blockSize: 1, ivLen: 16}, shapeOneShot, 0},
		{"aes-128-wrap", cipherShape{mode: evpWrap, blockSize: 8, ivLen: 8}, shapeKW, 0},
		{"aes-128-wrap-pad", cipherShape{mode: evpWrap, blockSize: 8, ivLen: 4}, shapeKWP, 0},
		{"des3-wrap", cipherShape{mode: evpWrap, blockSize: 8, des3Wrap: true}, shapeDES3Wrap, 0},
		{"aes-128-cbc-hmac-sha1", cipherShape{mode: evpCBC, flags: evpFlagAEAD | evpFlagMultiBlock, blockSize: 16, ivLen: 16, macKey: true}, 0, backends.ReasonUnboundedOutput},
		{"rc4-hmac-md5", cipherShape{mode: evpStream, flags: evpFlagAEAD, blockSize: 1}, 0, backends.ReasonUnboundedOutput},
		{"aes-128-cbc-hmac-sha256-etm", cipherShape{mode: evpCBC, flags: evpFlagEncThenMAC, blockSize: 16, ivLen: 16}, 0, backends.ReasonUnboundedOutput},
		{"pipeline", cipherShape{mode: evpCBC, flags: evpFlagPipeline, blockSize: 16, ivLen: 16}, 0, backends.ReasonUnboundedOutput},
		{"with MAC", cipherShape{mode: evpCTR, flags: evpFlagWithMAC, blockSize: 1, ivLen: 16}, 0, backends.ReasonUnboundedOutput},
		{"bits", cipherShape{mode: evpCFB, flags: evpFlagLengthBits, blockSize: 1, ivLen: 16}, 0, backends.ReasonUnboundedOutput},
		{"GCM-SIV (a mode 3.0 does not name)", cipherShape{mode: 0x10005, flags: evpFlagAEAD, blockSize: 1, ivLen: 12, aeadTag: true}, 0, backends.ReasonUnboundedOutput},
		{"wrap of unknown overhead", cipherShape{mode: evpWrap, blockSize: 16, ivLen: 16}, 0, backends.ReasonUnboundedOutput},
		{"stream with blocks", cipherShape{mode: evpCTR, blockSize: 16, ivLen: 16}, 0, backends.ReasonUnboundedOutput},
		{"ECB of one byte", cipherShape{mode: evpECB, blockSize: 1}, 0, backends.ReasonUnboundedOutput},
		{"huge block", cipherShape{mode: evpECB, blockSize: 64}, 0, backends.ReasonUnboundedOutput},
		{"authenticated CTR", cipherShape{mode: evpCTR, flags: evpFlagAEAD, blockSize: 1, ivLen: 16, aeadTag: true}, 0, backends.ReasonUnboundedOutput},
		{"aes-128-ccm", cipherShape{mode: evpCCM, flags: evpFlagAEAD, blockSize: 1, ivLen: 12, aeadTag: true}, 0, backends.ReasonNotStreamable},
		{"aes-128-siv", cipherShape{mode: evpSIV, flags: evpFlagAEAD, blockSize: 1, aeadTag: true}, 0, backends.ReasonNotStreamable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			shape, reason, why := classify(tc.s)
			assert.Equal(t, tc.shape, shape)
			assert.Equal(t, tc.reason, reason)
			if tc.shape == 0 {
				assert.NotEmpty(t, why)
			} else {
				assert.Empty(t, why)
			}
		})
	}
}
