package reports_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/reports"
)

// A comparison ranked by the metric of one queue shows that metric per
// variant beside the overall ones, in the tables, the JSON document and
// the page's charts, and draws no paired difference it does not have.
func TestCompare_perQueueObjective(t *testing.T) {
	c, meta := comparison(t)
	o := analysis.Objective{Key: "service_level[Main]", Maximize: true,
		Constraints: []analysis.Constraint{{Key: "asa[Main]", Op: "<=", Value: 30}}}
	var buf bytes.Buffer
	if err := reports.CompareTables(&buf, reports.FormatTable, c, o, meta); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	checkWidth(t, buf.Bytes())
	want, _ := analysis.Find(c.Variants[1].Summary.Queues[0].Metrics, "service_level")
	for _, s := range []string{
		"Per-queue metrics the ranking uses",
		"| service level SL(20s), queue Main (%) |",
		"| ASA, queue Main (s)",
		"Ranking: service_level[Main] highest first, subject to asa[Main]<=30",
		"| 1=   | two more agents |", // 4 replications: the paired difference of the queue's service level includes zero
	} {
		if !strings.Contains(out, s) {
			t.Errorf("tables lack %q:\n%s", s, out)
		}
	}

	buf.Reset()
	if err := reports.WriteCompareJSON(&buf, c, o, meta); err != nil {
		t.Fatal(err)
	}
	var doc reports.CompareDoc
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Objective.Metric != "service_level[Main]" {
		t.Errorf("objective %q", doc.Objective.Metric)
	}
	qm := doc.Variants[1].QueueMetrics
	if len(qm) != 2 || qm[0].Metric != "service_level[Main]" || qm[0].Queue != "Main" || qm[0].Key != "service_level" ||
		qm[0].Mean == nil || math.Abs(*qm[0].Mean-want.Mean) > 1e-6 || qm[1].Metric != "asa[Main]" {
		t.Errorf("queue metrics = %+v, want service_level[Main] (%.3f) and asa[Main]", qm, want.Mean)
	}

	charts, err := reports.CompareCharts(c, o, meta)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, ch := range charts {
		ids = append(ids, ch.ID)
	}
	got := strings.Join(ids, " ")
	if !strings.Contains(got, "metric_service_level_q1") || strings.Contains(got, "[") || strings.Contains(got, "diff_service_level_q1") {
		t.Errorf("charts %s: want metric_service_level_q1, no bracket in an id, no per-queue difference", got)
	}
}
