package analysis

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/ccsim/ccsim/sim"
)

// PartialFormat identifies a partial result file. Version 2 added the
// checksum of the items; files of version 1 are refused (rerun the shard).
const PartialFormat = "ccsim.partial/v2"

// Limits on what a partial result file may claim, checked before anything
// is allocated for it: a hand-edited "reps: 1e15" must be refused, not
// turned into a slice that exhausts memory.
const (
	// MaxPartialBytes is the largest partial result file read (1 GiB).
	MaxPartialBytes = 1 << 30
	maxShards       = 1 << 20
	maxReps         = 100000 // as a scenario's replications
	maxVariants     = 1 << 20
	maxSimulations  = 1 << 24 // variants x replications of one sweep
)

// Partial is what one shard of a sweep produces: the results of its
// items. Shards run anywhere (a Kubernetes Indexed Job, a Slurm array);
// [MergePartials] puts their parts back together.
type Partial struct {
	Format string `json:"format"`
	// Scenario names the scenario; Fingerprint identifies its exact
	// content and the variants' settings (the caller hashes them), so
	// that parts of different sweeps are never merged.
	Scenario    string   `json:"scenario"`
	Fingerprint string   `json:"fingerprint"`
	Seed        uint64   `json:"seed"`
	Reps        int      `json:"reps"`
	Variants    []string `json:"variants"`
	// Shard is this part's index, 0 to Shards-1.
	Shard  int `json:"shard"`
	Shards int `json:"shards"`
	// Checksum is the SHA-256 of the items' JSON as [Partial.Encode]
	// wrote them, so that an edited or damaged file is detected, not
	// trusted; [ReadPartial] checks it.
	Checksum string        `json:"checksum"`
	Items    []PartialItem `json:"items"`
}

// Encode writes p as JSON, with the checksum of its items.
func (p *Partial) Encode(w io.Writer) error {
	sum, err := p.itemsSum()
	if err != nil {
		return err
	}
	p.Checksum = sum
	return json.NewEncoder(w).Encode(p)
}

// itemsSum is the checksum of p's items: the SHA-256 of their JSON.
func (p *Partial) itemsSum() (string, error) {
	b, err := json.Marshal(p.Items)
	if err != nil {
		return "", err
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:]), nil
}

// ReadPartial reads one partial result file of at most MaxPartialBytes
// and checks it on its own: its format, the sweep it claims (shard index,
// counts within bounds), the checksum of its items, and each result
// ([sim.Result.Check]). [MergePartials] checks the parts against each
// other.
func ReadPartial(r io.Reader) (*Partial, error) { return readPartial(r, MaxPartialBytes) }

func readPartial(r io.Reader, limit int64) (*Partial, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %d bytes, the most a partial result may be", limit)
	}
	var head struct {
		Format string `json:"format"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("not a ccsim partial result: %w", jsonProblem(err))
	}
	if head.Format != PartialFormat {
		if strings.HasPrefix(head.Format, "ccsim.partial/") {
			return nil, fmt.Errorf("format %q is from another version of ccsim (want %q): rerun the shard", head.Format, PartialFormat)
		}
		return nil, fmt.Errorf("not a ccsim partial result (format %q, want %q)", head.Format, PartialFormat)
	}
	// The checksum is of the items' bytes as the shard wrote them, so it
	// holds whatever fields later versions of sim.Result gain.
	var raw struct {
		Items json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, jsonProblem(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p Partial
	if err := dec.Decode(&p); err != nil {
		return nil, jsonProblem(err)
	}
	// The sweep's claims first (they bound everything else), then the
	// checksum, then each result.
	if err := p.checkClaims(); err != nil {
		return nil, err
	}
	if h := sha256.Sum256(raw.Items); hex.EncodeToString(h[:]) != p.Checksum {
		return nil, errors.New("checksum: the items are not those the shard wrote (the file was edited or damaged)")
	}
	if err := p.checkItems(); err != nil {
		return nil, err
	}
	return &p, nil
}

// jsonProblem says where the JSON went wrong.
func jsonProblem(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("not JSON: %v at byte %d", syn, syn.Offset)
	case errors.As(err, &typ):
		return fmt.Errorf("field %s: %s is not a %s", typ.Field, typ.Value, typ.Type)
	}
	return err
}

// check checks one part on its own (but for its checksum, which is of
// the file's bytes).
func (p *Partial) check() error {
	if err := p.checkClaims(); err != nil {
		return err
	}
	return p.checkItems()
}

// checkClaims checks what a part says of its sweep against bounds.
func (p *Partial) checkClaims() error {
	switch {
	case p.Shards < 1 || p.Shards > maxShards:
		return fmt.Errorf("shards: %d is outside 1 to %d", p.Shards, maxShards)
	case p.Shard < 0 || p.Shard >= p.Shards:
		return fmt.Errorf("shard: index %d is outside 0 to %d", p.Shard, p.Shards-1)
	case p.Reps < 1 || p.Reps > maxReps:
		return fmt.Errorf("reps: %d is outside 1 to %d", p.Reps, maxReps)
	case len(p.Variants) < 1 || len(p.Variants) > maxVariants:
		return fmt.Errorf("variants: %d is outside 1 to %d", len(p.Variants), maxVariants)
	case len(p.Variants)*p.Reps > maxSimulations:
		return fmt.Errorf("%d variants x %d replications is more than %d simulations", len(p.Variants), p.Reps, maxSimulations)
	case len(p.Items) > len(p.Variants)*p.Reps:
		return fmt.Errorf("items: %d, more than the sweep's %d simulations", len(p.Items), len(p.Variants)*p.Reps)
	}
	return nil
}

// checkItems checks each result of a part.
func (p *Partial) checkItems() error {
	for _, it := range p.Items {
		if it.Result == nil {
			return fmt.Errorf("item (variant %d, replication %d) has no result", it.Variant, it.Rep)
		}
		if err := it.Result.Check(); err != nil {
			return fmt.Errorf("item (variant %d, replication %d): %w", it.Variant, it.Rep, err)
		}
		if err := restoreZone(it.Result); err != nil {
			return fmt.Errorf("item (variant %d, replication %d): %w", it.Variant, it.Rep, err)
		}
	}
	return nil
}

// restoreZone puts a result read back from JSON, whose start has only
// its offset, back in its scenario's zone: by name when the scenario gave
// time_zone (daylight saving and all), else as the fixed offset written,
// never as the machine's own zone (which time.Parse would pick for an
// offset it uses).
func restoreZone(r *sim.Result) error {
	if r.TimeZone != "" {
		loc, err := time.LoadLocation(r.TimeZone)
		if err != nil {
			return fmt.Errorf("time zone %q: %w", r.TimeZone, err)
		}
		r.Start = r.Start.In(loc)
		return nil
	}
	if _, off := r.Start.Zone(); off == 0 {
		r.Start = r.Start.UTC()
	} else {
		r.Start = r.Start.In(time.FixedZone("UTC"+r.Start.Format("-07:00"), off))
	}
	return nil
}

// PartialItem is one replication of one variant.
type PartialItem struct {
	Variant int         `json:"variant"`
	Rep     int         `json:"rep"`
	Result  *sim.Result `json:"result"`
}

// MergePartials checks that parts are the complete set of shards of one
// sweep and returns the results by variant and replication. A part of
// another sweep, a missing or repeated shard, or an item in the wrong
// shard is an error that says which.
func MergePartials(parts []*Partial) (names []string, results [][]*sim.Result, err error) {
	if len(parts) == 0 {
		return nil, nil, fmt.Errorf("no partial results to merge")
	}
	p0 := parts[0]
	for _, p := range parts {
		if p.Format != PartialFormat {
			return nil, nil, fmt.Errorf("shard %d: format %q, want %q", p.Shard, p.Format, PartialFormat)
		}
		if err := p.check(); err != nil {
			return nil, nil, fmt.Errorf("shard %d: %w", p.Shard, err)
		}
	}
	seen := make([]bool, p0.Shards)
	for _, p := range parts {
		switch {
		case p.Fingerprint != p0.Fingerprint || p.Scenario != p0.Scenario:
			return nil, nil, fmt.Errorf("shard %d is from another sweep (scenario %q) than shard %d (scenario %q): its scenario or settings differ", p.Shard, p.Scenario, p0.Shard, p0.Scenario)
		case p.Seed != p0.Seed:
			return nil, nil, fmt.Errorf("shard %d has seed %d, shard %d seed %d: parts of different sweeps", p.Shard, p.Seed, p0.Shard, p0.Seed)
		case p.Reps != p0.Reps || !slices.Equal(p.Variants, p0.Variants):
			return nil, nil, fmt.Errorf("shard %d has other replications or variants than shard %d", p.Shard, p0.Shard)
		case p.Shards != p0.Shards:
			return nil, nil, fmt.Errorf("shard %d is one of %d shards, shard %d one of %d", p.Shard, p.Shards, p0.Shard, p0.Shards)
		case p.Shard < 0 || p.Shard >= p.Shards:
			return nil, nil, fmt.Errorf("shard index %d is outside 0 to %d", p.Shard, p.Shards-1)
		case seen[p.Shard]:
			return nil, nil, fmt.Errorf("shard %d/%d is given twice", p.Shard, p.Shards)
		}
		seen[p.Shard] = true
	}
	var missing []string
	for k, ok := range seen {
		if !ok {
			missing = append(missing, fmt.Sprint(k))
		}
	}
	if len(missing) > 0 {
		return nil, nil, fmt.Errorf("missing shard(s) %s of %d", strings.Join(missing, ", "), p0.Shards)
	}
	results = make([][]*sim.Result, len(p0.Variants))
	for v := range results {
		results[v] = make([]*sim.Result, p0.Reps)
	}
	for _, p := range parts {
		for _, it := range p.Items {
			idx := it.Variant*p.Reps + it.Rep
			switch {
			case it.Variant < 0 || it.Variant >= len(results) || it.Rep < 0 || it.Rep >= p.Reps:
				return nil, nil, fmt.Errorf("shard %d: item (variant %d, replication %d) is outside the sweep", p.Shard, it.Variant, it.Rep)
			case idx%p.Shards != p.Shard:
				return nil, nil, fmt.Errorf("shard %d holds item (variant %d, replication %d), which belongs to shard %d", p.Shard, it.Variant, it.Rep, idx%p.Shards)
			case it.Result == nil:
				return nil, nil, fmt.Errorf("shard %d: item (variant %d, replication %d) has no result", p.Shard, it.Variant, it.Rep)
			case results[it.Variant][it.Rep] != nil:
				return nil, nil, fmt.Errorf("shard %d: item (variant %d, replication %d) is given twice", p.Shard, it.Variant, it.Rep)
			}
			results[it.Variant][it.Rep] = it.Result
		}
	}
	first := results[0][0]
	for v := range results {
		for r, res := range results[v] {
			if res == nil {
				return nil, nil, fmt.Errorf("variant %q replication %d is in no shard", p0.Variants[v], r)
			}
			if err := sameShape(first, res); err != nil {
				return nil, nil, fmt.Errorf("variant %q replication %d: %w", p0.Variants[v], r, err)
			}
		}
	}
	return p0.Variants, results, nil
}

// sameShape checks that two results of one sweep can be summarised
// together: the same clock, queues and agent groups. (Variants may differ
// in anything else, such as a group's size.)
func sameShape(a, b *sim.Result) error {
	switch {
	case !a.Start.Equal(b.Start) || a.TimeZone != b.TimeZone || a.Horizon != b.Horizon || a.Warmup != b.Warmup || a.Interval != b.Interval || a.Cycle != b.Cycle:
		return errors.New("its start, horizon, warm-up or intervals differ from the first result's")
	case a.ServiceLevel != b.ServiceLevel || a.ShortAbandon != b.ShortAbandon:
		return errors.New("its service-level thresholds differ from the first result's")
	case len(a.Queues) != len(b.Queues) || len(a.Agents) != len(b.Agents):
		return errors.New("its queues or agent groups differ from the first result's")
	}
	for i := range a.Queues {
		if a.Queues[i].Name != b.Queues[i].Name || (a.Queues[i].Slots == nil) != (b.Queues[i].Slots == nil) {
			return fmt.Errorf("queue %d is %q, the first result's %q", i, b.Queues[i].Name, a.Queues[i].Name)
		}
	}
	for i := range a.Agents {
		if a.Agents[i].Name != b.Agents[i].Name {
			return fmt.Errorf("agent group %d is %q, the first result's %q", i, b.Agents[i].Name, a.Agents[i].Name)
		}
	}
	return nil
}
