package hashes_test

import (
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

func ExampleNew() {
	h, err := hashes.New(hashes.SHA256{})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := h.Update([]byte("abc")); err != nil {
		fmt.Println(err)
		return
	}
	digest, err := h.Finalize()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%x\n", digest)
	// Output: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
}

func ExampleSum() {
	digest, err := hashes.Sum(hashes.SHA3_256{}, []byte("abc"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%x\n", digest)
	// Output: 3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532
}

func ExampleHash_Copy() {
	// Hash a common prefix once, then fork the state.
	h, err := hashes.New(hashes.SHA256{})
	if err != nil {
		fmt.Println(err)
		return
	}
	h.Write([]byte("a"))
	fork, err := h.Copy()
	if err != nil {
		fmt.Println(err)
		return
	}
	h.Write([]byte("bc"))
	fork.Write([]byte("b"))
	abc, _ := h.Finalize()
	ab, _ := fork.Finalize()
	fmt.Printf("abc %x\n", abc)
	fmt.Printf("ab  %x\n", ab)
	// Output:
	// abc ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
	// ab  fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603
}

func ExampleSHAKE128() {
	// Size is the output length of Sum and Finalize; Read streams as
	// much output as asked for, starting with the same bytes.
	h, err := hashes.New(hashes.SHAKE128{Size: 32})
	if err != nil {
		fmt.Println(err)
		return
	}
	h.Write([]byte("abc"))
	fmt.Printf("Sum   %x\n", h.Sum(nil))
	first, second := make([]byte, 16), make([]byte, 16)
	if _, err := h.Read(first); err != nil {
		fmt.Println(err)
		return
	}
	if _, err := h.Read(second); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("Read  %x\n", first)
	fmt.Printf("Read  %x\n", second)
	// Output:
	// Sum   5881092dd818bf5cf8a3ddb793fbcba74097d5c526a6d35f97b83351940f2cc8
	// Read  5881092dd818bf5cf8a3ddb793fbcba7
	// Read  4097d5c526a6d35f97b83351940f2cc8
}

func ExampleSupported() {
	// Ask before acting. Supported agrees with New: where it is false (MD5
	// in FIPS mode, for one), New returns an error wrapping
	// backends.ErrUnsupportedAlgorithm.
	_, err := hashes.New(hashes.MD5{})
	if hashes.Supported(hashes.MD5{}) {
		fmt.Println("MD5 agrees:", err == nil)
	} else {
		fmt.Println("MD5 agrees:", errors.Is(err, backends.ErrUnsupportedAlgorithm))
	}
	// SHA-256 is approved, so it is available in FIPS mode too.
	fmt.Println("SHA-256:", hashes.Supported(hashes.SHA256{}))
	// Output:
	// MD5 agrees: true
	// SHA-256: true
}
