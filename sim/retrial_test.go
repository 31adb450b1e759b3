package sim_test

import (
	"context"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/erlang"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
)

// retrialModel is the M/M/c retrial queue: c agents, no waiting places,
// Poisson arrivals at lambda per minute, exponential talk at rate mu per
// minute, and every blocked caller calls again after an exponential delay
// of rate theta per minute, with no limit on redials.
func retrialModel(c int, lambda, mu, theta float64, horizon, warmup model.Duration) *model.Scenario {
	s := mmcAgents(c, horizon)
	s.Warmup = warmup
	zero := 0
	s.Queues[0].WaitingPlaces = &zero
	ct := &s.ContactTypes[0]
	ct.PerHour = lambda * 60
	ct.Talk = model.Dist{Kind: model.Exponential, Mean: model.Duration(float64(model.Minute) / mu)}
	ct.Redial = &model.Redial{AfterBlocked: 1, Delay: model.Dist{Kind: model.Exponential, Mean: model.Duration(float64(model.Minute) / theta)}}
	return s
}

// TestValidate_RetrialMM1: the M/M/1 retrial queue (Falin and Templeton,
// Retrial Queues, 1997): the mean number of callers waiting to call again
// is lambda rho (1/mu + 1/theta) / (1 - rho), and each customer calls
// 1 + theta E[N] / lambda times on average. Both are checked within the
// replications' confidence interval.
func TestValidate_RetrialMM1(t *testing.T) {
	skipShort(t)
	const lambda, mu, theta = 0.125, 0.25, 0.5 // per minute: rho 0.5, mean talk 4m, mean redial delay 2m
	rho := lambda / mu
	orbit := lambda * rho * (1/mu + 1/theta) / (1 - rho)
	calls := 1 + theta*orbit/lambda
	s := retrialModel(1, lambda, mu, theta, 4000*model.Hour, 10*model.Hour)
	sum := replicate(t, s, 30)
	checkAgainst(t, "M/M/1 retrial", sum.Overall, "redial_waiting", orbit, 0.05, 0.01)
	checkAgainst(t, "M/M/1 retrial", sum.Overall, "calls_per_customer", calls, 0.03, 0.01)
	checkAgainst(t, "M/M/1 retrial", sum.Overall, "occupancy", 100*rho, 0.02, 0.5)
	if m, _ := analysis.Find(sum.Overall, "abandoned"); m.Mean != 0 {
		t.Errorf("a loss system abandons nobody: %v abandoned", m.Mean)
	}
}

// retrialChain solves the M/M/c retrial queue's Markov chain, (agents
// busy, callers waiting to redial), with the orbit truncated at maxOrbit,
// and returns the mean orbit size and the rate of redials per arrival.
func retrialChain(c int, lambda, mu, theta float64, maxOrbit int) (orbit, redialsPerArrival float64) {
	n := (c + 1) * (maxOrbit + 1)
	idx := func(k, j int) int { return j*(c+1) + k }
	// Q transposed, with the last balance equation replaced by the
	// normalisation.
	q := mat.NewDense(n, n, nil)
	add := func(from, to int, r float64) {
		q.Set(to, from, q.At(to, from)+r)
		q.Set(from, from, q.At(from, from)-r)
	}
	for j := 0; j <= maxOrbit; j++ {
		for k := 0; k <= c; k++ {
			s := idx(k, j)
			if k < c {
				add(s, idx(k+1, j), lambda)
				if j > 0 {
					add(s, idx(k+1, j-1), float64(j)*theta)
				}
			} else if j < maxOrbit {
				add(s, idx(k, j+1), lambda)
			}
			if k > 0 {
				add(s, idx(k-1, j), float64(k)*mu)
			}
		}
	}
	b := mat.NewVecDense(n, nil)
	for i := range n {
		q.Set(n-1, i, 1)
	}
	b.SetVec(n-1, 1)
	var p mat.VecDense
	if err := p.SolveVec(q, b); err != nil {
		panic(err)
	}
	for j := 0; j <= maxOrbit; j++ {
		for k := 0; k <= c; k++ {
			orbit += float64(j) * p.AtVec(idx(k, j))
		}
	}
	return orbit, theta * orbit / lambda
}

// TestValidate_RetrialMMc: the M/M/3 retrial queue against its Markov
// chain, solved numerically with the orbit truncated far beyond where it
// has any mass.
func TestValidate_RetrialMMc(t *testing.T) {
	skipShort(t)
	const c, lambda, mu, theta = 3, 0.6, 0.25, 0.5 // rho 0.8
	orbit, perArrival := retrialChain(c, lambda, mu, theta, 200)
	if o1, _ := retrialChain(1, 0.125, 0.25, 0.5, 200); math.Abs(o1-0.75) > 1e-6 {
		t.Fatalf("the chain gives %v for M/M/1, the closed form 0.75", o1)
	}
	s := retrialModel(c, lambda, mu, theta, 4000*model.Hour, 10*model.Hour)
	sum := replicate(t, s, 30)
	checkAgainst(t, "M/M/3 retrial", sum.Overall, "redial_waiting", orbit, 0.05, 0.01)
	checkAgainst(t, "M/M/3 retrial", sum.Overall, "calls_per_customer", 1+perArrival, 0.03, 0.01)
}

// TestValidate_ErlangB: a queue without waiting places and no redials is
// Erlang's loss system: the share blocked is Erlang B.
func TestValidate_ErlangB(t *testing.T) {
	skipShort(t)
	for _, tc := range []struct {
		name string
		n    int
		a    float64 // offered load, erlangs
	}{
		{"10 agents, 8 erlangs", 10, 8},
		{"30 agents, 30 erlangs", 30, 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			aht := 300 * model.Second
			s := queueModel(tc.n, tc.a/float64(tc.n), aht, 0, 100*model.Hour, 2*model.Hour)
			zero := 0
			s.Queues[0].WaitingPlaces = &zero
			sum := replicate(t, s, 20)
			checkAgainst(t, tc.name, sum.Overall, "block_rate", 100*erlang.B(tc.n, tc.a), 0.05, 0.2)
			if m, _ := analysis.Find(sum.Overall, "in_queue"); m.Mean != 0 {
				t.Errorf("nobody waits without waiting places: %v in queue", m.Mean)
			}
		})
	}
}

// TestRedials_Conserved: every caller who gave up and decided to call
// again either called again or was still waiting to at the horizon; the
// records carry the customer and the attempt, and a redial's record has
// the customer of an earlier call.
func TestRedials_Conserved(t *testing.T) {
	s := retrialModel(2, 0.5, 0.25, 1.0/30, 20*model.Hour, 0)
	s.ContactTypes[0].Patience = model.Dist{Kind: model.Exponential, Mean: 2 * model.Minute}
	most := 3
	s.Queues[0].WaitingPlaces = nil
	s.Queues[0].MaxSize = 2
	s.ContactTypes[0].Redial.AfterAbandon = 0.7
	s.ContactTypes[0].Redial.Max = &most
	p, err := sim.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]int{}
	var redialRecs, maxAttempt int
	res, err := p.Run(context.Background(), sim.Options{Records: func(r *sim.Record) {
		if r.Customer == 0 || r.Attempt < 1 {
			t.Fatalf("record %d has no customer or attempt", r.ID)
		}
		if r.Attempt > 1 {
			redialRecs++
			if seen[r.Customer] != r.Attempt-1 {
				t.Fatalf("customer %d's call %d follows call %d", r.Customer, r.Attempt, seen[r.Customer])
			}
		}
		seen[r.Customer] = r.Attempt
		maxAttempt = max(maxAttempt, r.Attempt)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Check(); err != nil {
		t.Fatal(err)
	}
	in := res.TotalInbound()
	if in.Redials == 0 || in.RedialPending == 0 || in.GaveUp == 0 {
		t.Fatalf("want redials, pending redials and lost customers: %+v", in)
	}
	if in.RedialScheduled != in.Redials+in.RedialPending {
		t.Errorf("scheduled %d != made %d + pending %d", in.RedialScheduled, in.Redials, in.RedialPending)
	}
	if maxAttempt > 1+most {
		t.Errorf("a customer called %d times, at most %d allowed", maxAttempt, 1+most)
	}
	// Records are written for contacts that ended: all but those still in
	// queue or talking at the horizon.
	if int64(redialRecs) > in.Redials || int64(redialRecs) < in.Redials-in.InSystem-int64(s.Agents[0].Count) {
		t.Errorf("%d redial records, %d redials", redialRecs, in.Redials)
	}
	if lost := in.Abandoned + in.Blocked - in.RedialScheduled; in.GaveUp != lost {
		t.Errorf("lost for good %d, want abandoned + blocked - redialled = %d", in.GaveUp, lost)
	}
}

// TestRedials_FirstCallsPaired: turning redials on leaves the first
// calls' draws alone, so the arrivals are the same.
func TestRedials_FirstCallsPaired(t *testing.T) {
	base := retrialModel(2, 0.5, 0.25, 0.2, 10*model.Hour, 0)
	base.ContactTypes[0].Redial = nil
	with := retrialModel(2, 0.5, 0.25, 0.2, 10*model.Hour, 0)
	r0, err := sim.Run(context.Background(), base, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r1, err := sim.Run(context.Background(), with, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := r0.TotalInbound().Arrived, r1.TotalInbound().FirstAttempts(); a != b {
		t.Errorf("first attempts differ: %d without redials, %d with", a, b)
	}
}

// TestAcceptCurve: acceptance read from a curve of the announced wait. A
// flat table at p is the fixed accept_probability p, draw for draw; a
// logistic curve accepts more of the callers told a long wait.
func TestAcceptCurve(t *testing.T) {
	base := queueModel(10, 0.95, 300*model.Second, 5*model.Minute, 20*model.Hour, 0)
	p := 0.4
	cb := func(p *float64, a *model.AcceptCurve) *model.Callback {
		c := model.NewCallback()
		c.OfferAfter, c.AcceptProbability, c.Accept = 30*model.Second, p, a
		return c
	}
	base.ContactTypes[0].Callback = cb(&p, nil)
	flat := base.Clone()
	flat.ContactTypes[0].Callback = cb(nil, &model.AcceptCurve{Curve: model.CurveTable, Points: []model.AcceptPoint{{Wait: 0, P: p}}})
	r0, err := sim.Run(context.Background(), base, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r1, err := sim.Run(context.Background(), flat, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := r0.TotalInbound(), r1.TotalInbound(); a != b || a.CallbackTransferred == 0 || a.CallbackDeclined == 0 {
		t.Errorf("a flat table at %v differs from accept_probability %v:\n%+v\n%+v", p, p, a, b)
	}
	// Logistic: nobody accepts below a 1 s announced wait, everybody
	// above; waits here are minutes, so nearly all offered accept.
	steep := base.Clone()
	steep.ContactTypes[0].Callback = cb(nil, &model.AcceptCurve{Curve: model.CurveLogistic, Midpoint: model.Second, Scale: model.Millisecond, High: 1})
	r2, err := sim.Run(context.Background(), steep, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := r2.TotalInbound()
	if in.CallbackOffered == 0 || in.CallbackDeclined != 0 {
		t.Errorf("a wait above the midpoint accepts all: %d offered, %d declined", in.CallbackOffered, in.CallbackDeclined)
	}
	curve := model.AcceptCurve{Curve: model.CurveLogistic, Midpoint: 5 * model.Minute, Scale: model.Minute, Low: 0.2, High: 0.8}
	if got := curve.At(5 * model.Minute); math.Abs(got-0.5) > 1e-12 {
		t.Errorf("logistic at its midpoint = %v, want 0.5", got)
	}
	if curve.At(0) >= curve.At(10*model.Minute) {
		t.Error("the logistic curve must rise with the wait")
	}
}

// TestRetryDelay: a drawn retry wait (callback.retry_delay). A fixed one
// equal to retry_interval changes nothing, draw for draw; an exponential
// one of the same mean keeps the mean time Scheduled between attempts
// near it.
func TestRetryDelay(t *testing.T) {
	base := queueModel(10, 0.9, 300*model.Second, 0, 40*model.Hour, 0)
	cb := model.NewCallback()
	cb.OfferAfter, cb.MaxRetries, cb.InitialDelay = 20*model.Second, 3, model.Second
	cb.Dial = &model.DialOutcomes{Answer: 0.5, NoAnswer: 0.5}
	base.ContactTypes[0].Callback = cb
	fixed := base.Clone()
	fixed.ContactTypes[0].Callback.RetryDelay = model.Fixed(cb.RetryInterval)
	drawn := base.Clone()
	drawn.ContactTypes[0].Callback.RetryDelay = model.Dist{Kind: model.Exponential, Mean: cb.RetryInterval}
	var res [3]*sim.Result
	for i, s := range []*model.Scenario{base, fixed, drawn} {
		r, err := sim.Run(context.Background(), s, sim.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res[i] = r
	}
	if a, b := res[0].TotalCallback(), res[1].TotalCallback(); a != b || a.FailedAttempts == 0 {
		t.Errorf("a fixed retry_delay equal to retry_interval changed the callbacks (or none failed):\n%+v\n%+v", a, b)
	}
	if a, b := res[0].TotalCallback(), res[2].TotalCallback(); a == b {
		t.Error("a drawn retry wait changed nothing")
	}
}
