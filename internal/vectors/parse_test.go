package vectors

import (
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func parseString(t *testing.T, s string) []Record {
	t.Helper()
	recs, err := Parse(strings.NewReader(s), "inline.rsp")
	require.NoError(t, err)
	return recs
}

func TestParseSections(t *testing.T) {
	in := "# header\n" +
		"[ENCRYPT]\n\n" +
		"COUNT = 0\nKEY = 00\n\n" +
		"[DECRYPT]\n" +
		"COUNT = 0\nKEY = 01\n\n" +
		// five consecutive section lines, as in GCM
		"[Keylen = 128]\n[IVlen = 96]\n[PTlen = 0]\n[AADlen = 0]\n[Taglen = 128]\n\n" +
		"Count = 0\nKey = 02\n\n" +
		// a section group separated by a blank line and a comment stays one group
		"[Minimum Output Length (bits) = 128]\n\n# note\n[Maximum Output Length (bits) = 1120]\n\n" +
		"Msg = 03\n"
	recs := parseString(t, in)
	require.Len(t, recs, 4)

	assert.Equal(t, map[string]string{"encrypt": ""}, recs[0].Section)
	assert.Equal(t, map[string]string{"decrypt": ""}, recs[1].Section, "a new group replaces the previous one")
	assert.Equal(t, map[string]string{
		"keylen": "128", "ivlen": "96", "ptlen": "0", "aadlen": "0", "taglen": "128",
	}, recs[2].Section)
	assert.Equal(t, map[string]string{
		"minimum output length (bits)": "128", "maximum output length (bits)": "1120",
	}, recs[3].Section)

	assert.Equal(t, map[string]string{"count": "0", "key": "00"}, recs[0].Fields)
	assert.Equal(t, map[string]string{"count": "0", "key": "02"}, recs[2].Fields, "field names are lower-cased")
	assert.Equal(t, 4, recs[0].Line)
	assert.Equal(t, 8, recs[1].Line)
	assert.Equal(t, "inline.rsp", recs[0].File)
	assert.Equal(t, "inline.rsp:4#0", recs[0].Name())
	assert.Equal(t, "inline.rsp:25", recs[3].Name())
}

func TestParseEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []map[string]string
		fail []bool
	}{
		{
			name: "CRLF",
			in:   "[L = 20]\r\n\r\nLen = 8\r\nMsg = 36\r\nMD = aa\r\n\r\nLen = 0\r\nMsg = 00\r\nMD = bb\r\n",
			want: []map[string]string{
				{"len": "8", "msg": "36", "md": "aa"},
				{"len": "0", "msg": "00", "md": "bb"},
			},
			fail: []bool{false, false},
		},
		{
			name: "empty values, with and without a trailing space",
			in:   "CT = \nAAD =\nTag = 01\n",
			want: []map[string]string{{"ct": "", "aad": "", "tag": "01"}},
			fail: []bool{false},
		},
		{
			name: "FAIL",
			in:   "Count = 1\nTag = 01\nFAIL\n\nCount = 2\nTag = 02\nPT = \n",
			want: []map[string]string{{"count": "1", "tag": "01"}, {"count": "2", "tag": "02", "pt": ""}},
			fail: []bool{true, false},
		},
		{
			name: "records without fields are dropped",
			in:   "# only comments\n\n\n[ENCRYPT]\n\nFAIL\n\n",
			want: nil,
		},
		{
			name: "no final newline, white space around names and values",
			in:   "  KEY   =   AbCd  \n   IV=00",
			want: []map[string]string{{"key": "AbCd", "iv": "00"}},
			fail: []bool{false},
		},
		{
			name: "NTT layout",
			in:   "K No.001 : 00 11 22\n\nP No.001 : 80 00\nC No.001 : 07 92\n\nP No.002 : 40 00\nC No.002 : 48 CD\n",
			want: []map[string]string{
				{"count": "1", "p": "8000", "c": "0792"},
				{"count": "2", "p": "4000", "c": "48CD"},
			},
			fail: []bool{false, false},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs := parseString(t, tc.in)
			require.Len(t, recs, len(tc.want))
			for i, r := range recs {
				assert.Equal(t, tc.want[i], r.Fields)
				assert.Equal(t, tc.fail[i], r.Fail)
			}
		})
	}
}

func TestParseNTTKey(t *testing.T) {
	recs := parseString(t, "K No.001 : 00 11\n\nP No.001 : 80\nC No.001 : 07\n\nK No.002 : FF EE\n\nP No.001 : 40\nC No.001 : 48\n")
	require.Len(t, recs, 2)
	assert.Equal(t, "0011", recs[0].Section["k"])
	assert.Equal(t, "FFEE", recs[1].Section["k"])

	vs, err := cipherVectors(recs, "camellia-128-ecb.txt")
	require.NoError(t, err)
	require.Len(t, vs, 2)
	assert.Equal(t, "ffee", hex.EncodeToString(vs[1].Key))
	assert.Equal(t, "40", hex.EncodeToString(vs[1].Plaintext))
	assert.Equal(t, "48", hex.EncodeToString(vs[1].Ciphertext))
	assert.True(t, vs[1].Encrypt)
}

func TestParseLongLine(t *testing.T) {
	msg := strings.Repeat("ab", 300000)
	recs := parseString(t, "Len = 8\nMsg = "+msg+"\nMD = 00\n")
	require.Len(t, recs, 1)
	assert.Len(t, recs[0].Fields["msg"], len(msg))
}

func TestParseMalformed(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
	}{
		{"text line", "KEY = 00\nthis is not a field\n", 2},
		{"unclosed section", "[ENCRYPT\nKEY = 00\n", 1},
		{"empty section", "[]\n", 1},
		{"empty field name", "= 00\n", 1},
		{"duplicate field", "KEY = 00\nkey = 01\n", 2},
		{"NTT line without colon", "P No.001 80 00\n", 1},
		{"NTT line with bad number", "P No.x1 : 80\n", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var recs []Record
			var err error
			assert.NotPanics(t, func() { recs, err = Parse(strings.NewReader(tc.in), "bad.rsp") })
			require.ErrorIs(t, err, ErrMalformed)
			assert.Nil(t, recs)
			assert.Contains(t, err.Error(), "bad.rsp:"+strconv.Itoa(tc.line)+":")
		})
	}
}

func TestParseReadError(t *testing.T) {
	boom := errors.New("boom")
	_, err := Parse(iotest.ErrReader(boom), "x.rsp")
	require.ErrorIs(t, err, boom)

	_, err = ParseFile("/nonexistent/file.rsp")
	require.Error(t, err)
}

func TestRecordAccessors(t *testing.T) {
	recs := parseString(t, "COUNT = 7\nKEY = 0A0b\nPT = \nBAD = 0g\nODD = 123\nN = -3\nBIG = 18446744073709551615\n")
	require.Len(t, recs, 1)
	r := recs[0]

	assert.True(t, r.Has("key"))
	assert.True(t, r.Has("KEY"), "names are compared without regard to case")
	assert.False(t, r.Has("iv"))

	b, err := r.Hex("Key")
	require.NoError(t, err)
	assert.Equal(t, []byte{0x0a, 0x0b}, b)

	b, err = r.Hex("pt")
	require.NoError(t, err)
	assert.NotNil(t, b, "an empty value is an empty, non-nil slice")
	assert.Empty(t, b)

	for _, name := range []string{"bad", "odd", "missing"} {
		_, err = r.Hex(name)
		assert.ErrorIs(t, err, ErrMalformed, name)
		assert.Contains(t, err.Error(), "inline.rsp:1")
	}

	n, err := r.Int("count")
	require.NoError(t, err)
	assert.Equal(t, 7, n)
	n, err = r.Int("n")
	require.NoError(t, err)
	assert.Equal(t, -3, n)
	_, err = r.Int("key")
	assert.ErrorIs(t, err, ErrMalformed)
	_, err = r.Int("missing")
	assert.ErrorIs(t, err, ErrMalformed)

	u, err := r.Uint64("big")
	require.NoError(t, err)
	assert.Equal(t, uint64(1<<64-1), u)
	_, err = r.Uint64("n")
	assert.ErrorIs(t, err, ErrMalformed)
	_, err = r.Uint64("missing")
	assert.ErrorIs(t, err, ErrMalformed)
}

func TestSectionInt(t *testing.T) {
	recs := parseString(t, "[L = 32]\n[X = y]\nMD = 00\n")
	require.Len(t, recs, 1)
	n, ok, err := recs[0].SectionInt("L")
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, 32, n)
	_, ok, err = recs[0].SectionInt("missing")
	require.NoError(t, err)
	assert.False(t, ok)
	_, ok, err = recs[0].SectionInt("x")
	assert.True(t, ok)
	assert.ErrorIs(t, err, ErrMalformed)
}

// TestParseSkipsDebugLines checks that tab-indented intermediate values, as
// the KDF files print them several times per record, are left out.
func TestParseSkipsDebugLines(t *testing.T) {
	in := "COUNT = 0\r\nZ = 01\r\n\tCounter = 00000001\r\n\tK1 = aa\r\n\tCounter = 00000002\r\nkey_data = 02\r\n\r\n"
	recs := parseString(t, in)
	require.Len(t, recs, 1)
	assert.Equal(t, map[string]string{"count": "0", "z": "01", "key_data": "02"}, recs[0].Fields)
}
