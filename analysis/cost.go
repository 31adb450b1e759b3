package analysis

import (
	"errors"
	"fmt"
	"strings"
	"unsafe"

	"github.com/ccsim/ccsim/sim"
)

// ErrTooCostly is wrapped by the error of a run refused for its cost
// ([Cost.Within]): a run that would not finish, or not fit in memory, is
// refused before it starts rather than killed by the system.
var ErrTooCostly = errors.New("refused for its cost")

// Cost is what a run of simulations is expected to cost, estimated from
// the compiled plans before anything runs ([EstimateCost]).
type Cost struct {
	// Variants and Simulations (variants x replications, or the items
	// of one shard) are what runs.
	Variants, Simulations int
	// Contacts is the expected number of contacts offered over all the
	// simulations; PerSimulation the most one simulation offers.
	Contacts, PerSimulation float64
	// Agents is the most agents of one variant.
	Agents int
	// Memory is the estimated peak memory in bytes: the replications
	// running at once, and the results of all of them until they are
	// summarized.
	Memory float64
}

// Budget bounds what a run may cost; a zero field is no bound.
type Budget struct {
	// MaxContacts bounds the contacts offered over all simulations,
	// that is the run's time: ccsim simulates about a million contacts
	// per second per core.
	MaxContacts float64
	// MaxMemory bounds the estimated memory, in bytes.
	MaxMemory float64
}

// DefaultBudget is the budget commands apply unless told otherwise. A
// year of the planning-week scenario with 20 replications offers 8.8
// million contacts and needs about 45 MB: the budget is a hundred times
// that in contacts (minutes of work) and what a laptop spares in memory.
var DefaultBudget = Budget{MaxContacts: 1e9, MaxMemory: 4 << 30}

// EstimateCost estimates the cost of running sims simulations spread
// over plans (variants), workers at once (at least 1).
func EstimateCost(plans []*sim.Plan, sims, workers int) Cost {
	return estimate(plans, sims, workers, false)
}

// EstimateSweepCost estimates the cost of a [Sweep] of sims simulations
// spread over plans, workers at once. It offers what EstimateCost says,
// but holds far less: a sweep hands each replication's buckets back as
// soon as it ends, keeping its totals, histograms and digest, and only
// until its variant is summarised; the items run variant by variant, so
// at most a variant's replications and one per worker are held at once.
// What stays to the end is each variant's summary without intervals and
// its metrics' values per replication. (Estimated with EstimateCost's
// memory, a sweep of a thousand variants of a week would be refused for
// tens of gigabytes it never needs; 101 variants x 20 replications of
// the planning week peak at 53 MB resident.)
func EstimateSweepCost(plans []*sim.Plan, sims, workers int) Cost {
	return estimate(plans, sims, workers, true)
}

// estimate is EstimateCost, or with sweep EstimateSweepCost: one pass over
// the plans' footprints.
func estimate(plans []*sim.Plan, sims, workers int, sweep bool) Cost {
	c := Cost{Variants: len(plans), Simulations: sims}
	if len(plans) == 0 || sims <= 0 {
		return c
	}
	var engine, result, kept, variant, contacts float64
	reps := (sims + len(plans) - 1) / len(plans)
	for _, p := range plans {
		f := p.Footprint()
		c.PerSimulation = max(c.PerSimulation, f.Contacts)
		c.Agents = max(c.Agents, f.Agents)
		engine, result = max(engine, f.Engine), max(result, f.Result)
		contacts += f.Contacts
		// The digest: an open flag per queue and interval, the longest
		// wait per queue, agent time per group and interval.
		digest := float64(f.Queues*(f.Intervals+8) + f.Groups*8*f.Intervals)
		kept = max(kept, f.Totals+digest)
		// A summary without intervals (every metric overall, per queue
		// and per group) and the values per replication of the
		// comparison's metrics, overall and per queue.
		variant = max(variant, float64((1+f.Queues+f.Groups)*len(allDefs))*float64(unsafe.Sizeof(Metric{}))+
			float64((1+f.Queues)*len(metricDefs)*reps*8))
	}
	// Each plan runs sims/len(plans) times.
	c.Contacts = contacts * float64(sims) / float64(len(plans))
	running := min(max(workers, 1), sims)
	if sweep {
		held := min(sims, reps+running)
		c.Memory = float64(running)*engine + float64(held)*kept + float64(len(plans))*variant
	} else {
		// A summary holds about as much again as the results it reads.
		c.Memory = float64(running)*engine + 2*float64(sims)*result
	}
	return c
}

// CostError is a run refused because its estimated cost is over budget.
type CostError struct {
	Cost   Cost
	Budget Budget
	// Over lists what is over budget: "contacts", "memory".
	Over []string
}

func (e *CostError) Error() string {
	c := e.Cost
	sims := "simulations"
	if c.Simulations == 1 {
		sims = "simulation"
	}
	var budget []string
	for _, o := range e.Over {
		switch o {
		case "contacts":
			budget = append(budget, Count(e.Budget.MaxContacts)+" contacts")
		case "memory":
			budget = append(budget, Bytes(e.Budget.MaxMemory)+" of memory")
		}
	}
	return fmt.Sprintf("%s: about %s contacts over %d %s (%s in the largest, with %d agents), needing about %s of memory; the budget is %s",
		ErrTooCostly, Count(c.Contacts), c.Simulations, sims, Count(c.PerSimulation), c.Agents, Bytes(c.Memory), strings.Join(budget, " and "))
}

func (e *CostError) Unwrap() error { return ErrTooCostly }

// Within returns nil when c is within budget b, else a [*CostError].
func (c Cost) Within(b Budget) error {
	var over []string
	if b.MaxContacts > 0 && !(c.Contacts <= b.MaxContacts) {
		over = append(over, "contacts")
	}
	if b.MaxMemory > 0 && !(c.Memory <= b.MaxMemory) {
		over = append(over, "memory")
	}
	if len(over) == 0 {
		return nil
	}
	return &CostError{Cost: c, Budget: b, Over: over}
}

// Count formats a number of contacts for people: 8457, 8.8 million,
// 3.6 billion, 1e+12.
func Count(n float64) string {
	switch {
	case n < 1e6:
		return fmt.Sprintf("%.0f", n)
	case n < 999.5e6:
		return fmt.Sprintf("%.3g million", n/1e6)
	case n < 999.5e9:
		return fmt.Sprintf("%.3g billion", n/1e9)
	}
	return fmt.Sprintf("%.2g", n)
}

// Bytes formats a size in bytes with binary units: 45 MiB, 3.2 GiB.
func Bytes(n float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	i := 0
	for n >= 1024 && i < len(units)-1 {
		n /= 1024
		i++
	}
	if i == 0 || n >= 10 {
		return fmt.Sprintf("%.0f %s", n, units[i])
	}
	return fmt.Sprintf("%.1f %s", n, units[i])
}
