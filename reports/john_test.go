package reports_test

import (
	"bytes"
	"context"
	"github.com/ccsim/ccsim/analysis"
	"testing"

	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// TestJohn runs the built-in john scenario through the engine and keeps
// its contact records, the documented queued-callback example, as a golden
// file: a change to the engine or to the record format that moves any of
// them shows up here.
func TestJohn(t *testing.T) {
	l, err := scenarios.Resolve("john")
	if err != nil {
		t.Fatal(err)
	}
	p, err := sim.Compile(l.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := reports.NewRecordWriter(&b)
	var recs []sim.Record
	var werr error
	if _, err := p.Run(context.Background(), sim.Options{Records: func(r *sim.Record) {
		recs = append(recs, *r)
		if err := w.Write(r); err != nil && werr == nil {
			werr = err
		}
	}}); err != nil {
		t.Fatal(err)
	}
	if werr != nil {
		t.Fatal(werr)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	golden(t, "john.jsonl.golden", b.Bytes())

	if doc := l.Scenario.Documented; doc != nil {
		for _, r := range analysis.Check(recs, doc, l.Scenario.Start) {
			if !r.Match {
				t.Errorf("documented check failed: %v", r)
			}
		}
	}
}
