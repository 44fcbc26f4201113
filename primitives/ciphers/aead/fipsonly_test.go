package aead_test

import (
	"crypto/cipher"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
)

// goRefusesGCM reports whether the default backend refuses AES-GCM with a
// caller's nonce: the Go backend under GODEBUG=fips140=only, where Go's
// module takes only the nonces it generates itself
// (NewAESGCMWithRandomNonce).
func goRefusesGCM() bool {
	return defaultbackend.Name() == defaultbackend.Go && gocrypto.Enforced()
}

// gcmRefused checks the error of aead.NewAESGCM: nil exactly where the
// backend serves AES-GCM with a caller's nonce, else a refusal that names
// FIPS and fips140=only. It reports whether AES-GCM was refused.
func gcmRefused(t *testing.T, err error) bool {
	t.Helper()
	if err == nil {
		require.False(t, goRefusesGCM(), "AES-GCM with a caller's nonce served under GODEBUG=fips140=only")
		return false
	}
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
	require.True(t, goRefusesGCM(), "AES-GCM refused where Go's module does not refuse it: %v", err)
	var ue *backends.UnsupportedAlgorithmError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, backends.ReasonFIPSRefused, ue.Reason, "%v", err)
	assert.Contains(t, err.Error(), "fips140=only")
	t.Logf("AES-GCM with a caller's nonce refused under GODEBUG=fips140=only, as checked: %v", err)
	return true
}

// refusedHere checks an error of a constructor that a setting may refuse:
// nil, or a refusal it may make there (FIPS mode, naming FIPS; or the Go
// backend for an algorithm Go's crypto lacks, saying so). It reports
// whether the algorithm was refused.
func refusedHere(t *testing.T, err error) bool {
	t.Helper()
	if err == nil {
		return false
	}
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
	var ue *backends.UnsupportedAlgorithmError
	require.ErrorAs(t, err, &ue)
	notInGo := defaultbackend.Name() == defaultbackend.Go && strings.Contains(err.Error(), "not in Go's crypto")
	require.True(t, notInGo || (defaultbackend.FIPS() && ue.Reason == backends.ReasonFIPSRefused),
		"a refusal this setting does not make (FIPS mode: %v, backend %s): %v", defaultbackend.FIPS(), defaultbackend.Name(), err)
	t.Logf("%s refused here, as checked (FIPS mode: %v): %v", ue.Algorithm, defaultbackend.FIPS(), err)
	return true
}

// refCBCEncrypt is CBC encryption (SP 800-38A 6.2) over any cipher.Block,
// written in the test as the reference where Go's own CBC refuses a block
// that is not its AES (GODEBUG=fips140=only). len(in) is a multiple of
// the block size.
func refCBCEncrypt(b cipher.Block, iv, in []byte) []byte {
	bs := b.BlockSize()
	out := make([]byte, len(in))
	prev := append([]byte(nil), iv...)
	x := make([]byte, bs)
	for i := 0; i < len(in); i += bs {
		for j := range x {
			x[j] = in[i+j] ^ prev[j]
		}
		b.Encrypt(out[i:i+bs], x)
		copy(prev, out[i:i+bs])
	}
	return out
}
