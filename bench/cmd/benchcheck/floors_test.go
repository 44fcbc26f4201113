package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/bench/internal/peers"
)

// TestFloorsNameTargets: every floor's note belongs to a target that
// benchcheck judges (an operation, size and kind it produces), once, so
// that a renamed operation or size does not leave a note behind.
func TestFloorsNameTargets(t *testing.T) {
	var ops []string
	for _, o := range peers.Ops {
		ops = append(ops, o.Name)
	}
	all := Targets(ops, []int{32, 64, 1000, 1024, 16384, 1048576})
	seen := map[string]bool{}
	for _, f := range floors {
		key := fmt.Sprintf("%s/%d %v", f.Op, f.Size, f.Kind)
		t.Run(key, func(t *testing.T) {
			assert.False(t, seen[key], "one note per target")
			seen[key] = true
			found := false
			for _, tg := range all {
				found = found || (tg.Op == f.Op && tg.Size == f.Size && tg.Kind == f.Kind)
			}
			assert.True(t, found, "no such target")
			assert.NotEmpty(t, f.Note)
			assert.NotContains(t, f.Note, " 0 instructions", "a note with its figures filled in")
		})
	}
}

// TestReportFloors: the text report and the Markdown give the note of a
// target that failed or could not be judged, and none for one that passed.
func TestReportFloors(t *testing.T) {
	sum := Summary{N: 31, Q1: 70, Median: 80, Q3: 90}
	rs := []Result{
		{Target{"AESGCMSeal", 64, Overhead, 40}, sum, Fail, nil},
		{Target{"AESGCMOpen", 64, Overhead, 40}, sum, Unjudgeable, nil},
		{Target{"AESCTR", 64, Overhead, 40}, Summary{N: 31, Q1: 10, Median: 20, Q3: 30}, Pass, nil},
	}
	seal, ok := floorNote(rs[0].Target)
	require.True(t, ok)
	open, ok := floorNote(rs[1].Target)
	require.True(t, ok)
	ctr, ok := floorNote(rs[2].Target)
	require.True(t, ok)

	var text bytes.Buffer
	Report(&text, rs)
	assert.Contains(t, text.String(), "AESGCMSeal/64 overhead: "+seal)
	assert.Contains(t, text.String(), "AESGCMOpen/64 overhead: "+open)
	assert.NotContains(t, text.String(), ctr)

	m := synthetic()
	var md bytes.Buffer
	Markdown(&md, m, rs)
	assert.Contains(t, md.String(), "- **AESGCMSeal/64 overhead**: "+seal+".")
	assert.Equal(t, 2, strings.Count(md.String(), "- **"), "one note per target not met")
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 745: "745", 1000: "1,000", 36376: "36,376", 1234567: "1,234,567", -4150: "-4,150"} {
		assert.Equal(t, want, thousands(n))
	}
}
