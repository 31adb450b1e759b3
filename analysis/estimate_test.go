package analysis

import (
	"math"
	"sync"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestTQuantile_BitIdentical: the cached t quantile is bit for bit the one
// gonum computes, in the array and in the map, on first use and after, and
// under concurrent first use.
func TestTQuantile_BitIdentical(t *testing.T) {
	want := func(df int) float64 {
		return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(1 - (1-Confidence)/2)
	}
	dfs := []int{1, 2, 3, 9, 19, 29, 99, 1023, 1024, 1025, 5000, 99999}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for _, df := range dfs {
				if got := tQuantile(df); math.Float64bits(got) != math.Float64bits(want(df)) {
					t.Errorf("tQuantile(%d) = %v, gonum %v", df, got, want(df))
				}
			}
		})
	}
	wg.Wait()
	for _, df := range dfs { // now from the cache
		if got := tQuantile(df); math.Float64bits(got) != math.Float64bits(want(df)) {
			t.Errorf("cached tQuantile(%d) = %v, gonum %v", df, got, want(df))
		}
	}
}

// TestNewEstimate: the mean, standard deviation and t interval of a
// sample, against values worked by hand.
func TestNewEstimate(t *testing.T) {
	// 2, 4, 6, NaN: mean 4, SD 2, and with two degrees of freedom the t
	// quantile has a closed form, (2p - 1) sqrt(2 / (4p(1 - p))) at
	// p = 0.975; the half width is t x 2 / sqrt(3).
	e := NewEstimate([]float64{2, 4, math.NaN(), 6})
	if e.N != 3 || e.Mean != 4 || e.SD != 2 {
		t.Errorf("NewEstimate = %+v, want N 3, mean 4, SD 2", e)
	}
	if want := 0.95 * math.Sqrt(2/0.0975) * 2 / math.Sqrt(3); math.Abs(e.HalfWidth-want) > 1e-12 {
		t.Errorf("half width %v, want %v", e.HalfWidth, want)
	}
	if lo, hi := e.Bounds(); lo != e.Lo() || hi != e.Hi() {
		t.Errorf("bounds of %+v: %v, %v", e, lo, hi)
	}
	one := NewEstimate([]float64{7})
	if lo, hi := one.Bounds(); one.N != 1 || lo != 7 || hi != 7 || !math.IsNaN(one.HalfWidth) {
		t.Errorf("one value: %+v, bounds %v %v; want the value and no interval", one, lo, hi)
	}
	if none := NewEstimate(nil); none.N != 0 || !math.IsNaN(none.Mean) {
		t.Errorf("no values: %+v", none)
	}
}
