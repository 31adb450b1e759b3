package analysis

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
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
	Key   string
	Op    string
	Value float64
}

// String writes the constraint as [ParseConstraint] reads it,
// "abandon_rate<=5".
func (c Constraint) String() string {
	return c.Key + c.Op + strconv.FormatFloat(c.Value, 'g', -1, 64)
}

// ParseConstraint reads "metric<=value" or "metric>=value", e.g.
// "cb_attempts_per_handled<=1.5". Percent metrics take percent values
// ("abandon_rate<=5").
func ParseConstraint(s string) (Constraint, error) {
	for _, op := range []string{"<=", ">="} {
		if k, v, ok := strings.Cut(s, op); ok {
			x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || strings.TrimSpace(k) == "" {
				break
			}
			return Constraint{Key: strings.TrimSpace(k), Op: op, Value: x}, nil
		}
	}
	return Constraint{}, fmt.Errorf("constraint %q: want METRIC<=VALUE or METRIC>=VALUE, e.g. cb_attempts_per_handled<=1.5", s)
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
	Rank      int // 0 for a variant that breaks a constraint
	Variant   string
	Objective Estimate
	// Broken lists the constraints the variant does not meet (judged on
	// the pessimistic end of the confidence interval).
	Broken []string
}

// Rank orders the variants that meet every constraint by the objective's
// mean (best first); those that break one follow, unranked. A constraint
// counts as met only when the whole confidence interval meets it.
func Rank(c *Comparison, o Objective) []RankRow {
	var rows []RankRow
	for _, v := range c.Variants {
		m, ok := v.Summary.Lookup(o.Key)
		if !ok {
			m.Mean = math.NaN()
		}
		row := RankRow{Variant: v.Name, Objective: m.Estimate}
		for _, k := range o.Constraints {
			cm, ok := v.Summary.Lookup(k.Key)
			if !ok {
				cm.Mean = math.NaN() // a queue this variant lacks breaks it
			}
			lo, hi := cm.Bounds()
			if math.IsNaN(cm.Mean) || (k.Op == "<=" && hi > k.Value) || (k.Op == ">=" && lo < k.Value) {
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
	for i := range rows {
		if len(rows[i].Broken) == 0 {
			rows[i].Rank = i + 1
		}
	}
	return rows
}
