package kdfalg

import (
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
)

// KBKDFMode is the mode of a KBKDF: how the blocks are chained.
type KBKDFMode int

const (
	// CounterMode (SP 800-108 section 4.1): PRF(K, [i] ‖ fixed input). The
	// zero value.
	CounterMode KBKDFMode = iota
	// FeedbackMode (SP 800-108 section 4.2): PRF(K, K(i-1) ‖ [i] ‖ fixed
	// input), K(0) being the IV.
	FeedbackMode
)

func (m KBKDFMode) String() string {
	switch m {
	case CounterMode:
		return "counter"
	case FeedbackMode:
		return "feedback"
	}
	return fmt.Sprintf("KBKDFMode(%d)", int(m))
}

// CounterLocation says where the counter [i] sits in the PRF's input,
// pyca's CounterLocation.
type CounterLocation int

const (
	// BeforeFixed puts the counter before the fixed input (after K(i-1)
	// in feedback mode). The zero value, and the only location OpenSSL's
	// KBKDF implements.
	BeforeFixed CounterLocation = iota
	// AfterFixed puts the counter after the fixed input.
	AfterFixed
	// MiddleFixed puts the counter inside the fixed input.
	MiddleFixed
)

func (l CounterLocation) String() string {
	switch l {
	case BeforeFixed:
		return "before the fixed input"
	case AfterFixed:
		return "after the fixed input"
	case MiddleFixed:
		return "in the middle of the fixed input"
	}
	return fmt.Sprintf("CounterLocation(%d)", int(l))
}

// CMACCipher is the block cipher of a CMAC pseudorandom function.
type CMACCipher int

const (
	// NoCMAC: the PRF is HMAC with KBKDF.Hash. The zero value.
	NoCMAC CMACCipher = iota
	// CMACAES: CMAC with AES; the key (the secret) is 16, 24 or 32 bytes.
	CMACAES
	// CMACTripleDES: CMAC with TripleDES; the key is 24 bytes (three-key,
	// DES-EDE3) or 16 bytes (two-key, DES-EDE). FIPS modules no longer
	// approve it.
	CMACTripleDES
)

// KBKDF is the key-based KDF of [NIST SP 800-108], pyca's KBKDFHMAC and
// KBKDFCMAC, in counter or feedback mode.
//
// The PRF is HMAC with Hash when Cipher is [NoCMAC], else CMAC with
// Cipher (and Hash must be nil). The fixed input is Fixed when Fixed is
// not nil (then Label and Context must be empty, and no separator or L is
// added); otherwise it is Label ‖ 0x00 ‖ Context ‖ [L], the zero byte left
// out when OmitSeparator is set and [L] (the output length in bits, big
// endian, in LLen bytes) when OmitL is set.
//
// RLen is the width of the counter in bytes, 1 to 4 (0 means 4); LLen the
// width of L, which OpenSSL fixes at 4 (0 means 4). Location is where the
// counter sits. IV is the initial value of feedback mode (may be empty;
// OpenSSL takes only an empty one or one of the PRF's output size) and
// must be empty in counter mode.
//
// OpenSSL's KBKDF cannot express everything SP 800-108 allows: the counter
// always comes before the fixed input, L is always 32 bits, and OpenSSL
// 3.0 has only 32-bit counters (3.1 added the others). A backend refuses
// what it cannot run with an error wrapping
// [backends.ErrUnsupportedAlgorithm] that names the parameter.
//
// [NIST SP 800-108]: https://doi.org/10.6028/NIST.SP.800-108r1-upd1
type KBKDF struct {
	Mode          KBKDFMode
	Hash          backends.HashAlgorithm
	Cipher        CMACCipher
	RLen          int
	LLen          int
	Location      CounterLocation
	Label         []byte
	Context       []byte
	Fixed         []byte
	OmitSeparator bool
	OmitL         bool
	IV            []byte
}

// KDFName returns "KBKDF".
func (KBKDF) KDFName() string { return "KBKDF" }

// PRFSize returns the output size of the PRF in bytes, or 0 when the PRF
// is not valid.
func (k KBKDF) PRFSize() int {
	switch k.Cipher {
	case NoCMAC:
		if isNil(k.Hash) {
			return 0
		}
		return k.Hash.DigestSize()
	case CMACAES:
		return 16
	case CMACTripleDES:
		return 8
	}
	return 0
}

// CounterBytes returns the counter width in bytes (RLen, 4 when 0).
func (k KBKDF) CounterBytes() int {
	if k.RLen == 0 {
		return 4
	}
	return k.RLen
}

// ValidateDerive checks the PRF, the key length for CMAC, the widths, the
// mode and the output length: at most 2^(8*RLen) - 1 blocks of the PRF,
// and no more bits than L can count.
func (k KBKDF) ValidateDerive(secretLen, length int) error {
	var size int
	switch k.Cipher {
	case NoCMAC:
		s, err := checkHash("KBKDF", k.Hash)
		if err != nil {
			return err
		}
		size = s
	case CMACAES, CMACTripleDES:
		if !isNil(k.Hash) {
			return fmt.Errorf("kdfalg: KBKDF with CMAC takes no hash: %w", backends.ErrInvalidArgument)
		}
		size = k.PRFSize()
		if k.Cipher == CMACAES && secretLen != 16 && secretLen != 24 && secretLen != 32 {
			return fmt.Errorf("kdfalg: KBKDF CMAC-AES key of %d bytes, want 16, 24 or 32: %w", secretLen, backends.ErrInvalidKeySize)
		}
		if k.Cipher == CMACTripleDES && secretLen != 16 && secretLen != 24 {
			return fmt.Errorf("kdfalg: KBKDF CMAC-TripleDES key of %d bytes, want 16 or 24: %w", secretLen, backends.ErrInvalidKeySize)
		}
	default:
		return fmt.Errorf("kdfalg: unknown KBKDF CMAC cipher %d: %w", int(k.Cipher), backends.ErrInvalidArgument)
	}
	if err := checkSecret("KBKDF", secretLen); err != nil {
		return err
	}
	switch k.Mode {
	case CounterMode:
		if len(k.IV) > 0 {
			return fmt.Errorf("kdfalg: KBKDF counter mode takes no IV: %w", backends.ErrInvalidArgument)
		}
	case FeedbackMode:
	default:
		return fmt.Errorf("kdfalg: unknown KBKDF mode %d: %w", int(k.Mode), backends.ErrInvalidArgument)
	}
	switch k.Location {
	case BeforeFixed, AfterFixed, MiddleFixed:
	default:
		return fmt.Errorf("kdfalg: unknown KBKDF counter location %d: %w", int(k.Location), backends.ErrInvalidArgument)
	}
	r := k.CounterBytes()
	if r < 1 || r > 4 {
		return fmt.Errorf("kdfalg: KBKDF counter width of %d bytes out of range 1..4: %w", k.RLen, backends.ErrInvalidArgument)
	}
	if k.LLen < 0 || k.LLen > 4 {
		return fmt.Errorf("kdfalg: KBKDF L width of %d bytes out of range 1..4: %w", k.LLen, backends.ErrInvalidArgument)
	}
	if k.Fixed != nil && (len(k.Label) > 0 || len(k.Context) > 0) {
		return fmt.Errorf("kdfalg: KBKDF takes either Fixed or Label and Context, not both: %w", backends.ErrInvalidArgument)
	}
	most := int(min(uint64(size)*(uint64(1)<<(8*r)-1), MaxLength))
	if k.Fixed == nil && !k.OmitL {
		l := k.LLen
		if l == 0 {
			l = 4
		}
		// L counts bits: the output must fit in 8*l bits of L.
		if bits := (uint64(1)<<(8*l) - 1) / 8; bits < uint64(most) {
			most = int(bits)
		}
	}
	return checkLength("KBKDF", length, most)
}
