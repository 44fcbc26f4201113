package openssl_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExportedAPI checks that the package exports the backend and its
// documented API and nothing else (no context types, no test hooks), and
// that the package doc's "Exported API" section names each top-level
// identifier it exports.
func TestExportedAPI(t *testing.T) {
	want := []string{
		"Backend", "DefaultBackend", "Error", "ErrFIPSProviderNotFound", "FIPS", "FIPSCapable",
		"FIPSProviderVersion", "Init", "ModulesDir", "NewBackend", "NewHashCtxBeside", "NoLegacyEnv",
		"Provider", "Providers", "SetFIPS", "Version", "VersionNumber",
	}
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	files := map[string]*ast.File{}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		require.NoError(t, err)
		files[name] = f
	}
	require.NotEmpty(t, files)
	var got []string
	var doc string
	for name, f := range files {
		if strings.HasSuffix(name, "doc.go") {
			doc = f.Doc.Text()
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() {
					got = append(got, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							got = append(got, s.Name.Name)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								got = append(got, n.Name)
							}
						}
					}
				}
			}
		}
	}
	sort.Strings(got)
	sort.Strings(want)
	assert.Equal(t, want, got, "exported identifiers of package openssl")
	_, api, ok := strings.Cut(doc, "Exported API")
	require.True(t, ok, "the package doc has an Exported API section")
	api, _, _ = strings.Cut(api, "\n# ")
	for _, name := range got {
		assert.Contains(t, api, name, "the package doc's Exported API section names %s", name)
	}
}
