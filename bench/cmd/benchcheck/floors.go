package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/go-hazmat/hazmat/bench/internal/peers"
)

// A floor is what a profile shows for a target that hazmat does not meet
// (or that a run cannot judge): why, and what the least is that hazmat's
// design can reach there. The reports print it below a target that does
// not pass, so that a FAIL says what it is made of.
//
// The figures are instruction counts per operation, hazmat against the C
// floor, measured with valgrind's callgrind (GODEBUG=asyncpreemptoff=1) on
// a loop of one implementation of package peers (cmd/icount, whose
// comment gives the commands): the difference between a run of 12,000
// operations and one of 2,000, divided by 10,000. On the
// machine of BENCHMARKS.md one call from Go into C (runtime.cgocall, the
// switch to the system stack and back, cgo's prologue) costs about 745
// instructions, 32 to 43 ns: the C floor crosses once per round of
// operations, hazmat at least once per operation, so the 40 ns a reused
// object may cost over the floor is about one crossing. Valgrind does not
// run SHA-NI, so under it OpenSSL takes its AVX2 code for SHA-2: the
// differences between the implementations hold, but the digests' totals
// are higher than natively, which is why the bulk notes give times too
// (those of BENCHMARKS.md's run, on a quiet machine).
type floor struct {
	Op   string
	Size int
	Kind Kind
	Note string
}

// crossing is the note of a small-size target whose whole overhead is the
// one cgo crossing hazmat's operation makes and a little Go.
func crossing(extra, ours, c int) string {
	return fmt.Sprintf("one call into C per operation; callgrind: %s instructions per op more than the C floor (%s against %s); "+
		"a cgo crossing alone costs about 745, which the C floor pays once per round and hazmat once per operation: the floor is about one crossing, 32 to 43 ns",
		thousands(extra), thousands(ours), thousands(c))
}

// thousands formats n with commas between groups of three digits, as the
// notes write their figures.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// newHMACNote is the note of a new HMAC per message against the C floor,
// which makes, keys and frees an EVP_MAC_CTX per message.
const newHMACNote = "a new HMAC MACs a message that fits the 4 KiB it keeps in Go on a context of the C thread's, in one crossing: " +
	"it keys the context with the caller's key, MACs, and keys it again with a public key, so that no context a thread keeps holds a caller's key " +
	"(SECURITY.md); the C floor keys its new context once. Callgrind (which runs SHA-256 without SHA-NI), 64 B: 23,677 instructions per op " +
	"against the C floor's 20,049 (24,187 before the HMAC's EVP_MAC was looked up in a slot per mode rather than in the fetch map), of which EVP_MAC_init (HMAC_Init_ex: two digest initialisations, a block hashed for each pad, EVP_MD_CTX_copy_ex " +
	"and the provider's copy of the key) takes about 7,700 per keying, so the second keying is about 7,700 of hazmat's; without it hazmat would run " +
	"fewer instructions than the C floor. Before the thread's contexts, a new HMAC made, keyed and later freed (from a cleanup, on another thread) an " +
	"EVP_MAC_CTX of its own: 3.6 to 3.9 µs against 1.2 to 1.3 µs after, natively, in alternating runs. Floor: one crossing, three Go allocations and two keyings"

// newHMACGoNote is the note of a new HMAC per message against Go's.
const newHMACGoNote = "Go's hmac.New keys by hashing the two pad blocks with its own SHA-256 and copies its state in Go; OpenSSL 3.0 keys through " +
	"HMAC_Init_ex (two digest initialisations, EVP_MD_CTX_copy_ex, which frees and allocates the provider's state, and a copy of the key in the " +
	"provider's own allocation), and hazmat keys twice per message (with the caller's key, then with a public one: see the overhead note). " +
	"Callgrind, 64 B: 23,677 instructions per op against Go's 15,383, two keyings being about 15,400 of hazmat's. A cache of keyed contexts per " +
	"thread and key would spare both keyings for a key used again (a reused HMAC's cost), but would keep callers' keys in C memory between calls; " +
	"it is not done"

// floors are the profiles of the targets not met on the machine of
// BENCHMARKS.md.
var floors = []floor{
	{"AESGCMSeal", 64, Overhead, crossing(600, 3578, 2978)},
	{"AESGCMSeal", 1024, Overhead, crossing(609, 5754, 5145)},
	{"AESGCMOpen", 64, Overhead, crossing(578, 3406, 2828)},
	{"AESGCMOpen", 1024, Overhead, crossing(586, 5618, 5032)},
	{"AESCBCEncrypt", 64, Overhead, crossing(764, 1258, 494)},
	{"AESCBCEncrypt", 1024, Overhead, crossing(785, 6020, 5235)},
	{"AESCTR", 64, Overhead, crossing(775, 1183, 408)},
	{"AESCTR", 1024, Overhead, crossing(771, 2480, 1709)},
	{"AESCTR", 16384, Throughput, "callgrind: 727 instructions per op more than the C floor (23,351 against 22,624), no more than the crossing; " +
		"but with AES-NI a 16 KiB AES-CTR takes only 1.7 µs (BENCHMARKS.md: C 1,742 ns, hazmat 1,804), so the one crossing (+48 ns at 64 B) is 2 to 3% of it: " +
		"the floor is about 97.3% of C; the C floor's own call made once per operation (c-call) measures it: about 98% of the C floor, hazmat within about 1% of c-call"},
	{"AESGCMSeal", 16384, Throughput, "callgrind: 512 instructions per op more than the C floor (39,866 against 39,354), less than the crossing; " +
		"in time the fixed cost of a seal is its overhead at 64 B (+80 ns in BENCHMARKS.md's run, before the seal stopped checking the error queue first: " +
		"the crossing, and taking and returning a pooled keyed context, which instruction counts understate) against 3.5 µs for 16 KiB: the floor is about 98% of C"},
	{"AESGCMOpen", 16384, Throughput, "as AESGCMSeal: a fixed cost of about +62 ns per open (at 64 B) against 3.5 µs for 16 KiB, the floor about 98.2% of C"},
	{"SHA256", 64, Overhead, crossing(605, 6051, 5446)},
	{"SHA256", 1024, Overhead, crossing(598, 32671, 32073)},
	{"SHA512", 64, Overhead, crossing(623, 4948, 4325)},
	{"SHA512", 1024, Overhead, crossing(587, 24211, 23624)},
	{"SHA256Hasher", 64, Overhead, crossing(1062, 6049, 4987) + "; the rest is Reset, Write and Sum through hashes.Hash, its shared core and the context (about 300 instructions)"},
	{"SHA256Hasher", 16384, Throughput, "16 KiB is beyond the 4 KiB a reused hasher keeps in Go, so Write sends it to C and Sum copies the C state " +
		"(EVP_MD_CTX_copy_ex, which in OpenSSL 3.0 frees and allocates the provider's context) to finalise the copy: two crossings and the copy, " +
		"+211 ns against 9.2 µs in BENCHMARKS.md's run, a floor of about 97.7% of C with Sum's semantics (callgrind, without SHA-NI: 1,769 instructions per op more than C)"},
	{"SHA256Hasher", 1024, Overhead, crossing(1159, 32826, 31667) + "; the rest is the three Go layers and the copy of the message into the context's buffer, which saves a second crossing and EVP_MD_CTX_copy_ex"},
	{"HMACSHA256", 64, Overhead, crossing(1005, 9292, 8287) + "; the rest is the Go layers of Reset, Write and Sum (9,371 to 9,394 before the shared core's Reset stopped asserting its context's Resetter interface at every call)"},
	{"HMACSHA256", 1024, Overhead, crossing(1388, 36376, 34988) + "; the rest is the Go layers and the copy of the message into the context's buffer, which saves EVP_MAC_CTX_dup at Sum"},
	{"HMACSHA256", 16384, Throughput, "a 16 KiB message is beyond the 4 KiB an HMAC context keeps in Go, so it is in C at Sum, and Sum must leave the state " +
		"unchanged (hash.Hash): OpenSSL 3.0 can only EVP_MAC_CTX_dup the context (it cannot copy into an existing one), and the dup and its free cost " +
		"about 4,150 instructions and a dozen allocations in the HMAC provider, +402 ns against 9.3 µs in BENCHMARKS.md's run (95.7% of C); the C floor, which knows the message is complete, finalises in place. " +
		"That is the floor with Sum's semantics on OpenSSL 3.0. Keeping up to 64 KiB in Go instead, so that Sum is one call with no dup, was measured and costs more: " +
		"callgrind counts about 1,900 instructions of copying and 2,500 of clearing the message where the dup was (468,842 instructions per op against 469,595), " +
		"and the thread's CPU time over the C floor's rose by about 200 ns in three alternating runs (+371, +948, +740 ns against +180, +617, +508); see macBufSize in openssl/hmac.go. " +
		"Finalize, which may spend the state, finalises in place without the dup: BenchmarkFinalizeInC in package openssl, a reused HMAC-SHA-256 of 16 KiB, " +
		"10.2 µs ended by Finalize against 10.7 µs by Sum"},
	{"NewSHA256", 64, Overhead, "the hasher is one Go allocation of 384 bytes (the hashes.Hash, 80 bytes, and its context, 304 with the 256-byte buffer that makes a short message one C call; " +
		"512 bytes before the two packed their fields: TestHashSize and TestDigestCtxSize pin them); the cost of an allocation grows with its size, and in three alternating " +
		"runs of 31 paired rounds the median went from +455, +449, +403 ns with 512 bytes to +332, +246, +281 ns with 384; with 512 bytes a CPU profile gave mallocgc about 19% " +
		"and the garbage collector's background work about 10% of the operation, against glibc's malloc in the C floor; " +
		"callgrind, 30,000 ops per count: 6,901 to 6,963 instructions per op against the C floor's 5,398 (7,067 to 7,179 with 512 bytes; 7,195 to 7,263 before IsNil answered " +
		"without reflection, New left the nil and output-length checks to the OpenSSL backend and digestOutLen dropped its type assertion for fixed-size digests); the garbage " +
		"collector moves a count by about 200, so with GOGC=off: 6,656 against 5,398, the same as with 512 bytes (6,656; 6,841 to 6,863 before those cuts), about 1,250 over C: " +
		"the allocator runs as many instructions for either size class, and what the smaller one saves is time (zeroing, cache lines, and the collector's cycles, which come " +
		"with the bytes allocated). Where hazmat's own go, with the collector off: the allocation about 370 (mallocgc), " +
		"the rest of New about 300, Write about 160, Sum about 660 besides the digest in C (the crossing and the Go layers: hashcore's checks, the FIPS-mode check, the output); " +
		"the C floor pays EVP_MD_CTX_new and EVP_MD_CTX_free instead, which hazmat spares by hashing on the C thread's own context. " +
		"Cachegrind (simulated caches, 10,000 ops): 12.2 first-level and 3.4 last-level data misses per op, against none for the C floor, whose malloc hands back the " +
		"block it has just freed, warm, where Go's allocator hands out memory the collector swept since its last use. " +
		"Floor: one crossing and one Go allocation of this size"},
	{"NewSHA256", 1024, Overhead, "as at 64 B, and a 1 KiB message is beyond the 256 bytes a new hasher keeps in Go: Write sends it to C (a second crossing, " +
		"on a C state borrowed from a pool; a hasher dropped without Finalize keeps its state until the garbage collector finds its slab of 32 unreachable, " +
		"whose states then go to the next slab rather than being freed and made again), and Sum copies the state (EVP_MD_CTX_copy_ex, about 465 instructions) to finalise the copy; " +
		"callgrind, 30,000 ops per count: 35,069 instructions per op against the C floor's 32,019 (35,308 with the 512-byte allocation, 35,097 to 35,382 in earlier counts, " +
		"35,381 to 35,680 before the cuts of the 64 B note; with GOGC=off 35,269, and 35,271 with 512 bytes), the two crossings, the copy, the Go allocation (about 500) and the borrowing; " +
		"the paired rounds' medians, +731, +837, +1,562 ns with 512 bytes and +825, +564, +459 with 384, vary more than the allocation moves them. " +
		"The slabs' states are not all reused: natively, 20,000 hashers of 1 KiB dropped after Sum still made 16 to 114 new sets of 32 states per round of 20,000 once warm " +
		"(the spare sets live in a sync.Pool, which drops what two collections find unused). Cachegrind (simulated caches, 10,000 ops): 36 first-level and " +
		"7.8 last-level data misses per op against none for the C floor (12.2 and 3.4 at 64 B): the C state comes back only when the collector finds the hasher " +
		"dropped, long after its last use, cold. A buffer in Go for the message instead would be a second allocation, beyond the new hasher's budget of one. " +
		"Floor: two crossings, the copy, one Go allocation and a C state in cold memory"},
	{"NewSHA256", 16384, Throughput, "the 1 KiB case's costs over a 16 KiB digest: one Go allocation, two crossings, a C state borrowed from a pool that the dropped hasher " +
		"returns only through its slab's cleanup, and EVP_MD_CTX_copy_ex at Sum; +823 ns in BENCHMARKS.md's run (before the slabs' states were reused). " +
		"Callgrind (without SHA-NI) counts only 3,530 instructions per op more than C (464,758 against 461,228): the rest is not in instructions. " +
		"Perf (cpu-clock, 300,000 ops each): 13,032 samples against the C floor's 11,747; of hazmat's, 4.0% in Go code (the allocation, the layers, the " +
		"collector), 2.9% in the kernel (mostly switching the thread out for the runtime's other threads), and its SHA-256 in libcrypto takes 3.3% more samples " +
		"than the C floor's for the same work: memory the C floor keeps warm (see the cache misses at 1 KiB)"},
	{"NewHMACSHA256", 64, Overhead, newHMACNote},
	{"NewHMACSHA256", 1024, Overhead, newHMACNote + "; at 1 KiB 51,780 instructions per op against the C floor's 46,668 (callgrind), and the Go buffer " +
		"the first Write makes is the message's size (1 KiB): an allocation costs time with its size (see NewSHA256/64), and the C floor's " +
		"EVP_MAC_update reads the caller's message in place"},
	{"NewHMACSHA256", 64, VsGo, newHMACGoNote},
	{"NewHMACSHA256", 1024, VsGo, newHMACGoNote + "; at 1 KiB, where the message's hashing weighs more, 51,780 against Go's 44,309, and hazmat " +
		"copies the message into a Go buffer of its size (the first Write allocates it) where Go hashes it into a state of fixed size"},
	{"NewHMACSHA256", 16384, Throughput, "a 16 KiB message is beyond the 4 KiB an HMAC keeps in Go, so the new HMAC makes a keyed EVP_MAC_CTX of its own " +
		"(EVP_MAC_CTX_new and EVP_MAC_init with the digest's name, which fetches it, as the C floor does per message), and Sum then duplicates it " +
		"(EVP_MAC_CTX_dup: Sum must leave the state unchanged, see HMACSHA256 at 16 KiB) and its cleanup frees it later on another thread: " +
		"the C floor's costs, the dup, two crossings and four Go allocations. Perf (cpu-clock): 48% more samples than the C floor, glibc's _int_malloc 5% of them and " +
		"the kernel's clearing of fresh pages 1%: the HMACs' own contexts live until the collector finds the HMACs, thousands per cycle in a loop, so glibc " +
		"carves each from memory that is not warm (leaving them unfreed, as an experiment, cost the same). An HMAC never Reset frees its context at Finalize, " +
		"on the calling thread, and Finalize finalises in place: ended by Finalize rather than Sum, a new HMAC-SHA-256 of 16 KiB took 12.2 µs against 13.8 µs " +
		"(testing.B, the C floor about 10.1 µs)"},
	{"HKDFSHA256", 32, Overhead, "callgrind: 40,698 instructions per op against the C floor's 40,714 (45,088 before the KDF contexts were prepared once per KDF, digest and mode, " +
		"and the hash constructors known by their code): hazmat's KDF no longer fetches its digest on every derivation (about 2,350 instructions, which the C floor still pays), " +
		"and adds about 800 for the crossing, 810 to overwrite the secret in the pooled context after each derivation, 320 for the descriptor as an interface value " +
		"and 180 for the key returned (the two allocations), 120 for the pool and about 750 in hkdf.Key and DeriveKey's checks and resolution (with OpenSSL's FIPS provider: 38,315 against 37,056, " +
		"41,306 before, as the digest fetch hazmat spares costs the C floor less there). Natively hazmat takes " +
		"about +450 ns (1.2x), of which the C floor's own derivation called from Go once per key (c-call) already takes about +200 to +270 ns: the same C code, " +
		"with the same instruction count, runs longer when each call comes from Go than in a loop in C (see RandBytes, where perf shows it), which hazmat cannot " +
		"spare. What hazmat adds over c-call, about +200 to +300 ns natively, is the Go layers counted above (hkdf.Key's allocations and descriptor, DeriveKey's " +
		"checks, the pool, the lock that keeps fetches apart from SetFIPS) and the overwrite of the secret in the pooled context, which keeps no caller's secret " +
		"in C memory between derivations (SECURITY.md); valgrind runs SHA-2 without SHA-NI, so natively the hashing is a smaller share and these weigh more"},
	{"CMACAES128", 64, Overhead, crossing(998, 3330, 2332)},
	{"CMACAES128", 16384, Throughput, "+492 ns against 14.7 µs in BENCHMARKS.md's run; callgrind: 3,663 instructions per op more than the C floor (226,317 against 222,654), 1.6%: " +
		"the crossings and, at Sum, EVP_MAC_CTX_dup: 16 KiB is beyond the 4 KiB a CMAC context keeps in Go, so the message is in C when Sum must leave the state unchanged; " +
		"keeping up to 64 KiB in Go instead costs more (227,447 instructions per op: the copy and the clearing of the message outweigh the dup), as for HMACSHA256; " +
		"Finalize finalises in place, without the dup"},
	{"AESKeyWrap", 32, Overhead, "callgrind: 1,054 instructions per op more than C (37,635 against 36,581): the crossing, and the wrapped key, a new Go slice (the API returns it)"},
	{"RandBytes", 32, Overhead, "callgrind: 418 instructions per op more than C (7,135 against 6,717), less than one crossing (hazmat calls EVP_RAND_generate " +
		"on the thread's DRBG, which RAND_bytes finds for the C floor). The C floor's own RAND_bytes called from Go once per draw (c-call) costs " +
		"about +120 to +155 ns over its loop in C, four to five times what a crossing costs a cheap call (+31 ns for AES-CTR at 64 B), and hazmat is within " +
		"about 20 ns of c-call: perf (cpu-clock, 3 million draws each way, one locked thread) counts the same C functions taking more samples when each call comes " +
		"from Go (strcmp 1,717 against 1,462, the kernel's system-call entry 1,100 against 918: RAND_bytes calls getpid, for fork detection), for the same " +
		"instructions. The cause inside the processor is not identified; the floor is c-call"},
}

// floorNote returns the note of target t, if there is one.
func floorNote(t Target) (string, bool) {
	for _, f := range floors {
		if f.Op == t.Op && f.Size == t.Size && f.Kind == t.Kind {
			return f.Note, true
		}
	}
	return "", false
}

// String says what c measured of the floor, in the statistic of a target
// of kind k: how far the C floor called once per operation is from the
// C floor, and hazmat from it.
func (c CallFloor) String(k Kind) string {
	spread := func(s Summary) string {
		return fmt.Sprintf("%s [%s, %s]", formatValue(k, s.Median), formatValue(k, s.Q1), formatValue(k, s.Q3))
	}
	if k == Throughput {
		return fmt.Sprintf("measured in this run: the C floor's own function called from Go once per operation (%s) runs at %s of the C floor's throughput, and hazmat at %s of %s's",
			peers.CCall, spread(c.Floor), spread(c.Rest), peers.CCall)
	}
	return fmt.Sprintf("measured in this run: the C floor's own function called from Go once per operation (%s) costs %s over the C floor, and hazmat %s over %s",
		peers.CCall, spread(c.Floor), spread(c.Rest), peers.CCall)
}

// unmet returns, for each result that failed or could not be judged and
// has a note or a measured floor, its name and kind ("AESCTR/16384
// throughput") and the note, led by the measured floor.
func unmet(rs []Result) (names, notes []string) {
	for _, r := range rs {
		if r.Verdict != Fail && r.Verdict != Unjudgeable {
			continue
		}
		note, ok := floorNote(r.Target)
		if !ok && r.Call == nil {
			continue
		}
		if r.Call != nil {
			note = strings.TrimSuffix(r.Call.String(r.Kind)+"; "+note, "; ")
		}
		names = append(names, r.Name()+" "+r.Kind.String())
		notes = append(notes, note)
	}
	return names, notes
}

// writeFloors prints the notes of the targets not met, one per line, after
// a heading.
func writeFloors(w io.Writer, rs []Result) {
	names, notes := unmet(rs)
	if len(names) == 0 {
		return
	}
	fmt.Fprintln(w, "Targets not met, and their floors (callgrind instructions per operation, hazmat against the C floor):")
	for i := range names {
		fmt.Fprintf(w, "  %s: %s\n", names[i], notes[i])
	}
}
