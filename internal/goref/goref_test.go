package goref_test

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-hazmat/hazmat/internal/goref"
)

// TestRun computes, through Run, what Go refuses under
// GODEBUG=fips140=only (MD5, HMAC with an empty key) and checks the
// answers against RFC 1321 and a known value, in every setting.
func TestRun(t *testing.T) {
	if !goref.Lifts {
		t.Skip("Go 1.25 cannot lift GODEBUG=fips140=only for one call: Run is a plain call there")
	}
	var md, mac []byte
	assert.NotPanics(t, func() {
		goref.Run(func() {
			s := md5.Sum([]byte("abc"))
			md = s[:]
			h := hmac.New(sha256.New, nil)
			h.Write([]byte("abc"))
			mac = h.Sum(nil)
		})
	})
	assert.Equal(t, "900150983cd24fb0d6963f7d28e17f72", hex.EncodeToString(md), "RFC 1321, A.5")
	assert.Equal(t, "fd7adb152c05ef80dccf50a1fa4c05d5a3ec6da95575fc312ae7c5d091836351", hex.EncodeToString(mac))
}
