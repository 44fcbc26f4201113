package vectors

import (
	"os"
	"testing"

	"github.com/go-hazmat/hazmat/internal/goref"
)

// TestMain runs the tests with the checks of GODEBUG=fips140=only lifted
// (goref.Run, inherited by the tests' goroutines). They hold the parser to
// account by computing each file's answers with Go's crypto, the only
// crypto these tests run: no backend is under test here, and under that
// setting Go would refuse the references of the MD5, SHA-1, Triple DES,
// OFB, CFB and GCM files.
func TestMain(m *testing.M) {
	code := 0
	goref.Run(func() { code = m.Run() })
	os.Exit(code)
}
