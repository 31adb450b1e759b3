package sim_test

import (
	"context"
	"github.com/ccsim/ccsim/analysis"
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/ccsim/ccsim/erlang"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
)

// queueModel is an M/M/n (or M/M/n+M with patience > 0) scenario: n agents,
// exponential handle time aht, Poisson arrivals at utilisation rho.
func queueModel(n int, rho float64, aht, patience model.Duration, horizon, warmup model.Duration) *model.Scenario {
	s := mmcScenario(horizon)
	s.Warmup = warmup
	s.Agents[0].Count = n
	s.ContactTypes[0].Talk = model.Dist{Kind: model.Exponential, Mean: aht}
	s.ContactTypes[0].PerHour = rho * float64(n) * 3600 / aht.Seconds()
	if patience > 0 {
		s.ContactTypes[0].Patience = model.Dist{Kind: model.Exponential, Mean: patience}
	}
	return s
}

// testTolerance is the half width of a 99.9 % Student t interval from the
// replications' own spread. The tests compare about twenty figures with
// their closed forms; at 99.9 % each, the chance that a correct simulator
// fails any of them is about 2 %, and with fixed seeds the outcome is
// reproducible.
func testTolerance(e analysis.Estimate) float64 {
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(e.N - 1)}.Quantile(1 - 0.001/2)
	return t * e.SD / math.Sqrt(float64(e.N))
}

// checkAgainst compares a simulated metric with its closed form and also
// requires the interval to be tight enough (relative half width below
// maxRel, or absolute below minAbs) that the comparison means something.
func checkAgainst(t *testing.T, label string, ms []analysis.Metric, key string, want float64, maxRel, minAbs float64) {
	t.Helper()
	m, ok := analysis.Find(ms, key)
	if !ok {
		t.Fatalf("%s: no metric %q", label, key)
	}
	tol := testTolerance(m.Estimate)
	t.Logf("%s %-13s sim %9.4f +/- %.4f (99.9%%)   closed form %9.4f", label, key, m.Mean, tol, want)
	if math.Abs(m.Mean-want) > tol {
		t.Errorf("%s: %s = %.4f +/- %.4f, closed form %.4f lies outside the interval", label, key, m.Mean, tol, want)
	}
	if tol > maxRel*math.Abs(want) && tol > minAbs {
		t.Errorf("%s: %s interval +/- %.4f too wide to validate anything (want within %.0f%% of %.4f)", label, key, tol, 100*maxRel, want)
	}
}

// skipShort skips the long statistical tests under -short (the race
// detector pass in make test); the plain pass runs them.
func skipShort(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical validation runs without -short")
	}
}

func replicate(t *testing.T, s *model.Scenario, reps int) *analysis.Summary {
	t.Helper()
	p, err := sim.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	res, err := analysis.Replicate(context.Background(), p, analysis.ReplicateOptions{Reps: reps})
	if err != nil {
		t.Fatal(err)
	}
	return analysis.Summarize(res)
}

// TestValidate_ErlangC: the simulator's M/M/n figures agree with Erlang C
// at three loads.
func TestValidate_ErlangC(t *testing.T) {
	skipShort(t)
	for _, tc := range []struct {
		name string
		n    int
		rho  float64
	}{
		{"20 agents at 70%", 20, 0.70},
		{"50 agents at 85%", 50, 0.85},
		{"100 agents at 90%", 100, 0.90},
	} {
		t.Run(tc.name, func(t *testing.T) {
			aht := 300 * model.Second
			s := queueModel(tc.n, tc.rho, aht, 0, 100*model.Hour, 2*model.Hour)
			sum := replicate(t, s, 30)
			lambda := tc.rho * float64(tc.n) / aht.Seconds()
			want := erlang.CModel(tc.n, lambda, aht.Seconds(), 20)
			checkAgainst(t, tc.name, sum.Overall, "p_wait", 100*want.PWait, 0.10, 1)
			checkAgainst(t, tc.name, sum.Overall, "sl_connect", 100*want.ServiceLevel, 0.05, 1)
			checkAgainst(t, tc.name, sum.Overall, "asa", want.ASA, 0.25, 0.5)
			checkAgainst(t, tc.name, sum.Overall, "occupancy", 100*want.Occupancy, 0.02, 0.5)
		})
	}
}

// TestValidate_ErlangA: the M/M/n+M figures agree with Erlang A at three
// loads, one of them beyond capacity (where Erlang C has no answer).
func TestValidate_ErlangA(t *testing.T) {
	skipShort(t)
	for _, tc := range []struct {
		name     string
		n        int
		rho      float64
		patience model.Duration
	}{
		{"30 agents at 85%", 30, 0.85, 180 * model.Second},
		{"100 agents at 97%", 100, 0.97, 180 * model.Second},
		{"50 agents at 110%", 50, 1.10, 120 * model.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			aht := 300 * model.Second
			s := queueModel(tc.n, tc.rho, aht, tc.patience, 100*model.Hour, 2*model.Hour)
			sum := replicate(t, s, 30)
			lambda := tc.rho * float64(tc.n) / aht.Seconds()
			want := erlang.AModel(tc.n, lambda, aht.Seconds(), tc.patience.Seconds(), 20)
			checkAgainst(t, tc.name, sum.Overall, "abandon_rate", 100*want.PAbandon, 0.10, 0.5)
			checkAgainst(t, tc.name, sum.Overall, "p_wait", 100*want.PWait, 0.10, 1)
			checkAgainst(t, tc.name, sum.Overall, "sl_answered", 100*want.ServiceLevel, 0.05, 1)
			checkAgainst(t, tc.name, sum.Overall, "occupancy", 100*want.Occupancy, 0.02, 0.5)
		})
	}
}

// TestValidate_LittlesLaw: the time-average number in queue equals the
// total time contacts spent in queue divided by the run's length, exactly
// (the sample-path form of L = lambda W, with every wait accounted for,
// including callers still waiting at the horizon), and across replications
// L agrees with lambda x W.
func TestValidate_LittlesLaw(t *testing.T) {
	res, _ := runMixed(t, mixedScenario, false)
	var booked int64
	for _, q := range res.Queues {
		booked += q.BookedTime
		in := q.Inbound
		waits := in.WaitAnswered + in.WaitAbandoned + in.WaitTransferred + in.WaitInSystem + in.WaitUnconfirmed + q.Callback.InQueue
		if q.InQueueTime != waits {
			t.Errorf("%s: integral of the in-queue count %d ms != sum of time in queue %d ms", q.Name, q.InQueueTime, waits)
		}
		if q.ScheduledTime != q.Callback.Scheduled {
			t.Errorf("%s: integral of the scheduled count %d != callbacks' scheduled time %d", q.Name, q.ScheduledTime, q.Callback.Scheduled)
		}
		if q.BookedTime != q.Callback.Booked {
			t.Errorf("%s: integral of the booked count %d != callbacks' booked time %d", q.Name, q.BookedTime, q.Callback.Booked)
		}
	}
	if booked == 0 {
		t.Error("no callback was booked: the booked count is not checked")
	}

	s := queueModel(50, 0.95, 300*model.Second, 0, 20*model.Hour, 2*model.Hour)
	sum := replicate(t, s, 20)
	l, _ := analysis.Find(sum.Overall, "in_queue")
	offered, _ := analysis.Find(sum.Overall, "offered")
	asa, _ := analysis.Find(sum.Overall, "asa")
	lambda := offered.Mean / (18 * 3600)
	if got, want := l.Mean, lambda*asa.Mean; math.Abs(got-want) > 0.02*want {
		t.Errorf("L = %.4f, lambda W = %.4f", got, want)
	}
}
