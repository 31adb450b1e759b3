package scenarios

import (
	"regexp"
	"testing"
)

// decimalRE is the definition isDecimal writes out.
var decimalRE = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$`)

// TestIsDecimal: isDecimal accepts exactly what the regular expression
// does, on the forms a spreadsheet writes and on near misses.
func TestIsDecimal(t *testing.T) {
	for _, s := range []string{
		"0", "12", "+3", "-4", "12.5", "12.", ".5", "+.5", "-0.0", "1e3", "1E+3", "2.5e-3", ".5e2", "5.e1",
		"", ".", "+", "-", "e3", ".e3", "1e", "1e+", "12,5", "1.2.3", "0x1f", "1_000", "Inf", "NaN", " 1", "1 ",
		"++1", "1e3.5", "١٢", "12\x00",
	} {
		if got, want := isDecimal(s), decimalRE.MatchString(s); got != want {
			t.Errorf("isDecimal(%q) = %v, the expression says %v", s, got, want)
		}
	}
}

// FuzzIsDecimal holds isDecimal to the regular expression on any input.
func FuzzIsDecimal(f *testing.F) {
	for _, s := range []string{"12.5", "-.5e+3", "1,5", "."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isDecimal(s), decimalRE.MatchString(s); got != want {
			t.Errorf("isDecimal(%q) = %v, the expression says %v", s, got, want)
		}
	})
}
