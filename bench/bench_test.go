package bench

import (
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/go-hazmat/hazmat/bench/internal/peers"
)

// runPeers runs every peer at every size of the operation as
// sub-benchmarks <impl>/<size>, smallest size first and the peers of one size one after the other, so
// that a change of load on the machine hits them alike.
//
// A size is a length in bytes, whose throughput the benchmark reports,
// or, for an operation per iteration (PBKDF2), an iteration count.
//
// Besides ns/op it reports cpu-ns/op, the CPU time of the benchmark's
// thread per operation: on a shared machine, time spent descheduled
// inflates ns/op but not cpu-ns/op.
func runPeers(b *testing.B, name string) {
	o, ok := peers.Named(name)
	if !ok {
		b.Fatalf("no operation %s", name)
	}
	for _, n := range o.SizesOf() {
		for _, p := range o.Peers {
			b.Run(p.Name+"/"+strconv.Itoa(n), func(b *testing.B) {
				r := p.Prepare(b, n)
				if !o.PerIteration {
					b.SetBytes(int64(n))
				}
				b.ReportAllocs()
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				if r.Many != nil {
					b.ResetTimer()
				}
				start := threadCPU(b)
				if r.Many != nil {
					r.Many(b.N)
				} else {
					for b.Loop() {
						r.Once()
					}
				}
				b.ReportMetric(float64(threadCPU(b)-start)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// threadCPU returns the CPU time the calling thread has used.
func threadCPU(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkAESGCMSeal(b *testing.B)    { runPeers(b, "AESGCMSeal") }
func BenchmarkAESGCMOpen(b *testing.B)    { runPeers(b, "AESGCMOpen") }
func BenchmarkAESCBCEncrypt(b *testing.B) { runPeers(b, "AESCBCEncrypt") }
func BenchmarkAESCTR(b *testing.B)        { runPeers(b, "AESCTR") }
func BenchmarkSHA256(b *testing.B)        { runPeers(b, "SHA256") }
func BenchmarkSHA512(b *testing.B)        { runPeers(b, "SHA512") }
func BenchmarkSHA256Hasher(b *testing.B)  { runPeers(b, "SHA256Hasher") }
func BenchmarkHMACSHA256(b *testing.B)    { runPeers(b, "HMACSHA256") }
func BenchmarkNewSHA256(b *testing.B)     { runPeers(b, "NewSHA256") }
func BenchmarkNewHMACSHA256(b *testing.B) { runPeers(b, "NewHMACSHA256") }
func BenchmarkHKDFSHA256(b *testing.B)    { runPeers(b, "HKDFSHA256") }
func BenchmarkPBKDF2SHA256(b *testing.B)  { runPeers(b, "PBKDF2SHA256") }
func BenchmarkCMACAES128(b *testing.B)    { runPeers(b, "CMACAES128") }
func BenchmarkAESKeyWrap(b *testing.B)    { runPeers(b, "AESKeyWrap") }
func BenchmarkRandBytes(b *testing.B)     { runPeers(b, "RandBytes") }
