package openssl_test

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/printer"
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
// identifier it exports. It reads the files of the build with cgo,
// whatever the build running the test.
func TestExportedAPI(t *testing.T) {
	want := []string{
		"Backend", "DefaultBackend", "Error", "ErrFIPSProviderNotFound", "ErrNoCgo", "FIPS", "FIPSCapable",
		"FIPSProviderVersion", "Init", "ModulesDir", "NewBackend", "NewHashCtxBeside", "NewHMACCtxBeside", "NoLegacyEnv",
		"Provider", "Providers", "SetFIPS", "Version", "VersionNumber",
	}
	api, doc := exportedAPI(t, true)
	var got []string
	for name := range api {
		if !strings.Contains(name, ".") {
			got = append(got, name)
		}
	}
	sort.Strings(got)
	sort.Strings(want)
	assert.Equal(t, want, got, "exported identifiers of package openssl")
	_, section, ok := strings.Cut(doc, "Exported API")
	require.True(t, ok, "the package doc has an Exported API section")
	section, _, _ = strings.Cut(section, "\n# ")
	for _, name := range got {
		assert.Contains(t, section, name, "the package doc's Exported API section names %s", name)
	}
}

// TestExportedAPISameWithoutCgo checks that the build without cgo (the
// stub of nocgo.go) exports exactly what the build with cgo does: the same
// identifiers, the same methods, the same signatures, so that a program
// that names the OpenSSL backend compiles either way.
func TestExportedAPISameWithoutCgo(t *testing.T) {
	withCgo, _ := exportedAPI(t, true)
	withoutCgo, _ := exportedAPI(t, false)
	require.Contains(t, withCgo, "Backend.CreateHashCtx", "methods are part of the API read")
	assert.Equal(t, withCgo, withoutCgo, "exported API with cgo (first) and without (second)")
}

// exportedAPI parses the package's non-test files that the build with or
// without cgo compiles, and returns its exported API: each top-level
// identifier, and each exported method as "Type.Method", mapped to its
// declaration's shape (a func's signature with the parameter names left
// out, a type's definition without its unexported fields, "var" or
// "const"); and the package doc.
func exportedAPI(t *testing.T, cgo bool) (map[string]string, string) {
	t.Helper()
	ctxt := build.Default
	ctxt.CgoEnabled = cgo
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	fset := token.NewFileSet()
	api := map[string]string{}
	var doc string
	files := 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		match, err := ctxt.MatchFile(".", name)
		require.NoError(t, err)
		if !match {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		require.NoError(t, err)
		files++
		if name == "doc.go" {
			doc = f.Doc.Text()
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				key := d.Name.Name
				if d.Recv != nil {
					recv := nodeString(t, fset, d.Recv.List[0].Type)
					key = strings.TrimPrefix(recv, "*") + "." + key
					if !ast.IsExported(strings.TrimPrefix(recv, "*")) {
						continue
					}
					api[key] = recv + " " + signature(t, fset, d.Type)
				} else {
					api[key] = signature(t, fset, d.Type)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							api[s.Name.Name] = "type " + exportedShape(t, fset, s.Type)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								api[n.Name] = d.Tok.String()
							}
						}
					}
				}
			}
		}
	}
	require.Greater(t, files, 1, "files of the build (cgo %v)", cgo)
	return api, doc
}

// signature returns a func type's text with the parameter and result
// names left out.
func signature(t *testing.T, fset *token.FileSet, ft *ast.FuncType) string {
	types := func(fl *ast.FieldList) string {
		if fl == nil {
			return ""
		}
		var parts []string
		for _, f := range fl.List {
			n := max(len(f.Names), 1)
			for range n {
				parts = append(parts, nodeString(t, fset, f.Type))
			}
		}
		return "(" + strings.Join(parts, ", ") + ")"
	}
	return types(ft.TypeParams) + types(ft.Params) + " " + types(ft.Results)
}

// exportedShape returns a type's text, with only the exported fields of a
// struct.
func exportedShape(t *testing.T, fset *token.FileSet, e ast.Expr) string {
	st, ok := e.(*ast.StructType)
	if !ok {
		return nodeString(t, fset, e)
	}
	var fields []string
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			if n.IsExported() {
				fields = append(fields, n.Name+" "+nodeString(t, fset, f.Type))
			}
		}
	}
	return "struct{" + strings.Join(fields, "; ") + "}"
}

func nodeString(t *testing.T, fset *token.FileSet, n ast.Node) string {
	var b strings.Builder
	require.NoError(t, printer.Fprint(&b, fset, n))
	return b.String()
}
