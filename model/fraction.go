package model

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Shares (a service level, an abandon rate, a probability, shrinkage) are
// written one way everywhere ccsim reads one: in a scenario file, a --set
// value, a variants file, a command-line flag and the right side of a
// compare constraint. A share is either a fraction, "0.8", or a percentage,
// "80%" or "80 %"; both mean eighty percent. A bare number above 1 is
// refused rather than guessed at: "80" might mean 80 % or a typo for 0.8,
// and reading it either way silently once made every variant of a sweep
// "break" a constraint. Percentages run from 0 % to 100 %.

// ErrFractionSyntax is wrapped by [ParseFraction] for text that is not a
// number or a percentage.
var ErrFractionSyntax = errors.New("not a share: write a fraction such as 0.8 or a percentage such as 80%")

// ErrFractionRange is wrapped by [ParseFraction] for a share outside 0 to
// 1 (0 % to 100 %), a bare number above 1 included.
var ErrFractionRange = errors.New("out of range: a share is 0 to 1, or 0% to 100%")

// plainDecimal is a decimal number as people and spreadsheets write it:
// no hex, no underscores, no Inf or NaN (which strconv.ParseFloat takes).
var plainDecimal = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$`)

// ParseFraction reads a share written as a fraction ("0.8", "1", "0") or a
// percentage ("80%", "80 %", "12.5%") and returns it as a fraction, 0.8.
// Surrounding spaces are ignored. It refuses, with an error saying what to
// write instead: text that is not a number; a bare number above 1 (it
// suggests the percentage form, "80%"); a negative share; a percentage
// above 100. Narrower ranges (a target strictly below 100 %, say) are the
// caller's to check.
func ParseFraction(s string) (float64, error) {
	t := strings.TrimSpace(s)
	num, pct := strings.CutSuffix(t, "%")
	num = strings.TrimSpace(num)
	if !plainDecimal.MatchString(num) {
		if plainDecimal.MatchString(strings.Replace(num, ",", ".", 1)) {
			return 0, fmt.Errorf("%q: %w (decimals take a point: %s)", s, ErrFractionSyntax, strings.Replace(t, ",", ".", 1))
		}
		return 0, fmt.Errorf("%q: %w", s, ErrFractionSyntax)
	}
	const allowed = " (a share is 0 to 1, or 0% to 100%)"
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, &rangeError{fmt.Sprintf("%q is out of range%s", s, allowed)}
	}
	switch {
	case v < 0:
		return 0, &rangeError{fmt.Sprintf("%q is negative%s", s, allowed)}
	case pct && v > 100:
		return 0, &rangeError{fmt.Sprintf("%q is more than 100%%%s", s, allowed)}
	case pct:
		return v / 100, nil
	case v > 1 && v <= 100:
		return 0, &rangeError{fmt.Sprintf("%q is more than 1: write %s%% for %s percent, or the fraction %s",
			s, num, num, strconv.FormatFloat(v/100, 'g', 12, 64))}
	case v > 1:
		return 0, &rangeError{fmt.Sprintf("%q is more than 1%s", s, allowed)}
	}
	return v, nil
}

// FormatPercent writes the fraction x as ParseFraction reads it back, as
// a percentage with the digits it needs: 0.8 is "80%", 0.125 "12.5%".
func FormatPercent(x float64) string {
	return strconv.FormatFloat(100*x, 'f', -1, 64) + "%"
}

// ParseServiceTarget reads a service-level target written SL/TIME, the
// planner's "80/20": 80 % of contacts answered within 20 seconds. SL is a
// share as [ParseFraction] reads it, except that a bare number above 1 is
// a percentage here, since that is what "80/20" means wherever planners
// write it ("80/20", "80%/20s" and "0.8/20s" are the same target). TIME is
// a number of seconds or a duration ("20", "20s", "1m").
func ParseServiceTarget(s string) (sl float64, within Duration, err error) {
	a, b, ok := strings.Cut(s, "/")
	if !ok {
		return 0, 0, fmt.Errorf("%q: want SL/TIME, e.g. 80/20 for 80%% answered within 20 s", s)
	}
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if x, err := strconv.ParseFloat(a, 64); err == nil && x > 1 && plainDecimal.MatchString(a) {
		a += "%" // 80/20 means 80 %
	}
	if sl, err = ParseFraction(a); err != nil {
		return 0, 0, fmt.Errorf("%q: service level %w", s, err)
	}
	if plainDecimal.MatchString(b) {
		n, _ := strconv.ParseFloat(b, 64)
		if !(n*float64(Second) < float64(MaxDuration)) {
			return 0, 0, fmt.Errorf("%q: the answer time is %w", s, ErrDurationRange)
		}
		within = Duration(math.Round(n * float64(Second)))
	} else if within, err = ParseDuration(b); err != nil {
		return 0, 0, fmt.Errorf("%q: answer time %w", s, err)
	}
	if within <= 0 {
		return 0, 0, fmt.Errorf("%q: the answer time must be positive", s)
	}
	return sl, within, nil
}

// rangeError is a share out of range whose message says what to write
// instead; it matches [ErrFractionRange].
type rangeError struct{ msg string }

func (e *rangeError) Error() string { return e.msg }
func (e *rangeError) Unwrap() error { return ErrFractionRange }

// fieldIndex matches a list index or selector in a field path, "[3]".
var fieldIndex = regexp.MustCompile(`\[[^\]]*\]`)

// IsFraction reports whether the scenario field at path (as errors spell
// it, "contact_types[0].callback.accept_probability") holds a share, by
// its entry in [Bounds]: the scenario loader reads such a field with
// [ParseFraction], so that "40%" and "0.4" are the same everywhere.
func IsFraction(path string) bool {
	return fractionFields[fieldIndex.ReplaceAllString(path, "[]")]
}

// fractionFields is the set of Bounds' fields whose unit is "fraction".
var fractionFields = func() map[string]bool {
	m := map[string]bool{}
	for _, b := range Bounds {
		if b.Unit == "fraction" {
			m[b.Field] = true
		}
	}
	return m
}()
