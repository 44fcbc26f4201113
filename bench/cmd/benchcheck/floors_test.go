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
		{Target{"AESGCMSeal", 64, Overhead, 40}, sum, Fail, nil, nil},
		{Target{"AESGCMOpen", 64, Overhead, 40}, sum, Unjudgeable, nil, nil},
		{Target{"AESCTR", 64, Overhead, 40}, Summary{N: 31, Q1: 10, Median: 20, Q3: 30}, Pass, nil, nil},
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

// TestCallFloor: with the C floor called once per operation measured,
// an overhead or throughput target is split at it, round by round, and
// the report leads the target's note with the split; without it, there
// is none.
func TestCallFloor(t *testing.T) {
	m := synthetic()
	m.NsPerOp[Key{"NewSHA256", peers.CCall, 64}] = rounds(m.Rounds, 230, 0)          // c + 30 ns
	m.NsPerOp[Key{"AESGCMSeal", peers.CCall, 1048576}] = rounds(m.Rounds, 294000, 0) // about 99% of c
	rs := Check(m, Targets(m.Ops, m.Sizes))
	byName := map[string]Result{}
	for _, r := range rs {
		byName[r.Name()+" "+r.Kind.String()] = r
	}

	over := byName["NewSHA256/64 overhead"]
	require.NotNil(t, over.Call)
	assert.InDelta(t, 30, over.Call.Floor.Median, 1e-9)
	assert.InDelta(t, 170, over.Call.Rest.Median, 1e-9, "hazmat's 400 ns against c-call's 230")
	assert.InDelta(t, 70, over.Call.Rest.Q1, 1e-9, "per round: hazmat's rounds spread by 100 ns each way")

	bulk := byName["AESGCMSeal/1048576 throughput"]
	require.NotNil(t, bulk.Call)
	assert.InDelta(t, 291000.0/294000, bulk.Call.Floor.Median, 1e-3)
	assert.InDelta(t, 294000.0/300000, bulk.Call.Rest.Median, 1e-3)

	assert.Nil(t, byName["AESGCMSeal/64 overhead"].Call, "no c-call measured at 64 B")
	assert.Nil(t, byName["NewSHA256/64 vs-go"].Call, "only targets against the C floor are split")

	var text bytes.Buffer
	Report(&text, rs)
	note, ok := floorNote(over.Target)
	require.True(t, ok)
	assert.Contains(t, text.String(), "NewSHA256/64 overhead: measured in this run: the C floor's own function called from Go once per operation (c-call) costs +30.0 ns [+30.0 ns, +30.0 ns] over the C floor, and hazmat +170.0 ns [+70.0 ns, +270.0 ns] over c-call; "+note)
	assert.Contains(t, text.String(), "AESGCMSeal/1048576 throughput: measured in this run: the C floor's own function called from Go once per operation (c-call) runs at 99.0% [98.6%, 99.3%] of the C floor's throughput, and hazmat at 98.0% [97.7%, 98.3%] of c-call's\n")
}
