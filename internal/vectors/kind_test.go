package vectors

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestKind(t *testing.T) {
	tests := []struct{ path, want string }{
		{"hashes/SHA2/SHA256ShortMsg.rsp", KindHash},
		{"hashes/SHAKE/SHAKE128VariableOut.rsp", KindHash},
		{"hashes/MD5/rfc-1321.txt", KindHash},
		{"hashes/blake2/blake2b.txt", KindHash},
		{"hashes/SHA3/SHA3_256Monte.rsp", KindHashMonte},
		{"hashes/SHAKE/SHAKE256Monte.rsp", KindHashMonte},
		{"hashes/SHA2/SHA256Monte.txt", ""},
		{"hashes/SHA2/Readme.txt", ""},
		{"HMAC/rfc-4231-sha256.txt", KindHMAC},
		{"CMAC/nist-800-38b-aes128.txt", KindCMAC},
		{"keywrap/kwtestvectors/KW_AE_128.txt", KindKeyWrap},
		{"keywrap/kwp_botan.txt", KindKeyWrap},
		{"KDF/nist-800-108-KBKDF-CTR.txt", KindKDF},
		{"KDF/rfc-6070-PBKDF2-SHA1.txt", KindKDF},
		{"poly1305/rfc7539.txt", KindPoly1305},
		{"mac/kmac-sp800-185.txt", KindMAC},
		{"keywrap/kwtestvectors/Readme.txt", ""},
		{"ciphers/AES/CBC/CBCGFSbox128.rsp", KindCipher},
		{"ciphers/3DES/CBC/TCBCIMMT1.rsp", KindCipher},
		{"ciphers/Camellia/camellia-128-ecb.txt", KindCipher},
		{"ciphers/ChaCha20/rfc7539.txt", KindCipher},
		{"ciphers/AES/GCM/gcmDecrypt128.rsp", KindGCM},
		{"ciphers/SM4/rfc8998.txt", KindGCM},
		{"ciphers/AES/XTS/tweak-dataunitseqno/XTSGenAES128.rsp", KindXTS},
		{"/work/shared/vectors/nist/hashes/SHA1/SHA1ShortMsg.rsp", KindHash},
		{"/home/u/.cache/hazmat/vectors/cryptography_vectors/ciphers/AES/GCM/gcmEncryptExtIV256.rsp", KindGCM},
		{`C:\vectors\ciphers\AES\XTS\tweak-128hexstr\XTSGenAES256.rsp`, KindXTS},
		{"/tmp/ciphers-copy/hashes-old/HMAC/rfc-2202-md5.txt", KindHMAC},
		// the project's testdata
		{"testdata/hashes/shake128.txt", KindHash},
		{"testdata/hmac/sha256.txt", KindHMAC},
		{"testdata/ciphers/sm4.txt", KindCipher},
		{"testdata/ciphers/chacha20-rfc8439.txt", KindCipher},
		{"testdata/ciphers/aes-gcm-spec.txt", KindGCM},
		{"testdata/ciphers/sm4-gcm-rfc8998.txt", KindGCM},
		{"testdata/ciphers/aes-ccm-rfc3610.txt", KindAEAD},
		{"testdata/ciphers/chacha20poly1305-rfc8439.txt", KindAEAD},
		{"testdata/README.md", ""},
		// outside the collection's folders: CAVP names only
		{"SHA512ShortMsg.rsp", KindHash},
		{"/tmp/SHA3_224Monte.rsp", KindHashMonte},
		{"gcmEncryptExtIV128.rsp", KindGCM},
		{"XTSGenAES128.rsp", KindXTS},
		{"CBCGFSbox128.rsp", ""},
		{"ciphers/AES/CBC/notes.md", ""},
		{"ciphers", ""},
		{"", ""},
		{"///", ""},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, Kind(tc.path), tc.path)
	}
}
