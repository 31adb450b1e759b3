package reports

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ccsim/ccsim/analysis/fit"
	"github.com/ccsim/ccsim/model"
)

// BacktestOutput is what ccsim backtest reports.
type BacktestOutput struct {
	Scenario string
	From, To time.Time
	Interval time.Duration
	Reps     int
	Level    float64
	Seed     uint64
	Rows     []fit.BacktestRow
	Stats    fit.ReadStats
	// Skipped are the history's queues the scenario does not have.
	Skipped []string
}

var backtestUnits = map[string]string{
	fit.MOffered: "contacts", fit.MHandled: "contacts", fit.MAbandoned: "contacts",
	fit.MCallbacks: "took a callback", fit.MSL: "% within threshold", fit.MASA: "s",
}

// WriteBacktest writes the backtest: per queue and metric how many
// intervals fell outside the simulation's prediction interval, then the
// flagged intervals (the first maxFlagged).
func WriteBacktest(w io.Writer, f Format, o *BacktestOutput, maxFlagged int) error {
	t := &text{w: w, f: f}
	pf := func(format string, args ...any) { t.para(fmt.Sprintf(format, args...)) }
	t.title(fmt.Sprintf("Backtest of %s against %d history records", o.Scenario, o.Stats.Records-o.Stats.Duplicates-o.Stats.Bad))
	k := fit.PIRank(o.Reps, o.Level)
	cov := fit.Coverage(o.Reps, k)
	pf("History %s to %s%s, %s intervals; %d replications (seed %d) over the same period. Prediction interval: from the %s to the %s of the replications' values, where one more run of the period falls with probability %.1f %% (distribution-free, Wilks): about %.1f %% of intervals fall outside by chance alone.",
		o.From.Format("2006-01-02 15:04"), o.To.Format("2006-01-02 15:04"), zoneNote(o.From), fmtInterval(o.Interval), o.Reps, o.Seed,
		rank(k, "lowest"), rank(k, "highest"), 100*cov, 100*(1-cov))
	for _, q := range o.Skipped {
		pf("Note: the history's queue %s is not in the scenario: not compared.", q)
	}
	t.blank()
	type key struct{ q, m string }
	type agg struct {
		n, out, over, under int
		actual, sim         float64
	}
	sums := map[key]*agg{}
	var order []key
	for _, r := range o.Rows {
		k := key{r.Queue, r.Metric}
		a := sums[k]
		if a == nil {
			a = &agg{}
			sums[k] = a
			order = append(order, k)
		}
		a.n++
		a.actual += r.Actual
		a.sim += r.Mean
		if r.Outside {
			a.out++
			if r.Actual > r.Hi {
				a.over++
			} else {
				a.under++
			}
		}
	}
	slices.SortStableFunc(order, func(a, b key) int {
		if a.q != b.q {
			return strings.Compare(a.q, b.q)
		}
		return slices.Index(fit.BacktestMetrics, a.m) - slices.Index(fit.BacktestMetrics, b.m)
	})
	var rows [][]string
	for _, k := range order {
		a := sums[k]
		rows = append(rows, []string{k.q, k.m, strconv.Itoa(a.n), fmt.Sprintf("%d (%.1f %%)", a.out, 100*float64(a.out)/float64(a.n)),
			strconv.Itoa(a.over), strconv.Itoa(a.under), fmtVal(a.actual / float64(a.n)), fmtVal(a.sim / float64(a.n))})
	}
	if t.err != nil {
		return t.err
	}
	if err := List(w, f, []string{"queue", "metric", "intervals", "outside PI", "above", "below", "actual, mean", "simulated, mean"}, rows); err != nil {
		return err
	}
	pf("Intervals: those with a value in the history (a rate needs contacts), leaving out those where the history and every replication have none of it (a closed interval tests nothing). Above and below: actual beyond the top or bottom of the interval. Means are over the intervals, per interval.")
	var flagged [][]string
	nFlagged := 0
	for _, r := range o.Rows {
		if !r.Outside {
			continue
		}
		nFlagged++
		if len(flagged) < maxFlagged {
			flagged = append(flagged, []string{r.Queue, r.Start.Format("Mon 2006-01-02 15:04"), r.Metric, fmtVal(r.Actual), fmtVal(r.Mean), fmt.Sprintf("%s to %s", fmtVal(r.Lo), fmtVal(r.Hi))})
		}
	}
	if nFlagged > 0 {
		t.blank()
		t.title("Intervals outside the prediction interval")
		if t.err != nil {
			return t.err
		}
		if err := List(w, f, []string{"queue", "interval", "metric", "actual", "simulated mean", "prediction interval"}, flagged); err != nil {
			return err
		}
		if nFlagged > len(flagged) {
			pf("%d more in the CSV (--csv).", nFlagged-len(flagged))
		}
	}
	return t.err
}

// rank names the k-th lowest or highest value.
func rank(k int, end string) string {
	if k == 1 {
		return end
	}
	return ordinal(k) + " " + end
}

func ordinal(k int) string {
	switch k {
	case 1:
		return "1st"
	case 2:
		return "2nd"
	case 3:
		return "3rd"
	}
	return strconv.Itoa(k) + "th"
}

func fmtInterval(d time.Duration) string { return model.Duration(d.Milliseconds()).String() }

func fmtVal(x float64) string {
	if math.IsNaN(x) {
		return noValue
	}
	return strconv.FormatFloat(x, 'f', 1, 64)
}

// WriteBacktestCSV writes every compared queue, interval and metric.
func WriteBacktestCSV(w io.Writer, o *BacktestOutput) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"queue", "interval_start", "metric", "unit", "actual", "sim_mean", "pi_low", "pi_high", "outside", "reps"})
	g := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	for _, r := range o.Rows {
		out := "0"
		if r.Outside {
			out = "1"
		}
		_ = cw.Write([]string{r.Queue, r.Start.Format(time.RFC3339), r.Metric, backtestUnits[r.Metric], g(r.Actual), g(round(r.Mean, 6)), g(round(r.Lo, 6)), g(round(r.Hi, 6)), out, strconv.Itoa(r.Reps)})
	}
	cw.Flush()
	return cw.Error()
}
