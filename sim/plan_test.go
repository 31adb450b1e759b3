package sim_test

import (
	"context"
	"github.com/ccsim/ccsim/analysis"
	"math"
	"testing"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
)

// forecastScenario is one queue with plenty of agents (so handle times do
// not interact with arrivals) and a forecast of the given offered volumes
// per 30-minute interval, with the given AHTs (0: the type's 5 minutes).
func forecastScenario(offered []float64, aht []model.Duration, cycles int) *model.Scenario {
	s := mmcScenario(0)
	s.Interval = 30 * model.Minute
	plan := &model.Plan{File: "test.csv", Interval: s.Interval}
	for i, o := range offered {
		plan.Rows = append(plan.Rows, model.PlanRow{Line: i + 2, Offered: o, AHT: aht[i]})
	}
	s.Horizon = model.Duration(cycles) * plan.Length()
	s.ContactTypes[0].PerHour = 0
	s.ContactTypes[0].ForecastPlan = plan
	s.ContactTypes[0].Forecast = "test.csv"
	s.ContactTypes[0].Talk = model.Dist{Kind: model.Exponential, Mean: 5 * model.Minute}
	s.Agents[0].Count = 500
	return s
}

// TestForecast_ArrivalsFollowTheForecast: offered volumes per interval
// (including a closed interval and a fractional one) come out on average,
// within the replications' 99.9 % interval, and the arrivals are spread
// evenly inside each interval: the process is a true non-homogeneous
// Poisson process, not volumes dumped at interval starts.
func TestForecast_ArrivalsFollowTheForecast(t *testing.T) {
	offered := []float64{40, 0, 120, 7.5}
	s := forecastScenario(offered, make([]model.Duration, 4), 50)
	p, err := sim.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	const reps = 20
	// Arrivals per interval and per half interval, per replication.
	perIv := make([][]float64, len(offered))
	var firstHalf, secondHalf float64
	for rep := range reps {
		counts := make([]float64, len(offered))
		res, err := p.Run(context.Background(), sim.Options{Rep: rep, Records: func(r *sim.Record) {
			off := r.Initiation.Sub(p.Scenario().Start)
			iv := int(off/(30*time.Minute)) % len(offered)
			counts[iv]++
			if off%(30*time.Minute) < 15*time.Minute {
				firstHalf++
			} else {
				secondHalf++
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		if res.TotalInbound().InSystem != 0 {
			t.Fatalf("contacts left waiting with 500 agents")
		}
		for i := range offered {
			perIv[i] = append(perIv[i], counts[i]/50) // per cycle
		}
	}
	for i, want := range offered {
		e := analysis.NewEstimate(perIv[i])
		tol := testTolerance(e)
		if want == 0 {
			if e.Mean != 0 {
				t.Errorf("interval %d is closed but had %.2f arrivals per cycle", i, e.Mean)
			}
			continue
		}
		t.Logf("interval %d: %.3f +/- %.3f arrivals, forecast %.1f", i, e.Mean, tol, want)
		if math.Abs(e.Mean-want) > tol {
			t.Errorf("interval %d: %.3f +/- %.3f arrivals per cycle, forecast %.1f", i, e.Mean, tol, want)
		}
	}
	// Halves of intervals: equal expected counts. Their difference over n
	// arrivals has standard deviation sqrt(n) under Poisson; allow 4 sd.
	n := firstHalf + secondHalf
	if d := math.Abs(firstHalf - secondHalf); d > 4*math.Sqrt(n) {
		t.Errorf("arrivals lumped within intervals: %v in first halves, %v in second halves", firstHalf, secondHalf)
	}
}

// TestForecast_AHTScalesHandleTime: an interval whose forecast AHT is twice
// the contact type's doubles the mean talk time of its contacts.
func TestForecast_AHTScalesHandleTime(t *testing.T) {
	s := forecastScenario([]float64{60, 60}, []model.Duration{0, 10 * model.Minute}, 200)
	p, err := sim.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	var talk [2][]float64
	if _, err := p.Run(context.Background(), sim.Options{Records: func(r *sim.Record) {
		iv := int(r.Initiation.Sub(p.Scenario().Start)/(30*time.Minute)) % 2
		talk[iv] = append(talk[iv], r.AgentInteractionDuration.Seconds())
	}}); err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{300, 600} {
		e := analysis.NewEstimate(talk[i])
		// The mean of n exponential talk times: sd/sqrt(n); allow 4.
		if tol := 4 * e.SD / math.Sqrt(float64(e.N)); math.Abs(e.Mean-want) > tol {
			t.Errorf("interval %d: mean talk %.1f s over %d contacts, want %v +/- %.1f", i, e.Mean, e.N, want, tol)
		}
	}
}

// agentsPerInterval runs s once and returns the mean agents logged in per
// interval of the cycle.
func agentsPerInterval(t *testing.T, s *model.Scenario) []float64 {
	t.Helper()
	p, err := sim.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Run(context.Background(), sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sum := analysis.Summarize([]*sim.Result{res})
	var out []float64
	for _, iv := range sum.Intervals {
		m, _ := analysis.Find(iv.Metrics, "agents_logged_in")
		out = append(out, m.Mean)
	}
	return out
}

// TestStaffing_PlanAndShrinkage: a staffing plan logs in exactly its agents
// per interval, every cycle, and shrinkage removes its share. There is no
// traffic, so no agent works past the end of a planned interval (with
// traffic, an agent finishes the contact in hand first, and that overtime
// counts as logged in).
func TestStaffing_PlanAndShrinkage(t *testing.T) {
	plan := []int{0, 3, 10, 10, 4, 0}
	for _, tc := range []struct {
		shrinkage float64
		want      []float64
	}{
		{0, []float64{0, 3, 10, 10, 4, 0}},
		{0.3, []float64{0, 2, 7, 7, 3, 0}}, // round(n x 0.7): 2.1, 7, 2.8
	} {
		s := mmcScenario(3 * 3 * model.Hour) // three cycles of the plan
		s.ContactTypes[0].PerHour = 0
		s.Interval = 30 * model.Minute
		sp := &model.Plan{File: "staff.csv", Interval: s.Interval}
		for i, n := range plan {
			sp.Rows = append(sp.Rows, model.PlanRow{Line: i + 2, Agents: n})
		}
		s.Agents[0].Staffing, s.Agents[0].StaffingPlan, s.Agents[0].Shrinkage = "staff.csv", sp, tc.shrinkage
		got := agentsPerInterval(t, s)
		for i := range tc.want {
			if math.Abs(got[i]-tc.want[i]) > 1e-9 {
				t.Errorf("shrinkage %v: interval %d has %.3f agents logged in, want %v", tc.shrinkage, i, got[i], tc.want[i])
			}
		}
	}
}

// TestStaffing_WeeklyShiftWithBreak: two agents on Mon-Fri 08:00-12:00
// with a 30-minute break at 10:00 are logged in exactly then, and not at
// the weekend.
func TestStaffing_WeeklyShiftWithBreak(t *testing.T) {
	s := mmcScenario(7 * model.Day) // Monday 2024-06-03 to Sunday
	s.ContactTypes[0].PerHour = 1
	clock := func(h, m int) model.At {
		return model.At{Set: true, Clock: true, Value: model.Duration(h)*model.Hour + model.Duration(m)*model.Minute}
	}
	s.Agents[0].Count = 2
	s.Agents[0].Shifts = []model.Shift{{Start: clock(8, 0), End: clock(12, 0), Days: []string{"mon", "tue", "wed", "thu", "fri"},
		Breaks: []model.Break{{Start: clock(10, 0), Duration: 30 * model.Minute}}}}
	got := agentsPerInterval(t, s)
	if len(got) != 7*48 {
		t.Fatalf("%d intervals, want a week of 30-minute intervals", len(got))
	}
	for i, n := range got {
		day, slot := i/48, i%48
		want := 0.0
		if day < 5 && slot >= 16 && slot < 24 && slot != 20 { // 08:00-12:00 except 10:00-10:30
			want = 2
		}
		if math.Abs(n-want) > 1e-9 {
			t.Errorf("day %d %02d:%02d: %.2f agents logged in, want %v", day, slot/2, 30*(slot%2), n, want)
		}
	}
}

// TestWarmup_Discarded: contacts that arrive during the warm-up are not
// counted, and agent time during it is not either.
func TestWarmup_Discarded(t *testing.T) {
	s := mmcScenario(10 * model.Hour)
	all, err := sim.Run(context.Background(), s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s = mmcScenario(10 * model.Hour)
	s.Warmup = 4 * model.Hour
	warm, err := sim.Run(context.Background(), s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Same seed: the same arrivals; the warm run counts about 6/10 of them.
	a, w := all.TotalInbound().Arrived, warm.TotalInbound().Arrived
	if frac := float64(w) / float64(a); math.Abs(frac-0.6) > 0.02 {
		t.Errorf("warm-up of 4 h in 10 h kept %d of %d arrivals (%.3f), want about 0.6", w, a, frac)
	}
	logged := warm.TotalAgentTime()
	if got, want := logged.LoggedIn()+logged.Offline, int64(6*model.Hour)*100; got != want {
		t.Errorf("agent time after the warm-up %d ms, want %d (6 h x 100 agents)", got, want)
	}
}
