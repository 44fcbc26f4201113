# Everything here is a thin wrapper around scripts/, which also run on
# machines without make.

.PHONY: run build test test-fips test-asan test-nocgo test-debian13 check deps vectors fips-env docker-test bench bench-check fuzz

run:            ## set up, build and run `hazmat info`
	scripts/run.sh

build:
	scripts/deps.sh
	go build -o bin/hazmat ./cmd/hazmat

test:           ## the whole test suite, default provider (lint first)
	scripts/test.sh

test-fips:      ## the whole test suite in FIPS mode
	scripts/test.sh --fips

test-asan:      ## the whole test suite under Go's address sanitizer
	scripts/test.sh --asan

test-nocgo:     ## the test suite built with CGO_ENABLED=0, on the Go backend (and GODEBUG=fips140=only)
	scripts/test.sh --nocgo

test-debian13:  ## what the Docker image runs, without Docker: both modes in a Debian 13 chroot (root)
	scripts/debian13-test.sh

deps:           ## install the build prerequisites when missing
	scripts/deps.sh

vectors:        ## fetch the test-vector collection into the cache
	scripts/vectors-fetch.sh

fips-env:       ## print the environment for FIPS mode: eval "$$(make -s fips-env)"
	@scripts/fips-setup.sh

docker-test:    ## both test modes in the Docker image (needs a Docker engine)
	docker build -f docker/Dockerfile .

# Every fuzz target, FUZZTIME each. A finding fails the run and leaves its
# reproducer in the package's testdata/fuzz directory.
FUZZTIME ?= 30s

fuzz:           ## run every fuzz target for FUZZTIME (default 30s) each
	scripts/fuzz.sh $(FUZZTIME)

# The side-by-side benchmarks of module bench (see BENCHMARKS.md; a module
# of its own, so that its peers stay out of the library's go.mod). The
# tests of package bench and its tools (every implementation computes what
# Go's crypto does) run first.
#
# `make bench` runs the testing.B benchmarks: six passes over the 206
# sub-benchmarks, BENCHTIME each, about 10 minutes on 2 cores, then
# benchstat. One test binary, built once, runs the passes one after the
# other rather than with -count, so that the runs of one benchmark are
# spread over the whole time.
#
# `make bench-check` judges the performance targets on paired,
# interleaved rounds (bench/cmd/benchcheck): hazmat, hazmat on the Go
# backend, the C floor, Go and golang-fips/openssl alternate in one
# process, 31 rounds of about 4 ms each per operation and size, about 50
# seconds in all; each target gets
# its median, its spread and PASS, FAIL or UNJUDGEABLE. Exit status 1 on
# a failure, 3 when none fails but some cannot be judged.
# BENCHCHECK_FLAGS="-rounds 61 -round 8ms" for a narrower spread.
BENCHTIME ?= 0.3s
BENCHCHECK_FLAGS ?=
BENCH_BIN = bin/bench.test
BENCH_PASS = (cd bench && ../$(BENCH_BIN) -test.run '^$$' -test.bench . -test.benchmem -test.benchtime $(BENCHTIME) -test.timeout 60m)
bench bench-check: SHELL := /bin/bash
bench bench-check: .SHELLFLAGS := -o pipefail -ec

bench:          ## side-by-side benchmarks into bench/results.txt, then benchstat
	(cd bench && go test -count=1 ./...)
	(cd bench && go test -c -o ../$(BENCH_BIN) .)
	for i in 1 2 3 4 5 6; do $(BENCH_PASS); done | tee bench/results.txt
	command -v benchstat >/dev/null || test -x "$$(go env GOPATH)/bin/benchstat" || \
		go install golang.org/x/perf/cmd/benchstat@latest
	PATH="$$PATH:$$(go env GOPATH)/bin" benchstat bench/results.txt

bench-check:    ## the performance targets, in paired rounds: median, spread, PASS/FAIL/UNJUDGEABLE
	(cd bench && go test -count=1 ./...)
	(cd bench && go build -o ../bin/benchcheck ./cmd/benchcheck)
	bin/benchcheck $(BENCHCHECK_FLAGS)
