package analysis_test

import (
	"bytes"
	"context"
	"github.com/ccsim/ccsim/analysis"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// variantPlans loads the planning week once per list of sets.
func variantPlans(t *testing.T, variants ...[]scenarios.Set) []*sim.Plan {
	t.Helper()
	var plans []*sim.Plan
	for _, sets := range variants {
		l, err := scenarios.ResolveWith("planning-week", sets)
		if err != nil {
			t.Fatal(err)
		}
		p, err := sim.Compile(l.Scenario)
		if err != nil {
			t.Fatal(err)
		}
		plans = append(plans, p)
	}
	return plans
}

func byVariant(items []analysis.Item, res []*sim.Result, variants, reps int) [][]*sim.Result {
	out := make([][]*sim.Result, variants)
	for v := range out {
		out[v] = make([]*sim.Result, reps)
	}
	for i, it := range items {
		out[it.Variant][it.Rep] = res[i]
	}
	return out
}

// TestCompare_IdenticalVariantsDifferByZero: two variants with the same
// settings run on common random numbers give a paired difference of
// exactly zero for every metric.
func TestCompare_IdenticalVariantsDifferByZero(t *testing.T) {
	plans := variantPlans(t, nil, []scenarios.Set{{Path: "callback.max_retries", Value: "2"}}) // 2 is the file's own value
	items := analysis.Items(2, 4, 0, 1)
	res, err := analysis.RunItems(context.Background(), plans, items, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := analysis.Compare([]string{"base", "same"}, byVariant(items, res, 2, 4))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range c.Variants[1].Diffs {
		if d.Paired.N == 0 {
			continue
		}
		if d.Paired.Mean != 0 || d.Paired.SD != 0 || d.Significant {
			t.Errorf("%s: paired difference %+v between identical variants", d.Key, d.Paired)
		}
	}
}

// TestCompare_PairingNarrowsTheInterval: on the planning week, the paired
// interval of the difference in service level between two retry settings
// is much narrower than the unpaired one. Both variants redial busy lines
// as well as unanswered ones (retry_on), as the planning week did before
// the default became Amazon Connect's no-answer-only rule: with only
// no-answers retried the variants differ by fewer dials, and over 10
// replications the ASA interval narrows 2.6-fold rather than 3-fold.
func TestCompare_PairingNarrowsTheInterval(t *testing.T) {
	skipShort(t)
	busy := scenarios.Set{Path: "callback.retry_on", Value: "[no_answer, busy]"}
	plans := variantPlans(t, []scenarios.Set{busy}, []scenarios.Set{busy, {Path: "callback.max_retries", Value: "0"}})
	items := analysis.Items(2, 10, 0, 1)
	res, err := analysis.RunItems(context.Background(), plans, items, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := analysis.Compare([]string{"base", "no retries"}, byVariant(items, res, 2, 10))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"service_level", "asa", "occupancy"} {
		d, _ := c.Variants[1].Find(key)
		t.Logf("%s: paired %.3f +/- %.3f, unpaired +/- %.3f", key, d.Paired.Mean, d.Paired.HalfWidth, d.UnpairedHalfWidth)
		if !(d.Paired.HalfWidth < d.UnpairedHalfWidth/3) {
			t.Errorf("%s: paired half width %.3f is not much narrower than unpaired %.3f", key, d.Paired.HalfWidth, d.UnpairedHalfWidth)
		}
	}
}

// TestItems_ShardsGiveTheSameResults: splitting the items into 1, 3 or 7
// shards covers every (variant, replication) exactly once, and each
// item's result does not depend on which shard or worker ran it.
func TestItems_ShardsGiveTheSameResults(t *testing.T) {
	plans := variantPlans(t, nil, []scenarios.Set{{Path: "callback.pacing", Value: "9"}},
		[]scenarios.Set{{Path: "callback.retry_interval", Value: "5m"}})
	const variants, reps = 3, 4
	all := analysis.Items(variants, reps, 0, 1)
	want, err := analysis.RunItems(context.Background(), plans, all, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 3, 7} {
		got := make([]*sim.Result, len(all))
		seen := 0
		for k := range n {
			items := analysis.Items(variants, reps, k, n)
			res, err := analysis.RunItems(context.Background(), plans, items, 1, nil)
			if err != nil {
				t.Fatal(err)
			}
			for i, it := range items {
				idx := it.Variant*reps + it.Rep
				if got[idx] != nil {
					t.Fatalf("%d shards: item %+v run twice", n, it)
				}
				got[idx] = res[i]
				seen++
			}
		}
		if seen != len(all) || !reflect.DeepEqual(got, want) {
			t.Errorf("%d shards: %d items, results differ from the unsharded run", n, seen)
		}
	}
}

// TestMergePartials: shards written as JSON and read back merge into
// exactly the unsharded results; bad sets of parts are refused.
func TestMergePartials(t *testing.T) {
	plans := variantPlans(t, nil, []scenarios.Set{{Path: "callback.pacing", Value: "9"}})
	const variants, reps, shards = 2, 3, 4
	names := []string{"base", "pacing 9"}
	var parts []*analysis.Partial
	for k := range shards {
		items := analysis.Items(variants, reps, k, shards)
		res, err := analysis.RunItems(context.Background(), plans, items, 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		p := &analysis.Partial{Format: analysis.PartialFormat, Scenario: "planning-week", Fingerprint: "f", Seed: 1,
			Reps: reps, Variants: names, Shard: k, Shards: shards}
		for i, it := range items {
			p.Items = append(p.Items, analysis.PartialItem{Variant: it.Variant, Rep: it.Rep, Result: res[i]})
		}
		// Through JSON, as a file would be.
		var buf bytes.Buffer
		if err := p.Encode(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := analysis.ReadPartial(&buf)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, back)
	}
	all := analysis.Items(variants, reps, 0, 1)
	res, err := analysis.RunItems(context.Background(), plans, all, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, got, err := analysis.MergePartials([]*analysis.Partial{parts[2], parts[0], parts[3], parts[1]})
	if err != nil {
		t.Fatal(err)
	}
	if want := byVariant(all, res, variants, reps); !reflect.DeepEqual(got, want) {
		t.Error("merged shards differ from the unsharded run")
	}

	other := *parts[1]
	other.Fingerprint = "g"
	reseed := *parts[1]
	reseed.Seed = 2
	for _, tc := range []struct {
		name   string
		parts  []*analysis.Partial
		phrase string
	}{
		{"missing shard", parts[:3], "missing shard(s) 3 of 4"},
		{"duplicate shard", []*analysis.Partial{parts[0], parts[1], parts[1], parts[2], parts[3]}, "shard 1/4 is given twice"},
		{"another sweep", []*analysis.Partial{parts[0], &other, parts[2], parts[3]}, "from another sweep"},
		{"another seed", []*analysis.Partial{parts[0], &reseed, parts[2], parts[3]}, "seed 2"},
		{"nothing", nil, "no partial results"},
	} {
		if _, _, err := analysis.MergePartials(tc.parts); err == nil || !strings.Contains(err.Error(), tc.phrase) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.phrase)
		}
	}
}

// TestSweep_isRunItemsThenCompare: summarising each variant as soon as its
// replications are in gives exactly the comparison of running every item
// and then comparing, on one worker or several.
func TestSweep_isRunItemsThenCompare(t *testing.T) {
	plans := variantPlans(t, nil, []scenarios.Set{{Path: "callback.max_retries", Value: "0"}},
		[]scenarios.Set{{Path: "callback.pacing", Value: "9"}})
	names := []string{"base", "no redials", "pacing 9"}
	const reps = 4
	items := analysis.Items(len(plans), reps, 0, 1)
	res, err := analysis.RunItems(context.Background(), plans, items, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := analysis.Compare(names, byVariant(items, res, len(plans), reps))
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 2, 3} {
		got, err := analysis.Sweep(context.Background(), names, plans, reps, workers, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !sameNaN(reflect.ValueOf(got), reflect.ValueOf(want)) {
			t.Errorf("%d workers: Sweep differs from RunItems then Compare", workers)
		}
	}
	if _, err := analysis.Sweep(context.Background(), names[:2], plans, reps, 1, nil); err == nil {
		t.Error("Sweep with 2 names for 3 plans: no error")
	}
}

// sameNaN is reflect.DeepEqual with NaN equal to NaN (an estimate with no
// data is NaN, in both).
func sameNaN(a, b reflect.Value) bool {
	if a.Kind() != b.Kind() {
		return false
	}
	switch a.Kind() {
	case reflect.Float32, reflect.Float64:
		x, y := a.Float(), b.Float()
		return x == y || (math.IsNaN(x) && math.IsNaN(y))
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameNaN(a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if !sameNaN(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameNaN(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			if !sameNaN(a.MapIndex(k), b.MapIndex(k)) {
				return false
			}
		}
		return true
	}
	panic("sameNaN: " + a.Kind().String())
}
