package reports_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

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
