package fit

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/optimize"
	"gonum.org/v1/gonum/stat/distuv"
)

// Z95 is the standard normal quantile of a two-sided 95 % interval.
const Z95 = 1.959963984540054

// histSmall is how many whole seconds a Hist counts in a flat array (18
// hours); longer durations go to a map.
const histSmall = 1 << 16

// Hist counts durations in whole seconds, as contact records give them:
// memory depends on the distinct values, never on how many there are, so
// a fit keeps every observation at no cost per record.
type Hist struct {
	small []int64
	big   map[int64]int64
	N     int64
	sum   float64
	sumSq float64
}

// Pair is a value and how many times it was seen.
type Pair struct {
	V float64
	C int64
}

// Add counts one duration of v seconds; negative values are ignored.
func (h *Hist) Add(v int64) { h.AddN(v, 1) }

// AddN counts c durations of v seconds.
func (h *Hist) AddN(v, c int64) {
	if v < 0 || c <= 0 {
		return
	}
	if v < histSmall {
		if h.small == nil {
			h.small = make([]int64, 1024)
		}
		for v >= int64(len(h.small)) {
			h.small = append(h.small, make([]int64, len(h.small))...)
		}
		h.small[v] += c
	} else {
		if h.big == nil {
			h.big = map[int64]int64{}
		}
		h.big[v] += c
	}
	h.N += c
	f := float64(v)
	h.sum += f * float64(c)
	h.sumSq += f * f * float64(c)
}

// Merge adds o's counts.
func (h *Hist) Merge(o *Hist) {
	for _, p := range o.Pairs() {
		h.AddN(int64(p.V), p.C)
	}
}

// Shift returns the histogram of the values minus d, clipped at 0.
func (h *Hist) Shift(d int64) *Hist {
	out := &Hist{}
	for _, p := range h.Pairs() {
		out.AddN(max(0, int64(p.V)-d), p.C)
	}
	return out
}

// Pairs lists the distinct values in increasing order with their counts.
func (h *Hist) Pairs() []Pair {
	var out []Pair
	for v, c := range h.small {
		if c > 0 {
			out = append(out, Pair{float64(v), c})
		}
	}
	var big []int64
	for v := range h.big {
		big = append(big, v)
	}
	slices.Sort(big)
	for _, v := range big {
		out = append(out, Pair{float64(v), h.big[v]})
	}
	return out
}

// Mean is the sample mean (NaN when empty).
func (h *Hist) Mean() float64 {
	if h.N == 0 {
		return math.NaN()
	}
	return h.sum / float64(h.N)
}

// SD is the sample standard deviation.
func (h *Hist) SD() float64 {
	if h.N < 2 {
		return 0
	}
	m := h.Mean()
	return math.Sqrt(math.Max(0, (h.sumSq-float64(h.N)*m*m)/float64(h.N-1)))
}

// Quantile is the sample p-quantile (the smallest value with at least a
// fraction p at or below it).
func (h *Hist) Quantile(p float64) float64 {
	if h.N == 0 {
		return math.NaN()
	}
	need := int64(math.Ceil(p * float64(h.N)))
	var cum int64
	ps := h.Pairs()
	for _, q := range ps {
		cum += q.C
		if cum >= need {
			return q.V
		}
	}
	return ps[len(ps)-1].V
}

// Families a fit tries, in the order reports list them.
const (
	Exponential   = "exponential"
	LogNormal     = "lognormal"
	Gamma         = "gamma"
	Weibull       = "weibull"
	Deterministic = "deterministic"
)

// Families lists the families fitted by maximum likelihood.
var Families = []string{Exponential, LogNormal, Gamma, Weibull}

// cdf is the part of a distuv distribution a grouped likelihood needs.
type cdf interface {
	CDF(float64) float64
	Survival(float64) float64
}

// build makes the family's distribution with mean m and second parameter
// s: the standard deviation (lognormal, gamma) or the shape (Weibull); the
// exponential ignores s. These are the parameters a scenario file gives
// (model.Dist), so their intervals are the ones a planner reads.
func build(family string, m, s float64) (cdf, bool) {
	if !(m > 0) || math.IsInf(m, 0) {
		return nil, false
	}
	switch family {
	case Exponential:
		return distuv.Exponential{Rate: 1 / m}, true
	case LogNormal:
		if !(s > 0) {
			return nil, false
		}
		s2 := math.Log1p(s * s / (m * m))
		return distuv.LogNormal{Mu: math.Log(m) - s2/2, Sigma: math.Sqrt(s2)}, true
	case Gamma:
		if !(s > 0) {
			return nil, false
		}
		a := m * m / (s * s)
		if a > 1e6 || a < 1e-6 {
			return nil, false
		}
		return distuv.Gamma{Alpha: a, Beta: a / m}, true
	case Weibull:
		if !(s > 0.05) || s > 50 {
			return nil, false
		}
		return distuv.Weibull{K: s, Lambda: m / math.Gamma(1+1/s)}, true
	}
	return nil, false
}

// Estimate is a value with its 95 % confidence interval.
type Estimate struct {
	Value, Lo, Hi float64
}

// Has reports whether the estimate has an interval.
func (e Estimate) HasCI() bool { return !math.IsNaN(e.Lo) && !math.IsNaN(e.Hi) }

// Candidate is one family fitted to one sample.
type Candidate struct {
	Family string
	// Mean and Second (the SD, or the Weibull shape; unused for the
	// exponential) with their 95 % Wald intervals, from the observed
	// information on the log scale.
	Mean, Second Estimate
	// NLL is the negative log-likelihood at the estimate, AIC = 2k + 2 NLL.
	NLL, AIC float64
	// KS is the Kolmogorov-Smirnov distance between the fitted CDF and
	// the data's (the Kaplan-Meier estimate when some are censored).
	KS float64
	OK bool
	d  cdf
}

// CDF is the fitted distribution function.
func (c *Candidate) CDF(x float64) float64 { return c.d.CDF(x) }

// DistFit is a sample and every family fitted to it.
type DistFit struct {
	// N is the number of observations (events), Censored the right-censored
	// ones.
	N, Censored int64
	// SampleMean and SampleSD describe the events alone.
	SampleMean, SampleSD float64
	Candidates           []Candidate
	// Best is the index of the candidate with the lowest AIC, -1 when
	// none converged; a sample with one distinct value is Deterministic.
	Best int
	// Fixed is the value of a deterministic sample.
	Fixed float64
	// KM is the Kaplan-Meier estimate, for censored samples.
	KM []KMPoint
	// Bins is the events' histogram, for charts: about 40 equal bins up
	// to the 99th percentile, the rest in the last.
	Bins []Bin
}

// Bin is one bar of a histogram: the values in [Lo, Hi) seconds.
type Bin struct {
	Lo, Hi float64
	N      int64
}

// bins makes about 40 bins of whole seconds up to the 99th percentile.
func bins(h *Hist) []Bin {
	if h.N == 0 {
		return nil
	}
	top := h.Quantile(0.99) + 1
	w := math.Max(1, math.Ceil(top/40))
	n := int(math.Ceil(top / w))
	out := make([]Bin, n)
	for i := range out {
		out[i] = Bin{Lo: float64(i) * w, Hi: float64(i+1) * w}
	}
	for _, p := range h.Pairs() {
		i := min(int(p.V/w), n-1)
		out[i].N += p.C
	}
	out[n-1].Hi = math.Max(out[n-1].Hi, h.Quantile(1)+1)
	return out
}

// Chosen is the best candidate, or nil.
func (f *DistFit) Chosen() *Candidate {
	if f.Best < 0 {
		return nil
	}
	return &f.Candidates[f.Best]
}

// FitDist fits every family to events (whole seconds, each exact to the
// second it was rounded to) and right-censored observations (a value the
// true one exceeded), by maximum likelihood: each event contributes
// F(x+0.5) - F(x-0.5), the chance of a value that rounds to it, each
// censored value S(x). Rounding is so taken into account, and zeros (an
// ACW of 0 s) are values like the others.
func FitDist(events, censored *Hist) *DistFit {
	if censored == nil {
		censored = &Hist{}
	}
	f := &DistFit{N: events.N, Censored: censored.N, SampleMean: events.Mean(), SampleSD: events.SD(), Best: -1, Bins: bins(events)}
	ev, ce := events.Pairs(), censored.Pairs()
	if len(ev) == 0 {
		return f
	}
	if censored.N > 0 {
		f.KM = KaplanMeier(events, censored)
	}
	if len(ev) == 1 && censored.N == 0 {
		f.Fixed = ev[0].V
		f.Candidates = append(f.Candidates, Candidate{Family: Deterministic, Mean: Estimate{ev[0].V, ev[0].V, ev[0].V}, OK: true})
		f.Best = 0
		return f
	}
	// Starting values: the censored exponential MLE for the mean (total
	// time over events), the events' spread for the rest.
	total := events.sum + censored.sum
	m0 := math.Max(total/float64(events.N), 0.5)
	s0 := math.Max(f.SampleSD, 0.25*m0)
	for _, fam := range Families {
		c := fitFamily(fam, ev, ce, m0, s0)
		if c.OK {
			c.KS = ks(c.d, ev, f.KM)
		}
		f.Candidates = append(f.Candidates, c)
	}
	for i, c := range f.Candidates {
		if c.OK && (f.Best < 0 || c.AIC < f.Candidates[f.Best].AIC) {
			f.Best = i
		}
	}
	return f
}

func nll(d cdf, ev, ce []Pair) float64 {
	s := 0.0
	for _, p := range ev {
		lo, hi := math.Max(p.V-0.5, 0), p.V+0.5
		var pr float64
		if flo := d.CDF(lo); flo < 0.5 {
			pr = d.CDF(hi) - flo
		} else {
			pr = d.Survival(lo) - d.Survival(hi)
		}
		s -= float64(p.C) * math.Log(math.Max(pr, 1e-300))
	}
	for _, p := range ce {
		s -= float64(p.C) * math.Log(math.Max(d.Survival(p.V), 1e-300))
	}
	return s
}

func fitFamily(fam string, ev, ce []Pair, m0, s0 float64) Candidate {
	c := Candidate{Family: fam, Mean: Estimate{math.NaN(), math.NaN(), math.NaN()}, Second: Estimate{math.NaN(), math.NaN(), math.NaN()}}
	k := 2
	if fam == Exponential {
		k = 1
	}
	second := s0
	if fam == Weibull {
		second = 1.2
	}
	obj := func(x []float64) float64 {
		s := second
		if k == 2 {
			s = math.Exp(x[1])
		}
		d, ok := build(fam, math.Exp(x[0]), s)
		if !ok {
			return math.Inf(1)
		}
		v := nll(d, ev, ce)
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	x0 := []float64{math.Log(m0), math.Log(second)}[:k]
	res, err := optimize.Minimize(optimize.Problem{Func: obj}, x0, &optimize.Settings{
		FuncEvaluations: 3000,
		Converger:       &optimize.FunctionConverge{Absolute: 1e-9, Relative: 1e-12, Iterations: 60},
	}, &optimize.NelderMead{})
	if res == nil || (err != nil && res.F == 0) || math.IsInf(res.F, 0) {
		return c
	}
	x := res.X
	c.NLL = res.F
	c.AIC = 2*float64(k) + 2*res.F
	s := second
	if k == 2 {
		s = math.Exp(x[1])
	}
	c.d, c.OK = build(fam, math.Exp(x[0]), s)
	if !c.OK {
		return c
	}
	cov := invHessian(obj, x)
	c.Mean = logEstimate(x[0], cov, 0)
	if k == 2 {
		c.Second = logEstimate(x[1], cov, 1)
	}
	return c
}

// logEstimate turns a log-scale parameter and its variance into the
// estimate and its interval on the natural scale.
func logEstimate(x float64, cov [2][2]float64, i int) Estimate {
	e := Estimate{math.Exp(x), math.NaN(), math.NaN()}
	if v := cov[i][i]; v > 0 && !math.IsInf(v, 0) {
		se := math.Sqrt(v)
		e.Lo, e.Hi = math.Exp(x-Z95*se), math.Exp(x+Z95*se)
	}
	return e
}

// invHessian is the inverse of the objective's Hessian at x by central
// differences: the observed information's inverse, the asymptotic
// covariance of the maximum likelihood estimate. NaN when not positive
// definite (the likelihood is flat in some direction).
func invHessian(f func([]float64) float64, x []float64) [2][2]float64 {
	const h = 1e-3
	n := len(x)
	var H [2][2]float64
	at := func(d0, d1 float64) float64 {
		y := slices.Clone(x)
		y[0] += d0
		if n > 1 {
			y[1] += d1
		}
		return f(y)
	}
	f0 := f(x)
	H[0][0] = (at(h, 0) - 2*f0 + at(-h, 0)) / (h * h)
	nan := [2][2]float64{{math.NaN(), math.NaN()}, {math.NaN(), math.NaN()}}
	if n == 1 {
		if H[0][0] <= 0 {
			return nan
		}
		return [2][2]float64{{1 / H[0][0]}}
	}
	H[1][1] = (at(0, h) - 2*f0 + at(0, -h)) / (h * h)
	H[0][1] = (at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h)
	det := H[0][0]*H[1][1] - H[0][1]*H[0][1]
	if !(det > 0) || H[0][0] <= 0 {
		return nan
	}
	return [2][2]float64{{H[1][1] / det, -H[0][1] / det}, {-H[0][1] / det, H[0][0] / det}}
}

// ks is the Kolmogorov-Smirnov distance between d and the data: the
// empirical CDF, or 1 - the Kaplan-Meier survival when km is given. Each
// value x stands for [x-0.5, x+0.5), as in the likelihood.
func ks(d cdf, ev []Pair, km []KMPoint) float64 {
	D := 0.0
	if km != nil {
		prev := 0.0
		for _, p := range km {
			D = max(D, math.Abs(prev-d.CDF(math.Max(p.T-0.5, 0))), math.Abs(1-p.S-d.CDF(p.T+0.5)))
			prev = 1 - p.S
		}
		return D
	}
	var n int64
	for _, p := range ev {
		n += p.C
	}
	var cum int64
	for _, p := range ev {
		before := float64(cum) / float64(n)
		cum += p.C
		after := float64(cum) / float64(n)
		D = max(D, math.Abs(before-d.CDF(math.Max(p.V-0.5, 0))), math.Abs(after-d.CDF(p.V+0.5)))
	}
	return D
}

// KMPoint is the Kaplan-Meier survival just after an event time T, with
// its Greenwood 95 % interval and the number at risk at T.
type KMPoint struct {
	T         float64
	S, Lo, Hi float64
	AtRisk    int64
}

// KaplanMeier estimates the survival function of right-censored data:
// events are observed values, censored ones are known only to exceed
// their value. At equal times events come first (a caller answered after
// 60 s was still waiting, so at risk, at 60 s).
func KaplanMeier(events, censored *Hist) []KMPoint {
	ev, ce := events.Pairs(), censored.Pairs()
	atRisk := events.N + censored.N
	S, gw := 1.0, 0.0
	var out []KMPoint
	j := 0
	for _, e := range ev {
		for j < len(ce) && ce[j].V < e.V {
			atRisk -= ce[j].C
			j++
		}
		n, d := float64(atRisk), float64(e.C)
		S *= 1 - d/n
		if n > d {
			gw += d / (n * (n - d))
		}
		se := S * math.Sqrt(gw)
		out = append(out, KMPoint{T: e.V, S: S, Lo: math.Max(0, S-Z95*se), Hi: math.Min(1, S+Z95*se), AtRisk: atRisk})
		atRisk -= e.C
	}
	return out
}

// KMQuantile is the smallest time at which the Kaplan-Meier survival falls
// to 1-p or below (NaN when it never does: too few events).
func KMQuantile(km []KMPoint, p float64) float64 {
	for _, k := range km {
		if k.S <= 1-p {
			return k.T
		}
	}
	return math.NaN()
}

// Proportion is a share with its Wilson 95 % interval.
func Proportion(k, n int64) Estimate {
	if n == 0 {
		return Estimate{math.NaN(), math.NaN(), math.NaN()}
	}
	p := float64(k) / float64(n)
	z2 := Z95 * Z95
	nf := float64(n)
	c := (p + z2/(2*nf)) / (1 + z2/nf)
	h := Z95 * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf)) / (1 + z2/nf)
	return Estimate{p, math.Max(0, c-h), math.Min(1, c+h)}
}
