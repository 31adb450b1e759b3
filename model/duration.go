package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Duration is a span of simulated time in whole milliseconds.
//
// The simulator runs on an integer clock so that timestamps are exact and a
// run is reproducible bit for bit: 99 s after 11:37:00 is 11:38:39, never
// 11:38:38.999999. A millisecond grain is far below anything a contact
// centre measures, and an int64 of milliseconds spans 292 million years.
type Duration int64

// Common durations.
const (
	Millisecond Duration = 1
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
	Day                  = 24 * Hour
)

// ErrDurationSyntax is returned (wrapped) by [ParseDuration] for text that is
// not a duration.
var ErrDurationSyntax = errors.New(`not a duration (want e.g. "99s", "10m", "1h30m", "7d", "250ms")`)

// MaxDuration is the longest duration a scenario may give, its horizon
// included: 10,000 days, about 27 years. Record timestamps are the
// scenario's start plus offsets in Go's time.Duration, which reaches 292
// years; bounding each duration well below that keeps every sum the engine
// forms (start + horizon + expiry + a booking ahead) representable, so a
// timestamp can never wrap from 2316 back to 1732. No contact-centre
// setting comes near it.
const MaxDuration = 10000 * Day

// ErrDurationRange is returned (wrapped) by [ParseDuration] for a duration
// longer than [MaxDuration].
var ErrDurationRange = errors.New("too large (at most 10000d, about 27 years)")

var durationUnits = []struct {
	name string
	d    Duration
}{
	// Longest names first so that "ms" is not read as "m" followed by "s".
	{"ms", Millisecond},
	{"d", Day},
	{"h", Hour},
	{"m", Minute},
	{"s", Second},
}

// ParseDuration parses a duration written as a sequence of decimal numbers,
// each followed by a unit: "ms", "s", "m", "h" or "d" (24 hours), e.g.
// "99s", "1m30s", "7d", "0.5h". Unlike [time.ParseDuration] it knows days,
// because callback expiry and booking horizons are set in days, and it
// rejects negative values: no duration in a scenario can be negative. A bare
// "0" is accepted. Fractions finer than a millisecond are rejected rather
// than silently rounded.
func ParseDuration(s string) (Duration, error) {
	orig := s
	s = strings.TrimSpace(s)
	if s == "0" {
		return 0, nil
	}
	if s == "" {
		return 0, fmt.Errorf("%q: %w", orig, ErrDurationSyntax)
	}
	if s[0] == '-' {
		return 0, fmt.Errorf("%q: negative durations are not allowed", orig)
	}
	var total Duration
	for s != "" {
		i := 0
		for i < len(s) && (s[i] == '.' || (s[i] >= '0' && s[i] <= '9')) {
			i++
		}
		if i == 0 {
			return 0, fmt.Errorf("%q: %w", orig, ErrDurationSyntax)
		}
		num, err := strconv.ParseFloat(s[:i], 64)
		if err != nil {
			return 0, fmt.Errorf("%q: %w", orig, ErrDurationSyntax)
		}
		s = s[i:]
		var unit Duration
		for _, u := range durationUnits {
			if strings.HasPrefix(s, u.name) {
				unit = u.d
				s = s[len(u.name):]
				break
			}
		}
		if unit == 0 {
			return 0, fmt.Errorf("%q: missing or unknown unit: %w", orig, ErrDurationSyntax)
		}
		v := num * float64(unit)
		// Each part and the running sum are checked against the bound
		// before they are added, so the sum cannot overflow whatever
		// the number of parts.
		if v > float64(MaxDuration) {
			return 0, fmt.Errorf("%q: %w", orig, ErrDurationRange)
		}
		ms := Duration(v + 0.5)
		if diff := v - float64(ms); diff > 1e-6 || diff < -1e-6 {
			return 0, fmt.Errorf("%q: finer than a millisecond", orig)
		}
		if total > MaxDuration-ms {
			return 0, fmt.Errorf("%q: %w", orig, ErrDurationRange)
		}
		total += ms
	}
	return total, nil
}

// String formats d in the form ParseDuration reads, largest units first:
// "1d2h", "1m39s", "250ms", "0s".
func (d Duration) String() string {
	if d == 0 {
		return "0s"
	}
	var b strings.Builder
	if d < 0 {
		b.WriteByte('-')
		d = -d
	}
	for _, u := range []struct {
		name string
		d    Duration
	}{{"d", Day}, {"h", Hour}, {"m", Minute}, {"s", Second}, {"ms", Millisecond}} {
		if d >= u.d {
			b.WriteString(strconv.FormatInt(int64(d/u.d), 10))
			b.WriteString(u.name)
			d %= u.d
		}
	}
	return b.String()
}

// Seconds returns d as a floating-point number of seconds.
func (d Duration) Seconds() float64 { return float64(d) / float64(Second) }

// MarshalText implements [encoding.TextMarshaler].
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseDuration].
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
