package reports_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
)

// centreScenario is analysis/testdata/centre.yaml, the centre of two
// queues and three groups the staffing search is tested on.
func centreScenario(t *testing.T) *model.Scenario {
	t.Helper()
	src, err := os.ReadFile("../analysis/testdata/centre.yaml")
	if err != nil {
		t.Fatal(err)
	}
	l, err := scenarios.ParseWith("centre.yaml", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	return l.Scenario
}

// TestCentre_golden pins the report of a staffing search of several
// groups and queues, in every format: analysis/testdata/centre.yaml with
// a budget of three evaluations, so that the warning and the queue
// intervals still missing are shown.
func TestCentre_golden(t *testing.T) {
	s := centreScenario(t)
	for g := range s.Agents {
		s.Agents[g].DeclineProbability, s.Agents[g].MissedLockout = 0.5, model.Minute
	}
	targets := []analysis.QueueTarget{{ServiceLevel: 0.8, MaxAbandon: 0.05}, {ServiceLevel: 0.85, MaxASA: 30}}
	res, err := analysis.SearchCentre(context.Background(), s, analysis.CentreOptions{Targets: targets, Reps: 4, MaxEvaluations: 3})
	if !errors.Is(err, analysis.ErrBudget) || len(res.Misses) == 0 {
		t.Fatalf("err = %v; want the budget to run out with misses", err)
	}
	meta := reports.CentreMeta{Scenario: s.Name, ServiceLevel: s.ServiceLevel, Reps: 4, Budget: 3,
		Definition: s.ServiceLevelDefinition, ShortAbandon: s.ShortAbandon}
	goldenCentre(t, res, meta, "centre")
}

// TestCentre_goldenOccupancy pins the report of a search with occupancy
// caps (sales and blended at 45 %, support uncapped) in every format,
// with a budget of two evaluations so that group intervals over their
// cap are listed among the misses.
func TestCentre_goldenOccupancy(t *testing.T) {
	s := centreScenario(t)
	targets := []analysis.QueueTarget{{ServiceLevel: 0.8}, {ServiceLevel: 0.8}}
	caps := []analysis.GroupTarget{{MaxOccupancy: 0.45}, {}, {MaxOccupancy: 0.45}}
	res, err := analysis.SearchCentre(context.Background(), s, analysis.CentreOptions{Targets: targets, Reps: 4,
		MaxEvaluations: 2, GroupTargets: caps})
	if !errors.Is(err, analysis.ErrBudget) || res == nil {
		t.Fatalf("err = %v; want the budget to run out", err)
	}
	groupMisses := 0
	for _, m := range res.Misses {
		if m.Group != "" {
			groupMisses++
		}
	}
	if groupMisses == 0 {
		t.Fatalf("no group interval over its cap among the misses %v: the golden would not show them", res.Misses)
	}
	meta := reports.CentreMeta{Scenario: s.Name, ServiceLevel: s.ServiceLevel, Reps: 4, Budget: 2,
		Definition: s.ServiceLevelDefinition, ShortAbandon: s.ShortAbandon}
	goldenCentre(t, res, meta, "centre-occupancy")
}

// goldenCentre pins a whole-centre report in every format against
// BASE.txt, BASE.md and BASE.json, the table within the width limit
// ("±" takes one column, two bytes).
func goldenCentre(t *testing.T, res *analysis.CentreResult, meta reports.CentreMeta, base string) {
	t.Helper()
	for _, f := range []struct {
		format reports.Format
		file   string
	}{{reports.FormatTable, base + ".txt"}, {reports.FormatMarkdown, base + ".md"}, {reports.FormatJSON, base + ".json"}} {
		var b bytes.Buffer
		if err := reports.WriteCentre(&b, f.format, res, meta); err != nil {
			t.Fatal(err)
		}
		if f.format == reports.FormatTable {
			for i, line := range strings.Split(b.String(), "\n") {
				if n := utf8.RuneCountInString(line); n > reports.MaxWidth {
					t.Errorf("line %d is %d columns wide (max %d): %q", i+1, n, reports.MaxWidth, line)
				}
			}
		}
		golden(t, f.file, b.Bytes())
	}
}
