package rand_test

import (
	"testing"

	"github.com/go-hazmat/hazmat/primitives/rand"
)

// TestReadAllocs: drawing random bytes into the caller's buffer allocates
// nothing.
func TestReadAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are checked by the run without -race (scripts/test.sh)")
	}
	buf := make([]byte, 32)
	n := testing.AllocsPerRun(100, func() {
		if _, err := rand.Read(buf); err != nil {
			t.Fatal(err)
		}
	})
	if n != 0 {
		t.Errorf("rand.Read allocates %v times per call", n)
	}
}
