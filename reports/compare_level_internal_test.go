package reports

import (
	"strings"
	"testing"

	"github.com/ccsim/ccsim/analysis"
)

func TestLevelText(t *testing.T) {
	for _, tc := range []struct {
		conf float64
		want string
	}{
		{0.95, "95 %"},
		{1 - 0.05/2, "97.5 %"},
		{1 - 0.05/3, "98.33 %"},
		{1 - 0.05/20, "99.75 %"},
		{1 - 0.05/12, "99.583 %"},
		{1 - 0.05/1000, "99.995 %"},
		{1 - 0.05/100000, "99.99995 %"},
	} {
		if got := levelText(tc.conf); got != tc.want {
			t.Errorf("levelText(%v) = %q, want %q", tc.conf, got, tc.want)
		}
	}
}

// TestConstraintLevelNote: the ranking's note and the HTML page's sweep
// table state the level at which the constraints were judged: 95 % for a
// single variant, Bonferroni's over the k variants otherwise.
func TestConstraintLevelNote(t *testing.T) {
	cons := analysis.Objective{Key: "asa", Constraints: []analysis.Constraint{{Key: "abandon_rate", Op: "<=", Value: 5, Percent: true}}}
	for _, tc := range []struct {
		k        int
		o        analysis.Objective
		note     string
		notNote  string
		htmlText string
	}{
		{1, cons, "whole 95 % interval meets it. 95 % confidence", "Bonferroni", "on the whole 95 % interval"},
		{2, cons, "whole 97.5 % interval meets it. The level is Bonferroni's for the 2 variants checked", "", "on the whole 97.5 % interval: simultaneous 95 %, Bonferroni over the 2 variants checked"},
		{20, cons, "whole 99.75 % interval meets it. The level is Bonferroni's for the 20 variants checked, so that the 20 decisions", "", "99.75 %"},
		{20, analysis.Objective{Key: "asa"}, "whole 99.75 % interval meets it. 95 % confidence", "Bonferroni", "99.75 %"},
	} {
		c := &analysis.Comparison{Variants: make([]analysis.VariantSummary, tc.k)}
		note := rankNote(c, tc.o, nil, 10)
		if !strings.Contains(note, tc.note) || (tc.notNote != "" && strings.Contains(note, tc.notNote)) {
			t.Errorf("k = %d, %d constraints: note %q, want %q in it and not %q", tc.k, len(tc.o.Constraints), note, tc.note, tc.notNote)
		}
		if got := constraintLevelText(c); !strings.Contains(got, tc.htmlText) {
			t.Errorf("k = %d: constraintLevelText %q, want %q in it", tc.k, got, tc.htmlText)
		}
	}
}
