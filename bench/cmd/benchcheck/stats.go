package main

import (
	"math"
	"slices"
)

// Summary describes a sample of per-round values: its median and the
// quartiles that bound its middle half.
type Summary struct {
	N          int
	Q1, Median float64
	Q3         float64
}

// IQR returns the interquartile range, Q3 - Q1.
func (s Summary) IQR() float64 { return s.Q3 - s.Q1 }

// Summarize returns the median and quartiles of v, which it does not
// reorder. Quantiles interpolate linearly between the sorted values (the
// method R calls type 7, the default of R and NumPy): the q-quantile of n
// sorted values is at position q*(n-1), counted from 0. The median of an
// even count is therefore the mean of the middle two. An empty v gives a
// Summary with N == 0 and NaN values.
func Summarize(v []float64) Summary {
	if len(v) == 0 {
		nan := math.NaN()
		return Summary{Q1: nan, Median: nan, Q3: nan}
	}
	s := slices.Clone(v)
	slices.Sort(s)
	return Summary{N: len(s), Q1: quantile(s, 0.25), Median: quantile(s, 0.5), Q3: quantile(s, 0.75)}
}

// quantile returns the q-quantile of the sorted, non-empty s.
func quantile(s []float64, q float64) float64 {
	pos := q * float64(len(s)-1)
	i := int(math.Floor(pos))
	if i >= len(s)-1 {
		return s[len(s)-1]
	}
	frac := pos - float64(i)
	return s[i] + frac*(s[i+1]-s[i])
}
