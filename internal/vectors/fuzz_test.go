package vectors

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzParse checks that no input makes the parser or the typed loaders
// panic, that a failed parse returns no records, and that CRLF and LF
// line endings give the same records.
func FuzzParse(f *testing.F) {
	f.Add([]byte("[ENCRYPT]\n\nCOUNT = 0\nKEY = 00112233\nPLAINTEXT = 00\nCIPHERTEXT = 11\n"))
	f.Add([]byte("[L = 32]\r\n\r\nLen = 8\r\nMsg = 36\r\nMD = 00\r\n"))
	f.Add([]byte("[Keylen = 8]\n[IVlen = 8]\n[PTlen = 0]\n[AADlen = 0]\n[Taglen = 8]\n\nCount = 0\nKey = 00\nIV = 00\nCT = \nAAD = \nTag = 00\nFAIL\n"))
	f.Add([]byte("K No.001 : 00 11\n\nP No.001 : 80 00\nC No.001 : 07 92\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := Parse(bytes.NewReader(data), "fuzz.rsp")
		if err != nil {
			require.Nil(t, recs)
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		for _, r := range recs {
			require.NotEmpty(t, r.Fields)
			require.Positive(t, r.Line)
		}
		lf, err := Parse(bytes.NewReader(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))), "fuzz.rsp")
		require.NoError(t, err)
		require.Equal(t, recs, lf)

		assert.NotPanics(t, func() {
			_, _ = hashVectors(recs, "fuzz.rsp")
			_, _ = hmacVectors(recs, "fuzz.rsp")
			_, _ = cipherVectors(recs, "fuzz.rsp")
			_, _ = cipherVectors(recs, "CFB1MMT128.rsp")
			_, _ = aeadVectors(recs, "fuzz.rsp")
			_, _ = xtsVectors(recs, "fuzz.rsp")
			if m, err := hashMonte(recs, "fuzz.rsp"); err == nil {
				assert.NotEmpty(t, m.Checkpoints)
			}
		})
	})
}
