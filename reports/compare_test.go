package reports_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/ccsim/ccsim/analysis"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/sim"
)

// comparison runs a small real comparison: the M/M/c queue with 100 and
// 102 agents, 4 replications of 2 hours on common random numbers.
func comparison(t *testing.T) (*analysis.Comparison, reports.CompareMeta) {
	t.Helper()
	return comparisonOf(t, []string{"baseline", "two more agents"}, 100, 102)
}

// comparisonOf compares the M/M/c queue with each number of agents.
func comparisonOf(t *testing.T, names []string, agentCounts ...int) (*analysis.Comparison, reports.CompareMeta) {
	t.Helper()
	var results [][]*sim.Result
	for _, agents := range agentCounts {
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
	c, err := analysis.Compare(names, results)
	if err != nil {
		t.Fatal(err)
	}
	return c, reports.CompareMeta{Scenario: "mmc", Seed: 1, Reps: 4, ServiceLevel: 20 * model.Second}
}

func TestCompareTables(t *testing.T) {
	c, meta := comparison(t)
	o := analysis.Objective{Key: "asa", Constraints: []analysis.Constraint{{Key: "occupancy", Op: "<=", Value: 91.5, Percent: true}}}
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

// wideComparison is thirteen variants of the M/M/c queue, some of them
// alike, under names as long as a grid's.
func wideComparison(t *testing.T) (*analysis.Comparison, reports.CompareMeta) {
	t.Helper()
	names := []string{"baseline"}
	agents := []int{100}
	for i, n := range []int{96, 98, 100, 100, 101, 102, 102, 104, 106, 108, 110, 112} {
		names = append(names, fmt.Sprintf("agents=%d shrinkage=0%% try=%d", n, i))
		agents = append(agents, n)
	}
	return comparisonOf(t, names, agents...)
}

// TestCompareTables_Wide: twelve variants or more are rows under their own
// names, one Markdown table per kind, text tables within MaxWidth; tied
// ranks are marked.
func TestCompareTables_Wide(t *testing.T) {
	c, meta := wideComparison(t)
	o := analysis.Objective{Key: "occupancy", Constraints: []analysis.Constraint{{Key: "asa", Op: "<=", Value: 30}}}
	for _, f := range []reports.Format{reports.FormatTable, reports.FormatMarkdown} {
		var buf bytes.Buffer
		if err := reports.CompareTables(&buf, f, c, o, meta); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if f == reports.FormatTable {
			checkRuneWidth(t, buf.Bytes())
		}
		if strings.Contains(out, "| v1 ") || strings.Contains(out, "\nVariants\n") {
			t.Errorf("%s: variants labelled v1.. in a wide comparison:\n%s", f, out)
		}
		if !strings.Contains(out, "| agents=96 shrinkage=0% try=0 ") {
			t.Errorf("%s: no row under the variant's own name", f)
		}
		if !strings.Contains(out, `marked "=" is shared`) || !regexp.MustCompile(`\| \d+= +\|`).MatchString(out) {
			t.Errorf("%s: no tie marked in the ranking", f)
		}
		if n := strings.Count(out, "service level SL(20s) (%)"); f == reports.FormatMarkdown && n != 2 {
			t.Errorf("markdown: the service level heads %d columns, want 2: one estimates table, one differences table", n)
		}
		golden(t, "compare_wide."+string(f), buf.Bytes())
	}
}

// TestDiffText_digits: a significant difference that would round to 0.0
// gets the digits it needs; one that is not significant keeps the table's.
func TestDiffText_digits(t *testing.T) {
	for _, tt := range []struct {
		mean, hw float64
		sig      bool
		want     string
	}{
		{0.04, 0.01, true, "+0.04 ± 0.01 *"},
		{-0.004, 0.003, true, "-0.004 ± 0.003 *"},
		{0.04, 0.05, false, "0.0 ± 0.1"},
		{1.25, 0.5, true, "+1.2 ± 0.5 *"},
		{0.00001, 0, true, "+0.00001 ± 0.00000 *"},
	} {
		d := analysis.Diff{Paired: analysis.Estimate{Mean: tt.mean, HalfWidth: tt.hw, N: 4}, Significant: tt.sig}
		if got := reports.DiffText(d, 1); got != tt.want {
			t.Errorf("diffText(%v ± %v, significant %v) = %q, want %q", tt.mean, tt.hw, tt.sig, got, tt.want)
		}
	}
}

// TestCompare_simultaneousLevel: with one variant besides the baseline the
// differences are at 95 % and say so; with more, every report says they are
// simultaneous and at which level each, and the JSON carries it.
func TestCompare_simultaneousLevel(t *testing.T) {
	o := analysis.Objective{Key: "asa"}
	for _, tc := range []struct {
		name   string
		agents []int
		conf   float64
		cconf  float64  // the constraints' level, over all the variants
		text   []string // in the text table, the Markdown and the HTML page
		absent []string
	}{
		{"one variant", []int{100, 102}, 0.95, 0.975,
			[]string{"the 95 % interval of the difference excludes zero", "Why pairing: 95 % interval"},
			[]string{"simultaneous", "Bonferroni"}},
		{"four variants", []int{100, 101, 102, 103, 104}, 0.9875, 0.99,
			[]string{"paired replication by replication: simultaneous 95 % intervals",
				"simultaneous (Bonferroni over 4 variants, each at 98.75 %)",
				"Why pairing: 98.75 % interval", "the 4 intervals of a metric"},
			[]string{"the 95 % interval of the difference"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			names := []string{"baseline"}
			for _, a := range tc.agents[1:] {
				names = append(names, fmt.Sprint(a))
			}
			c, meta := comparisonOf(t, names, tc.agents...)
			if got := c.Confidence(); got != tc.conf {
				t.Errorf("confidence %v, want %v", got, tc.conf)
			}
			for _, v := range c.Variants[1:] {
				if d, _ := v.Find("asa"); d.Confidence != tc.conf {
					t.Errorf("%s: diff confidence %v, want %v", v.Name, d.Confidence, tc.conf)
				}
			}
			for _, f := range []reports.Format{reports.FormatTable, reports.FormatMarkdown} {
				var buf bytes.Buffer
				if err := reports.CompareTables(&buf, f, c, o, meta); err != nil {
					t.Fatal(err)
				}
				out := strings.Join(strings.Fields(buf.String()), " ")
				for _, s := range tc.text {
					if !strings.Contains(out, s) {
						t.Errorf("%s: no %q in\n%s", f, s, buf.String())
					}
				}
				for _, s := range tc.absent {
					if strings.Contains(out, s) {
						t.Errorf("%s: %q in\n%s", f, s, buf.String())
					}
				}
			}
			var page bytes.Buffer
			if err := reports.CompareHTML(&page, c, o, meta); err != nil {
				t.Fatal(err)
			}
			for _, s := range tc.text {
				if !strings.Contains(page.String(), s) {
					t.Errorf("html: no %q", s)
				}
			}
			var js bytes.Buffer
			if err := reports.WriteCompareJSON(&js, c, o, meta); err != nil {
				t.Fatal(err)
			}
			var doc reports.CompareDoc
			if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Confidence != 0.95 || doc.DiffConfidence != tc.conf || doc.DiffComparisons != len(tc.agents)-1 {
				t.Errorf("json: confidence %v, diff_confidence %v, diff_comparisons %d; want 0.95, %v, %d",
					doc.Confidence, doc.DiffConfidence, doc.DiffComparisons, tc.conf, len(tc.agents)-1)
			}
			if doc.ConstraintConfidence != tc.cconf {
				t.Errorf("json: constraint_confidence %v, want %v", doc.ConstraintConfidence, tc.cconf)
			}
		})
	}
}
