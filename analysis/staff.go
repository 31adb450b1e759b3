package analysis

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ccsim/ccsim/model"
)

// ErrUnreachable is returned (wrapped) by [SearchStaffing] when even the
// most agents searched cannot meet the target in some interval.
var ErrUnreachable = errors.New("target cannot be met")

// StaffOptions control a staffing search.
type StaffOptions struct {
	// Group is the agent group whose staffing is searched; its shifts are
	// replaced by a staffing plan. Other groups keep theirs.
	Group int
	// ServiceLevel is the target fraction (0.8 for 80/20, the threshold
	// being the scenario's service_level), under the scenario's
	// service-level definition.
	ServiceLevel float64
	// MaxAbandon caps the abandonment rate (a fraction; 0: no cap).
	MaxAbandon float64
	// Reps is the replications per evaluation (default 20); Workers the
	// goroutines (0: one per CPU).
	Reps, Workers int
	// MaxAgents caps an interval's agents (default 5,000).
	MaxAgents int
	// MaxRounds caps the evaluations (default 60): SearchCentre's
	// MaxEvaluations.
	MaxRounds int
	// Progress, when not nil, is told after each evaluation.
	Progress func(round int, note string)
}

// StaffInterval is the answer for one interval of the cycle.
type StaffInterval struct {
	Start model.Duration
	// Offered is the contacts offered in the interval, AHT their mean
	// handle time (s).
	Offered float64
	AHT     float64
	// ErlangC and ErlangA are the formulas' answers (rostered agents,
	// shrinkage included; -1: cannot be met; ErlangA equals ErlangC when
	// callers never abandon).
	ErlangC, ErlangA int
	// Agents is the simulation's answer: the fewest rostered agents whose
	// service level's 95 % interval lies at or above the target (and
	// abandonment's at or below the cap), all other intervals staffed as
	// found.
	Agents int
	// ServiceLevel and Abandon are the estimates with Agents (%).
	ServiceLevel, Abandon Estimate
}

// StaffResult is the outcome of a staffing search.
type StaffResult struct {
	Start     time.Time
	Interval  model.Duration
	Intervals []StaffInterval
	// Hours are the total agent-hours over the cycle of the simulation's
	// answer and of Erlang C and A.
	Hours, ErlangCHours, ErlangAHours float64
	// Rounds is the number of evaluations the search made.
	Rounds int
	// Plan is the answer as a staffing plan, for the searched group.
	Plan *model.Plan
}

// MaxSearchAgents is the most agents per interval a staffing search may
// try: the formulas' time grows with it (a second per interval at ten
// million), and no contact centre staffs one queue with more.
const MaxSearchAgents = 100000

// SearchStaffing finds, per interval, the fewest agents of one group that
// meet a service-level target (and an abandonment cap), by simulation: it
// is [SearchCentre] for the one group, the target applying to every queue
// the group serves.
//
// It starts from Erlang A (or C) per interval, then repeats: evaluate the
// plan with Reps replications; add an agent where the interval misses
// (judged on the confidence interval's pessimistic bound, so that a plan is
// accepted only when chance is an unlikely explanation of its success);
// once every interval meets, take an agent away from every other interval
// that may have room, and give it back where that makes the interval miss.
// Intervals interact (a short interval leaves a queue for the next, and
// callbacks move work later), which is why the formulas' answer is only
// the start. s must be valid; it is not changed. MaxRounds evaluations
// without settling is an error, without a result (SearchCentre returns
// the best plan found).
func SearchStaffing(ctx context.Context, s *model.Scenario, opt StaffOptions) (*StaffResult, error) {
	if opt.MaxRounds <= 0 {
		opt.MaxRounds = 60
	}
	if opt.Group < 0 || opt.Group >= len(s.Agents) {
		return nil, fmt.Errorf("analysis: no agent group %d", opt.Group)
	}
	served := map[string]bool{}
	for _, p := range s.RoutingProfiles {
		if p.Name == s.Agents[opt.Group].Profile {
			for _, q := range p.Queues {
				served[q.Queue] = true
			}
		}
	}
	targets := make([]QueueTarget, len(s.Queues))
	for q := range s.Queues {
		if served[s.Queues[q].Name] {
			targets[q] = QueueTarget{ServiceLevel: opt.ServiceLevel, MaxAbandon: opt.MaxAbandon}
		}
	}
	res, err := SearchCentre(ctx, s, CentreOptions{Groups: []int{opt.Group}, Targets: targets, Reps: opt.Reps,
		Workers: opt.Workers, MaxAgents: opt.MaxAgents, MaxEvaluations: opt.MaxRounds, Progress: opt.Progress})
	if errors.Is(err, ErrBudget) {
		// The words it had when the search lived in package sim.
		return nil, fmt.Errorf("sim: staffing search did not settle in %d evaluations; raise the limit or the replications", opt.MaxRounds)
	}
	if err != nil {
		return nil, err
	}
	return res.Groups[0].Result, nil
}

func metricEstimate(ms []Metric, key string) (Estimate, bool) {
	m, ok := Find(ms, key)
	return m.Estimate, ok
}

func intervalName(start time.Time, off model.Duration) string {
	return start.Add(time.Duration(off) * time.Millisecond).Format("Mon 2006-01-02 15:04")
}
