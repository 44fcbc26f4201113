# Everything here is a thin wrapper around scripts/, which also run on
# machines without make.

.PHONY: run build test test-fips check deps vectors fips-env docker-test bench bench-check fuzz

run:            ## set up, build and run `hazmat info`
	scripts/run.sh

build:
	scripts/deps.sh
	go build -o bin/hazmat ./cmd/hazmat

test:           ## the whole test suite, default provider (lint first)
	scripts/test.sh

test-fips:      ## the whole test suite in FIPS mode
	scripts/test.sh --fips

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
	go test ./internal/reliability -run '^$$' -fuzz '^FuzzHash$$' -fuzztime $(FUZZTIME)
	go test ./internal/reliability -run '^$$' -fuzz '^FuzzHMAC$$' -fuzztime $(FUZZTIME)
	go test ./internal/reliability -run '^$$' -fuzz '^FuzzAESModes$$' -fuzztime $(FUZZTIME)
	go test ./internal/reliability -run '^$$' -fuzz '^FuzzGCMOpenMutated$$' -fuzztime $(FUZZTIME)
	go test ./internal/reliability -run '^$$' -fuzz '^FuzzUnpad$$' -fuzztime $(FUZZTIME)
	go test ./internal/reliability -run '^$$' -fuzz '^FuzzContextSequence$$' -fuzztime $(FUZZTIME)
	go test ./primitives/padding -run '^$$' -fuzz '^FuzzUnpad$$' -fuzztime $(FUZZTIME)
	go test ./internal/vectors -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
