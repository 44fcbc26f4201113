package vectors_test

import (
	"fmt"
	"strings"

	"github.com/go-hazmat/hazmat/internal/vectors"
)

func ExampleParse() {
	const file = `# GCM decrypt, CAVP layout
[Keylen = 128]
[IVlen = 96]
[PTlen = 0]
[AADlen = 0]
[Taglen = 128]

Count = 1
Key = a49a5e26a2f8cb63d05546c2a62f5343
IV = 907763b19b9b4ab6bd4f0281
CT = 
AAD = 
Tag = a2be08210d8c470a8df6e8fbd79ec5cf
FAIL
`
	recs, err := vectors.Parse(strings.NewReader(file), "gcmDecrypt128.rsp")
	if err != nil {
		fmt.Println(err)
		return
	}
	r := recs[0]
	tag, _ := r.Hex("TAG")
	fmt.Println(r.Name(), r.Section["taglen"], len(tag), r.Fail)
	// Output: gcmDecrypt128.rsp:8#1 128 16 true
}

func ExampleKind() {
	for _, p := range []string{
		"hashes/SHA2/SHA256ShortMsg.rsp",
		"hashes/SHA3/SHA3_256Monte.rsp",
		"ciphers/AES/GCM/gcmDecrypt128.rsp",
		"/data/vectors/ciphers/AES/XTS/tweak-128hexstr/XTSGenAES128.rsp",
		"ciphers/3DES/CBC/TCBCMMT2.rsp",
		"hashes/SHA2/Readme.txt",
	} {
		fmt.Printf("%q\n", vectors.Kind(p))
	}
	// Output:
	// "hash"
	// "hash-monte"
	// "gcm"
	// "xts"
	// "cipher"
	// ""
}
