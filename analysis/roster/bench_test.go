package roster_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/ccsim/ccsim/analysis/roster"
	"github.com/ccsim/ccsim/model"
)

// benchTemplates are ten templates for a centre open around the clock:
// early, day, late and night shifts of several lengths, part-timers,
// weekend-only shifts, with tea breaks and lunches.
func benchTemplates() string {
	var b strings.Builder
	b.WriteString("templates:\n")
	add := func(name, from, to, length string, days int, dayList, breaks string, maxAgents int, cost float64) {
		fmt.Fprintf(&b, "  - name: %s\n    starts: {from: %q, to: %q, every: 30m}\n    length: %s\n    days_per_week: %d\n", name, from, to, length, days)
		if dayList != "" {
			fmt.Fprintf(&b, "    days: [%s]\n", dayList)
		}
		if breaks != "" {
			fmt.Fprintf(&b, "    breaks:\n%s", breaks)
		}
		if maxAgents > 0 {
			fmt.Fprintf(&b, "    max_agents: %d\n", maxAgents)
		}
		fmt.Fprintf(&b, "    cost_per_hour: %g\n", cost)
	}
	full := "      - {name: tea, length: 15m, from: 1h30m, to: 3h}\n      - {name: lunch, length: 30m, from: 3h30m, to: 5h30m}\n      - {name: tea, length: 15m, from: 6h, to: 7h30m}\n"
	short := "      - {name: tea, length: 15m, from: 1h, to: 3h}\n"
	add("early", "05:00", "08:00", "8h30m", 5, "", full, 0, 1)
	add("day", "08:00", "11:00", "8h30m", 5, "", full, 0, 1)
	add("late", "11:00", "15:00", "8h30m", 5, "", full, 0, 1.1)
	add("evening", "15:00", "18:00", "8h", 5, "", full, 0, 1.15)
	add("night", "20:00", "23:00", "9h", 4, "", full, 30, 1.3)
	add("ten-hour", "06:00", "12:00", "10h", 4, "", full, 25, 1)
	add("part-am", "07:00", "11:00", "4h", 3, "", short, 20, 0.95)
	add("part-pm", "12:00", "18:00", "4h", 3, "", short, 20, 0.95)
	add("weekend", "07:00", "13:00", "8h", 2, "sat, sun", full, 15, 1.2)
	add("twilight", "17:00", "20:00", "5h", 5, "", short, 15, 1.05)
	return b.String()
}

// benchReq is a week of 336 half-hour intervals, every one open: a day
// curve from 2 agents at night to 40 at the morning peak, weekends at
// 60 %.
func benchReq() roster.Requirement {
	iv := 30 * model.Minute
	a := make([]float64, 336)
	for i := range a {
		day, h := i/48, float64(i%48)/2
		v := 2 + 30*math.Exp(-math.Pow((h-11)/3, 2)) + 20*math.Exp(-math.Pow((h-15.5)/2.5, 2)) + 8*math.Exp(-math.Pow((h-20)/2, 2))
		if day >= 5 {
			v *= 0.6
		}
		a[i] = math.Ceil(v)
	}
	return roster.Requirement{Start: time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC), Interval: iv, Agents: a}
}

// BenchmarkRoster solves a week's roster: 336 intervals, 10 templates.
// Issue 12 asks for under 30 s on one core (go test -bench Roster -cpu 1).
func BenchmarkRoster(b *testing.B) {
	tp := templates(b, benchTemplates())
	req := benchReq()
	var r *roster.Roster
	for b.Loop() {
		var err error
		if r, err = roster.Solve(req, tp); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/roster")
	b.ReportMetric(float64(len(r.Shifts)), "shifts")
	b.ReportMetric(r.Hours(), "agent-hours")
	b.ReportMetric(r.Relaxation, "relaxation-hours")
}
