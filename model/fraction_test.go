package model_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/model"
)

func TestParseFraction(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want float64
	}{
		{"0.8", 0.8}, {"80%", 0.8}, {"80 %", 0.8}, {" 80% ", 0.8}, {"0", 0}, {"1", 1},
		{"0%", 0}, {"100%", 1}, {"12.5%", 0.125}, {".05", 0.05}, {"5%", 0.05}, {"0.5%", 0.005}, {"5e-1", 0.5},
	} {
		got, err := model.ParseFraction(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseFraction(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseFraction_Errors(t *testing.T) {
	for _, tt := range []struct {
		in, phrase string
		is         error
	}{
		{"80", `"80" is more than 1: write 80% for 80 percent, or the fraction 0.8`, model.ErrFractionRange},
		{"1.5", `write 1.5% for 1.5 percent, or the fraction 0.015`, model.ErrFractionRange},
		{"150%", `"150%" is more than 100%`, model.ErrFractionRange},
		{"250", `"250" is more than 1`, model.ErrFractionRange},
		{"-5%", `"-5%" is negative`, model.ErrFractionRange},
		{"-0.1", `is negative`, model.ErrFractionRange},
		{"abc", `write a fraction such as 0.8 or a percentage such as 80%`, model.ErrFractionSyntax},
		{"", `not a share`, model.ErrFractionSyntax},
		{"%", `not a share`, model.ErrFractionSyntax},
		{"80%%", `not a share`, model.ErrFractionSyntax},
		{"0,8", `decimals take a point: 0.8`, model.ErrFractionSyntax},
		{"NaN", `not a share`, model.ErrFractionSyntax},
		{"Inf%", `not a share`, model.ErrFractionSyntax},
		{"0x1p-2", `not a share`, model.ErrFractionSyntax},
		{"1e400%", `out of range`, model.ErrFractionRange},
	} {
		_, err := model.ParseFraction(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.phrase) || !errors.Is(err, tt.is) {
			t.Errorf("ParseFraction(%q) = %v; want an error with %q, matching %v", tt.in, err, tt.phrase, tt.is)
		}
	}
}

// FormatPercent's text reads back as the same fraction.
func TestFormatPercent(t *testing.T) {
	for _, x := range []float64{0, 0.8, 0.125, 1, 0.05} {
		s := model.FormatPercent(x)
		got, err := model.ParseFraction(s)
		if err != nil || got != x {
			t.Errorf("ParseFraction(FormatPercent(%v) = %q) = %v, %v", x, s, got, err)
		}
	}
	if got := model.FormatPercent(0.8); got != "80%" {
		t.Errorf("FormatPercent(0.8) = %q, want 80%%", got)
	}
}

func TestParseServiceTarget(t *testing.T) {
	for _, tt := range []struct {
		in     string
		sl     float64
		within model.Duration
	}{
		{"80/20", 0.8, 20 * model.Second},
		{"80%/20s", 0.8, 20 * model.Second},
		{"0.8/20s", 0.8, 20 * model.Second},
		{"90 / 1m", 0.9, model.Minute},
		{"99.5/15", 0.995, 15 * model.Second},
		{"1/20", 1, 20 * model.Second}, // a bare 1 is the fraction: 100 %
	} {
		sl, within, err := model.ParseServiceTarget(tt.in)
		if err != nil || sl != tt.sl || within != tt.within {
			t.Errorf("ParseServiceTarget(%q) = %v, %v, %v; want %v, %v", tt.in, sl, within, err, tt.sl, tt.within)
		}
	}
	for _, tt := range []struct{ in, phrase string }{
		{"80", "want SL/TIME, e.g. 80/20"},
		{"20s", "want SL/TIME"},
		{"120/20", `"120%" is more than 100%`},
		{"80/0", "must be positive"},
		{"80/abc", `answer time "abc": not a duration`},
		{"x/20", "not a share"},
		{"80/1e30", "too large"},
	} {
		_, _, err := model.ParseServiceTarget(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.phrase) {
			t.Errorf("ParseServiceTarget(%q) = %v; want an error with %q", tt.in, err, tt.phrase)
		}
	}
}

func TestIsFraction(t *testing.T) {
	for path, want := range map[string]bool{
		"targets.service_level":                            true,
		"agents[3].shrinkage":                              true,
		"contact_types[sales].callback.accept_probability": true,
		"contact_types[0].callback.accept.points[2].p":     true,
		"contact_types[0].callback.dial.answer":            true,
		"contact_types[0].per_hour":                        false,
		"agents[0].count":                                  false,
		"shrinkage":                                        false,
	} {
		if got := model.IsFraction(path); got != want {
			t.Errorf("IsFraction(%q) = %v, want %v", path, got, want)
		}
	}
}

func FuzzParseFraction(f *testing.F) {
	for _, s := range []string{"0.8", "80%", "80 %", "80", "-1%", "1e3%", "0,5", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := model.ParseFraction(s)
		if err != nil {
			return
		}
		if !(v >= 0 && v <= 1) {
			t.Fatalf("ParseFraction(%q) = %v, outside 0 to 1", s, v)
		}
	})
}
