package reports_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"testing"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// TestConnectCSV writes the documented example (john) in the shape of
// Amazon Connect's historical metrics report and keeps it as a golden
// file. John's callback is a contact queued in CallbackQueue: one contact
// queued and handled there, answered after 21 s (so outside SL(20s)),
// connected for 335 s; his inbound call left InboundQueue after 120 s for
// the callback.
func TestConnectCSV(t *testing.T) {
	l, err := scenarios.Resolve("john")
	if err != nil {
		t.Fatal(err)
	}
	p, err := sim.Compile(l.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Run(context.Background(), sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sum := analysis.Summarize([]*sim.Result{res})
	var b bytes.Buffer
	if err := reports.WriteConnectCSV(&b, sum, l.Scenario.Start); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := 1 + len(sum.Queues)*len(sum.Intervals); len(rows) != want {
		t.Fatalf("%d rows, want the header and one per queue and interval (%d)", len(rows), want)
	}
	col := func(name string) int { return slices.Index(rows[0], name) }
	cb := rows[3] // CallbackQueue, 11:30
	for name, want := range map[string]string{
		"Queue": "CallbackQueue", "Contacts queued": "1", "Contacts handled": "1", "Callback contacts": "1",
		"Callback contacts handled": "1", "Average queue answer time": "00:00:21", "Service level 20 seconds": "0.00%",
		"Average handle time": "00:05:35", "Maximum queued time": "00:00:21",
	} {
		if i := col(name); i < 0 || cb[i] != want {
			t.Errorf("CallbackQueue %s = %q, want %q", name, cb[min(max(i, 0), len(cb)-1)], want)
		}
	}
	golden(t, "connect.csv.golden", b.Bytes())
}
