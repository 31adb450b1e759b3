package reports_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/reports"
)

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		width    int
		want     string
	}{
		{"fits", "a b c", 10, "a b c"},
		{"breaks at spaces", "aaa bbb ccc", 7, "aaa bbb\nccc"},
		{"exact width", "aaa bbb", 7, "aaa bbb"},
		{"long word alone", "a bbbbbbbbbb c", 5, "a\nbbbbbbbbbb\nc"},
		{"keeps line breaks", "aaa\nbbb ccc", 20, "aaa\nbbb ccc"},
		{"collapses spaces", "a   b", 10, "a b"},
		{"no line starts with +", "duration (99 + 21 s)", 12, "duration\n(99 + 21 s)"},
		{"no line starts with 1.", "see step 1. then", 9, "see\nstep 1.\nthen"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := reports.Wrap(tc.in, tc.width); got != tc.want {
				t.Errorf("Wrap(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
			}
		})
	}
}

// failWriter fails every write, as a full disk does.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestTables_writeErrors: a table that cannot be written is an error, in
// both formats (tablewriter's renderers drop their write errors; ccsim
// scenarios > /dev/full used to exit 0).
func TestTables_writeErrors(t *testing.T) {
	for _, f := range []reports.Format{reports.FormatTable, reports.FormatMarkdown} {
		err := reports.List(failWriter{}, f, []string{"name", "description"}, [][]string{{"mmc", "M/M/c"}})
		if err == nil || !strings.Contains(err.Error(), "no space left") {
			t.Errorf("%s: List to a full disk = %v, want the write error", f, err)
		}
	}
}
