package main

import (
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

func TestInfo(t *testing.T) {
	r := hazmat(t, "", "info")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	out := r.stdout
	t.Log("\n" + out)

	assert.Contains(t, out, "OpenSSL:   "+openssl.Version())
	mode := "off"
	if openssl.FIPS() {
		mode = "on"
	}
	assert.Regexp(t, `(?m)^FIPS mode: `+mode+`( \(FIPS provider \S+ loaded\))?$`, out)
	if v := openssl.FIPSProviderVersion(); v != "" {
		assert.Contains(t, out, "(FIPS provider "+v+" loaded)")
	}

	ps := openssl.Providers()
	require.NotEmpty(t, ps)
	for _, p := range ps {
		status := "active"
		if !p.Status {
			status = "not usable"
		}
		assert.Regexp(t, `(?m)^  `+regexp.QuoteMeta(p.Name)+` +\S+ +`+status+`$`, out)
	}

	for _, alg := range hashes.All() {
		row := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(alg.Name()) + ` +(\d+) +(yes|no) +(yes|no)$`).FindStringSubmatch(out)
		if assert.NotNil(t, row, "no row for %s", alg.Name()) {
			assert.Equal(t, yesNo(hashes.Supported(alg)), row[2], "%s hash", alg.Name())
			assert.Equal(t, yesNo(hmac.Supported(alg)), row[3], "%s hmac", alg.Name())
		}
	}
	// sha256 works everywhere, SHAKE never keys an HMAC.
	assert.Regexp(t, `(?m)^  sha256 +32 +yes +yes$`, out)
	assert.Regexp(t, `(?m)^  shake128 +32 +yes +no$`, out)
	// Sections are separated by one blank line, with none at the ends.
	assert.NotContains(t, out, "\n\n\n")
	assert.False(t, strings.HasPrefix(out, "\n") || strings.HasSuffix(out, "\n\n"))
}

// TestInfoSections checks the section separators: a section that writes
// nothing (the cipher matrix, for now) leaves no blank line.
func TestInfoSections(t *testing.T) {
	saved := infoSections
	t.Cleanup(func() { infoSections = saved })
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	infoSections = []func(io.Writer) error{write(""), write("a\n"), write(""), write("b\n"), write("")}
	r := hazmat(t, "", "info")
	assert.Equal(t, exitOK, r.code)
	assert.Equal(t, "a\n\nb\n", r.stdout)
}
