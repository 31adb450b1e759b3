package model_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ccsim/ccsim/model"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in      string
		want    model.Duration
		wantErr bool
	}{
		{"0", 0, false},
		{"0s", 0, false},
		{"99s", 99 * model.Second, false},
		{"1m39s", 99 * model.Second, false},
		{"7d", 7 * model.Day, false},
		{"1h30m", 90 * model.Minute, false},
		{"0.5h", 30 * model.Minute, false},
		{"250ms", 250, false},
		{"1.5s", 1500, false},
		{" 10m ", 10 * model.Minute, false},
		{"", 0, true},
		{"-5s", 0, true},
		{"5", 0, true},
		{"5x", 0, true},
		{"s", 0, true},
		{"1.0001ms", 0, true}, // finer than a millisecond
		{"1e3s", 0, true},
		{"99999999999999d", 0, true},
	}
	for _, tc := range tests {
		got, err := model.ParseDuration(tc.in)
		if (err != nil) != tc.wantErr {
			t.Errorf("ParseDuration(%q) error = %v, want error %v", tc.in, err, tc.wantErr)
			continue
		}
		if got != tc.want {
			t.Errorf("ParseDuration(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestDuration_String(t *testing.T) {
	for _, tc := range []struct {
		d    model.Duration
		want string
	}{
		{0, "0s"}, {99 * model.Second, "1m39s"}, {7 * model.Day, "7d"},
		{model.Day + 2*model.Hour + 250, "1d2h250ms"}, {-model.Second, "-1s"},
	} {
		if got := tc.d.String(); got != tc.want {
			t.Errorf("Duration(%d).String() = %q, want %q", int64(tc.d), got, tc.want)
		}
	}
}

// FuzzParseDuration: parsing never panics, and a parsed duration prints in
// a form that parses back to the same value.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"99s", "1h30m", "7d", "0.5h", "250ms", "-1s", "1.0001ms", "9e9d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := model.ParseDuration(s)
		if err != nil {
			return
		}
		back, err := model.ParseDuration(d.String())
		if err != nil || back != d {
			t.Fatalf("%q -> %d -> %q -> %d, %v", s, d, d.String(), back, err)
		}
	})
}

func TestAt(t *testing.T) {
	start := time.Date(2024, 6, 3, 11, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		in      string
		offset  model.Duration
		wantErr bool
	}{
		{"11:35:00", 5 * model.Minute, false},
		{"11:35", 5 * model.Minute, false},
		{"90s", 90 * model.Second, false},
		{"11:00", -30 * model.Minute, false},
		{"24:00", 0, true},
		{"11:60", 0, true},
		{"1:2:3:4", 0, true},
		{"abc", 0, true},
	} {
		var a model.At
		err := a.UnmarshalText([]byte(tc.in))
		if (err != nil) != tc.wantErr {
			t.Errorf("At(%q) error = %v, want error %v", tc.in, err, tc.wantErr)
			continue
		}
		if err == nil && a.Offset(start) != tc.offset {
			t.Errorf("At(%q).Offset = %s, want %s", tc.in, a.Offset(start), tc.offset)
		}
	}
}

// TestParseDuration_range: every part and the sum of the parts are held to
// MaxDuration, and a value past it is reported as too large, never wrapped
// into a negative or a small duration.
func TestParseDuration_range(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want model.Duration
		err  error
	}{
		{"10000d", model.MaxDuration, nil},
		{"9999d23h59m59s999ms", model.MaxDuration - 1, nil},
		{"9999d24h", model.MaxDuration, nil},
		{"10000d1ms", 0, model.ErrDurationRange},
		{"10001d", 0, model.ErrDurationRange},
		{"4611686018427387904ms4611686018427387904ms", 0, model.ErrDurationRange},
		{"5000d5000d1s", 0, model.ErrDurationRange},
		{"9223372036854775807ms", 0, model.ErrDurationRange},
	} {
		got, err := model.ParseDuration(tc.in)
		if !errors.Is(err, tc.err) || got != tc.want {
			t.Errorf("ParseDuration(%q) = %d, %v; want %d, %v", tc.in, got, err, tc.want, tc.err)
		}
		if err != nil && !strings.Contains(err.Error(), "too large") {
			t.Errorf("ParseDuration(%q): error %q does not say the value is too large", tc.in, err)
		}
	}
}
