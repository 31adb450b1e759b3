package analysis

import (
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Confidence is the confidence level of every interval ccsim reports.
const Confidence = 0.95

// Estimate is a metric's mean over replications with a Student t
// confidence interval: Mean +/- HalfWidth covers the true mean with
// probability Confidence if the replications are independent and the
// metric roughly normal across them (replication means are, by the central
// limit theorem, for runs of any length). N counts the replications in
// which the metric was defined (a rate with no denominator is not).
type Estimate struct {
	Mean      float64
	HalfWidth float64
	SD        float64
	N         int
}

// Lo is the lower bound of the interval.
func (e Estimate) Lo() float64 { return e.Mean - e.HalfWidth }

// Hi is the upper bound of the interval.
func (e Estimate) Hi() float64 { return e.Mean + e.HalfWidth }

// Bounds returns the interval, or the mean as both bounds when there is no
// interval (a single replication). Judging a goal on the bound on its
// unfavourable side keeps chance from passing for success.
func (e Estimate) Bounds() (lo, hi float64) {
	if math.IsNaN(e.HalfWidth) {
		return e.Mean, e.Mean
	}
	return e.Lo(), e.Hi()
}

// NewEstimate summarises one value per replication, ignoring NaNs. With
// fewer than two values the half width is NaN: one run gives no
// interval.
func NewEstimate(xs []float64) Estimate {
	// Copy only when there is a NaN to leave out: summarising a sweep
	// makes hundreds of thousands of estimates.
	v := xs
	if slices.ContainsFunc(xs, math.IsNaN) {
		v = make([]float64, 0, len(xs))
		for _, x := range xs {
			if !math.IsNaN(x) {
				v = append(v, x)
			}
		}
	}
	e := Estimate{N: len(v), Mean: math.NaN(), HalfWidth: math.NaN(), SD: math.NaN()}
	switch len(v) {
	case 0:
		return e
	case 1:
		e.Mean = v[0]
		return e
	}
	e.Mean, e.SD = stat.MeanStdDev(v, nil)
	e.HalfWidth = tQuantile(len(v)-1) * e.SD / math.Sqrt(float64(len(v)))
	return e
}

// studentsT is the two-sided Confidence quantile of Student's t with nu
// degrees of freedom: the half width of an interval in standard errors.
func studentsT(nu float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: nu}.Quantile(1 - (1-Confidence)/2)
}

// The t quantile is an inverse incomplete beta function, far dearer than
// the mean and standard deviation it scales: recomputed for every metric,
// queue and interval it took most of the time of summarising a run. The
// replications, and so the degrees of freedom, are nearly always the same,
// so each is computed once. Degrees of freedom up to 1,024 (any
// replication count one waits for) sit in an array of float bits, 0 until
// computed; larger ones in a sync.Map. Both are safe for concurrent use, and a value computed twice
// by racing goroutines is the same value.
var (
	tSmall [1025]atomic.Uint64
	tLarge sync.Map // int -> float64
)

// tQuantile is studentsT(df) for a whole df >= 1, computed once per df.
func tQuantile(df int) float64 {
	if df < len(tSmall) {
		if b := tSmall[df].Load(); b != 0 {
			return math.Float64frombits(b)
		}
		q := studentsT(float64(df))
		tSmall[df].Store(math.Float64bits(q))
		return q
	}
	if q, ok := tLarge.Load(df); ok {
		return q.(float64)
	}
	q := studentsT(float64(df))
	tLarge.Store(df, q)
	return q
}
