package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ccsim/ccsim/sim"
)

// PartialFormat identifies a partial result file.
const PartialFormat = "ccsim.partial/v1"

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
	Shard  int           `json:"shard"`
	Shards int           `json:"shards"`
	Items  []PartialItem `json:"items"`
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
	seen := make([]bool, max(p0.Shards, 0))
	for _, p := range parts {
		if p.Format != PartialFormat {
			return nil, nil, fmt.Errorf("shard %d: format %q, want %q", p.Shard, p.Format, PartialFormat)
		}
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
	for v := range results {
		for r, res := range results[v] {
			if res == nil {
				return nil, nil, fmt.Errorf("variant %q replication %d is in no shard", p0.Variants[v], r)
			}
		}
	}
	return p0.Variants, results, nil
}
