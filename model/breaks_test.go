package model_test

import (
	"strings"
	"testing"

	"github.com/ccsim/ccsim/model"
)

// TestValidate_breaks: a break lies inside its shift, with a start or a
// window that fits it, and a known kind.
func TestValidate_breaks(t *testing.T) {
	at := func(d model.Duration) model.At { return model.At{Set: true, Value: d} }
	tod := func(d model.Duration) model.At { return model.At{Set: true, Clock: true, Value: d} }
	win := func(from, to model.At) *model.BreakWindow { return &model.BreakWindow{From: from, To: to} }
	day := model.Shift{Start: tod(8 * model.Hour), End: tod(16 * model.Hour), Days: []string{"mon"}}
	night := model.Shift{Start: tod(22 * model.Hour), End: tod(6 * model.Hour), Days: []string{"mon"}}
	once := model.Shift{Start: at(0), End: at(model.Hour)}
	for _, tc := range []struct {
		name   string
		shift  model.Shift
		brk    model.Break
		phrase string // "" for valid
	}{
		{"window in shift", day, model.Break{Window: win(at(2*model.Hour), at(4*model.Hour)), Duration: 30 * model.Minute, Kind: "lunch"}, ""},
		{"window of times", day, model.Break{Window: win(tod(11*model.Hour), tod(14*model.Hour)), Duration: 30 * model.Minute}, ""},
		{"window over midnight", night, model.Break{Window: win(tod(23*model.Hour), tod(2*model.Hour)), Duration: 30 * model.Minute}, ""},
		{"fixed over midnight", night, model.Break{Start: tod(23*model.Hour + 45*model.Minute), Duration: 30 * model.Minute}, ""},
		{"window past the end", day, model.Break{Window: win(at(7*model.Hour), at(9*model.Hour)), Duration: 30 * model.Minute}, "outside the shift (8h long)"},
		{"window of times past the end", day, model.Break{Window: win(tod(15*model.Hour), tod(17*model.Hour)), Duration: 30 * model.Minute}, "outside the shift"},
		{"window too short", day, model.Break{Window: win(at(2*model.Hour), at(2*model.Hour+10*model.Minute)), Duration: 30 * model.Minute}, "shorter than the break"},
		{"window backwards", day, model.Break{Window: win(at(3*model.Hour), at(2*model.Hour)), Duration: 30 * model.Minute}, "must be after from"},
		{"window mixed", day, model.Break{Window: win(at(2*model.Hour), tod(12*model.Hour)), Duration: 30 * model.Minute}, "must both be offsets from the shift start or both times of day"},
		{"window without to", day, model.Break{Window: win(at(2*model.Hour), model.At{}), Duration: 30 * model.Minute}, "needs from and to"},
		{"start and window", day, model.Break{Start: at(model.Hour), Window: win(at(2*model.Hour), at(4*model.Hour)), Duration: 30 * model.Minute}, "either start or window"},
		{"neither", day, model.Break{Duration: 30 * model.Minute}, "or give a window"},
		{"fixed outside", day, model.Break{Start: tod(7 * model.Hour), Duration: 30 * model.Minute}, "outside the shift"},
		{"fixed past a one-off end", once, model.Break{Start: at(50 * model.Minute), Duration: 30 * model.Minute}, "outside the shift (1h long)"},
		{"bad kind", day, model.Break{Start: at(model.Hour), Duration: 30 * model.Minute, Kind: "nap"}, `unknown kind "nap" (allowed: break, lunch)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := minimal()
			sh := tc.shift
			sh.Breaks = []model.Break{tc.brk}
			s.Agents[0].Shifts = []model.Shift{sh}
			err := s.Validate()
			switch {
			case tc.phrase == "" && err != nil:
				t.Errorf("valid break refused: %v", err)
			case tc.phrase != "" && (err == nil || !strings.Contains(err.Error(), "agents[0].shifts[0].breaks[0]") || !strings.Contains(err.Error(), tc.phrase)):
				t.Errorf("error %v, want agents[0].shifts[0].breaks[0] and %q", err, tc.phrase)
			}
		})
	}
}
