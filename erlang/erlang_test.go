package erlang_test

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/ccsim/ccsim/erlang"
)

func near(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Abs(want)
}

// TestErlangB checks Erlang's loss formula B(n, a) = (a^n/n!) / sum_k a^k/k!
// against values evaluated exactly in rational arithmetic by hand.
func TestErlangB(t *testing.T) {
	tests := []struct {
		n    int
		a    float64
		want float64
	}{
		{0, 3, 1},
		{1, 1, 1.0 / 2},   // a/(1+a)
		{2, 1, 1.0 / 5},   // (1/2) / (1 + 1 + 1/2)
		{5, 2, 4.0 / 109}, // (32/120) / (1 + 2 + 2 + 4/3 + 2/3 + 4/15) = (4/15)/(109/15)
		{3, 3, 9.0 / 26},  // (27/6) / (1 + 3 + 9/2 + 27/6) = (9/2)/13
	}
	for _, tc := range tests {
		if got := erlang.B(tc.n, tc.a); !near(got, tc.want, 1e-12) {
			t.Errorf("B(%d, %v) = %.10g, want %.10g", tc.n, tc.a, got, tc.want)
		}
	}
}

// TestErlangC checks the published worked example (Call Centre Helper,
// "Erlang C formula made simple", quoted in the capacity-planning issue):
// 100 calls per 30 minutes, 180 s handle time, 14 agents, 20 s target give
// P(wait) 0.17413 and service level 0.88835.
func TestErlangC(t *testing.T) {
	m := erlang.CModel(14, 100.0/1800, 180, 20)
	if got := fmt.Sprintf("%.5f", m.PWait); got != "0.17413" {
		t.Errorf("P(wait) = %s, want 0.17413", got)
	}
	if got := fmt.Sprintf("%.5f", m.ServiceLevel); got != "0.88835" {
		t.Errorf("service level = %s, want 0.88835", got)
	}
	// ASA = C x AHT / (n - a) = 0.174131 x 180 / 4; occupancy = 10/14.
	if want := m.PWait * 180 / 4; !near(m.ASA, want, 1e-12) {
		t.Errorf("ASA = %v, want %v", m.ASA, want)
	}
	if !near(m.Occupancy, 10.0/14, 1e-12) {
		t.Errorf("occupancy = %v, want %v", m.Occupancy, 10.0/14)
	}
	// At or beyond capacity the queue is unstable.
	if u := erlang.CModel(10, 100.0/1800, 180, 20); u.Stable || u.PWait != 1 {
		t.Errorf("10 agents at 10 Erlangs: %+v, want unstable", u)
	}
	// AgentsFor gives the fewest agents meeting 80/20: n meets it, n-1
	// does not.
	n := erlang.AgentsFor(100.0/1800, 180, 0, 20, 0.8, 0, 100)
	if sl := erlang.CModel(n, 100.0/1800, 180, 20).ServiceLevel; sl < 0.8 {
		t.Errorf("AgentsFor(80/20) = %d, but its service level is %v", n, sl)
	}
	if sl := erlang.CModel(n-1, 100.0/1800, 180, 20).ServiceLevel; sl >= 0.8 {
		t.Errorf("AgentsFor(80/20) = %d, but %d agents already give %v", n, n-1, sl)
	}
}

// TestErlangA_PoissonCase: when patience has the same mean as the handle
// time (theta = mu) every call leaves at rate mu whether waiting or served,
// so the number in the system is exactly Poisson(a) (an M/M/inf queue).
// Then P(wait) = P(N >= n) and P(abandon) = E[(N-n)+] theta / lambda =
// E[(N-n)+] / a, computed here independently from gonum's Poisson.
func TestErlangA_PoissonCase(t *testing.T) {
	for _, tc := range []struct {
		n int
		a float64
	}{{5, 3}, {14, 10}, {50, 55}, {100, 95}} {
		aht := 300.0
		lambda := tc.a / aht
		m := erlang.AModel(tc.n, lambda, aht, aht, 20)
		pois := distuv.Poisson{Lambda: tc.a}
		pwait := 1 - pois.CDF(float64(tc.n-1))
		var eq float64
		for k := tc.n + 1; k < tc.n+1000; k++ {
			eq += float64(k-tc.n) * pois.Prob(float64(k))
		}
		if !near(m.PWait, pwait, 1e-9) {
			t.Errorf("n=%d a=%v: P(wait) = %.10g, want %.10g", tc.n, tc.a, m.PWait, pwait)
		}
		if !near(m.PAbandon, eq/tc.a, 1e-9) {
			t.Errorf("n=%d a=%v: P(abandon) = %.10g, want %.10g", tc.n, tc.a, m.PAbandon, eq/tc.a)
		}
		// Served calls carry load a(1 - P(abandon)).
		if want := tc.a * (1 - m.PAbandon) / float64(tc.n); !near(m.Occupancy, want, 1e-9) {
			t.Errorf("n=%d a=%v: occupancy = %v, want %v", tc.n, tc.a, m.Occupancy, want)
		}
	}
}

// TestErlangA_ConvergesToErlangC: as patience grows without bound, Erlang A
// tends to Erlang C (for a stable load).
func TestErlangA_ConvergesToErlangC(t *testing.T) {
	c := erlang.CModel(14, 100.0/1800, 180, 20)
	a := erlang.AModel(14, 100.0/1800, 180, 1e9, 20)
	for _, f := range []struct {
		name      string
		got, want float64
	}{{"P(wait)", a.PWait, c.PWait}, {"SL", a.ServiceLevel, c.ServiceLevel}, {"ASA", a.ASA, c.ASA}} {
		if !near(f.got, f.want, 1e-5) {
			t.Errorf("%s: Erlang A %v, Erlang C %v", f.name, f.got, f.want)
		}
	}
	if a.PAbandon > 1e-6 {
		t.Errorf("P(abandon) = %v with near-infinite patience", a.PAbandon)
	}
}

// TestErlangA_Overload: Erlang A stays finite above 100 % load, and more
// agents always help.
func TestErlangA_Overload(t *testing.T) {
	lambda, aht, pat := 120.0/1800, 180.0, 120.0 // 12 Erlangs
	prev := erlang.AModel(8, lambda, aht, pat, 20)
	if !prev.Stable || prev.PAbandon <= 0 || prev.PAbandon >= 1 {
		t.Fatalf("8 agents, 12 Erlangs: %+v", prev)
	}
	for n := 9; n <= 20; n++ {
		m := erlang.AModel(n, lambda, aht, pat, 20)
		if m.ServiceLevel <= prev.ServiceLevel || m.PAbandon >= prev.PAbandon || m.PWait >= prev.PWait {
			t.Errorf("n=%d not better than n=%d: %+v vs %+v", n, n-1, m, prev)
		}
		if m.ServiceLevel > 1-m.PAbandon+1e-12 {
			t.Errorf("n=%d: service level %v above 1 - P(abandon) %v", n, m.ServiceLevel, 1-m.PAbandon)
		}
		prev = m
	}
}

func ExampleCModel() {
	// 100 calls per 30 minutes, 3 minute handle time, 14 agents, 20 s target.
	m := erlang.CModel(14, 100.0/1800, 180, 20)
	fmt.Printf("P(wait) %.4f, service level %.4f, ASA %.1f s, occupancy %.3f\n",
		m.PWait, m.ServiceLevel, m.ASA, m.Occupancy)
	// Output: P(wait) 0.1741, service level 0.8884, ASA 7.8 s, occupancy 0.714
}

// TestAgentsFor_MatchesScan: the bisection gives the same answer as trying
// every agent count from 1.
func TestAgentsFor_MatchesScan(t *testing.T) {
	scan := func(lambda, aht, patience, target, sl, maxAb float64) int {
		for n := 1; n <= 300; n++ {
			m := erlang.AModel(n, lambda, aht, patience, target)
			if m.Stable && m.ServiceLevel >= sl && (maxAb <= 0 || m.PAbandon <= maxAb) {
				return n
			}
		}
		return -1
	}
	for _, tc := range []struct{ lambda, aht, patience, target, sl, maxAb float64 }{
		{100.0 / 1800, 180, 0, 20, 0.8, 0},
		{100.0 / 1800, 180, 120, 20, 0.8, 0},
		{0.3, 300, 180, 20, 0.9, 0.02},
		{2, 240, 60, 30, 0.95, 0},
		{0.05, 600, 0, 60, 0.5, 0},
	} {
		want := scan(tc.lambda, tc.aht, tc.patience, tc.target, tc.sl, tc.maxAb)
		if got := erlang.AgentsFor(tc.lambda, tc.aht, tc.patience, tc.target, tc.sl, tc.maxAb, 300); got != want {
			t.Errorf("AgentsFor(%+v) = %d, scan gives %d", tc, got, want)
		}
	}
	if got := erlang.AgentsFor(10, 300, 0, 20, 0.8, 0, 50); got != -1 {
		t.Errorf("unreachable target: AgentsFor = %d, want -1", got)
	}
}

func TestStaff(t *testing.T) {
	for _, tc := range []struct {
		agents, shrinkage float64
		want              int
	}{
		{40, 0.3, 58}, {14, 0.3, 20}, {7, 0.3, 10}, {0, 0.3, 0}, {5, 0, 5},
		{1, 0.999, 1000},
		{2.5, 0, 3}, {2.1, 0.3, 3}, // a share of a load, not whole
		{-1, 0.3, -1}, // "not reachable" passes through
	} {
		if got := erlang.Staff(tc.agents, tc.shrinkage); got != tc.want {
			t.Errorf("Staff(%v, %v) = %d, want %d", tc.agents, tc.shrinkage, got, tc.want)
		}
	}
}
