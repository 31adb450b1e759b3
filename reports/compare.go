package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/ccsim/ccsim/analysis"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ccsim/ccsim/model"
)

// CompareMeta describes the sweep a comparison report is about.
type CompareMeta struct {
	Scenario string
	Seed     uint64
	Reps     int
	// ServiceLevel is the threshold X of SL(X), for labels.
	ServiceLevel model.Duration
}

// compareKeys are the metrics a comparison shows, those about callbacks
// only when some variant has callbacks.
var compareKeys = []string{"service_level", "asa", "abandon_rate", "occupancy", "cb_requested", "cb_handled",
	"cb_failed_attempts", "cb_attempts_per_handled", "cb_agent_time_lost", "cb_request_to_connect",
	"cb_request_to_reach", "cb_abandoned_after_connect", "redials", "redial_share", "customers_lost"}

func shownKeys(c *analysis.Comparison) []string {
	var keys []string
	redials := false
	for _, v := range c.Variants {
		redials = redials || hasRedials(v.Summary.Overall)
	}
	for _, k := range compareKeys {
		if isRedialKey(k) {
			if redials {
				keys = append(keys, k)
			}
			continue
		}
		show := !strings.HasPrefix(k, "cb_")
		for _, v := range c.Variants {
			if value(v.Summary.Overall, k) != 0 {
				show = true
			}
		}
		if show {
			keys = append(keys, k)
		}
	}
	return keys
}

// CompareTables writes the comparison: each variant's estimates, each
// variant's paired difference from the baseline, how much narrower the
// paired intervals are than unpaired ones, and the ranking.
func CompareTables(w io.Writer, f Format, c *analysis.Comparison, o analysis.Objective, meta CompareMeta) error {
	if err := f.check(); err != nil {
		return err
	}
	t := &text{w: w, f: f}
	head := fmt.Sprintf("Comparison of %d variants of %s: seed %d, %d replications each, on common random numbers.",
		len(c.Variants), meta.Scenario, meta.Seed, meta.Reps)
	if f == FormatMarkdown {
		t.printf("## %s\n\n", head)
	} else {
		t.para(head)
		t.blank()
	}
	keys := shownKeys(c)
	// Long names (a grid's "max_retries=0 retry_interval=5m") would give
	// each column a table of its own: label the columns v1, v2, ... and
	// list what each is. From WideVariants on, the variants are rows of
	// one table instead, under their own names.
	wide := len(c.Variants) >= WideVariants
	labels := make([]string, len(c.Variants))
	short := true
	for i, v := range c.Variants {
		labels[i] = v.Name
		short = short && len(v.Name) <= 14
	}
	if !short && !wide {
		var rows [][]string
		for i, v := range c.Variants {
			if i > 0 {
				labels[i] = "v" + strconv.Itoa(i)
			}
			rows = append(rows, []string{labels[i], v.Name})
		}
		t.title("Variants")
		if t.err == nil {
			t.err = List(w, f, []string{"variant", "settings"}, rows)
		}
		t.blank()
	}
	if wide {
		t.wideTables(c, keys, meta)
	} else {
		t.variantTables(c, keys, labels, meta)
	}
	queueMetricsText(t, c, o, labels, meta.ServiceLevel)
	if len(c.Variants) > 1 {
		wg := &grid{corner: "variant", right: true, cols: []string{"paired ±", "unpaired ±", "narrower by"}}
		for i, v := range c.Variants[1:] {
			d, _ := v.Find("service_level")
			ratio := noValue
			if d.Paired.HalfWidth > 0 && !math.IsNaN(d.UnpairedHalfWidth) {
				ratio = formatFixed(d.UnpairedHalfWidth/d.Paired.HalfWidth, 1) + "x"
			}
			wg.add(labels[i+1], halfOnly(d.Paired.HalfWidth), halfOnly(d.UnpairedHalfWidth), ratio)
		}
		t.table(pairingTitle(c), wg)
		t.para(pairingNote(c))
		t.blank()
	}

	rank := analysis.Rank(c, o)
	dir := "lowest"
	if o.Maximize {
		dir = "highest"
	}
	rg := &grid{corner: "rank", cols: []string{"variant", o.Key, "constraints"}}
	for _, r := range rank {
		pos := rankText(r)
		ok := "met"
		if len(r.Broken) > 0 {
			ok = "breaks " + strings.Join(r.Broken, ", ")
		} else if len(o.Constraints) == 0 {
			ok = "none given"
		}
		m, _ := c.Variants[0].Summary.Lookup(o.Key)
		rg.add(pos, r.Variant, estimateText(r.Objective, precision(m)), ok)
	}
	title := fmt.Sprintf("Ranking: %s %s first", o.Key, dir)
	if len(o.Constraints) > 0 {
		title += ", subject to " + strings.Join(constraintTexts(o), " and ")
	}
	t.table(title, rg)
	t.para(rankNote(c, o, rank, meta.Reps))
	return t.err
}

// rankText is a ranking position: "2", "2=" for a tie, "-" for a
// variant that breaks a constraint.
func rankText(r analysis.RankRow) string {
	switch {
	case r.Rank == 0:
		return noValue
	case r.Tied:
		return strconv.Itoa(r.Rank) + "="
	}
	return strconv.Itoa(r.Rank)
}

// rankNote is the note under a ranking, saying at which level the
// constraints are judged, and how ties are decided when there are some.
func rankNote(c *analysis.Comparison, o analysis.Objective, rank []analysis.RankRow, reps int) string {
	note := "A constraint counts as met only when its whole " + levelText(c.ConstraintConfidence()) + " interval meets it. "
	if k := len(c.Variants); k > 1 && len(o.Constraints) > 0 {
		note += fmt.Sprintf("The level is Bonferroni's for the %d variants checked, so that the %d decisions of each constraint, "+
			"one per variant, are right together with probability at least 95 %%. ", k, k)
	}
	for _, r := range rank {
		if r.Tied {
			note += `A rank marked "=" is shared: each variant's paired difference from the first variant of that rank ` +
				"(replication by replication, on the same callers) has a " + levelText(c.Confidence()) + " interval that includes zero, " +
				"so their order may be chance. "
			if m := len(c.Variants) - 1; m > 1 {
				note += fmt.Sprintf("The level is Bonferroni's for the at most %d such comparisons, so that they hold all together "+
					"with probability at least 95 %%. ", m)
			}
			break
		}
	}
	return note + ConfidenceNote(reps)
}

// variantTables writes the estimates and the differences from the
// baseline with the metrics as rows and a column per variant.
func (t *text) variantTables(c *analysis.Comparison, keys, labels []string, meta CompareMeta) {
	est := &grid{corner: "metric", right: true}
	est.cols = append(est.cols, labels...)
	for _, k := range keys {
		m0 := compareMetric(&c.Variants[0], k)
		cells := make([]string, len(c.Variants))
		for i := range c.Variants {
			m := compareMetric(&c.Variants[i], k)
			cells[i] = estimateText(m.Estimate, precision(m))
		}
		est.add(labelWithUnit(m0, meta.ServiceLevel), cells...)
	}
	t.table("Estimates per variant", est)
	t.blank()

	if len(c.Variants) > 1 {
		dg := &grid{corner: "metric (variant - baseline)", right: true, cols: labels[1:]}
		for _, k := range keys {
			m0 := compareMetric(&c.Variants[0], k)
			cells := make([]string, len(c.Variants)-1)
			for i := range c.Variants[1:] {
				d, _ := c.Variants[i+1].Find(k)
				cells[i] = diffText(d, precision(m0))
			}
			dg.add(labelWithUnit(m0, meta.ServiceLevel), cells...)
		}
		base := "the baseline"
		if n := c.Variants[0].Name; n != "baseline" {
			base += " (" + n + ")"
		}
		t.table(diffTitle(c, base), dg)
		t.para(sigNote(c))
		t.blank()
	}
}

// sigNote explains the * of a difference, and, with more than one
// variant besides the baseline, that the intervals are simultaneous.
func sigNote(c *analysis.Comparison) string {
	const small = "A difference too small for the table's decimals is shown with the digits it needs."
	m := len(c.Variants) - 1
	if m <= 1 {
		return "* the 95 % interval of the difference excludes zero: the difference is not chance. Without a * it may be. " + small
	}
	return fmt.Sprintf("* the interval of the difference excludes zero: the difference is not chance. Without a * it may be. "+
		"The intervals are simultaneous (Bonferroni over %[2]d variants, each at %[1]s), so that the %[2]d intervals of a metric, one per variant, all hold "+
		"together with probability at least 95 %%; at 95 %% each, about one variant in twenty that changes "+
		"nothing would get a *. %[3]s", levelText(c.Confidence()), m, small)
}

// diffTitle is the title of the table of differences from base; with
// more than one variant besides it, it says the intervals are
// simultaneous, the note under the table ([sigNote]) how.
func diffTitle(c *analysis.Comparison, base string) string {
	t := "Difference from " + base + ", paired replication by replication"
	if len(c.Variants) > 2 {
		t += ": simultaneous 95 % intervals"
	}
	return t
}

// pairingTitle is the title of the table of paired and unpaired half
// widths: both at the level of the differences' intervals.
func pairingTitle(c *analysis.Comparison) string {
	return "Why pairing: " + levelText(c.Confidence()) + " interval of the service-level difference"
}

// pairingNote is the note under the table of paired and unpaired half
// widths.
func pairingNote(c *analysis.Comparison) string {
	n := "Every variant runs the same callers (arrivals, handle times, patience, answers), so the paired interval " +
		"measures the setting's effect; the unpaired one is what independent runs would give."
	if len(c.Variants) > 2 {
		n += " Both are at " + levelText(c.Confidence()) + ", the level of each simultaneous interval of the differences."
	}
	return n
}

// levelText writes a confidence level in percent with the decimals its
// complement needs to three significant digits: "95 %", "97.5 %",
// "99.75 %", "98.33 %" (1 - 0.05/3).
func levelText(conf float64) string {
	a, _ := strconv.ParseFloat(strconv.FormatFloat(100*(1-conf), 'g', 3, 64), 64)
	dec := 0
	for dec < 12 && strconv.FormatFloat(a, 'f', dec, 64) != strconv.FormatFloat(a, 'f', -1, 64) {
		dec++
	}
	return strconv.FormatFloat(100-a, 'f', dec, 64) + " %"
}

// WideVariants is the number of variants from which a comparison is shown
// with a row per variant and a column per metric, rather than a column per
// variant: twelve variants as columns of ten-character cells no longer fit
// a screen, and split into stacked tables labelled v1..v12 they cannot be
// read across.
const WideVariants = 12

// compareMetric is variant v's overall metric k.
func compareMetric(v *analysis.VariantSummary, k string) analysis.Metric {
	m, _ := analysis.Find(v.Summary.Overall, k)
	return m
}

// wideHeader is a metric's column header in the wide tables: its label,
// with the unit on a line of its own in text tables to keep columns
// narrow.
func wideHeader(m analysis.Metric, sl model.Duration, f Format) string {
	l := labelWithUnit(m, sl)
	if f == FormatTable {
		if i := strings.LastIndex(l, " ("); i > 0 {
			l = l[:i] + "\n" + l[i+1:]
		}
	}
	return l
}

// wideTables writes the estimates and the differences from the baseline
// as WideVariants or more variants need them: a row per variant under its
// own name and a column per metric. Markdown (for documents and
// spreadsheets) gets one table each, however wide; a text table keeps to
// MaxWidth, its metric columns continuing in a table below with the same
// rows when they do not fit.
func (t *text) wideTables(c *analysis.Comparison, keys []string, meta CompareMeta) {
	whole := t.f == FormatMarkdown
	var cols []string
	for _, k := range keys {
		cols = append(cols, wideHeader(compareMetric(&c.Variants[0], k), meta.ServiceLevel, t.f))
	}
	est := &grid{corner: "variant", right: true, whole: whole, cols: cols}
	for i := range c.Variants {
		cells := make([]string, len(keys))
		for j, k := range keys {
			m := compareMetric(&c.Variants[i], k)
			cells[j] = estimateText(m.Estimate, precision(m))
		}
		est.add(c.Variants[i].Name, cells...)
	}
	t.table("Estimates per variant", est)
	t.blank()
	if len(c.Variants) < 2 {
		return
	}
	dg := &grid{corner: "variant - baseline", right: true, whole: whole, cols: cols}
	for i := range c.Variants[1:] {
		cells := make([]string, len(keys))
		for j, k := range keys {
			d, _ := c.Variants[i+1].Find(k)
			cells[j] = diffText(d, precision(compareMetric(&c.Variants[0], k)))
		}
		dg.add(c.Variants[i+1].Name, cells...)
	}
	base := "the baseline"
	if n := c.Variants[0].Name; n != "baseline" {
		base += " (" + n + ")"
	}
	t.table(diffTitle(c, base), dg)
	t.para(sigNote(c))
	t.blank()
}

func constraintTexts(o analysis.Objective) []string {
	var out []string
	for _, c := range o.Constraints {
		out = append(out, c.String())
	}
	return out
}

// labelWithUnit is a metric's label with its unit in brackets.
func labelWithUnit(m analysis.Metric, sl model.Duration) string {
	l := strings.TrimSpace(metricLabel(m, sl))
	if u := unitLabel(m); u != "" {
		l += " (" + u + ")"
	}
	return l
}

// diffText is a paired difference "+1.2 ± 0.3 *", the * marking one whose
// interval excludes zero.
func diffText(d analysis.Diff, prec int) string {
	if math.IsNaN(d.Paired.Mean) {
		return noValue
	}
	if d.Significant {
		prec = digitsFor(d.Paired.Mean, prec)
	}
	s := formatFixed(d.Paired.Mean, prec)
	if d.Paired.Mean > 0 && s != formatFixed(0, prec) {
		s = "+" + s
	}
	if hw := halfWidthText(d.Paired, prec); hw != "" {
		s += " " + hw
	}
	if d.Significant {
		s += " *"
	}
	return s
}

// digitsFor returns the decimals, prec or more (up to prec+6), that x
// needs to show a digit other than zero: a significant difference of
// 0.04 must not read "0.0 *".
func digitsFor(x float64, prec int) int {
	for p := prec; p <= prec+6; p++ {
		if strings.Trim(formatFixed(x, p), "-+0.") != "" {
			return p
		}
	}
	return prec
}

func halfOnly(x float64) string {
	if math.IsNaN(x) {
		return noValue
	}
	return formatFixed(x, 2)
}

// CompareFormat identifies the JSON comparison document.
const CompareFormat = "ccsim.compare/v1"

// CompareDoc is the JSON form of a comparison. Numbers that are undefined
// are null.
type CompareDoc struct {
	Format   string `json:"format"`
	Scenario string `json:"scenario"`
	Seed     uint64 `json:"seed"`
	Reps     int    `json:"reps"`
	// Confidence is the level of the estimates' intervals, and the level
	// at which a metric's differences from the baseline hold together.
	Confidence float64 `json:"confidence"`
	// DiffConfidence is the level of each difference's interval (and of
	// the ties of the ranking): Bonferroni's 1 - (1 - Confidence)/
	// DiffComparisons, Confidence itself for one variant besides the
	// baseline.
	DiffConfidence float64 `json:"diff_confidence"`
	// DiffComparisons is the number of variants compared with the
	// baseline, the size of the family each metric's intervals cover.
	DiffComparisons int `json:"diff_comparisons"`
	// ConstraintConfidence is the level of the interval on which each
	// constraint is judged for each variant: Bonferroni's 1 - (1 -
	// Confidence)/k over the k variants checked (all of them), so that
	// the k decisions of a constraint are right together with
	// probability at least Confidence; Confidence itself for k = 1.
	ConstraintConfidence float64          `json:"constraint_confidence"`
	Objective            ObjectiveDoc     `json:"objective"`
	Variants             []CompareVariant `json:"variants"`
	Ranking              []RankDoc        `json:"ranking"`
}

// ObjectiveDoc is the ranking rule.
type ObjectiveDoc struct {
	Metric      string   `json:"metric"`
	Maximize    bool     `json:"maximize"`
	Constraints []string `json:"constraints"`
}

// CompareVariant is one variant: its estimates and differences.
type CompareVariant struct {
	Name    string          `json:"name"`
	Metrics []CompareMetric `json:"metrics"`
	// QueueMetrics are the per-queue metrics the objective and the
	// constraints name (service_level[Support]), estimates only.
	QueueMetrics []CompareQueueMetric `json:"queue_metrics,omitempty"`
}

// CompareMetric is one metric of one variant; Diff is absent for the
// baseline.
type CompareMetric struct {
	Key      string   `json:"key"`
	Mean     *float64 `json:"mean"`
	CILow    *float64 `json:"ci_low"`
	CIHigh   *float64 `json:"ci_high"`
	N        int      `json:"n"`
	Diff     *DiffDoc `json:"diff,omitempty"`
	Unit     string   `json:"unit"`
	HalfWide *float64 `json:"half_width"`
}

// DiffDoc is a paired difference from the baseline.
type DiffDoc struct {
	Mean              *float64 `json:"mean"`
	CILow             *float64 `json:"ci_low"`
	CIHigh            *float64 `json:"ci_high"`
	HalfWidth         *float64 `json:"half_width"`
	UnpairedHalfWidth *float64 `json:"unpaired_half_width"`
	Significant       bool     `json:"significant"`
}

// RankDoc is one row of the ranking; rank 0 breaks a constraint. Tied
// variants share a rank (see [analysis.RankRow]).
type RankDoc struct {
	Rank    int      `json:"rank"`
	Tied    bool     `json:"tied"`
	Variant string   `json:"variant"`
	Broken  []string `json:"broken"`
}

// roundLevel rounds a confidence level to 12 digits: 1 - 0.05/3 is
// 0.9833333333333333, not a binary neighbour of it.
func roundLevel(x float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	return r
}

func jsonNum(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 6, 64), 64)
	return &r
}

// WriteCompareJSON writes the comparison as one JSON document.
func WriteCompareJSON(w io.Writer, c *analysis.Comparison, o analysis.Objective, meta CompareMeta) error {
	doc := CompareDoc{Format: CompareFormat, Scenario: meta.Scenario, Seed: meta.Seed, Reps: meta.Reps,
		Confidence: analysis.Confidence, DiffConfidence: roundLevel(c.Confidence()), DiffComparisons: max(len(c.Variants)-1, 0),
		ConstraintConfidence: roundLevel(c.ConstraintConfidence()),
		Objective:            ObjectiveDoc{Metric: o.Key, Maximize: o.Maximize, Constraints: append([]string{}, constraintTexts(o)...)}}
	for vi, v := range c.Variants {
		cv := CompareVariant{Name: v.Name, QueueMetrics: queueMetricsDoc(&c.Variants[vi], o)}
		for _, m := range v.Summary.Overall {
			cm := CompareMetric{Key: m.Key, Mean: jsonNum(m.Mean), CILow: jsonNum(m.Lo()), CIHigh: jsonNum(m.Hi()), HalfWide: jsonNum(m.HalfWidth), N: m.N, Unit: m.Unit}
			if vi > 0 {
				d, _ := v.Find(m.Key)
				cm.Diff = &DiffDoc{Mean: jsonNum(d.Paired.Mean), CILow: jsonNum(d.Paired.Lo()), CIHigh: jsonNum(d.Paired.Hi()),
					HalfWidth: jsonNum(d.Paired.HalfWidth), UnpairedHalfWidth: jsonNum(d.UnpairedHalfWidth), Significant: d.Significant}
			}
			cv.Metrics = append(cv.Metrics, cm)
		}
		doc.Variants = append(doc.Variants, cv)
	}
	for _, r := range analysis.Rank(c, o) {
		doc.Ranking = append(doc.Ranking, RankDoc{Rank: r.Rank, Tied: r.Tied, Variant: r.Variant, Broken: append([]string{}, r.Broken...)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// WriteComparison writes the report of c to w in format f: its JSON
// document ([WriteCompareJSON]) for [FormatJSON], else its tables
// ([CompareTables]); and, unless html is "", its HTML page
// ([CompareHTML]) to the file html. ccsim compare and ccsim merge share
// it, so that a merged sweep prints exactly what the single run would,
// and writes the same page byte for byte. The page is written, all or
// nothing, once the report is complete and before it is printed: on an
// error there is no page and no report.
func WriteComparison(w io.Writer, f Format, html string, c *analysis.Comparison, o analysis.Objective, meta CompareMeta) error {
	var out bytes.Buffer
	var err error
	if f == FormatJSON {
		err = WriteCompareJSON(&out, c, o, meta)
	} else {
		err = CompareTables(&out, f, c, o, meta)
	}
	if err != nil {
		return err
	}
	if html != "" {
		if err := WriteFileAtomic(html, func(w io.Writer) error { return CompareHTML(w, c, o, meta) }); err != nil {
			return err
		}
	}
	_, err = w.Write(out.Bytes())
	return err
}
