package analysis

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestSimultaneousConfidence: Bonferroni's level per interval for m
// comparisons, and the comparison's for k variants (k-1 comparisons).
func TestSimultaneousConfidence(t *testing.T) {
	for _, tc := range []struct {
		variants int
		want     float64
	}{
		{1, 0.95}, {2, 0.95}, {3, 0.975}, {5, 0.9875}, {21, 0.9975}, {101, 0.9995},
	} {
		c := &Comparison{Variants: make([]VariantSummary, tc.variants)}
		if got := c.Confidence(); math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("%d variants: confidence %v, want %v", tc.variants, got, tc.want)
		}
	}
}

// TestDiffAdjustedHalfWidth: a paired difference's half width is the t
// quantile at 1 - 0.05/m/2 (m comparisons) times SD/sqrt(n), and whether
// it is significant follows the adjusted interval, not the 95 % one.
func TestDiffAdjustedHalfWidth(t *testing.T) {
	base := []float64{10, 12, 11, 13, 9, 10, 12, 11, 10, 12}
	// Differences 1 +- a little: significant at 95 %; with 20
	// comparisons too, since their t is 2.9 times SD/sqrt(n) < 1.
	shift := []float64{0.9, 1.2, 1.0, 0.7, 1.4, 1.1, 0.8, 1.0, 1.3, 0.6}
	// Differences mean 0.8, SD 0.85: significant at 95 % (t = 3.0 > 2.26),
	// not with 20 comparisons (quantile 3.69).
	noisy := []float64{1.5, -0.1, 1.9, 0.4, -0.3, 1.8, 0.5, 1.7, 0, 0.6}
	for _, tc := range []struct {
		name  string
		d     []float64
		m     int
		wantS bool
	}{
		{"clear, alone", shift, 1, true},
		{"clear, 20 comparisons", shift, 20, true},
		{"noisy, alone", noisy, 1, true},
		{"noisy, 20 comparisons", noisy, 20, false},
		{"noisy, 99 comparisons", noisy, 99, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vals := make([]float64, len(base))
			for i := range base {
				vals[i] = base[i] + tc.d[i]
			}
			conf := SimultaneousConfidence(tc.m)
			got := diff(metricDefs[0], base, vals, conf)
			e := NewEstimate(tc.d)
			n := float64(len(tc.d))
			q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: n - 1}.Quantile(1 - 0.05/float64(tc.m)/2)
			want := q * e.SD / math.Sqrt(n)
			if math.Abs(got.Paired.HalfWidth-want) > 1e-9*want {
				t.Errorf("half width %v, want t(%v) x SD/sqrt(n) = %v", got.Paired.HalfWidth, 1-0.05/float64(tc.m)/2, want)
			}
			if got.Confidence != conf {
				t.Errorf("confidence %v, want %v", got.Confidence, conf)
			}
			if got.Significant != tc.wantS {
				t.Errorf("significant %v, want %v (%v +- %v)", got.Significant, tc.wantS, got.Paired.Mean, got.Paired.HalfWidth)
			}
			if tc.m > 1 && !(got.UnpairedHalfWidth > welchHalfWidth(base, vals, Confidence)) {
				t.Errorf("unpaired half width %v not widened from the 95 %% one %v", got.UnpairedHalfWidth, welchHalfWidth(base, vals, Confidence))
			}
		})
	}
}

// TestFamilyWiseErrorRate simulates families of 20 variants that change
// nothing (paired differences normal with mean 0, 10 replications each)
// and counts the families in which any variant is flagged significant:
// about 64 % of them at 95 % per comparison (1 - 0.95^20), at most 5 %
// with the Bonferroni level.
func TestFamilyWiseErrorRate(t *testing.T) {
	const families, m, n = 2000, 20, 10
	for _, tc := range []struct {
		name     string
		conf     float64
		min, max float64
	}{
		{"unadjusted", Confidence, 0.50, 1},
		{"Bonferroni", SimultaneousConfidence(m), 0, 0.06},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			base := make([]float64, n)
			vals := make([]float64, n)
			bad := 0
			for range families {
				flagged := false
				for range m {
					for i := range vals {
						vals[i] = base[i] + r.NormFloat64()
					}
					if diff(metricDefs[0], base, vals, tc.conf).Significant {
						flagged = true
					}
				}
				if flagged {
					bad++
				}
			}
			rate := float64(bad) / families
			if rate < tc.min || rate > tc.max {
				t.Errorf("family-wise false flag rate %.3f, want in [%.2f, %.2f]", rate, tc.min, tc.max)
			}
			t.Logf("family-wise false flag rate %.3f", rate)
		})
	}
}

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

// TestPairedDiffLevel: the paired difference between any two variants
// (per-queue differences, ranking ties) is at the comparison's
// simultaneous level, so a difference significant at 95 % alone may not
// be among many variants.
func TestPairedDiffLevel(t *testing.T) {
	base := []float64{10, 12, 11, 13, 9, 10, 12, 11, 10, 12}
	noisy := []float64{1.5, -0.1, 1.9, 0.4, -0.3, 1.8, 0.5, 1.7, 0, 0.6}
	for _, tc := range []struct {
		variants int
		wantSig  bool
	}{
		{2, true}, {3, true}, {21, false},
	} {
		c := &Comparison{Variants: make([]VariantSummary, tc.variants)}
		for v := range c.Variants {
			all := make([][]float64, len(metricDefs))
			for k := range all {
				all[k] = make([]float64, len(base))
				for i := range base {
					all[k][i] = base[i]
					if v == 1 {
						all[k][i] += noisy[i]
					}
				}
			}
			c.Variants[v].values = repValues{all: all}
		}
		d, ok := c.PairedDiff(1, 0, metricDefs[0].key)
		if !ok {
			t.Fatalf("%d variants: no paired difference", tc.variants)
		}
		if d.Confidence != c.Confidence() || d.Significant != tc.wantSig {
			t.Errorf("%d variants: confidence %v significant %v, want %v and %v",
				tc.variants, d.Confidence, d.Significant, c.Confidence(), tc.wantSig)
		}
	}
}

// TestRankTiesLevel: a variant better than the baseline by a difference
// significant at 95 % ranks alone first among two variants, but ties with
// the baseline when twenty variants are compared.
func TestRankTiesLevel(t *testing.T) {
	base := []float64{10, 12, 11, 13, 9, 10, 12, 11, 10, 12}
	noisy := []float64{1.5, -0.1, 1.9, 0.4, -0.3, 1.8, 0.5, 1.7, 0, 0.6}
	key := metricDefs[0].key
	variant := func(name string, add func(i int) float64) VariantSummary {
		all := make([][]float64, len(metricDefs))
		for k := range all {
			all[k] = make([]float64, len(base))
			for i := range base {
				all[k][i] = base[i] + add(i)
			}
		}
		return VariantSummary{Name: name, values: repValues{all: all},
			Summary: &Summary{Overall: []Metric{{Key: key, Estimate: NewEstimate(all[0])}}}}
	}
	for _, tc := range []struct {
		variants int
		wantTied bool
	}{
		{2, false}, {3, false}, {21, true},
	} {
		c := &Comparison{Variants: []VariantSummary{
			variant("baseline", func(int) float64 { return 0 }),
			variant("better", func(i int) float64 { return noisy[i] }),
		}}
		for len(c.Variants) < tc.variants {
			c.Variants = append(c.Variants, variant("worse", func(int) float64 { return -100 }))
		}
		rows := Rank(c, Objective{Key: key, Maximize: true})
		if rows[0].Variant != "better" || rows[1].Variant != "baseline" {
			t.Fatalf("%d variants: ranking %+v", tc.variants, rows)
		}
		if rows[1].Tied != tc.wantTied || (tc.wantTied && rows[1].Rank != 1) || (!tc.wantTied && rows[1].Rank != 2) {
			t.Errorf("%d variants: baseline rank %d tied %v, want tied %v", tc.variants, rows[1].Rank, rows[1].Tied, tc.wantTied)
		}
	}
}
