package fit

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
	"math/rand/v2"
)

func sample(d interface{ Rand() float64 }, n int) *Hist {
	h := &Hist{}
	for range n {
		h.Add(int64(math.Round(d.Rand())))
	}
	return h
}

func lognormal(m, s float64, src rand.Source) distuv.LogNormal {
	s2 := math.Log1p(s * s / (m * m))
	return distuv.LogNormal{Mu: math.Log(m) - s2/2, Sigma: math.Sqrt(s2), Src: src}
}

// TestFitDist_RecoversFamilyAndParameters draws rounded samples from each
// family and checks that AIC picks it and that its intervals hold the
// truth.
func TestFitDist_RecoversFamilyAndParameters(t *testing.T) {
	src := rand.NewPCG(7, 1)
	for _, tc := range []struct {
		family       string
		d            interface{ Rand() float64 }
		mean, second float64
	}{
		{LogNormal, lognormal(240, 150, src), 240, 150},
		{Gamma, distuv.Gamma{Alpha: 4, Beta: 4.0 / 40, Src: src}, 40, 20},
		{Weibull, distuv.Weibull{K: 1.6, Lambda: 300 / math.Gamma(1+1/1.6), Src: src}, 300, 1.6},
		{Exponential, distuv.Exponential{Rate: 1.0 / 90, Src: src}, 90, math.NaN()},
	} {
		t.Run(tc.family, func(t *testing.T) {
			f := FitDist(sample(tc.d, 5000), nil)
			c := f.Chosen()
			if c == nil {
				t.Fatal("no fit")
			}
			// The exponential is a gamma and a Weibull of shape 1: AIC's
			// penalty must still prefer it, or at worst a nested family.
			if c.Family != tc.family && !(tc.family == Exponential && (c.Family == Gamma || c.Family == Weibull)) {
				t.Errorf("chose %s, want %s (%+v)", c.Family, tc.family, f.Candidates)
			}
			for _, cand := range f.Candidates {
				if cand.Family != tc.family {
					continue
				}
				if !(cand.Mean.Lo <= tc.mean && tc.mean <= cand.Mean.Hi) {
					t.Errorf("mean %v, not within [%v, %v]", tc.mean, cand.Mean.Lo, cand.Mean.Hi)
				}
				if !math.IsNaN(tc.second) && !(cand.Second.Lo <= tc.second && tc.second <= cand.Second.Hi) {
					t.Errorf("second %v, not within [%v, %v]", tc.second, cand.Second.Lo, cand.Second.Hi)
				}
				if cand.KS > 0.03 {
					t.Errorf("KS %v of the true family", cand.KS)
				}
			}
		})
	}
}

// TestFitDist_CensoringMatters is the classic error: fitting patience to
// the abandoned callers' waits alone (ignoring that answered callers were
// still waiting, patience unknown but longer) makes callers look far less
// patient than they are. The censored fit holds the truth; the naive one
// misses it by far.
func TestFitDist_CensoringMatters(t *testing.T) {
	src := rand.NewPCG(3, 1)
	patience := lognormal(180, 120, src)
	wait := distuv.Exponential{Rate: 1.0 / 60, Src: src}
	events, censored := &Hist{}, &Hist{}
	for range 20000 {
		p, w := patience.Rand(), wait.Rand()
		if p < w {
			events.Add(int64(math.Round(p)))
		} else {
			censored.Add(int64(math.Round(w)))
		}
	}
	pick := func(f *DistFit) Candidate {
		for _, c := range f.Candidates {
			if c.Family == LogNormal {
				return c
			}
		}
		t.Fatal("no lognormal candidate")
		return Candidate{}
	}
	right := pick(FitDist(events, censored))
	if !(right.Mean.Lo <= 180 && 180 <= right.Mean.Hi) || !(right.Second.Lo <= 120 && 120 <= right.Second.Hi) {
		t.Errorf("censored fit: mean %+v, sd %+v; want 180 and 120 within", right.Mean, right.Second)
	}
	naive := pick(FitDist(events, nil))
	if naive.Mean.Hi > 0.6*180 {
		t.Errorf("naive fit's mean %+v: expected far below the true 180 s", naive.Mean)
	}
	t.Logf("true mean 180 s; censored fit %.1f [%.1f, %.1f]; ignoring censoring %.1f [%.1f, %.1f]",
		right.Mean.Value, right.Mean.Lo, right.Mean.Hi, naive.Mean.Value, naive.Mean.Lo, naive.Mean.Hi)
	km := KaplanMeier(events, censored)
	if med := KMQuantile(km, 0.5); math.Abs(med-patience.Quantile(0.5)) > 10 {
		t.Errorf("Kaplan-Meier median %v, true %v", med, patience.Quantile(0.5))
	}
}

func TestKaplanMeier_Hand(t *testing.T) {
	// Events at 1, 3; censored at 2, 3, 4: S(1)=4/5, S(3)=4/5 x (1-1/3).
	ev, ce := &Hist{}, &Hist{}
	ev.Add(1)
	ev.Add(3)
	ce.Add(2)
	ce.Add(3)
	ce.Add(4)
	km := KaplanMeier(ev, ce)
	want := []float64{0.8, 0.8 * 2 / 3}
	if len(km) != 2 || math.Abs(km[0].S-want[0]) > 1e-12 || math.Abs(km[1].S-want[1]) > 1e-12 || km[1].AtRisk != 3 {
		t.Fatalf("got %+v, want S %v", km, want)
	}
}

func TestProportion(t *testing.T) {
	e := Proportion(30, 100)
	if math.Abs(e.Lo-0.2189) > 1e-3 || math.Abs(e.Hi-0.3958) > 1e-3 {
		t.Errorf("Wilson interval of 30/100: %+v", e)
	}
}
