package guard_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/internal/guard"
)

func TestOverlap(t *testing.T) {
	b := make([]byte, 32)
	assert.False(t, guard.AnyOverlap(b[:16], b[16:]))
	assert.True(t, guard.AnyOverlap(b[:17], b[16:]))
	assert.False(t, guard.InexactOverlap(b[:16], b[:16]), "in place")
	assert.True(t, guard.InexactOverlap(b[1:17], b[:16]))
	assert.False(t, guard.InexactOverlap(nil, b))
	assert.False(t, guard.AnyOverlap(b[:0], b))
}

type thing struct{}

type (
	onePtr  struct{ p *thing }
	oneMap  struct{ m map[string]int }
	ptrArr  [1]*thing
	word    uintptr
	named   *thing
	fn      func()
	iface   interface{ Name() string }
	aliasPt = *thing
)

type namer struct{}

func (namer) Name() string { return "namer" }

// isNilByReflection is IsNil's meaning, spelled with reflection alone: the
// answers IsNil must give for every kind of value.
func isNilByReflection(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

func TestIsNil(t *testing.T) {
	var (
		p       *thing
		m       map[string]int
		f       func()
		ch      chan int
		s       []byte
		i       iface
		zero    int
		nilIfc  iface = (*namerPtr)(nil)
		realIfc iface = namer{}
	)
	for _, tc := range []struct {
		name string
		v    any
		want bool
	}{
		{"nil", nil, true},
		{"nil pointer", p, true},
		{"nil named pointer", named(nil), true},
		{"nil pointer by alias", aliasPt(nil), true},
		{"nil unsafe pointer", unsafe.Pointer(nil), false},
		{"nil pointer in an interface", nilIfc, true},
		{"nil interface variable", i, true},
		{"non-nil pointer", &thing{}, false},
		{"pointer to a zero-size value", new(struct{}), false},
		{"zero-size struct", thing{}, false},
		{"zero struct with methods", namer{}, false},
		{"value in an interface", realIfc, false},
		{"zero int", zero, false},
		{"zero uintptr", word(0), false},
		{"empty string", "", false},
		{"zero array", [4]byte{}, false},
		{"struct of one nil pointer", onePtr{p: nil}, false},
		{"struct of one nil map", oneMap{m: nil}, false},
		{"array of one nil pointer", ptrArr{}, false},
		{"nil map", m, false},
		{"non-nil map", map[string]int{}, false},
		{"nil func", f, false},
		{"nil named func", fn(nil), false},
		{"non-nil func", func() {}, false},
		{"nil channel", ch, false},
		{"nil slice", s, false},
		{"empty slice", []byte{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, isNilByReflection(tc.v), "the table's answer")
			assert.Equal(t, tc.want, guard.IsNil(tc.v))
		})
	}
}

type namerPtr struct{}

func (*namerPtr) Name() string { return "namerPtr" }

func TestWrap(t *testing.T) {
	base := errors.New("invalid argument")
	for _, tc := range []struct {
		err  error
		want string
	}{
		{nil, ""},
		{base, "ciphers: invalid argument"},
		{fmt.Errorf("openssl: aes-128-cbc input is not whole blocks: %w", base), "openssl: aes-128-cbc input is not whole blocks: invalid argument"},
		{fmt.Errorf("modes: GCM IV of 0 bytes: %w", base), "modes: GCM IV of 0 bytes: invalid argument"},
		{errors.New("unsupported algorithm: MD5: refused in FIPS mode"), "ciphers: unsupported algorithm: MD5: refused in FIPS mode"},
		{errors.New("Capital: not a package"), "ciphers: Capital: not a package"},
		{errors.New("3des: digits first"), "ciphers: 3des: digits first"},
		{errors.New(": empty"), "ciphers: : empty"},
		{errors.New("nocolon"), "ciphers: nocolon"},
	} {
		got := guard.Wrap("ciphers", tc.err)
		if tc.err == nil {
			assert.NoError(t, got)
			continue
		}
		assert.Equal(t, tc.want, got.Error())
		assert.ErrorIs(t, got, tc.err)
	}
}
