package main

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ccsim/ccsim/analysis"
)

// budgetFlags are the flags that bound what a run may cost: it is
// estimated from the compiled scenario before it starts, and refused (exit
// status 1) when it would offer more contacts or need more memory than
// the budget, rather than run for days or be killed for lack of memory.
type budgetFlags struct {
	maxContacts float64
	maxMemory   string
	force       bool
}

// budgetHelp is the paragraph of a command's help on the budget.
var budgetHelp = fmt.Sprintf(`Before anything runs, the run's cost is estimated from the scenario: the
contacts it offers over every replication (and variant), its agents, and the
memory it needs. A run above the budget, %s contacts (--max-contacts) or
%s of memory (--max-memory), is refused with the estimate and exits 1;
raise the budget, or give --force to run it anyway. A year of the
planning-week scenario with 20 replications offers 8.8 million contacts
and needs about 45 MB; ccsim simulates about a million contacts per second
per core.`, analysis.Count(analysis.DefaultBudget.MaxContacts), analysis.Bytes(analysis.DefaultBudget.MaxMemory))

func addBudgetFlags(cmd *cobra.Command, b *budgetFlags) {
	f := cmd.Flags()
	f.Float64Var(&b.maxContacts, "max-contacts", analysis.DefaultBudget.MaxContacts, "refuse a run expected to offer more than `N` contacts in all")
	f.StringVar(&b.maxMemory, "max-memory", "4GiB", "refuse a run expected to need more than `SIZE` of memory (e.g. 512MiB, 16GiB)")
	f.BoolVar(&b.force, "force", false, "run whatever the estimated cost (no --max-contacts or --max-memory)")
}

// validate checks the flags' values, for a usage error.
func (b *budgetFlags) validate() error {
	if !(b.maxContacts > 0) || math.IsInf(b.maxContacts, 0) {
		return fmt.Errorf("--max-contacts must be a positive number, got %v", b.maxContacts)
	}
	if _, err := parseSize(b.maxMemory); err != nil {
		return fmt.Errorf("--max-memory: %w", err)
	}
	return nil
}

// check refuses cost when it is over the budget (exit status 1), saying
// how to run it anyway.
func (b *budgetFlags) check(cost analysis.Cost) error {
	if b.force {
		return nil
	}
	mem, _ := parseSize(b.maxMemory)
	err := cost.Within(analysis.Budget{MaxContacts: b.maxContacts, MaxMemory: mem})
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w.\nRaise the budget with --max-contacts N or --max-memory SIZE, or give --force to run it anyway", err)
}

// parseSize reads a size in bytes: a number with an optional unit, B,
// KiB, MiB, GiB, TiB (powers of 1024) or KB, MB, GB, TB (powers of 1000).
func parseSize(s string) (float64, error) {
	t := strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   float64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
		{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12}, {"B", 1}}
	mult := 1.0
	for _, u := range units {
		if n, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(n), u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || !(v > 0) || math.IsInf(v*mult, 0) {
		return 0, fmt.Errorf("%q is not a size (a positive number with a unit, e.g. 512MiB or 16GiB)", s)
	}
	return v * mult, nil
}

// interruptible runs f, a phase that does not watch ctx itself (reading
// input, which blocks on a named pipe until it is written; parsing;
// validating; compiling), and returns ctx's error as soon as ctx is done,
// leaving f to finish unobserved. f must write nothing anyone sees: it
// only computes, and the process exits once the command returns.
func interruptible[T any](ctx context.Context, f func() (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1)
	go func() {
		v, err := f()
		ch <- result{v, err}
	}()
	select {
	case r := <-ch:
		if r.err == nil && ctx.Err() != nil {
			return zero, ctx.Err()
		}
		return r.v, r.err
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}
