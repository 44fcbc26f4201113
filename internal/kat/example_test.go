package kat_test

import (
	"fmt"
	"path/filepath"

	"github.com/go-hazmat/hazmat/internal/kat"
	"github.com/go-hazmat/hazmat/internal/vectors"
)

// Example runs one of the project's own vector files on the default
// backend and prints what hazmat vectors prints for it.
func Example() {
	td, err := vectors.TestdataDir()
	if err != nil {
		fmt.Println(err)
		return
	}
	r := kat.Run(filepath.Join(td, "hashes", "sha256.txt"), nil)
	fmt.Println(r.Summary())
	fmt.Println(r.Records[0].Name != "", r.Records[0].Status)
	// Output:
	// 3 passed, 0 failed, 0 skipped
	// true pass
}
