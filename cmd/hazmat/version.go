package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/openssl"
)

const versionHelp = `
Print the version of hazmat (the module version the binary was built from,
or "(devel)" for a build from a checkout, with its VCS revision when Go
recorded one), the Go toolchain that built it, the module the backend runs
on (the OpenSSL library, or Go's FIPS 140-3 module with -backend go), and
the backend in use with its FIPS mode, one "name: value" line each.
`

// runVersion runs "hazmat version".
func runVersion(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := commandFlags("version", "", versionHelp, stderr)
	if code, ok := parseCommandFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(fs, "unexpected argument %q", fs.Arg(0))
	}
	fmt.Fprintf(stdout, "hazmat: %s\n", moduleVersion())
	fmt.Fprintf(stdout, "go: %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if backendName == defaultbackend.Go {
		fmt.Fprintf(stdout, "module: %s %s\n", gocrypto.ModuleName, gocrypto.Version())
		fmt.Fprintf(stdout, "backend: go (FIPS mode %s)\n", goFIPSMode())
		return exitOK
	}
	fmt.Fprintf(stdout, "openssl: %s\n", openssl.Version())
	mode := "default provider"
	if openssl.FIPS() {
		mode = "FIPS mode"
	}
	fmt.Fprintf(stdout, "backend: openssl (%s)\n", mode)
	return exitOK
}

// moduleVersion returns hazmat's module version from the build
// information, with the VCS revision (and "+dirty" for a modified
// checkout) when the build recorded one.
func moduleVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " " + rev + modified
	}
	return v
}
