package analysis_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

var updateTestdata = flag.Bool("update-testdata", false, "rewrite testdata/partial from the edits")

// onePart writes a one-shard sweep of the mmc scenario cut to an hour,
// with two replications, as compare --partial would.
func onePart(t testing.TB) []byte {
	t.Helper()
	s, err := scenarios.Load("mmc")
	if err != nil {
		t.Fatal(err)
	}
	s.Horizon = 3600 * 1000
	s.Warmup = 0
	p, err := sim.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	items := analysis.Items(1, 2, 0, 1)
	res, err := analysis.RunItems(t.Context(), []*sim.Plan{p}, items, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	part := &analysis.Partial{Format: analysis.PartialFormat, Scenario: "mmc", Fingerprint: "f", Seed: 1,
		Reps: 2, Variants: []string{"base"}, Shard: 0, Shards: 1}
	for i, it := range items {
		part.Items = append(part.Items, analysis.PartialItem{Variant: it.Variant, Rep: it.Rep, Result: res[i]})
	}
	var buf bytes.Buffer
	if err := part.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// edit decodes a partial file into generic JSON, lets f change it, and
// encodes it again; with reseal, it recomputes the checksum, as a
// determined editor would, so that the checks behind the checksum are
// tested too.
func edit(t testing.TB, data []byte, reseal bool, f func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if !reseal {
		return out
	}
	var p analysis.Partial
	if err := json.Unmarshal(out, &p); err != nil {
		return out // not decodable as a partial: leave it to the reader
	}
	var buf bytes.Buffer
	if err := p.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func item0(m map[string]any) map[string]any {
	return m["items"].([]any)[0].(map[string]any)["result"].(map[string]any)
}

// TestReadPartial_hostile: every hand edit the hardening issue found
// crashing merge (or changing its numbers) is refused with what is wrong,
// with and without a recomputed checksum. The inputs are also written to
// testdata/partial, where FuzzReadPartial starts from.
func TestReadPartial_hostile(t *testing.T) {
	good := onePart(t)
	if _, err := analysis.ReadPartial(bytes.NewReader(good)); err != nil {
		t.Fatalf("a shard's own file is refused: %v", err)
	}
	cases := []struct {
		name   string
		reseal bool
		edit   func(m map[string]any)
		want   string
	}{
		{"reps-1e15", false, func(m map[string]any) { m["reps"] = 1e15 }, "reps: 1000000000000000 is outside"},
		{"shards-4e18", false, func(m map[string]any) { m["shards"] = 4e18 }, "shards: 4000000000000000000 is outside"},
		{"result-empty", true, func(m map[string]any) {
			m["items"].([]any)[0].(map[string]any)["result"] = map[string]any{}
		}, "not a reporting cycle"},
		{"result-null", true, func(m map[string]any) { m["items"].([]any)[0].(map[string]any)["result"] = nil }, "has no result"},
		{"intervals-missing", true, func(m map[string]any) {
			q := item0(m)["Queues"].([]any)[0].(map[string]any)
			q["Intervals"] = q["Intervals"].([]any)[1:]
		}, "intervals, want"},
		{"interval-length", true, func(m map[string]any) { item0(m)["Interval"] = "1h" }, "intervals, want"},
		{"negative-count", true, func(m map[string]any) {
			q := item0(m)["Queues"].([]any)[0].(map[string]any)
			q["Inbound"].(map[string]any)["Abandoned"] = -5.0
		}, "is negative"},
		{"edited-count", false, func(m map[string]any) {
			q := item0(m)["Queues"].([]any)[0].(map[string]any)
			q["Inbound"].(map[string]any)["Handled"] = q["Inbound"].(map[string]any)["Handled"].(float64) + 1
		}, "checksum"},
		{"edited-count-resealed", true, func(m map[string]any) {
			q := item0(m)["Queues"].([]any)[0].(map[string]any)
			q["Inbound"].(map[string]any)["Handled"] = q["Inbound"].(map[string]any)["Handled"].(float64) + 1
		}, "not the sum of its intervals"},
		{"version-1", false, func(m map[string]any) { m["format"] = "ccsim.partial/v1" }, "another version of ccsim"},
		{"unknown-field", false, func(m map[string]any) { m["result_count"] = 3.0 }, `unknown field "result_count"`},
		{"shard-index", false, func(m map[string]any) { m["shard"] = 5.0 }, "shard: index 5 is outside 0 to 0"},
		{"too-many-items", true, func(m map[string]any) {
			m["items"] = append(m["items"].([]any), m["items"].([]any)...)
		}, "items: 4, more than the sweep's 2"},
	}
	dir := filepath.Join("testdata", "partial")
	for _, tc := range cases {
		data := edit(t, good, tc.reseal, tc.edit)
		_, err := analysis.ReadPartial(bytes.NewReader(data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: ReadPartial = %v, want an error saying %q", tc.name, err, tc.want)
		}
		if *updateTestdata {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, tc.name+".json"), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The stored inputs still reproduce their refusals.
	for _, tc := range cases {
		data, err := os.ReadFile(filepath.Join(dir, tc.name+".json"))
		if err != nil {
			t.Fatalf("%v (run go test ./analysis -run TestReadPartial_hostile -update-testdata)", err)
		}
		if _, err := analysis.ReadPartial(bytes.NewReader(data)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("testdata %s: ReadPartial = %v, want %q", tc.name, err, tc.want)
		}
	}
}

// FuzzReadPartial: whatever the bytes, reading and merging a partial
// result never panics, and a part it accepts merges (alone) into results
// that each pass sim's own check.
func FuzzReadPartial(f *testing.F) {
	f.Add(onePart(f))
	entries, _ := os.ReadDir(filepath.Join("testdata", "partial"))
	for _, e := range entries {
		if data, err := os.ReadFile(filepath.Join("testdata", "partial", e.Name())); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := analysis.ReadPartial(bytes.NewReader(data))
		if err != nil {
			return
		}
		_, results, err := analysis.MergePartials([]*analysis.Partial{p})
		if err != nil {
			return
		}
		for _, rs := range results {
			for _, r := range rs {
				if err := r.Check(); err != nil {
					t.Fatalf("merged result fails Check: %v", err)
				}
			}
		}
		_ = analysis.Summarize(results[0])
	})
}
