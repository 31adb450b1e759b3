package analysis

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestTQuantileAt: the quantiles at a simultaneous level are gonum's, the
// same when read again from the cache, and at 95 % they are tQuantile's.
func TestTQuantileAt(t *testing.T) {
	for _, conf := range []float64{Confidence, SimultaneousConfidence(2), SimultaneousConfidence(20), SimultaneousConfidence(1000)} {
		for _, df := range []int{1, 3, 9, 19, 1024, 1500} {
			want := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(1 - (1-conf)/2)
			for range 2 {
				if got := tQuantileAt(df, conf); math.Float64bits(got) != math.Float64bits(want) {
					t.Errorf("tQuantileAt(%d, %v) = %v, gonum %v", df, conf, got, want)
				}
			}
		}
	}
}
