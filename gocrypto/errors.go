package gocrypto

import (
	"errors"

	"github.com/go-hazmat/hazmat/backends"
)

// errNotInGo is the underlying error of every refusal of an algorithm
// that neither Go's standard library nor golang.org/x/crypto implements.
var errNotInGo = errors.New("not in Go's crypto")

// errNotApproved is the underlying error of a refusal in FIPS mode.
var errNotApproved = errors.New("not approved by Go's FIPS 140-3 module (GODEBUG=fips140)")

// errNotApprovedOnly is the underlying error of a refusal that only
// GODEBUG=fips140=only makes.
var errNotApprovedOnly = errors.New("refused by Go's FIPS 140-3 module under GODEBUG=fips140=only")

// notInGo returns the error for an algorithm Go does not implement.
func notInGo(alg, mode string, reason backends.Reason) error {
	return &backends.UnsupportedAlgorithmError{Algorithm: alg, Mode: mode, Reason: reason, Err: errNotInGo}
}

// fipsRefused returns the error for an algorithm Go implements but its
// FIPS module does not approve (GODEBUG=fips140=on or only).
func fipsRefused(alg, mode string) error {
	return &backends.UnsupportedAlgorithmError{Algorithm: alg, Mode: mode, Reason: backends.ReasonFIPSRefused, Err: errNotApproved}
}

// fipsOnlyRefused returns the error for a use of an algorithm that Go's
// module allows under GODEBUG=fips140=on but refuses under fips140=only.
func fipsOnlyRefused(alg, mode string) error {
	return &backends.UnsupportedAlgorithmError{Algorithm: alg, Mode: mode, Reason: backends.ReasonFIPSRefused, Err: errNotApprovedOnly}
}
