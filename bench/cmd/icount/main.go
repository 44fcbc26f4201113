// Command icount runs one implementation of one benchmarked operation a
// given number of times, for instruction counts under valgrind's callgrind:
// the profiles behind benchcheck's floors (cmd/benchcheck/floors.go).
//
// Usage (from the bench module's folder):
//
//	go build -o /tmp/icount ./cmd/icount
//	for n in 2000 12000; do
//		GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//			/tmp/icount -op HMACSHA256 -impl hazmat -size 1024 -n $n 2>&1 | grep Collected
//	done
//
// The difference of the two counts divided by 10,000 is the operation's
// cost in instructions, without the program's start and the preparation
// of the implementation, which both runs share, as they share the -warm
// operations run first to warm caches and pools.
// Implementations are those of package peers: hazmat, go, gofips, c. With
// --callgrind-out-file set to a file, callgrind_annotate --inclusive=yes
// shows where the instructions go.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/go-hazmat/hazmat/bench/internal/peers"
)

// tb is the peers.TB of a program: Fatal panics with a failure that run
// recovers.
type tb struct{}

type failure struct{ msg string }

func (tb) Helper()           {}
func (tb) Fatal(args ...any) { panic(failure{fmt.Sprint(args...)}) }
func (tb) Cleanup(func())    {}

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "icount:", err)
		os.Exit(2)
	}
}

// run parses args and performs the operation -warm times, then -n times.
func run(args []string, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("icount", flag.ContinueOnError)
	fs.SetOutput(stderr)
	op := fs.String("op", "HMACSHA256", "the operation, as package peers names it")
	impl := fs.String("impl", "hazmat", "the implementation: hazmat, go, gofips or c")
	size := fs.Int("size", 1024, "the message size (or count of iterations)")
	n := fs.Int("n", 10000, "operations to count")
	warm := fs.Int("warm", 2000, "operations run first")
	if err := fs.Parse(args); err != nil {
		return err
	}
	o, ok := peers.Named(*op)
	if !ok {
		return fmt.Errorf("no operation %q", *op)
	}
	p, ok := o.Peer(*impl)
	if !ok {
		return fmt.Errorf("operation %s has no implementation %q", *op, *impl)
	}
	if *n < 0 || *warm < 0 {
		return errors.New("-n and -warm count operations: 0 or more")
	}
	defer func() {
		if r := recover(); r != nil {
			f, ok := r.(failure)
			if !ok {
				panic(r)
			}
			err = errors.New(f.msg)
		}
	}()
	r := p.Prepare(tb{}, *size)
	r.Times(*warm)
	r.Times(*n)
	if len(r.Out()) == 0 && *n+*warm > 0 {
		return fmt.Errorf("%s/%s/%d produced no output", *op, *impl, *size)
	}
	return nil
}
