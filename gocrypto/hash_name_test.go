package gocrypto_test

import (
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/gocrypto"
)

// TestConformanceHashNameSpellings: a caller's hash descriptor names its
// digest as OpenSSL knows it, and OpenSSL finds a digest by any case of
// its name and by its aliases ("SHA-256", "SHA2-256", "SHA512/256",
// "SHAKE-128", ...). A name that means a digest Go computes must be served
// (as the setting allows) with the digest of the canonical name; the
// aliases of RIPEMD-160 are refused for the reason RIPEMD-160 is.
func TestConformanceHashNameSpellings(t *testing.T) {
	b := gocrypto.NewBackend()
	for _, c := range []struct {
		alias     customHash
		canonical string
	}{
		{customHash{"SHA-256", 32, 64}, "sha256"},
		{customHash{"SHA2-256", 32, 64}, "sha256"},
		{customHash{"sha-224", 28, 64}, "sha224"},
		{customHash{"SHA2-384", 48, 128}, "sha384"},
		{customHash{"SHA-512", 64, 128}, "sha512"},
		{customHash{"SHA-512/256", 32, 128}, "sha512-256"},
		{customHash{"SHA2-512/224", 28, 128}, "sha512-224"},
		{customHash{"SHA-1", 20, 64}, "sha1"},
		{customHash{"SSL3-SHA1", 20, 64}, "sha1"},
		{customHash{"SSL3-MD5", 16, 64}, "md5"},
		{customHash{"BLAKE2B-512", 64, 128}, "blake2b512"},
		{customHash{"BLAKE2S-256", 32, 64}, "blake2s256"},
		{customHash{"SHA3-256", 32, 136}, "sha3-256"},
		{customHash{"RIPEMD-160", 20, 64}, "ripemd160"},
		{customHash{"rmd160", 20, 64}, "ripemd160"},
	} {
		t.Run(c.alias.name, func(t *testing.T) {
			canonical := customHash{c.canonical, c.alias.size, c.alias.block}
			want, wantErr := b.Digest(canonical, []byte("abc"), nil)
			got, err := b.Digest(c.alias, []byte("abc"), nil)
			assert.Equal(t, b.HashSupported(canonical), b.HashSupported(c.alias), "HashSupported")
			if wantErr != nil {
				require.Error(t, err, "the canonical name is refused: %v", wantErr)
				var want, got *backends.UnsupportedAlgorithmError
				require.ErrorAs(t, wantErr, &want)
				require.ErrorAs(t, err, &got)
				assert.Equal(t, want.Reason, got.Reason)
				assert.ErrorIs(t, err, errorsUnwrapAll(wantErr), "refused for the same reason as %s", c.canonical)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got))
			mac, err := b.MAC(testKey(32), c.alias, []byte("abc"), nil)
			require.NoError(t, err)
			wantMAC, err := b.MAC(testKey(32), canonical, []byte("abc"), nil)
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(wantMAC), hex.EncodeToString(mac), "HMAC")
		})
	}
}

// errorsUnwrapAll returns the innermost error err wraps.
func errorsUnwrapAll(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok || u.Unwrap() == nil {
			return err
		}
		err = u.Unwrap()
	}
}
