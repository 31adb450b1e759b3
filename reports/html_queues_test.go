package reports_test

import (
	"context"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// planningWeek is two replications of the built-in planning week: two
// queues (inbound calls, callbacks), open 07:00-21:00 on weekdays and
// 08:00-18:00 on Saturday, closed on Sunday.
func planningWeek(t *testing.T) *analysis.Summary {
	t.Helper()
	l, err := scenarios.ResolveWith("planning-week", nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := sim.Compile(l.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	res, err := analysis.Replicate(context.Background(), p, analysis.ReplicateOptions{Reps: 2})
	if err != nil {
		t.Fatal(err)
	}
	return analysis.Summarize(res)
}

// heatOption is the part of a heatmap's option the test reads.
type heatOption struct {
	XAxis []struct {
		Data []string `json:"data"`
	} `json:"xAxis"`
	YAxis []struct {
		Data []string `json:"data"`
	} `json:"yAxis"`
	Series []struct {
		Type string `json:"type"`
		Data []struct {
			Name  string    `json:"name"`
			Value []float64 `json:"value"`
		} `json:"data"`
	} `json:"series"`
}

// The report of a week with two queues has, after the charts over all
// queues, the weekday by time-of-day heatmaps of service level and
// occupancy, and each queue's service level and contacts per interval.
func TestHTMLReport_perQueueChartsAndHeatmaps(t *testing.T) {
	sum := planningWeek(t)
	r := &reports.HTMLReport{Summary: sum}
	charts, err := r.Charts()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]reports.Chart{}
	var ids []string
	for _, c := range charts {
		byID[c.ID] = c
		ids = append(ids, c.ID)
	}
	want := "service_level volumes occupancy heatmap_service_level heatmap_occupancy queue_service_1 queue_service_2"
	if got := strings.Join(ids, " "); !strings.HasPrefix(got, want) {
		t.Fatalf("charts %s, want them to start %s", got, want)
	}
	open := 0
	for _, iv := range sum.Intervals {
		if iv.Open {
			open++
		}
	}
	for _, id := range []string{"heatmap_service_level", "heatmap_occupancy"} {
		var o heatOption
		if err := json.Unmarshal(byID[id].Option, &o); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if got := o.YAxis[0].Data; !slices.Equal(got, []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}) {
			t.Errorf("%s: days %q", id, got)
		}
		// Times of day open on some day only: 07:00 to 20:30.
		if x := o.XAxis[0].Data; len(x) != 28 || x[0] != "07:00" || x[27] != "20:30" {
			t.Errorf("%s: times %q, want 07:00 to 20:30", id, x)
		}
		if len(o.Series) != 1 || o.Series[0].Type != "heatmap" {
			t.Fatalf("%s: series %+v", id, o.Series)
		}
		cells := o.Series[0].Data
		// Every open interval has a cell (each had calls and agents),
		// closed ones none.
		if len(cells) != open {
			t.Errorf("%s: %d cells, want one per open interval (%d)", id, len(cells), open)
		}
		for _, c := range cells {
			if strings.HasPrefix(c.Name, "Sun") || c.Name == "Mon 21:00" || c.Name == "Sat 07:30" {
				t.Errorf("%s: a cell for closed %s", id, c.Name)
			}
			if len(c.Value) != 3 || c.Value[2] < 0 || c.Value[2] > 100 || math.IsNaN(c.Value[2]) {
				t.Errorf("%s: cell %s = %v, want [x, y, a share of 0 to 100]", id, c.Name, c.Value)
			}
		}
		if byID[id].Tooltip != "heat" {
			t.Errorf("%s: tooltip %q, want the page's heat formatter", id, byID[id].Tooltip)
		}
	}
	for i, q := range []string{"Inbound", "Callbacks"} {
		c := byID["queue_service_"+string(rune('1'+i))]
		if !strings.Contains(string(c.Option), "Queue "+q+": service level SL(20s) and contacts per interval") {
			t.Errorf("queue %s: chart title missing: %s", q, c.Option)
		}
	}
	page := writeHTML(t, r)
	for _, s := range []string{`id="heatmap_service_level"`, `id="heatmap_occupancy"`, `id="queue_service_1"`, `id="queue_service_2"`, "heat: function"} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %s", s)
		}
	}
}

// No chart draws a closed interval: the occupancy line has no point after
// closing time, when agents finish their last calls with no idle time.
func TestHTMLReport_closedIntervalsNotDrawn(t *testing.T) {
	sum := planningWeek(t)
	charts, err := (&reports.HTMLReport{Summary: sum}).Charts()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range charts {
		if c.ID != "occupancy" {
			continue
		}
		var o struct {
			Series []struct {
				Name string `json:"name"`
				Data []any  `json:"data"`
			} `json:"series"`
		}
		if err := json.Unmarshal(c.Option, &o); err != nil {
			t.Fatal(err)
		}
		for _, s := range o.Series {
			for i, v := range s.Data {
				x, isNum := v.(float64)
				if !sum.Intervals[i].Open && isNum {
					t.Errorf("%s drawn at closed interval %d: %v", s.Name, i, v)
				}
				if s.Name == "occupancy" && isNum && x > 100 {
					t.Errorf("occupancy %v %% at interval %d", x, i)
				}
			}
		}
		return
	}
	t.Fatal("no occupancy chart")
}
