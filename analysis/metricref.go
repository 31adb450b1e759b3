package analysis

import (
	"fmt"
	"slices"
	"strings"
)

// MetricRef names a metric an objective or a constraint is about: a key
// over all queues together ("service_level"), or the same metric of one
// queue ("service_level[Support]"). A queue's metrics are those of
// [QueueSummary]: every metric but the agents' (occupancy, agents logged
// in, contacts handled), which belong to agent groups, not queues.
type MetricRef struct {
	Key string
	// Queue is the queue's name, "" for all queues together.
	Queue string
}

// ParseMetricRef reads "KEY" or "KEY[QUEUE]". It checks the form only;
// [CheckObjective] checks the key and [CheckQueues] the queue.
func ParseMetricRef(s string) (MetricRef, error) {
	s = strings.TrimSpace(s)
	open := strings.IndexByte(s, '[')
	if open < 0 {
		if strings.ContainsRune(s, ']') {
			return MetricRef{}, fmt.Errorf("metric %q: a ']' without '[': write METRIC[QUEUE], e.g. service_level[Support]", s)
		}
		return MetricRef{Key: s}, nil
	}
	key, queue := strings.TrimSpace(s[:open]), s[open+1:]
	if !strings.HasSuffix(queue, "]") {
		return MetricRef{}, fmt.Errorf("metric %q: the queue is not closed by ']': write METRIC[QUEUE], e.g. service_level[Support]", s)
	}
	queue = strings.TrimSpace(strings.TrimSuffix(queue, "]"))
	if key == "" || queue == "" {
		return MetricRef{}, fmt.Errorf("metric %q: want METRIC[QUEUE] with both, e.g. service_level[Support]", s)
	}
	return MetricRef{Key: key, Queue: queue}, nil
}

// String writes r as [ParseMetricRef] reads it.
func (r MetricRef) String() string {
	if r.Queue == "" {
		return r.Key
	}
	return r.Key + "[" + r.Queue + "]"
}

// Lookup returns the metric name refers to ("asa", "asa[Support]"): an
// overall metric, or one of a queue's.
func (s *Summary) Lookup(name string) (Metric, bool) {
	r, err := ParseMetricRef(name)
	if err != nil {
		return Metric{}, false
	}
	if r.Queue == "" {
		return Find(s.Overall, r.Key)
	}
	for _, q := range s.Queues {
		if q.Name == r.Queue {
			return Find(q.Metrics, r.Key)
		}
	}
	return Metric{}, false
}

// queueMetricKeys lists the metrics kept per queue, in report order.
func queueMetricKeys() []string {
	var keys []string
	for _, d := range metricDefs {
		if !d.needsAgents {
			keys = append(keys, d.key)
		}
	}
	return keys
}

// names lists the metric names o uses: its objective, then each
// constraint's.
func (o Objective) names() []string {
	out := []string{o.Key}
	for _, c := range o.Constraints {
		out = append(out, c.Key)
	}
	return out
}

// QueueRefs returns the per-queue metrics o names, each once, in the
// order named: what a comparison shows beside its overall metrics.
func (o Objective) QueueRefs() []MetricRef {
	var out []MetricRef
	for _, n := range o.names() {
		if r, err := ParseMetricRef(n); err == nil && r.Queue != "" && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// CheckQueues returns an error, naming the scenario's queues, if o names
// the metric of a queue the scenario does not have. It is checked once
// the scenario is loaded (the flags are checked before).
func CheckQueues(o Objective, queues []string) error {
	for _, r := range o.QueueRefs() {
		if !slices.Contains(queues, r.Queue) {
			hint := ""
			for _, q := range queues {
				if strings.EqualFold(q, r.Queue) {
					hint = fmt.Sprintf(" (queue names are case-sensitive: did you mean %s[%s]?)", r.Key, q)
				}
			}
			return fmt.Errorf("%s: unknown queue %q%s; the scenario's queues: %s", r, r.Queue, hint, strings.Join(queues, ", "))
		}
	}
	return nil
}
