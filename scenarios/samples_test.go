package scenarios_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

func samplesScenario(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "s.yaml")
}

const samplesYAML = `name: emp
horizon: 2h
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: a, count: 3, profile: P}]
contact_types:
  - name: t
    queue: Q
    per_hour: 20
    talk: {dist: empirical, file: talk.txt}
`

func TestEmpiricalFromFile(t *testing.T) {
	path := samplesScenario(t, map[string]string{
		"s.yaml":   samplesYAML,
		"talk.txt": "aht_seconds\n300\n250.5\n5m\n# a comment\n\n420\n",
	})
	s, err := scenarios.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Duration{300000, 250500, 300000, 420000}
	if got := s.ContactTypes[0].Talk.Samples; len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[3] != want[3] {
		t.Errorf("samples = %v, want %v", got, want)
	}
	for _, tc := range []struct {
		name, talk, phrase string
	}{
		{"bad value", "300\nabc\n", `talk.txt:2: "abc" is not a number of seconds or a duration`},
		{"negative", "300\n-5\n", `talk.txt:2: "-5" is not a duration from 0 to 30 days`},
		{"empty", "# nothing\n", "talk.txt: the file has no samples"},
	} {
		path := samplesScenario(t, map[string]string{"s.yaml": samplesYAML, "talk.txt": tc.talk})
		if _, err := scenarios.LoadFile(path); err == nil || !strings.Contains(err.Error(), tc.phrase) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.phrase)
		}
	}
	path = samplesScenario(t, map[string]string{"s.yaml": samplesYAML})
	if _, err := scenarios.LoadFile(path); err == nil || !strings.Contains(err.Error(), `s.yaml:10: contact_types[0].talk.file: cannot read "talk.txt"`) {
		t.Errorf("missing file: err = %v", err)
	}
	path = samplesScenario(t, map[string]string{"s.yaml": strings.Replace(samplesYAML, "dist: empirical", "dist: exponential, mean: 5m", 1), "talk.txt": "1\n"})
	if _, err := scenarios.LoadFile(path); err == nil || !strings.Contains(err.Error(), "does not take file") {
		t.Errorf("file on an exponential: err = %v", err)
	}
}

// TestStaffingLeavesADayUncovered: a staffing plan with no agent all
// Monday, while the forecast sends calls that day, is refused, naming the
// plan's rows for that day.
func TestStaffingLeavesADayUncovered(t *testing.T) {
	files, err := scenarios.Files("planning-week")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range files {
		if name == "planning-week-staffing.csv" {
			var lines []string
			for _, l := range strings.Split(string(data), "\n") {
				if strings.HasPrefix(l, "2024-06-03 ") {
					l = l[:strings.IndexByte(l, ',')] + ",0"
				}
				lines = append(lines, l)
			}
			data = []byte(strings.Join(lines, "\n"))
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err = scenarios.LoadFile(filepath.Join(dir, "planning-week.yaml"))
	want := "planning-week-staffing.csv leaves queue Inbound with no agent for a whole day, Mon 2024-06-03 (lines 6-53), when the forecast offers 1802.2 contacts that day"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v\nwant it to contain %q", err, want)
	}
}
