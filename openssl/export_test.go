package openssl

// Hooks for the tests of package openssl_test.

// DropFetched empties the fetch cache, so that the next use of every
// algorithm is a first use.
var DropFetched = dropFetched

// FetchedProviders lists the algorithms fetched for FIPS mode (fips true)
// or the default mode, with the provider that serves each.
func FetchedProviders(fips bool) map[string]string { return fetchedProviders(modeFor(fips)) }

// ImplProvider names the provider a context or AEAD computes with now.
var ImplProvider = implProvider
