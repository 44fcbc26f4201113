//go:build cgo

package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFormatSumLine(t *testing.T) {
	sum := []byte{0xab, 0x01}
	tests := []struct{ name, want string }{
		{"plain", "ab01  plain\n"},
		{"-", "ab01  -\n"},
		{`a\b`, `\ab01  a\\b` + "\n"},
		{"a\nb", `\ab01  a\nb` + "\n"},
		{"a\rb", `\ab01  a\rb` + "\n"},
		{" *lead", "ab01   *lead\n"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, formatSumLine(sum, tt.name), "%q", tt.name)
	}
}

func TestEscapeRoundTrip(t *testing.T) {
	for _, name := range append(specialNames, "", "plain", `\\`, "\\n", "\n\r\\") {
		e, changed := escapeName(name)
		assert.Equal(t, strings.ContainsAny(name, "\\\n\r"), changed, "%q", name)
		assert.NotContains(t, e, "\n")
		back, ok := unescapeName(e)
		assert.True(t, ok, "%q", e)
		assert.Equal(t, name, back)
	}
	for _, bad := range []string{`a\`, `a\t`, `\x41`} {
		_, ok := unescapeName(bad)
		assert.False(t, ok, "%q", bad)
	}
}

func TestSumParser(t *testing.T) {
	const h = "0123456789abcdef"
	tests := []struct {
		name  string
		lines []string // parsed in order by one parser; the last is checked
		sum   string
		file  string
		ok    bool
	}{
		{"text mode", []string{h + "  f"}, h, "f", true},
		{"binary mode", []string{h + " *f"}, h, "f", true},
		{"reversed", []string{h + " f"}, h, "f", true},
		{"upper case", []string{strings.ToUpper(h) + "  f"}, h, "f", true},
		{"leading blanks", []string{" \t" + h + "  f"}, h, "f", true},
		{"name keeps its spaces", []string{h + "   f "}, h, " f ", true},
		{"escaped", []string{`\` + h + `  a\\b\nc\rd`}, h, "a\\b\nc\rd", true},
		{"bad escape", []string{`\` + h + `  a\b`}, "", "", false},
		{"backslash at end", []string{`\` + h + `  a\`}, "", "", false},
		{"tab then name", []string{h + "\tf"}, h, "f", true},
		{"short digest", []string{h[1:] + "  f"}, "", "", false},
		{"long digest", []string{h + "0  f"}, "", "", false},
		{"not hex", []string{"g" + h[1:] + "  f"}, "", "", false},
		{"no name", []string{h + " "}, "", "", false},
		{"NUL in name", []string{h + "  a\x00b"}, "", "", false},
		{"reversed after flagged", []string{h + "  a", h + " f"}, "", "", false},
		{"flag read as name after reversed", []string{h + " a", h + "  f"}, h, " f", true},
		{"one char after reversed-or-flag space", []string{h + "  a", h + " *"}, "", "", false},
		{"tagged", []string{"SHA256 (f) = " + h}, h, "f", true},
		{"tagged without space", []string{"SHA256(f)=" + h}, h, "f", true},
		{"tagged alias", []string{"SHA2-256 (f) = " + h}, h, "f", true},
		{"tagged name with parentheses", []string{"SHA256 (a) = (b) = " + h}, h, "a) = (b", true},
		{"tagged escaped", []string{`\SHA256 (a\nb) = ` + h}, h, "a\nb", true},
		{"tagged other algorithm", []string{"MD5 (f) = " + h}, "", "", false},
		{"tagged short digest", []string{"SHA256 (f) = " + h[1:]}, "", "", false},
		{"tagged no equals", []string{"SHA256 (f) " + h}, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &sumParser{hexLen: len(h), tagAlg: "sha256"}
			var (
				sum, file string
				ok        bool
			)
			for _, l := range tt.lines {
				sum, file, ok = p.parse(l)
			}
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.sum, sum)
			assert.Equal(t, tt.file, file)
		})
	}
}

// TestSumParserNoTags checks that HMAC sum files take no tagged lines.
func TestSumParserNoTags(t *testing.T) {
	p := &sumParser{hexLen: 4, tagAlg: ""}
	_, _, ok := p.parse("SHA256 (f) = abcd")
	assert.False(t, ok)
}
