//go:build cgo

package openssl_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/openssl"
)

// TestErrorReasonsOnlyNew leaves an entry on the thread's error queue, as
// another library that does not read its errors would, then makes a call
// fail on the same thread: its Reasons hold what it added, not the stale
// entry.
func TestErrorReasonsOnlyNew(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b := openssl.DefaultBackend()
	for i, fail := range []struct {
		name string
		call func(name string) error
		want string
	}{
		{"digest fetch", func(name string) error { _, err := b.CreateHashCtx(bogusHash(name)); return err }, "unsupported"},
		{"provider load", openssl.LoadProvider, "could not load the shared library"},
	} {
		t.Run(fail.name, func(t *testing.T) {
			stale := fmt.Sprintf("stale entry %d left by another library", i)
			openssl.PushError(stale)
			name := fmt.Sprintf("no-such-thing-%d", i)
			err := fail.call(name)
			var oe *openssl.Error
			require.True(t, errors.As(err, &oe), "want *openssl.Error, got %v", err)
			require.NotEmpty(t, oe.Reasons)
			assert.Len(t, oe.Codes, len(oe.Reasons))
			text := strings.Join(oe.Reasons, "; ")
			assert.NotContains(t, text, "stale entry")
			assert.Contains(t, text, name)
			assert.Contains(t, text, fail.want)
		})
	}
}

// TestErrorReasonWhole loads a provider module from a path of about 300
// bytes: OpenSSL's reason (the path, then dlerror's message with the path
// again, about 700 bytes; OpenSSL itself drops a formatted reason beyond
// 1 KiB) is carried whole.
func TestErrorReasonWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), strings.Repeat("d", 100), strings.Repeat("m", 100), strings.Repeat("x", 60)+".so")
	require.Greater(t, len(path), 280)
	err := openssl.LoadProvider(path)
	var oe *openssl.Error
	require.True(t, errors.As(err, &oe), "want *openssl.Error, got %v", err)
	text := strings.Join(oe.Reasons, "; ")
	assert.Contains(t, text, "(filename("+path+"): "+path+": cannot open shared object file: No such file or directory)")
}

// TestSealInPlaceRunsOnce: a seal whose output is its input is not run a
// second time after a failure (the first run may have encrypted the input
// already, and a second would encrypt the ciphertext, giving back the
// plaintext under a valid tag), so its error keeps what was on the queue.
func TestSealInPlaceRunsOnce(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	err := openssl.FailPerMessage("aead-seal-inplace", "stale entry before an in-place seal")
	var oe *openssl.Error
	require.True(t, errors.As(err, &oe), "want *openssl.Error, got %v", err)
	assert.Contains(t, strings.Join(oe.Reasons, "; "), "stale entry before an in-place seal",
		"the in-place seal ran again on a cleared queue")
}

// TestPerMessageHelperErrorsOnlyNew leaves an entry on the thread's error
// queue, then makes each per-message digest, HMAC, AEAD (the random-IV seal too), key-wrap and KDF helper fail on the
// same thread: those helpers do not clear the queue on entry but run again
// after a failure on a cleared queue, so the error holds OpenSSL's reasons
// for the failure (where OpenSSL gives one) and not the stale entry.
func TestPerMessageHelperErrorsOnlyNew(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for i, tc := range []struct {
		which  string
		raises bool // OpenSSL 3.0 queues a reason for this failure
	}{
		{"digest-oneshot", true},
		{"digest-sum", false},
		{"digest-flush", true},
		{"mac-oneshot", true},
		{"mac-sum", true},
		{"mac-flush", false},
		{"digest-final-inplace", false},
		{"mac-final-inplace", true},
		{"aead-seal", true},
		{"aead-open", true},
		{"aead-seal-randiv", true},
		{"keywrap", true},
		{"kdf", true},
		{"kdf-prepared", true},
	} {
		t.Run(tc.which, func(t *testing.T) {
			stale := fmt.Sprintf("stale entry %d left by another library", i)
			err := openssl.FailPerMessage(tc.which, stale)
			var oe *openssl.Error
			require.True(t, errors.As(err, &oe), "want *openssl.Error, got %v", err)
			if tc.raises {
				assert.NotEmpty(t, oe.Codes, "the failure's own reasons")
			}
			assert.NotContains(t, strings.Join(oe.Reasons, "; "), "stale entry")
			assert.NotContains(t, err.Error(), "stale entry")
		})
	}
}
