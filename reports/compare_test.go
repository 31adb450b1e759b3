package reports_test

import (
	"bytes"
	"context"
	"github.com/ccsim/ccsim/analysis"
	"os"
	"path/filepath"
	"testing"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/sim"
)

// comparison runs a small real comparison: the M/M/c queue with 100 and
// 102 agents, 4 replications of 2 hours on common random numbers.
func comparison(t *testing.T) (*analysis.Comparison, reports.CompareMeta) {
	t.Helper()
	var results [][]*sim.Result
	for _, agents := range []int{100, 102} {
		cb := 20 * model.Second
		s := &model.Scenario{
			Name: "mmc", Horizon: 2 * model.Hour, Seed: 1, ServiceLevel: cb,
			Queues:          []model.Queue{{Name: "Main"}},
			RoutingProfiles: []model.RoutingProfile{{Name: "P", Queues: []model.ProfileQueue{{Queue: "Main", Priority: 1}}}},
			Agents:          []model.AgentGroup{{Name: "agent", Count: agents, Profile: "P", MissedLockout: model.Second}},
			ContactTypes: []model.ContactType{{Name: "call", Queue: "Main", PerHour: 1080,
				Talk: model.Dist{Kind: model.Exponential, Mean: 300 * model.Second}}},
		}
		p, err := sim.Compile(s)
		if err != nil {
			t.Fatal(err)
		}
		res, err := analysis.Replicate(context.Background(), p, analysis.ReplicateOptions{Reps: 4})
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, res)
	}
	c, err := analysis.Compare([]string{"baseline", "two more agents"}, results)
	if err != nil {
		t.Fatal(err)
	}
	return c, reports.CompareMeta{Scenario: "mmc", Seed: 1, Reps: 4, ServiceLevel: 20 * model.Second}
}

func TestCompareTables(t *testing.T) {
	c, meta := comparison(t)
	o := analysis.Objective{Key: "asa", Constraints: []analysis.Constraint{{Key: "occupancy", Op: "<=", Value: 89}}}
	for _, f := range []reports.Format{reports.FormatTable, reports.FormatMarkdown} {
		var buf bytes.Buffer
		if err := reports.CompareTables(&buf, f, c, o, meta); err != nil {
			t.Fatal(err)
		}
		checkWidth(t, buf.Bytes())
		golden(t, "compare."+string(f), buf.Bytes())
	}
	var buf bytes.Buffer
	if err := reports.WriteCompareJSON(&buf, c, o, meta); err != nil {
		t.Fatal(err)
	}
	golden(t, "compare.json", buf.Bytes())
}

func TestWriteComparison(t *testing.T) {
	c, meta := comparison(t)
	o := analysis.Objective{Key: "service_level", Maximize: true}
	dir := t.TempDir()
	page := filepath.Join(dir, "c.html")
	for _, f := range []reports.Format{reports.FormatTable, reports.FormatJSON} {
		var got, want bytes.Buffer
		if err := reports.WriteComparison(&got, f, page, c, o, meta); err != nil {
			t.Fatal(err)
		}
		var err error
		if f == reports.FormatJSON {
			err = reports.WriteCompareJSON(&want, c, o, meta)
		} else {
			err = reports.CompareTables(&want, f, c, o, meta)
		}
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: WriteComparison() differs from the report alone", f)
		}
	}
	var html bytes.Buffer
	if err := reports.CompareHTML(&html, c, o, meta); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(page); err != nil || !bytes.Equal(b, html.Bytes()) {
		t.Errorf("the page file is not CompareHTML's page (%v)", err)
	}

	// A page that cannot be written: no page, and no report either.
	blocked := filepath.Join(dir, "blocked.html")
	if err := os.Mkdir(blocked, 0o755); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := reports.WriteComparison(&out, reports.FormatTable, blocked, c, o, meta); err == nil {
		t.Errorf("WriteComparison() to a directory succeeded")
	}
	if out.Len() != 0 {
		t.Errorf("the report was printed though its page failed:\n%s", out.Bytes())
	}
	if got := dirNames(t, dir); len(got) != 2 {
		t.Errorf("directory holds %q, want the page and the directory only", got)
	}
}
