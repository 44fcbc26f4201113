//go:build cgo

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
)

func TestInfo(t *testing.T) {
	r := sslHazmat(t, "", "info")
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
			assert.Equal(t, yesNo(openssl.DefaultBackend().HashSupported(alg)), row[2], "%s hash", alg.Name())
			assert.Equal(t, yesNo(openssl.DefaultBackend().HMACSupported(alg)), row[3], "%s hmac", alg.Name())
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
// nothing leaves no blank line.
func TestInfoSections(t *testing.T) {
	saved := infoSections
	t.Cleanup(func() { infoSections = saved })
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	infoSections = []func(io.Writer) error{write(""), write("a\n"), write(""), write("b\n"), write("")}
	r := sslHazmat(t, "", "info")
	assert.Equal(t, exitOK, r.code)
	assert.Equal(t, "a\n\nb\n", r.stdout)
}

// TestInfoCipherMatrix reads the cipher tables of "hazmat info": every
// cell says what ciphers.Supported says now, AES runs in every mode
// (AES-192-XTS does not exist), and FIPS mode leaves only AES and
// TripleDES.
func TestInfoCipherMatrix(t *testing.T) {
	r := sslHazmat(t, "", "info")
	require.Equal(t, exitOK, r.code, r.stderr)
	out := r.stdout
	require.Contains(t, out, "\nBlock ciphers and modes (-: no such pair):\n  CIPHER        ECB  CBC  CTR  OFB  CFB  CFB8  GCM  XTS\n")

	cells := map[string][]string{}
	rowRE := regexp.MustCompile(`(?m)^  (\S+) +((?:(?:yes|no|-) *){8})$`)
	for _, m := range rowRE.FindAllStringSubmatch(out, -1) {
		cells[m[1]] = strings.Fields(m[2])
	}
	rows := matrixRows()
	require.Len(t, cells, len(rows), "rows: %v", cells)
	for _, row := range rows {
		got := cells[row.name]
		require.Len(t, got, len(matrixModes), row.name)
		for i, m := range matrixModes {
			assert.Equal(t, blockCell(row, m), got[i], "%s %s", row.name, m.name)
		}
	}
	allYes := []string{"yes", "yes", "yes", "yes", "yes", "yes", "yes", "yes"}
	assert.Equal(t, allYes, cells["AES-128"])
	assert.Equal(t, allYes[:7], cells["AES-192"][:7])
	assert.Equal(t, "-", cells["AES-192"][7], "AES-192-XTS")
	assert.Equal(t, allYes, cells["AES-256"])
	// Modes that refuse a cipher: GCM and XTS with a 64-bit block, XTS
	// with anything but AES.
	for _, name := range []string{"TripleDES", "Blowfish", "CAST5", "IDEA"} {
		assert.Equal(t, []string{"-", "-"}, cells[name][6:], name)
	}
	for _, name := range []string{"Camellia-128", "SEED", "SM4"} {
		assert.Equal(t, "-", cells[name][7], name)
	}

	streams := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^  (\S+) +(yes|no)$`).FindAllStringSubmatch(out, -1) {
		streams[m[1]] = m[2]
	}
	for _, name := range []string{"ARC4", "ChaCha20", "AES-GCM", "AES-CCM", "ChaCha20-Poly1305"} {
		assert.Contains(t, streams, name)
	}
	assert.Equal(t, "yes", streams["AES-GCM"])
	assert.Equal(t, "yes", streams["AES-CCM"])

	if openssl.FIPS() {
		for name, row := range cells {
			if strings.HasPrefix(name, "AES-") || name == "TripleDES" {
				continue
			}
			assert.NotContains(t, row, "yes", "%s in FIPS mode", name)
		}
		assert.Equal(t, "yes", cells["TripleDES"][1], "TripleDES-CBC, which the FIPS provider keeps for decryption")
		assert.Equal(t, "no", streams["ARC4"])
		assert.Equal(t, "no", streams["ChaCha20"])
		assert.Equal(t, "no", streams["ChaCha20-Poly1305"])
		return
	}
	// Outside FIPS mode, the legacy provider serves the old ciphers.
	assert.Equal(t, allYes[:6], cells["Camellia-256"][:6])
	assert.Equal(t, []string{"yes", "yes"}, cells["Blowfish"][:2])
	assert.Equal(t, "yes", streams["ChaCha20"])
	assert.Equal(t, "yes", streams["ChaCha20-Poly1305"])
}
