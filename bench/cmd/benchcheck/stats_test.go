package main

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSummarize(t *testing.T) {
	tests := []struct {
		in          []float64
		q1, med, q3 float64
	}{
		{[]float64{7}, 7, 7, 7},
		{[]float64{3, 1}, 1.5, 2, 2.5},                // even count: the mean of the middle two
		{[]float64{5, 1, 3, 2, 4}, 2, 3, 4},           // odd count: the middle one, unsorted input
		{[]float64{1, 2, 3, 4}, 1.75, 2.5, 3.25},      // type 7: positions 0.75, 1.5, 2.25
		{[]float64{10, 10, 10, 10, 1000}, 10, 10, 10}, // one outlier moves neither quartile
		{[]float64{-5, 5, -15, 15, 0, 25}, -3.75, 2.5, 12.5},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.in), func(t *testing.T) {
			before := fmt.Sprint(tt.in)
			s := Summarize(tt.in)
			assert.Equal(t, len(tt.in), s.N)
			assert.InDelta(t, tt.q1, s.Q1, 1e-9, "Q1")
			assert.InDelta(t, tt.med, s.Median, 1e-9, "median")
			assert.InDelta(t, tt.q3, s.Q3, 1e-9, "Q3")
			assert.InDelta(t, tt.q3-tt.q1, s.IQR(), 1e-9, "IQR")
			assert.Equal(t, before, fmt.Sprint(tt.in), "Summarize must not reorder its input")
		})
	}
}

func TestSummarizeEmpty(t *testing.T) {
	s := Summarize(nil)
	assert.Zero(t, s.N)
	assert.True(t, math.IsNaN(s.Median))
	assert.Equal(t, NoData, Judge(s, 1, true))
}

func TestPerRound(t *testing.T) {
	sub := func(a, b float64) float64 { return a - b }
	assert.Equal(t, []float64{1, 2, 3}, PerRound([]float64{11, 22, 33}, []float64{10, 20, 30}, sub))
	assert.Equal(t, []float64{1}, PerRound([]float64{11, 22}, []float64{10}, sub), "unpaired rounds are left out")
	assert.Empty(t, PerRound(nil, []float64{1}, sub))
}
