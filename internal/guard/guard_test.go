package guard_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

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

func TestIsNil(t *testing.T) {
	var p *thing
	assert.True(t, guard.IsNil(nil))
	assert.True(t, guard.IsNil(p))
	assert.False(t, guard.IsNil(&thing{}))
	assert.False(t, guard.IsNil(thing{}))
}
