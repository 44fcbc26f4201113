package hashes_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/go-hazmat/hazmat/internal/defaultbackend"
)

func TestMain(m *testing.M) {
	fmt.Fprintln(os.Stderr, defaultbackend.Describe())
	os.Exit(m.Run())
}
