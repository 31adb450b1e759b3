package reports

import "testing"

func TestLevelText(t *testing.T) {
	for _, tc := range []struct {
		conf float64
		want string
	}{
		{0.95, "95 %"},
		{1 - 0.05/2, "97.5 %"},
		{1 - 0.05/3, "98.33 %"},
		{1 - 0.05/20, "99.75 %"},
		{1 - 0.05/12, "99.583 %"},
		{1 - 0.05/1000, "99.995 %"},
		{1 - 0.05/100000, "99.99995 %"},
	} {
		if got := levelText(tc.conf); got != tc.want {
			t.Errorf("levelText(%v) = %q, want %q", tc.conf, got, tc.want)
		}
	}
}
