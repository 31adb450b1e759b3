package roster_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/ccsim/ccsim/analysis/roster"
	"github.com/ccsim/ccsim/scenarios"
)

// TestCheckMeetsTarget builds the planning week's roster from Erlang C's
// requirement for 80/20, with lunches and tea breaks, simulates it and
// repairs it until every interval's service level meets 80 % on its
// confidence interval's lower bound; the agent-hours of the checked
// roster stand beside those of the Erlang C roster it started from.
func TestCheckMeetsTarget(t *testing.T) {
	// A few evaluations of ten replications of the planning week take
	// well under a second: the test runs with -short too.
	l, err := scenarios.Resolve("planning-week")
	if err != nil {
		t.Fatal(err)
	}
	s := l.Scenario
	data, err := os.ReadFile("testdata/planning-week-shifts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tp, err := scenarios.ParseTemplates("planning-week-shifts.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	req, err := roster.ErlangRequirement(s, 0, 0.8, 5000)
	if err != nil {
		t.Fatal(err)
	}
	erl, err := roster.Solve(req, tp)
	if err != nil {
		t.Fatal(err)
	}
	erlHours := erl.Hours()
	res, err := roster.Check(context.Background(), s, erl, roster.CheckOptions{ServiceLevel: 0.8, Reps: 10, MaxEvaluations: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Missing) > 0 {
		t.Fatalf("after %d evaluations, %d intervals still miss (first %s)", res.Evaluations, len(res.Missing), req.IntervalName(res.Missing[0]))
	}
	breaks := 0
	for _, sh := range res.Roster.Shifts {
		breaks += len(sh.Breaks)
	}
	if breaks == 0 {
		t.Fatal("the roster has no breaks")
	}
	for i, ic := range res.Intervals {
		if !ic.Meets {
			t.Errorf("%s: service level %.1f ± %.1f", req.IntervalName(i), ic.ServiceLevel.Mean, ic.ServiceLevel.HalfWidth)
		}
	}
	// Shifts the check added are packed into lines too.
	checkLines(t, res.Roster)
	if got, bound := res.Roster.Lines, res.Roster.LineBound(); fmt.Sprint(got) != fmt.Sprint(bound) {
		t.Errorf("checked roster: lines %v, lower bound %v", got, bound)
	}
	if h := res.Roster.Hours(); h < erlHours {
		t.Errorf("checked roster %.1f h, fewer than the Erlang C roster's %.1f h it grew from", h, erlHours)
	}
	t.Logf("Erlang C roster %.1f agent-hours; checked by simulation %.1f agent-hours (%d shifts added in %d evaluations); %d shifts, %d breaks",
		erlHours, res.Roster.Hours(), res.Added, res.Evaluations, len(res.Roster.Shifts), breaks)
}
