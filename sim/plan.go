package sim

import (
	"slices"
	"time"

	"github.com/ccsim/ccsim/model"
)

// Plan is a scenario compiled for simulation: names resolved to indices,
// durations to milliseconds, routing tables built. It is read-only once
// built, so one Plan can run many replications, in parallel.
type Plan struct {
	s        *model.Scenario
	start    time.Time
	horizon  int64
	sl       int64
	queues   []queuePlan
	profiles []profilePlan
	groups   []groupPlan
	types    []typePlan
	script   []scriptPlan
}

type queuePlan struct {
	name    string
	maxSize int
	// profiles serving this queue, with their priority and delay for it.
	profiles []profileRef
	// delays lists the distinct positive routing delays on this queue;
	// a contact entering the queue schedules a routing check after each.
	delays []int64
}

type profileRef struct {
	profile  int32
	priority int32
	delay    int64
}

type profilePlan struct {
	// queues ordered by priority, then by their order in the profile.
	queues []profileQueue
}

type profileQueue struct {
	q        int32
	priority int32
	delay    int64
}

type groupPlan struct {
	name     string
	count    int
	profile  int32
	shifts   [][2]int64
	declineP float64
	lockout  int64
	decline  []int32 // script indices whose first offer is declined
}

type typePlan struct {
	name       string
	queue      int32
	perHour    float64
	talk, acw  model.Dist
	patience   model.Dist
	cb         *callbackPlan
	meanHandle float64 // ms, for the expected-wait estimate
}

type callbackPlan struct {
	queue        int32
	offerAfter   int64
	minEWT       int64
	accept       float64
	initialDelay int64
	retry        int64
	maxAttempts  int32
	expiry       int64
	keepPosition bool
	agentWhisper int64
	outWhisper   int64
	ringTimeout  int64
	busyAfter    int64
	dialCum      [5]float64 // cumulative probabilities in model.DialOutcomeList order
	ring         model.Dist
	voicemail    model.Dist
	talk, acw    model.Dist
}

type scriptPlan struct {
	id            string
	typ           int32
	at            int64
	callbackAfter int64 // -1: never takes a callback
	abandonAfter  int64 // -1: never abandons
	talk, acw     int64 // -1: drawn from the contact type
	dials         []model.ScriptDial
}

// Compile normalizes and validates s and builds its Plan. Invalid
// scenarios return the validation errors, which wrap [model.ErrInvalid].
// s itself is normalized in place.
func Compile(s *model.Scenario) (*Plan, error) {
	s.Normalize()
	if err := s.Validate(); err != nil {
		return nil, err
	}
	p := &Plan{
		s:       s,
		start:   s.Start,
		horizon: int64(s.Horizon),
		sl:      int64(s.ServiceLevel),
	}
	for _, q := range s.Queues {
		p.queues = append(p.queues, queuePlan{name: q.Name, maxSize: q.MaxSize})
	}
	for pi, rp := range s.RoutingProfiles {
		var pp profilePlan
		for _, pq := range rp.Queues {
			qi := int32(s.QueueIndex(pq.Queue))
			pp.queues = append(pp.queues, profileQueue{q: qi, priority: int32(pq.Priority), delay: int64(pq.Delay)})
			qp := &p.queues[qi]
			qp.profiles = append(qp.profiles, profileRef{profile: int32(pi), priority: int32(pq.Priority), delay: int64(pq.Delay)})
			if pq.Delay > 0 && !slices.Contains(qp.delays, int64(pq.Delay)) {
				qp.delays = append(qp.delays, int64(pq.Delay))
			}
		}
		slices.SortStableFunc(pp.queues, func(a, b profileQueue) int { return int(a.priority - b.priority) })
		p.profiles = append(p.profiles, pp)
	}
	for i := range p.queues {
		slices.Sort(p.queues[i].delays)
	}
	scriptIdx := map[string]int32{}
	for i, c := range s.Script {
		scriptIdx[c.ID] = int32(i)
	}
	for _, g := range s.Agents {
		gp := groupPlan{
			name:     g.Name,
			count:    g.Count,
			profile:  int32(s.ProfileIndex(g.Profile)),
			declineP: g.DeclineProbability,
			lockout:  int64(g.MissedLockout),
		}
		for _, sh := range g.Shifts {
			st, en := int64(sh.Start.Offset(s.Start)), int64(sh.End.Offset(s.Start))
			gp.shifts = append(gp.shifts, [2]int64{st, en})
		}
		for _, id := range g.Decline {
			gp.decline = append(gp.decline, scriptIdx[id])
		}
		p.groups = append(p.groups, gp)
	}
	for _, ct := range s.ContactTypes {
		tp := typePlan{
			name:       ct.Name,
			queue:      int32(s.QueueIndex(ct.Queue)),
			perHour:    ct.PerHour,
			talk:       ct.Talk,
			acw:        ct.ACW,
			patience:   ct.Patience,
			meanHandle: float64(ct.Talk.MeanValue() + ct.ACW.MeanValue()),
		}
		if cb := ct.Callback; cb != nil {
			cp := &callbackPlan{
				queue:        int32(s.QueueIndex(cb.Queue)),
				offerAfter:   int64(cb.OfferAfter),
				minEWT:       int64(cb.OfferMinExpectedWait),
				accept:       *cb.AcceptProbability,
				initialDelay: int64(cb.InitialDelay),
				retry:        int64(cb.RetryInterval),
				maxAttempts:  int32(cb.MaxRetries) + 1,
				expiry:       int64(cb.Expiry),
				keepPosition: cb.KeepPosition,
				agentWhisper: int64(cb.AgentWhisper),
				outWhisper:   int64(cb.OutboundWhisper),
				ringTimeout:  int64(cb.RingTimeout),
				busyAfter:    int64(cb.BusyAfter),
				ring:         cb.RingTime,
				voicemail:    cb.VoicemailTime,
				talk:         cb.Talk,
				acw:          cb.ACW,
			}
			d := cb.Dial
			cum := 0.0
			for i, v := range []float64{d.Answer, d.NoAnswer, d.Busy, d.Voicemail, d.Invalid} {
				cum += v
				cp.dialCum[i] = cum
			}
			cp.dialCum[4] = 1 // guard against rounding: the last bucket catches all
			tp.cb = cp
		}
		p.types = append(p.types, tp)
	}
	for _, c := range s.Script {
		sp := scriptPlan{
			id:            c.ID,
			typ:           int32(s.TypeIndex(c.Type)),
			at:            int64(c.At.Offset(s.Start)),
			callbackAfter: optMs(c.CallbackAfter),
			abandonAfter:  optMs(c.AbandonAfter),
			talk:          optMs(c.Talk),
			acw:           optMs(c.ACW),
			dials:         c.Dials,
		}
		p.script = append(p.script, sp)
	}
	return p, nil
}

// Scenario returns the normalized scenario the plan was built from.
func (p *Plan) Scenario() *model.Scenario { return p.s }

func optMs(d *model.Duration) int64 {
	if d == nil {
		return -1
	}
	return int64(*d)
}
