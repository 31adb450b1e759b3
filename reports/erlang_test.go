package reports_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ccsim/ccsim/erlang"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
)

// erlangReports are the Erlang calculations of the golden files, on the
// planner's textbook example: 100 calls per half hour of 180 s, i.e. 10
// Erlangs offered.
func erlangReports() map[string]*reports.ErlangReport {
	const lambda, aht = 100.0 / 1800, 180.0
	ptr := func(e erlang.Result) *erlang.Result { return &e }
	base := func(m string) *reports.ErlangReport {
		return &reports.ErlangReport{Model: m, Volume: 100, Interval: 30 * model.Minute, AHT: 180 * model.Second, Target: 20 * model.Second}
	}
	c14 := base("c")
	c14.At = ptr(erlang.CModel(14, lambda, aht, 20))

	cTarget := base("c")
	cTarget.TargetSL = 0.8
	cTarget.At = ptr(erlang.CModel(11, lambda, aht, 20))
	cTarget.Needed = ptr(erlang.CModel(erlang.AgentsFor(lambda, aht, 0, 20, 0.8, 0, 100), lambda, aht, 20))

	unstable := base("c")
	unstable.At = ptr(erlang.CModel(10, lambda, aht, 20))

	a := base("a")
	a.Patience = 2 * model.Minute
	a.TargetSL, a.MaxAbandon = 0.8, 0.05
	a.Needed = ptr(erlang.AModel(erlang.AgentsFor(lambda, aht, 120, 20, 0.8, 0.05, 100), lambda, aht, 120, 20))

	b := base("b")
	b.Target = 0
	b.MaxBlock = 0.01
	load := lambda * aht
	bAt := func(n int) *erlang.Result {
		p := erlang.B(n, load)
		return &erlang.Result{Agents: n, Load: load, PBlock: p, Occupancy: load * (1 - p) / float64(n), Stable: true}
	}
	b.At, b.Needed = bAt(14), bAt(18)
	return map[string]*reports.ErlangReport{"c14": c14, "c_target": cTarget, "c_unstable": unstable, "a_target": a, "b": b}
}

func TestErlangTable(t *testing.T) {
	for name, r := range erlangReports() {
		for _, f := range []reports.Format{reports.FormatTable, reports.FormatMarkdown} {
			t.Run(name+"/"+string(f), func(t *testing.T) {
				var b bytes.Buffer
				if err := reports.ErlangTable(&b, f, r); err != nil {
					t.Fatal(err)
				}
				if f == reports.FormatTable {
					checkWidth(t, b.Bytes())
				}
				golden(t, "erlang_"+name+"."+string(f)+".golden", b.Bytes())
			})
		}
	}
}

func TestErlangTable_publishedExample(t *testing.T) {
	// 10 Erlangs on 14 agents, SL(20s), AHT 180 s: P(wait) 0.17413 and
	// service level 0.88835, the worked example of the Erlang C
	// literature (e.g. the Erlang C page of callcentrehelper.com).
	var b bytes.Buffer
	if err := reports.ErlangTable(&b, reports.FormatTable, erlangReports()["c14"]); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| P(wait)               |   0.17413 |", "| service level SL(20s) |   0.88835 |", "| ASA (s)               |      7.84 |", "10.000 Erlangs offered"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
}

func TestWriteErlangJSON(t *testing.T) {
	for name, r := range erlangReports() {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := reports.WriteErlangJSON(&b, r); err != nil {
				t.Fatal(err)
			}
			golden(t, "erlang_"+name+".json.golden", b.Bytes())
			var m map[string]any
			if err := json.Unmarshal(b.Bytes(), &m); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"p_wait", "p_block", "service_level", "asa_seconds", "occupancy", "p_abandon", "agents", "agents_needed", "volume", "interval_seconds", "aht_seconds"} {
				if _, ok := m[k]; !ok {
					t.Errorf("no key %q in %s", k, b.String())
				}
			}
		})
	}

	var doc reports.ErlangDoc
	var b bytes.Buffer
	if err := reports.WriteErlangJSON(&b, erlangReports()["c14"]); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.PWait == nil || *doc.PWait != 0.174132 || doc.ServiceLevel == nil || *doc.ServiceLevel != 0.88835 ||
		doc.Agents != 14 || doc.AgentsNeeded != nil || doc.PBlock != nil || doc.PAbandon != nil || doc.OfferedLoad != 10 {
		t.Errorf("doc = %+v", doc)
	}
}

// erlangPlan is a forecast of four half hours, the second closed, staffed
// with Erlang C for 80/20 under an 85 % occupancy cap with 30 % shrinkage.
func erlangPlan() *reports.ErlangPlan {
	p := &reports.ErlangPlan{Model: reports.ErlangModelC, Forecast: "week.csv", Interval: 30 * model.Minute,
		Target: 20 * model.Second, TargetSL: 0.8, MaxOccupancy: 0.85, Shrinkage: 0.3}
	for i, calls := range []float64{100, 0, 1000, 12.5} {
		r := reports.ErlangPlanRow{Start: day.Add(time.Duration(9*60+30*i) * time.Minute), Calls: calls}
		if calls > 0 {
			r.AHT = 180 * model.Second
			lambda := calls / 1800
			n := erlang.FewestAgents(1, 1000, func(n int) bool {
				e := erlang.CModel(n, lambda, 180, 20)
				return e.Stable && e.ServiceLevel >= 0.8 && e.Occupancy <= 0.85
			})
			e := erlang.CModel(n, lambda, 180, 20)
			r.Result = &e
		}
		p.Rows = append(p.Rows, r)
	}
	return p
}

func TestErlangPlan(t *testing.T) {
	p := erlangPlan()
	var all bytes.Buffer
	for _, f := range []reports.Format{reports.FormatTable, reports.FormatMarkdown} {
		if err := reports.ErlangPlanTable(&all, f, p); err != nil {
			t.Fatal(err)
		}
		all.WriteString("\n")
	}
	if err := reports.ErlangPlanCSV(p).Write(&all); err != nil {
		t.Fatal(err)
	}
	all.WriteString("\n")
	if err := reports.WriteErlangPlanJSON(&all, p); err != nil {
		t.Fatal(err)
	}
	golden(t, "erlang_plan.golden", all.Bytes())
	checkWidth(t, all.Bytes())

	tot := p.Totals()
	// 100 calls of 3 minutes: 14 agents (20 staff); 1000: 100 Erlangs,
	// the cap's 118 agents (169 staff); 12.5: 3 agents (5 staff).
	if tot.Open != 3 || p.Rows[2].Agents() != 118 || tot.Peak != 2 || tot.AgentHours != (14+118+3)/2.0 || tot.StaffHours != (20+169+5)/2.0 {
		t.Errorf("totals %+v, agents %d %d %d", tot, p.Rows[0].Agents(), p.Rows[2].Agents(), p.Rows[3].Agents())
	}
	if err := reports.ErlangPlanTable(&bytes.Buffer{}, "html", p); err == nil {
		t.Error("an unknown format was accepted")
	}
}

func TestStaffFor(t *testing.T) {
	for _, tc := range []struct {
		agents    int
		shrinkage float64
		want      int
	}{{40, 0.3, 58}, {14, 0.3, 20}, {11, 0.3, 16}, {7, 0.3, 10}, {0, 0.3, 0}, {5, 0, 5}, {1, 0.999, 1000}} {
		if got := reports.StaffFor(tc.agents, tc.shrinkage); got != tc.want {
			t.Errorf("StaffFor(%d, %v) = %d, want %d", tc.agents, tc.shrinkage, got, tc.want)
		}
	}
}
