package scenarios_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

const goodTemplates = `templates:
  - name: early
    starts: {from: "07:00", to: "09:00", every: 30m}
    length: 8h30m
    days: [mon, tue, wed, thu, fri, sat]
    breaks:
      - {name: lunch, length: 30m, from: 3h, to: 5h}
      - {length: 15m, from: 1h, to: 2h30m}
    max_agents: 40
  - name: part
    starts: {from: "10:00"}
    length: 4h
    days_per_week: 3
    cost_per_hour: 0.8
`

func TestParseTemplates(t *testing.T) {
	f, err := scenarios.ParseTemplates("shifts.yaml", []byte(goodTemplates))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Templates) != 2 {
		t.Fatalf("templates: %d", len(f.Templates))
	}
	e := f.Templates[0]
	if got := len(e.Starts.Times()); got != 5 {
		t.Errorf("early starts: %d, want 5", got)
	}
	if e.DaysPerWeek != 5 || e.CostPerHour != 1 || e.MaxAgents != 40 {
		t.Errorf("early defaults: %+v", e)
	}
	if wd := e.WorkDays(); wd[0] || !wd[1] || !wd[6] {
		t.Errorf("early days: %v", wd)
	}
	if e.WeeklyRest == nil || *e.WeeklyRest != 35*model.Hour || e.WeeklyRestPeriod() != 35*model.Hour {
		t.Errorf("early weekly_rest: %v, want the default 35h", e.WeeklyRest)
	}
	if e.DaysOffTogether == nil || !*e.DaysOffTogether || !e.OffTogether() {
		t.Errorf("early days_off_together: %v, want the default true", e.DaysOffTogether)
	}
	p := f.Templates[1]
	if got := p.Starts.Times(); len(got) != 1 || got[0] != 10*model.Hour {
		t.Errorf("part starts: %v", got)
	}
}

// TestParseTemplates_weeklyRest: weekly_rest 0 turns the rule off (not
// the default), and days_off_together may be turned off.
func TestParseTemplates_weeklyRest(t *testing.T) {
	for _, tc := range []struct {
		name, extra string
		rest        model.Duration
		together    bool
	}{
		{"default", "", 35 * model.Hour, true},
		{"off", "\n    weekly_rest: 0s", 0, true},
		{"zero without unit", "\n    weekly_rest: 0", 0, true},
		{"longest", "\n    weekly_rest: 72h", 72 * model.Hour, true},
		{"apart", "\n    weekly_rest: 36h\n    days_off_together: false", 36 * model.Hour, false},
		{"together", "\n    days_off_together: true", 35 * model.Hour, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			y := strings.Replace(goodTemplates, "days_per_week: 3", "days_per_week: 3"+tc.extra, 1)
			f, err := scenarios.ParseTemplates("shifts.yaml", []byte(y))
			if err != nil {
				t.Fatal(err)
			}
			p := &f.Templates[1]
			if got := p.WeeklyRestPeriod(); got != tc.rest {
				t.Errorf("weekly_rest %s, want %s", got, tc.rest)
			}
			if got := p.OffTogether(); got != tc.together {
				t.Errorf("days_off_together %v, want %v", got, tc.together)
			}
		})
	}
}

func TestParseTemplatesErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"break outside shift", strings.Replace(goodTemplates, "from: 3h, to: 5h", "from: 3h, to: 9h", 1),
			"shifts.yaml:7: templates[0].breaks[0].to: the window 3h to 9h ends outside the shift (length 8h30m): it must end by 8h30m"},
		{"window too short", strings.Replace(goodTemplates, "from: 3h, to: 5h", "from: 3h, to: 3h10m", 1),
			"shifts.yaml:7: templates[0].breaks[0].to: must leave room for the break"},
		{"unknown field", strings.Replace(goodTemplates, "max_agents", "max_agent", 1), "shifts.yaml:9: templates[0]: unknown field"},
		{"bad day", strings.Replace(goodTemplates, "sat]", "sam]", 1), `shifts.yaml:5: templates[0].days[5]: "sam" is not a day`},
		{"no start", strings.Replace(goodTemplates, `starts: {from: "10:00"}`, "", 1), "shifts.yaml:10: templates[1].starts.from: is required"},
		{"duplicate", strings.Replace(goodTemplates, "name: part", "name: early", 1), `shifts.yaml:10: templates[1].name: "early" is used by an earlier template`},
		{"days", strings.Replace(goodTemplates, "days_per_week: 3", "days_per_week: 8", 1), "shifts.yaml:13: templates[1].days_per_week: must be 1 to 7, got 8"},
		{"rest", strings.Replace(goodTemplates, "days_per_week: 3", "days_per_week: 3\n    min_rest: 25h", 1), "shifts.yaml:14: templates[1].min_rest: must be whole minutes from 1m to 24h (default 11h), got 1d1h"},
		{"weekly rest too long", strings.Replace(goodTemplates, "days_per_week: 3", "days_per_week: 3\n    weekly_rest: 73h", 1),
			"shifts.yaml:14: templates[1].weekly_rest: must be whole minutes from 0 (no weekly rest) to 72h (default 35h), got 3d1h"},
		{"weekly rest negative", strings.Replace(goodTemplates, "days_per_week: 3", "days_per_week: 3\n    weekly_rest: -1h", 1),
			`shifts.yaml:14: templates[1].weekly_rest: "-1h": negative durations are not allowed`},
		{"weekly rest seconds", strings.Replace(goodTemplates, "days_per_week: 3", "days_per_week: 3\n    weekly_rest: 35h30s", 1),
			"shifts.yaml:14: templates[1].weekly_rest: must be whole minutes"},
		{"weekly rest not a duration", strings.Replace(goodTemplates, "days_per_week: 3", "days_per_week: 3\n    weekly_rest: a day", 1),
			"shifts.yaml:14: templates[1].weekly_rest:"},
		{"days off together not a bool", strings.Replace(goodTemplates, "days_per_week: 3", "days_per_week: 3\n    days_off_together: sometimes", 1),
			"shifts.yaml:14: templates[1].days_off_together:"},
		{"empty", "templates: []\n", "templates: lists no template"},
		{"syntax", "templates: [\n", "shifts.yaml:"},
		{"starts backwards", strings.Replace(goodTemplates, `to: "09:00"`, `to: "06:00"`, 1), "templates[0].starts.to: must be at or after starts.from (07:00), got 06:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scenarios.ParseTemplates("shifts.yaml", []byte(tc.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, model.ErrInvalid) {
				t.Errorf("not ErrInvalid: %v", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error\n%v\nwant it to contain\n%s", err, tc.want)
			}
		})
	}
}

// FuzzParseTemplates: any input gives templates that pass their own
// check or an error, never a panic.
func FuzzParseTemplates(f *testing.F) {
	f.Add([]byte(goodTemplates))
	f.Add([]byte(strings.Replace(goodTemplates, "days_per_week: 3", "days_per_week: 3\n    weekly_rest: 0\n    days_off_together: false", 1)))
	f.Add([]byte("templates:\n  - {name: a, starts: {from: \"23:59\", to: \"23:59\", every: 1m}, length: 16h, breaks: [{length: 1m, from: 0s, to: 16h}]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tp, err := scenarios.ParseTemplates("f.yaml", data)
		if err != nil {
			if !errors.Is(err, model.ErrInvalid) {
				t.Fatalf("error not ErrInvalid: %v", err)
			}
			return
		}
		if err := tp.Check(); err != nil {
			t.Fatalf("parsed templates fail their check: %v", err)
		}
		for _, tm := range tp.Templates {
			if n := len(tm.Starts.Times()); n == 0 || n > model.MaxTemplateStarts {
				t.Fatalf("%d start times", n)
			}
		}
	})
}
