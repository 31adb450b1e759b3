package reports

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/ccsim/ccsim/analysis"
	"io"
	"math"
	"strings"
	"time"

	"github.com/ccsim/ccsim/sim"
)

// SummaryFormat names the version of the [SummaryDoc] schema. It changes
// when a key is removed or changes meaning; adding keys does not change it.
const SummaryFormat = "ccsim.summary/v1"

// SummaryDoc is the JSON document of a set of replications, written by
// [WriteSummaryJSON]. Its shape, with every key always present and in this
// order:
//
//	{
//	  "format": "ccsim.summary/v1",
//	  "scenario": "planning-week",
//	  "settings": {
//	    "seed": 1, "replications": 10,
//	    "start": "2024-06-03T00:00:00Z",       // simulated time zero, UTC
//	    "horizon_seconds": 604800, "warmup_seconds": 0,
//	    "interval_seconds": 1800, "cycle_seconds": 604800,
//	    "service_level_seconds": 20,          // the threshold X of SL(X)
//	    "service_level_name": "connect",      // or "answered", "answered_excl_short"
//	    "service_level_definition": "Amazon Connect definition: ...",
//	    "short_abandon_seconds": 5,
//	    "confidence": 0.95
//	  },
//	  "overall": METRICS,                     // all queues together
//	  "targets": [                            // the scenario's goals, judged (none: [])
//	    {"metric": "service_level", "goal": 80, "unit": "%", "status": "met"}, ...
//	  ],
//	  "queues": [                             // scenario order
//	    {"name": "Inbound", "metrics": METRICS, "intervals": [INTERVAL, ...]}, ...
//	  ],
//	  "agents": [{"name": "agent", "agents": 26, "metrics": METRICS}, ...],
//	  "intervals": [INTERVAL, ...],           // every interval of the cycle, all queues
//	  "waits": {                              // answered inbound waits, every replication
//	    "answered": 16528,
//	    "buckets": [{"label": "no wait", "from_seconds": 0, "to_seconds": 0,
//	                 "count": 13190, "percent": 79.8}, ..., {"label": "10+ min", ..., "to_seconds": null}]
//	  },
//	  "slots": [                              // caller-scheduled callback slots (none: [])
//	    {"queue": "Callbacks", "replications": 10, "hours": [
//	      {"hour_of_week": 9, "label": "Mon 09:00", "capacity": 10, "booked": 7.5, "utilisation": 75}, ...]}
//	  ],
//	  "checks": [...], "checks_failed": 0     // documented checks, as in ccsim.run/v1
//	}
//
// INTERVAL is {"start": "2024-06-03T00:00:00Z", "offset_seconds": 0,
// "label": "Mon 00:00", "metrics": METRICS}: Start is the interval's
// wall-clock start in the first cycle. METRICS is an object keyed by metric
// key, in the order ccsim reports them ("offered", "handled", ...,
// "service_level", ..., "cb_requested", ...; an interval, a queue's
// interval and an agent group have a subset), each value:
//
//	{"name": "service level", "unit": "%", "mean": 88.0, "ci_low": 87.6,
//	 "ci_high": 88.4, "half_width": 0.4, "sd": 0.56, "n": 10}
//
// Values are in the metric's unit: "%" is a percentage (0 to 100), "s"
// seconds, "h" hours, "contacts" a count per replication;
// agents_logged_in is an average over the open hours, in_queue and
// scheduled over the whole run. Closed intervals are left out of the
// interval lists (see [analysis.IntervalSummary]). mean is the mean over the n
// replications in which the metric is defined; ci_low and ci_high bound
// its confidence interval at the settings' confidence (Student t),
// half_width is half its width and sd the standard deviation across
// replications. Numbers are rounded to 6 decimals. A number that is not
// defined is null: the interval with fewer than two replications, the
// mean of a rate whose denominator was zero in every replication.
//
// A target's status is "met" when the whole confidence interval is on the
// goal's side, "missed" when it is wholly on the other side and "unsure"
// otherwise. Slot capacity and bookings are means per replication.
type SummaryDoc struct {
	Format    string               `json:"format"`
	Scenario  string               `json:"scenario"`
	Settings  SettingsDoc          `json:"settings"`
	Overall   MetricsDoc           `json:"overall"`
	Targets   []TargetDoc          `json:"targets"`
	Queues    []QueueMetricsDoc    `json:"queues"`
	Agents    []AgentMetricsDoc    `json:"agents"`
	Intervals []IntervalMetricsDoc `json:"intervals"`
	Waits     WaitsDoc             `json:"waits"`
	Slots     []SlotQueueDoc       `json:"slots"`
	Checks    []CheckDoc           `json:"checks"`
	// ChecksFailed counts the checks that did not match.
	ChecksFailed int `json:"checks_failed"`
}

// TargetDoc is one of the scenario's goals judged against the overall
// estimate of its metric.
type TargetDoc struct {
	Metric string  `json:"metric"`
	Goal   float64 `json:"goal"`
	Unit   string  `json:"unit"`
	Status string  `json:"status"`
}

// AgentMetricsDoc is the metrics of one agent group; Agents is its size.
type AgentMetricsDoc struct {
	Name    string     `json:"name"`
	Agents  int        `json:"agents"`
	Metrics MetricsDoc `json:"metrics"`
}

// WaitsDoc is the distribution of the waits of answered inbound
// contacts, pooled over the replications, in the buckets of
// [WaitBuckets]. ToSeconds is null for the last, open bucket; Percent
// is null when nothing was answered.
type WaitsDoc struct {
	Answered int64           `json:"answered"`
	Buckets  []WaitBucketDoc `json:"buckets"`
}

// WaitBucketDoc is one bucket of a [WaitsDoc].
type WaitBucketDoc struct {
	Label       string   `json:"label"`
	FromSeconds float64  `json:"from_seconds"`
	ToSeconds   *float64 `json:"to_seconds"`
	Count       int64    `json:"count"`
	Percent     *float64 `json:"percent"`
}

// SlotQueueDoc is a [analysis.SlotQueue]: the caller-scheduled slots of one
// working queue per hour of the week with capacity.
type SlotQueueDoc struct {
	Queue        string        `json:"queue"`
	Replications int           `json:"replications"`
	Hours        []SlotHourDoc `json:"hours"`
}

// SlotHourDoc is one hour of a [SlotQueueDoc]; Utilisation is a
// percentage.
type SlotHourDoc struct {
	HourOfWeek  int      `json:"hour_of_week"`
	Label       string   `json:"label"`
	Capacity    float64  `json:"capacity"`
	Booked      float64  `json:"booked"`
	Utilisation *float64 `json:"utilisation"`
}

// SettingsDoc holds the settings a [SummaryDoc] was produced with.
type SettingsDoc struct {
	Seed                   uint64  `json:"seed"`
	Replications           int     `json:"replications"`
	Start                  string  `json:"start"`
	HorizonSeconds         float64 `json:"horizon_seconds"`
	WarmupSeconds          float64 `json:"warmup_seconds"`
	IntervalSeconds        float64 `json:"interval_seconds"`
	CycleSeconds           float64 `json:"cycle_seconds"`
	ServiceLevelSeconds    float64 `json:"service_level_seconds"`
	ServiceLevelName       string  `json:"service_level_name"`
	ServiceLevelDefinition string  `json:"service_level_definition"`
	ShortAbandonSeconds    float64 `json:"short_abandon_seconds"`
	Confidence             float64 `json:"confidence"`
}

// QueueMetricsDoc is the metrics of one queue, overall and per interval
// of the cycle.
type QueueMetricsDoc struct {
	Name      string               `json:"name"`
	Metrics   MetricsDoc           `json:"metrics"`
	Intervals []IntervalMetricsDoc `json:"intervals"`
}

// IntervalMetricsDoc is the metrics of one interval of the cycle: Start is
// its wall-clock start (RFC 3339, UTC) in the first cycle, OffsetSeconds
// the same as an offset from the scenario start, Label as in the tables.
type IntervalMetricsDoc struct {
	Start         string     `json:"start"`
	OffsetSeconds float64    `json:"offset_seconds"`
	Label         string     `json:"label"`
	Metrics       MetricsDoc `json:"metrics"`
}

// MetricDoc is one metric's estimate. Key is the key of the object that
// holds it.
type MetricDoc struct {
	Key       string   `json:"-"`
	Name      string   `json:"name"`
	Unit      string   `json:"unit"`
	Mean      *float64 `json:"mean"`
	CILow     *float64 `json:"ci_low"`
	CIHigh    *float64 `json:"ci_high"`
	HalfWidth *float64 `json:"half_width"`
	SD        *float64 `json:"sd"`
	N         int      `json:"n"`
}

// MetricsDoc is a list of metrics written as a JSON object keyed by
// metric key, in list order.
type MetricsDoc []MetricDoc

// MarshalJSON writes the metrics as an object, in order.
func (ms MetricsDoc) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range ms {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(m.Key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads an object of metrics, keeping their order.
func (ms *MetricsDoc) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return errors.New("reports: metrics: want a JSON object")
	}
	var out MetricsDoc
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, ok := tok.(string)
		if !ok {
			return fmt.Errorf("reports: metrics: want a key, got %v", tok)
		}
		m := MetricDoc{}
		if err := dec.Decode(&m); err != nil {
			return fmt.Errorf("reports: metric %q: %w", key, err)
		}
		m.Key = key
		out = append(out, m)
	}
	*ms = out
	return nil
}

// Find returns the metric with the given key.
func (ms MetricsDoc) Find(key string) (MetricDoc, bool) {
	for _, m := range ms {
		if m.Key == key {
			return m, true
		}
	}
	return MetricDoc{}, false
}

// NewSummaryDoc builds the JSON document of sum; start is the scenario's
// start, checks the documented checks (if any) of its first replication,
// slots the caller-scheduled slots of the replications ([analysis.SumSlots]).
func NewSummaryDoc(sum *analysis.Summary, start time.Time, checks []analysis.CheckRow, slots []analysis.SlotQueue) SummaryDoc {
	d := SummaryDoc{
		Format:   SummaryFormat,
		Scenario: sum.Scenario,
		Settings: SettingsDoc{
			Seed:                   sum.Seed,
			Replications:           sum.Reps,
			Start:                  FormatTimestamp(start),
			HorizonSeconds:         seconds(int64(sum.Horizon)),
			WarmupSeconds:          seconds(int64(sum.Warmup)),
			IntervalSeconds:        seconds(int64(sum.Interval)),
			CycleSeconds:           seconds(int64(sum.Cycle)),
			ServiceLevelSeconds:    seconds(int64(sum.ServiceLevel)),
			ServiceLevelName:       slName(sum.SLDefinition),
			ServiceLevelDefinition: ServiceLevelDefinition(sum.SLDefinition, sum.ServiceLevel, sum.ShortAbandon),
			ShortAbandonSeconds:    seconds(int64(sum.ShortAbandon)),
			Confidence:             analysis.Confidence,
		},
		Overall:      metricsDoc(sum.Overall),
		Targets:      []TargetDoc{},
		Queues:       []QueueMetricsDoc{},
		Agents:       []AgentMetricsDoc{},
		Intervals:    intervalsDoc(sum, sum.Intervals, start),
		Waits:        waitsDoc(sum.Waits),
		Slots:        []SlotQueueDoc{},
		Checks:       []CheckDoc{},
		ChecksFailed: analysis.Failed(checks),
	}
	for _, m := range sum.Overall {
		if goal, status := sum.TargetStatus(m); status != analysis.TargetNone {
			d.Targets = append(d.Targets, TargetDoc{Metric: m.Key, Goal: *round6(goal), Unit: m.Unit, Status: status})
		}
	}
	for _, q := range sum.Queues {
		d.Queues = append(d.Queues, QueueMetricsDoc{Name: q.Name, Metrics: metricsDoc(q.Metrics),
			Intervals: intervalsDoc(sum, q.Intervals, start)})
	}
	for _, g := range sum.Agents {
		d.Agents = append(d.Agents, AgentMetricsDoc{Name: g.Name, Agents: g.Agents, Metrics: metricsDoc(g.Metrics)})
	}
	for _, q := range slots {
		sd := SlotQueueDoc{Queue: q.Queue, Replications: q.Reps, Hours: []SlotHourDoc{}}
		for _, h := range q.Hours {
			sd.Hours = append(sd.Hours, SlotHourDoc{HourOfWeek: h.Hour, Label: slotLabel(h, start),
				Capacity: *round6(h.Capacity), Booked: *round6(h.Booked), Utilisation: round6(slotPercent(h))})
		}
		d.Slots = append(d.Slots, sd)
	}
	for _, c := range checks {
		d.Checks = append(d.Checks, CheckDoc(c))
	}
	return d
}

// intervalsDoc is the document of the intervals of a cycle.
func intervalsDoc(sum *analysis.Summary, ivs []analysis.IntervalSummary, start time.Time) []IntervalMetricsDoc {
	out := make([]IntervalMetricsDoc, 0, len(ivs))
	for _, iv := range ivs {
		if !iv.Open {
			continue // closed: left out, as in the tables and CSV files
		}
		out = append(out, IntervalMetricsDoc{
			Start:         FormatTimestamp(start.Add(time.Duration(iv.Start) * time.Millisecond)),
			OffsetSeconds: seconds(int64(iv.Start)),
			Label:         intervalLabel(sum, iv),
			Metrics:       metricsDoc(iv.Metrics),
		})
	}
	return out
}

// waitsDoc is the document of a wait histogram.
func waitsDoc(h sim.WaitHistogram) WaitsDoc {
	d := WaitsDoc{Answered: h.N(), Buckets: []WaitBucketDoc{}}
	for _, b := range WaitBuckets(h) {
		d.Buckets = append(d.Buckets, WaitBucketDoc{Label: b.Label, FromSeconds: b.From, ToSeconds: round6(b.To),
			Count: b.Count, Percent: round6(b.Percent)})
	}
	return d
}

// WriteSummaryJSON writes the [SummaryDoc] of sum to w, indented, with a
// final newline.
func WriteSummaryJSON(w io.Writer, sum *analysis.Summary, start time.Time, checks []analysis.CheckRow, slots []analysis.SlotQueue) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(NewSummaryDoc(sum, start, checks, slots))
}

func metricsDoc(ms []analysis.Metric) MetricsDoc {
	out := make(MetricsDoc, 0, len(ms))
	for _, m := range ms {
		d := MetricDoc{Key: m.Key, Name: strings.TrimSpace(m.Name), Unit: m.Unit, N: m.N,
			Mean: round6(m.Mean), HalfWidth: round6(m.HalfWidth), SD: round6(m.SD)}
		if d.Mean == nil {
			d.HalfWidth, d.SD = nil, nil
		}
		if d.Mean != nil && d.HalfWidth != nil {
			d.CILow, d.CIHigh = round6(m.Lo()), round6(m.Hi())
		}
		out = append(out, d)
	}
	return out
}

// round6 rounds x to 6 decimals, or returns nil when x is not a number.
func round6(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	r := math.Round(x*1e6) / 1e6
	if r == 0 {
		r = 0 // no -0 in the output
	}
	return &r
}
