//go:build cgo

package openssl_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

func TestMain(m *testing.M) {
	fmt.Fprintf(os.Stderr, "OpenSSL: %s, FIPS mode: %v\n", openssl.Version(), openssl.FIPS())
	os.Exit(m.Run())
}

func TestVersion(t *testing.T) {
	require.NoError(t, openssl.Init())
	assert.Contains(t, openssl.Version(), "OpenSSL 3.")
	major, minor, _ := openssl.VersionNumber()
	assert.Equal(t, 3, major)
	assert.Contains(t, openssl.Version(), fmt.Sprintf("3.%d.", minor))
}

func providerNames() []string {
	var names []string
	for _, p := range openssl.Providers() {
		names = append(names, p.Name)
	}
	return names
}

func TestProviders(t *testing.T) {
	ps := openssl.Providers()
	require.NotEmpty(t, ps)
	for _, p := range ps {
		assert.NotEmpty(t, p.Version, p.Name)
		assert.True(t, p.Status, "%s reports itself not usable", p.Name)
	}
	if openssl.FIPS() {
		assert.Contains(t, providerNames(), "fips")
		assert.True(t, openssl.FIPSCapable())
		assert.NotEmpty(t, openssl.FIPSProviderVersion())
		return
	}
	assert.Contains(t, providerNames(), "default")
	if _, err := os.Stat(filepath.Join(openssl.ModulesDir(), "legacy.so")); err == nil {
		assert.Contains(t, providerNames(), "legacy", "the legacy provider is installed and must be loaded")
	}
}

// TestSetFIPS switches mode both ways where a FIPS provider is configured,
// and checks that support answers follow at once (no stale cache).
func TestSetFIPS(t *testing.T) {
	if !openssl.FIPS() {
		if openssl.FIPSCapable() {
			t.Skip("a FIPS provider is loaded but FIPS mode is off; covered by the FIPS-mode run")
		}
		err := openssl.SetFIPS(true)
		if err == nil {
			// A FIPS provider was found through the configuration.
			t.Cleanup(func() { require.NoError(t, openssl.SetFIPS(false)) })
			assert.True(t, openssl.FIPS())
			assert.False(t, hashes.Supported(hashes.MD5{}))
			return
		}
		require.ErrorIs(t, err, openssl.ErrFIPSProviderNotFound)
		assert.Contains(t, err.Error(), openssl.ModulesDir(), "the error names where OpenSSL looked")
		assert.False(t, openssl.FIPS())
		assert.True(t, hashes.Supported(hashes.MD5{}))
		return
	}
	require.False(t, hashes.Supported(hashes.MD5{}))
	require.NoError(t, openssl.SetFIPS(false))
	t.Cleanup(func() {
		require.NoError(t, openssl.SetFIPS(true))
		assert.True(t, openssl.FIPS())
		assert.False(t, hashes.Supported(hashes.MD5{}), "MD5 must be refused again")
	})
	assert.False(t, openssl.FIPS())
	assert.True(t, hashes.Supported(hashes.MD5{}), "MD5 from the default provider once FIPS mode is off")
	d, err := hashes.Sum(hashes.MD5{}, []byte("abc"))
	require.NoError(t, err)
	assert.Equal(t, "900150983cd24fb0d6963f7d28e17f72", fmt.Sprintf("%x", d))
}

func TestUnsupportedReason(t *testing.T) {
	_, err := openssl.DefaultBackend().CreateHashCtx(bogusHash("no-such-digest"))
	var ue *backends.UnsupportedAlgorithmError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, backends.ReasonUnsupportedHash, ue.Reason)
	var oe *openssl.Error
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, "EVP_MD_fetch", oe.Func)
	require.NotEmpty(t, oe.Reasons)
	assert.Contains(t, strings.Join(oe.Reasons, " "), "no-such-digest", "OpenSSL's text names the algorithm")
	if openssl.FIPS() {
		_, err = openssl.DefaultBackend().CreateHashCtx(hashes.MD5{})
		require.ErrorAs(t, err, &ue)
		assert.Equal(t, backends.ReasonFIPSRefused, ue.Reason)
		assert.Contains(t, err.Error(), "refused in FIPS mode")
	}
}

type bogusHash string

func (b bogusHash) Name() string  { return string(b) }
func (bogusHash) DigestSize() int { return 32 }
func (bogusHash) BlockSize() int  { return 64 }

// TestErrorQueueIsolation runs goroutines that make OpenSSL fail, each
// with a name of its own, beside goroutines whose operations succeed: a
// failure must carry its own name only (the queue is read inside the
// failing C call), and successes must never see an error.
func TestErrorQueueIsolation(t *testing.T) {
	b := openssl.DefaultBackend()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				if g%2 == 0 {
					name := fmt.Sprintf("no-such-digest-%d-%d", g, i)
					_, err := b.CreateHashCtx(bogusHash(name))
					var oe *openssl.Error
					if !errors.As(err, &oe) {
						errs <- fmt.Errorf("%s: want *openssl.Error, got %v", name, err)
						return
					}
					text := strings.Join(oe.Reasons, " ")
					if !strings.Contains(text, name) || strings.Count(text, "no-such-digest-") != 1 {
						errs <- fmt.Errorf("%s: foreign or missing error text: %q", name, text)
						return
					}
					continue
				}
				if _, err := hashes.Sum(hashes.SHA256{}, []byte("abc")); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// cgoData has a Go pointer beside the bytes passed to C: with cgocheck,
// passing &Data[0] must not make cgo inspect (and reject) the whole struct.
type cgoData struct {
	Data [64]byte
	Ptr  *cgoData
}

func TestCgo(t *testing.T) {
	d := new(cgoData)
	d.Ptr = d
	b := openssl.DefaultBackend()
	_, err := b.Digest(hashes.SHA256{}, d.Data[:], nil)
	require.NoError(t, err)
	ctx, err := b.CreateHashCtx(hashes.SHA256{})
	require.NoError(t, err)
	require.NoError(t, ctx.Update(d.Data[:]))
	require.NoError(t, ctx.Update(make([]byte, openssl.DigestBufSize+1)))
	_, err = ctx.(backends.Summer).Sum(d.Data[:0])
	require.NoError(t, err)
	_, err = b.MAC(d.Data[:16], hashes.SHA256{}, d.Data[:], nil)
	require.NoError(t, err)
	a, err := b.NewAEAD("AESGCM", "aes-128-gcm", d.Data[:16], 16)
	require.NoError(t, err)
	out, err := a.Seal(nil, d.Data[:12], d.Data[:], d.Data[:8])
	require.NoError(t, err)
	_, err = a.Open(nil, d.Data[:12], out, d.Data[:8])
	require.NoError(t, err)
}
