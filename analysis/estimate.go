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
func studentsT(nu float64) float64 { return studentsTAt(nu, Confidence) }

// studentsTAt is the two-sided quantile of Student's t with nu degrees of
// freedom for an interval at confidence conf.
func studentsTAt(nu, conf float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: nu}.Quantile(1 - (1-conf)/2)
}

// SimultaneousConfidence is the confidence level of each of m intervals
// that hold all together with probability at least Confidence, by the
// Bonferroni inequality: 1 - (1 - Confidence)/m (99.75 % for m = 20). With
// m <= 1 it is Confidence itself.
func SimultaneousConfidence(m int) float64 {
	if m <= 1 {
		return Confidence
	}
	return 1 - (1-Confidence)/float64(m)
}

// AtConfidence returns e with its half width at confidence conf instead
// of Confidence (the same mean, SD and N).
func (e Estimate) AtConfidence(conf float64) Estimate {
	if e.N >= 2 && !math.IsNaN(e.SD) {
		e.HalfWidth = tQuantileAt(e.N-1, conf) * e.SD / math.Sqrt(float64(e.N))
	}
	return e
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

// tLevel keys the quantiles at a confidence other than Confidence: the
// simultaneous intervals of a comparison, one level per number of
// variants, so a handful of keys per process.
type tLevel struct {
	df   int
	conf float64
}

var tLevels sync.Map // tLevel -> float64

// tQuantileAt is studentsTAt(df, conf) for a whole df >= 1, computed once
// per df and level like tQuantile.
func tQuantileAt(df int, conf float64) float64 {
	if conf == Confidence {
		return tQuantile(df)
	}
	k := tLevel{df, conf}
	if q, ok := tLevels.Load(k); ok {
		return q.(float64)
	}
	q := studentsTAt(float64(df), conf)
	tLevels.Store(k, q)
	return q
}

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
