package analysis

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/ccsim/ccsim/model"
)

// Objective ranks variants: the metric to maximise or minimise, and
// constraints every ranked variant must meet. Key and each constraint's
// Key name a metric over all queues ("service_level") or of one queue
// ("service_level[Support]"; see [MetricRef]).
type Objective struct {
	Key         string
	Maximize    bool
	Constraints []Constraint
}

// Constraint bounds a metric: Key Op Value, Op "<=" or ">=".
type Constraint struct {
	Key string
	Op  string
	// Value is in the unit the metric is shown in: percent for a
	// percentage ("abandon_rate<=5%" and "<=0.05" are both 5).
	Value float64
	// Percent marks a bound on a percentage, written back with its sign.
	Percent bool
}

// String writes the constraint as [ParseConstraint] reads it,
// "abandon_rate<=5%".
func (c Constraint) String() string {
	v := strconv.FormatFloat(c.Value, 'g', -1, 64)
	if c.Percent {
		v += "%"
	}
	return c.Key + c.Op + v
}

// ParseConstraint reads "metric<=value" or "metric>=value", e.g.
// "cb_attempts_per_handled<=1.5". The value is read in the unit the metric
// is shown in (see [ConstraintValue]): a percentage takes a share as every
// ccsim input does, "abandon_rate<=5%" or "abandon_rate<=0.05".
func ParseConstraint(s string) (Constraint, error) {
	for _, op := range []string{"<=", ">="} {
		if k, v, ok := strings.Cut(s, op); ok {
			k = strings.TrimSpace(k)
			if k == "" {
				break
			}
			x, pct, err := ConstraintValue(k, v)
			if err != nil {
				return Constraint{}, fmt.Errorf("constraint %q: %w", s, err)
			}
			return Constraint{Key: k, Op: op, Value: x, Percent: pct}, nil
		}
	}
	return Constraint{}, fmt.Errorf("constraint %q: want METRIC<=VALUE or METRIC>=VALUE, e.g. abandon_rate<=5%% or cb_attempts_per_handled<=1.5", s)
}

// ConstraintValue reads the bound of a constraint on the metric key, in
// the unit the metric is shown in. A metric shown in percent takes a share
// as [model.ParseFraction] reads it, 5% or 0.05, and returns it in percent
// (5, pct true): a bare 5 is refused with 5% suggested, because reading it
// as 0.05 % once made every variant of a sweep break the constraint. Any
// other metric takes a plain number, and refuses a % sign. An unknown
// metric takes a number too; [CheckObjective] reports its name.
func ConstraintValue(key, text string) (v float64, pct bool, err error) {
	t := strings.TrimSpace(text)
	unit, known := metricUnit(key)
	if unit == "%" {
		f, err := model.ParseFraction(t)
		if err != nil {
			return 0, false, fmt.Errorf("%s is a percentage: %w", key, err)
		}
		// 0.07 x 100 is 7.000000000000001 in binary: keep the digits
		// the planner wrote.
		x, _ := strconv.ParseFloat(strconv.FormatFloat(100*f, 'g', 12, 64), 64)
		return x, true, nil
	}
	num, hasPct := strings.CutSuffix(t, "%")
	if hasPct && known {
		what := "a number"
		if unit != "" {
			what = "a number of " + unitWords(unit)
		}
		return 0, false, fmt.Errorf("%s is not a percentage: write %s, e.g. %s%s%s", key, what, key, "<=", strings.TrimSpace(num))
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false, fmt.Errorf("%q is not a number", strings.TrimSpace(text))
	}
	return x, false, nil
}

// metricUnit returns the unit of the metric key ("%", "s", ...), and
// whether the metric is known. A per-queue name, "service_level[Support]",
// has its metric's unit.
func metricUnit(key string) (string, bool) {
	base, _, _ := strings.Cut(key, "[")
	for _, d := range metricDefs {
		if d.key == base {
			return d.unit, true
		}
	}
	return "", false
}

// unitWords says a unit in words for messages.
func unitWords(unit string) string {
	switch unit {
	case "s":
		return "seconds"
	case "h":
		return "hours"
	}
	return unit
}

// CheckObjective returns an error, listing the known metrics, if o names
// a metric [Summarize] does not compute: a misspelt key would otherwise
// rank every variant on an undefined value, after the whole sweep has run.
// A metric of one queue (service_level[Support]) must be one kept per
// queue; whether the queue exists is [CheckQueues]' part.
func CheckObjective(o Objective) error {
	known := metricKeys()
	for _, n := range o.names() {
		r, err := ParseMetricRef(n)
		if err != nil {
			return err
		}
		if !slices.Contains(known, r.Key) {
			return fmt.Errorf("unknown metric %q (known: %s; any of them but %s also per queue, as METRIC[QUEUE])",
				r.Key, strings.Join(known, ", "), strings.Join(agentKeys(), ", "))
		}
		if r.Queue != "" && !slices.Contains(queueMetricKeys(), r.Key) {
			return fmt.Errorf("%s: %s is an agent metric, kept per agent group, not per queue (agents serve several queues); use %s over all queues",
				r, r.Key, r.Key)
		}
	}
	return nil
}

// agentKeys lists the metrics kept for agents, not queues.
func agentKeys() []string {
	var keys []string
	for _, d := range metricDefs {
		if d.needsAgents {
			keys = append(keys, d.key)
		}
	}
	return keys
}

// RankRow is one variant in the ranking.
type RankRow struct {
	// Rank is 0 for a variant that breaks a constraint. Tied variants
	// share the rank of the first of them, and the next rank skips as
	// many places (1, 1, 3: "standard competition" ranking).
	Rank int
	// Tied marks a variant that shares its rank: the paired difference
	// of its objective from the first variant of that rank is not
	// significant (its interval, at the comparison's simultaneous level
	// [Comparison.Confidence], includes zero), so the order between them
	// may be chance.
	Tied      bool
	Variant   string
	Objective Estimate
	// index is the variant's position in the comparison.
	index int
	// Broken lists the constraints the variant does not meet, judged on
	// the unfavourable bound of the metric's interval at
	// [Comparison.ConstraintConfidence].
	Broken []string
}

// ConstraintConfidence is the level of the interval on which each
// constraint is judged for each variant: [SimultaneousConfidence] of the
// k variants the ranking checks, all of them, baseline included. The
// family is per constraint: its k intervals, one per variant, cover their
// true means all together with probability at least [Confidence] (95 %),
// and then none of the k variants is wrongly said to meet it. A false
// "meets" needs the interval to miss on its favourable side, so the
// chance of any among the k is at most 2.5 %.
//
// Several constraints are not adjusted for one another: a variant counts
// as feasible only when it meets every constraint, and one that truly
// breaks some constraint passes only if that constraint, one decision,
// passes wrongly (Berger's intersection-union test needs no adjustment
// over its parts). Over the k variants that is at most k such decisions,
// each wrong with probability at most 2.5 %/k: the chance that any
// infeasible variant is ranked as feasible stays at most 2.5 % whatever
// the number of constraints. With a single variant (k = 1) the level is
// 95 %, each estimate's own interval.
func (c *Comparison) ConstraintConfidence() float64 {
	return SimultaneousConfidence(len(c.Variants))
}

// Meets reports whether the estimate e meets constraint k on its
// interval at level conf: the upper bound for "<=", the lower for ">=".
// An undefined estimate breaks every constraint; one without an interval
// (one replication) is judged on its mean.
func (k Constraint) Meets(e Estimate, conf float64) bool {
	if math.IsNaN(e.Mean) {
		return false
	}
	lo, hi := e.AtConfidence(conf).Bounds()
	if k.Op == "<=" {
		return hi <= k.Value
	}
	return lo >= k.Value
}

// Rank orders the variants that meet every constraint by the objective's
// mean (best first); those that break one follow, unranked. A constraint
// counts as met only when the whole interval, at
// [Comparison.ConstraintConfidence], meets it.
func Rank(c *Comparison, o Objective) []RankRow {
	var rows []RankRow
	conf := c.ConstraintConfidence()
	for i, v := range c.Variants {
		m, ok := v.Summary.Lookup(o.Key)
		if !ok {
			m.Mean = math.NaN()
		}
		row := RankRow{Variant: v.Name, Objective: m.Estimate, index: i}
		for _, k := range o.Constraints {
			cm, ok := v.Summary.Lookup(k.Key)
			if !ok {
				cm.Mean = math.NaN() // a queue this variant lacks breaks it
			}
			if !k.Meets(cm.Estimate, conf) {
				row.Broken = append(row.Broken, k.String())
			}
		}
		rows = append(rows, row)
	}
	better := func(a, b float64) bool {
		switch {
		case math.IsNaN(a):
			return false
		case math.IsNaN(b):
			return true
		case o.Maximize:
			return a > b
		}
		return a < b
	}
	sort.SliceStable(rows, func(i, j int) bool {
		fi, fj := len(rows[i].Broken) == 0, len(rows[j].Broken) == 0
		if fi != fj {
			return fi
		}
		return better(rows[i].Objective.Mean, rows[j].Objective.Mean)
	})
	lead := -1 // the first row of the current rank
	for i := range rows {
		if len(rows[i].Broken) > 0 {
			continue
		}
		if lead >= 0 && tied(c, o.Key, rows[lead], rows[i]) {
			rows[i].Rank = rows[lead].Rank
			rows[i].Tied, rows[lead].Tied = true, true
			continue
		}
		rows[i].Rank, lead = i+1, i
	}
	return rows
}

// tied reports whether b, ranked after a, ties with it: the paired
// difference of the objective between them, replication by replication on
// the same callers, has an interval that includes zero. The interval is at
// [Comparison.Confidence], Bonferroni over k-1 comparisons: Rank makes at
// most one tie decision per ranked variant after the first, each a
// comparison with the lead of a rank, so at most k-1 of them, and at
// 1 - 0.05/(k-1) each they are all right together with probability at
// least 95 % (a lead chosen from the data makes this the family of Hsu's
// comparisons with the best, which k-1 comparisons also bound, rather
// than all k(k-1)/2 pairs). Without an
// interval (one replication, or a comparison built without the
// replications' values) only equal means tie; so do two undefined ones.
func tied(c *Comparison, key string, a, b RankRow) bool {
	ma, mb := a.Objective.Mean, b.Objective.Mean
	if math.IsNaN(ma) || math.IsNaN(mb) {
		return math.IsNaN(ma) && math.IsNaN(mb)
	}
	d, ok := c.PairedDiff(b.index, a.index, key)
	if !ok || d.Paired.N < 2 || math.IsNaN(d.Paired.HalfWidth) {
		return ma == mb
	}
	return !d.Significant
}
