package fit

import (
	"strings"
	"testing"
	"time"
)

func TestParseStaffing(t *testing.T) {
	rows, err := ParseStaffing("s.csv", []byte("# plan\nAgents,Interval_Start\n3,2024-06-03 09:00\n\n4,2024-06-03T09:30:00Z\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Agents != 3 || !rows[1].Start.Equal(time.Date(2024, 6, 3, 9, 30, 0, 0, time.UTC)) || rows[1].Line != 5 {
		t.Errorf("rows %+v", rows)
	}
	for _, tc := range []struct{ data, want string }{
		{"", "empty staffing file"},
		{"when,agents\n", "s.csv:1: the header must name the columns interval_start and agents"},
		{"interval_start,agents\n2024-06-03 09:00,-1\n", "s.csv:2: column 2 (agents)"},
		{"interval_start,agents\nmonday,1\n", "s.csv:2: column 1 (interval_start)"},
		{"interval_start,agents\n", "no rows after the header"},
	} {
		if _, err := ParseStaffing("s.csv", []byte(tc.data)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.data, err, tc.want)
		}
	}
}

func FuzzParseStaffing(f *testing.F) {
	f.Add([]byte("interval_start,agents\n2024-06-03 09:00,3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ParseStaffing("fuzz.csv", data)
		if err == nil && len(rows) == 0 {
			t.Fatal("no error and no rows")
		}
	})
}
