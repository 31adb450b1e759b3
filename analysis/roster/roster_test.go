package roster_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/ccsim/ccsim/analysis/roster"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

var monday = time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC)

// weekdayReq needs agents 07:00-21:00 Monday to Friday, peaking at 11:00.
func weekdayReq() roster.Requirement {
	iv := 30 * model.Minute
	n := int(roster.Week / iv)
	a := make([]float64, n)
	for i := range a {
		day, slot := i/48, i%48
		if day < 5 && slot >= 14 && slot < 42 {
			a[i] = math.Round(6 + 8*math.Exp(-math.Pow(float64(slot-22)/6, 2)))
		}
	}
	return roster.Requirement{Start: monday, Interval: iv, Agents: a}
}

func templates(t testing.TB, yaml string) *model.ShiftTemplates {
	t.Helper()
	tp, err := scenarios.ParseTemplates("shifts.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return tp
}

const dayTemplates = `templates:
  - name: full
    starts: {from: "07:00", to: "12:30", every: 30m}
    length: 8h30m
    days: [mon, tue, wed, thu, fri]
    breaks:
      - {name: lunch, length: 30m, from: 3h, to: 5h30m}
      - {name: tea, length: 15m, from: 1h30m, to: 3h}
  - name: part
    starts: {from: "09:00", to: "17:00", every: 30m}
    length: 4h
    days_per_week: 3
    breaks:
      - {length: 15m, from: 1h, to: 3h}
    max_agents: 6
`

func TestSolveCovers(t *testing.T) {
	req := weekdayReq()
	r, err := roster.Solve(req, templates(t, dayTemplates))
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range req.Agents {
		if r.Cover[i] < a-1e-6 {
			t.Errorf("%s: cover %.2f < %g", req.IntervalName(i), r.Cover[i], a)
		}
	}
	if ag := r.Agents(); ag[1] > 6 {
		t.Errorf("part-time agents %d > cap 6", ag[1])
	}
	for _, s := range r.Shifts {
		tp := r.Templates[s.Template]
		if len(s.Breaks) != len(tp.Breaks) {
			t.Fatalf("shift %+v: %d breaks", s, len(s.Breaks))
		}
		for k, b := range tp.Breaks {
			if s.Breaks[k] < b.From || s.Breaks[k]+b.Length > b.To {
				t.Errorf("shift %+v: break %d at %s outside %s-%s", s, k, s.Breaks[k], b.From, b.To)
			}
		}
	}
	// The cover stays close to the requirement: breaks staggered, not
	// all at once, leave no interval far over.
	over := 0.0
	for i, a := range req.Agents {
		over += r.Cover[i] - a
	}
	t.Logf("%d shifts, %.1f h (relaxation %.1f h), cover over requirement %.1f agent-intervals", len(r.Shifts), r.Hours(), r.Relaxation, over)
	if r.Hours() > 1.25*r.Relaxation {
		t.Errorf("hours %.1f more than 25 %% over the relaxation's %.1f", r.Hours(), r.Relaxation)
	}
}

func TestSolveErrors(t *testing.T) {
	req := weekdayReq()
	night := req
	night.Agents = append([]float64(nil), req.Agents...)
	night.Agents[2] = 1 // Monday 01:00
	_, err := roster.Solve(night, templates(t, dayTemplates))
	if !errors.Is(err, roster.ErrCannotCover) || !strings.Contains(err.Error(), "interval Mon 01:00 needs 1 agents, but no template has a shift on duty then") {
		t.Errorf("night: %v", err)
	}
	capped := strings.Replace(dayTemplates, "  - name: full\n", "  - name: full\n    max_agents: 3\n", 1)
	_, err = roster.Solve(req, templates(t, capped))
	if !errors.Is(err, roster.ErrCannotCover) || !strings.Contains(err.Error(), "max_agents") {
		t.Errorf("capped: %v", err)
	}
}

// TestSolveGreedyOnly: templates allowing more shifts than the dense
// simplex takes in reasonable time are built by the repair alone, and
// still cover every interval.
func TestSolveGreedyOnly(t *testing.T) {
	req := weekdayReq()
	r, err := roster.Solve(req, templates(t, `templates:
  - name: six
    starts: {from: "00:00", to: "23:55", every: 5m}
    length: 6h
    days: [mon, tue, wed, thu, fri]
    breaks:
      - {length: 20m, from: 2h, to: 4h}
  - name: seven
    starts: {from: "00:00", to: "23:55", every: 5m}
    length: 7h
    days: [mon, tue, wed, thu, fri]
  - name: eight
    starts: {from: "00:00", to: "23:55", every: 5m}
    length: 8h
    days: [mon, tue, wed, thu, fri]
`))
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(r.Relaxation) {
		t.Errorf("relaxation %.1f solved: the test wants the repair alone", r.Relaxation)
	}
	for i, a := range req.Agents {
		if r.Cover[i] < a-1e-6 {
			t.Errorf("%s: cover %.2f < %g", req.IntervalName(i), r.Cover[i], a)
		}
	}
}
