package reports

import (
	"fmt"
	"github.com/ccsim/ccsim/analysis"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Format is a text format for tables.
type Format string

// The table formats.
const (
	// FormatTable is plain text with ASCII borders, for the console.
	FormatTable Format = "table"
	// FormatMarkdown is GitHub-flavoured Markdown, for pasting into
	// documents and tickets.
	FormatMarkdown Format = "markdown"
	// FormatJSON is not a table format: it asks a report that has a JSON
	// document for it instead of its tables ([RunReport.Write],
	// [WriteComparison], [WriteStaff]).
	FormatJSON Format = "json"
)

// MaxWidth is the width in columns that every table and text line fits.
// Tables with more columns than fit are split into several tables, each
// repeating the first (label) column.
const MaxWidth = 100

// noValue is written for a rate whose denominator is zero.
const noValue = "-"

func (f Format) check() error {
	switch f {
	case FormatTable, FormatMarkdown:
		return nil
	}
	return fmt.Errorf("reports: unknown table format %q (want %q or %q)", f, FormatTable, FormatMarkdown)
}

// newTable returns a table writing to w in format f, with the header
// written as given and each column aligned as align says (left when align
// is shorter than the row).
func newTable(w io.Writer, f Format, align []tw.Align) *table {
	ew := &errWriter{w: w}
	var r tw.Renderer
	if f == FormatMarkdown {
		r = renderer.NewMarkdown()
	} else {
		r = renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleASCII)})
	}
	return &table{Table: tablewriter.NewTable(ew,
		tablewriter.WithRenderer(r),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignmentConfig(tw.CellAlignment{Global: tw.AlignLeft, PerColumn: align}),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{Global: tw.AlignLeft, PerColumn: align}),
	), out: ew}
}

// table is a tablewriter table that remembers the first error writing it
// out: tablewriter's renderers do not report their write errors, and a
// report on a full disk (or > /dev/full) must fail, not exit 0.
type table struct {
	*tablewriter.Table
	out *errWriter
}

// errWriter passes writes through until one fails, then keeps the error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// grid is a table of strings with a label column, rendered in as many
// side-by-side chunks as needed to fit MaxWidth.
type grid struct {
	corner string     // header of the label column
	cols   []string   // headers of the value columns
	labels []string   // one per row
	cells  [][]string // [row][col]
	right  bool       // right-align the value columns (numbers)
	whole  bool       // one table, however wide: never split the columns
}

func (g *grid) add(label string, cells ...string) {
	g.labels = append(g.labels, label)
	g.cells = append(g.cells, cells)
}

// chunks splits the value columns into runs that fit MaxWidth together
// with the label column. Each rendered column takes its width plus three
// (a border and two spaces of padding); the row has one more border.
func (g *grid) chunks() [][]int {
	if g.whole {
		all := make([]int, len(g.cols))
		for i := range all {
			all[i] = i
		}
		return [][]int{all}
	}
	width := func(header string, col int) int {
		n := 0
		for _, l := range strings.Split(header, "\n") { // a header may take two lines
			n = max(n, utf8.RuneCountInString(l))
		}
		for r := range g.cells {
			if col < 0 {
				n = max(n, utf8.RuneCountInString(g.labels[r]))
			} else {
				n = max(n, utf8.RuneCountInString(g.cells[r][col]))
			}
		}
		return n + 3
	}
	base := 1 + width(g.corner, -1)
	var out [][]int
	var cur []int
	used := base
	for c := range g.cols {
		w := width(g.cols[c], c)
		if len(cur) > 0 && used+w > MaxWidth {
			out = append(out, cur)
			cur, used = nil, base
		}
		cur = append(cur, c)
		used += w
	}
	if len(cur) > 0 || len(out) == 0 {
		out = append(out, cur)
	}
	return out
}

func (g *grid) render(w io.Writer, f Format) error {
	for i, chunk := range g.chunks() {
		if i > 0 && f != FormatMarkdown {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		align := []tw.Align{tw.AlignLeft}
		header := []string{g.corner}
		for _, c := range chunk {
			header = append(header, g.cols[c])
			if g.right {
				align = append(align, tw.AlignRight)
			} else {
				align = append(align, tw.AlignLeft)
			}
		}
		t := newTable(w, f, align)
		t.Header(header)
		for r, label := range g.labels {
			row := []string{label}
			for _, c := range chunk {
				row = append(row, g.cells[r][c])
			}
			if err := t.Append(row); err != nil {
				return err
			}
		}
		if err := render(t, w, f); err != nil {
			return err
		}
	}
	return nil
}

// render renders t. A Markdown table is followed by a blank line: in
// GitHub-flavoured Markdown a line of text right after a table would be
// read as one more row.
func render(t *table, w io.Writer, f Format) error {
	if err := t.Render(); err != nil {
		return err
	}
	if t.out.err != nil {
		return t.out.err
	}
	if f == FormatMarkdown {
		_, err := io.WriteString(w, "\n")
		return err
	}
	return nil
}

// text writes report text: titles, notes and blank lines, remembering the
// first error.
type text struct {
	w   io.Writer
	f   Format
	err error
}

func (t *text) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

// title writes a table title: a line of text, or a Markdown heading.
func (t *text) title(s string) {
	if t.f == FormatMarkdown {
		t.printf("### %s\n\n", s)
	} else {
		t.printf("%s\n", s)
	}
}

// para writes s wrapped to MaxWidth, keeping its line breaks.
func (t *text) para(s string) {
	t.printf("%s\n", Wrap(s, MaxWidth))
}

// blank writes an empty line.
func (t *text) blank() { t.printf("\n") }

// table renders g after a title.
func (t *text) table(title string, g *grid) {
	if t.err != nil {
		return
	}
	t.title(title)
	if t.err == nil {
		t.err = g.render(t.w, t.f)
	}
}

// Wrap breaks s into lines of at most width columns at spaces. Existing
// line breaks are kept; a single word longer than width gets a line of its
// own. A line never starts with a word that Markdown would read as the
// start of a list, quote or heading ("+", "-", "*", ">", "#...", "1."),
// nor with the "%" of "95 %": the word before it moves down too.
func Wrap(s string, width int) string {
	var out []string
	for _, para := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		var line []string
		n := 0 // length of the line so far
		for _, word := range strings.Fields(para) {
			if len(line) > 0 && n+1+len(word) > width {
				var carry []string
				if (blockMarker(word) || word == "%") && len(line) > 1 {
					carry = line[len(line)-1:]
					line = line[:len(line)-1]
				}
				out = append(out, strings.Join(line, " "))
				line = append([]string(nil), carry...)
				n = len(strings.Join(line, " "))
			}
			if len(line) > 0 {
				n++
			}
			line = append(line, word)
			n += len(word)
		}
		out = append(out, strings.Join(line, " "))
	}
	return strings.Join(out, "\n")
}

// blockMarker reports whether word at the start of a line would begin a
// Markdown block.
func blockMarker(word string) bool {
	switch word {
	case "+", "-", "*", ">", "=", "|":
		return true
	}
	if strings.HasPrefix(word, "#") {
		return true
	}
	digits := strings.TrimRight(word, ".)")
	if digits != word && digits != "" && strings.Trim(digits, "0123456789") == "" {
		return true
	}
	return false
}

// RecordsTable writes contact records transposed, the way Amazon Connect's
// documentation lays out its examples: one row per contact record field
// (Connect's names; Queue.* and Agent.* for the nested objects and
// ccsim_* for ccsim's attributes), one column per record, in order of
// initiation. Times are written as times of day (with the date when it is
// not the first record's), durations in whole seconds, unset fields as
// "N/A". A contact id that names another record of the table is written as
// "-> N METHOD"; other ids are shortened to their last 12 characters.
func RecordsTable(w io.Writer, f Format, recs []sim.Record) error {
	if err := f.check(); err != nil {
		return err
	}
	sorted := slices.Clone(recs)
	slices.SortStableFunc(sorted, func(a, b sim.Record) int {
		if c := a.Initiation.Compare(b.Initiation); c != 0 {
			return c
		}
		return strings.Compare(a.ContactID(), b.ContactID())
	})
	g := &grid{corner: "field"}
	col := map[string]string{}
	var ref time.Time
	for i, r := range sorted {
		h := strconv.Itoa(i+1) + " " + r.InitiationMethod
		g.cols = append(g.cols, h)
		col[r.ContactID()] = h
		if i == 0 {
			ref = r.Initiation
		}
	}
	id := func(s string) string {
		if s == "" {
			return analysis.NotSet
		}
		if h, ok := col[s]; ok {
			return "-> " + h
		}
		return shortID(s)
	}
	clock := func(t time.Time) string {
		if t.IsZero() {
			return analysis.NotSet
		}
		return analysis.ClockText(t, ref, false)
	}
	secs := func(d model.Duration, set bool) string {
		if !set {
			return analysis.NotSet
		}
		return strconv.FormatInt(wholeSeconds(d), 10) + "s"
	}
	str := func(s string) string {
		if s == "" {
			return analysis.NotSet
		}
		return s
	}
	rows := []struct {
		label string
		value func(r *sim.Record) string
	}{
		{"ContactId", func(r *sim.Record) string { return shortID(r.ContactID()) }},
		{"InitialContactId", func(r *sim.Record) string { return id(r.InitialContactID()) }},
		{"PreviousContactId", func(r *sim.Record) string { return id(r.PreviousContactID()) }},
		{"NextContactId", func(r *sim.Record) string { return id(r.NextContactID()) }},
		{"Channel", func(*sim.Record) string { return Channel }},
		{"InitiationMethod", func(r *sim.Record) string { return str(r.InitiationMethod) }},
		{"InitiationTimestamp", func(r *sim.Record) string { return clock(r.Initiation) }},
		{"ConnectedToSystemTimestamp", func(r *sim.Record) string { return clock(r.ConnectedToSystem) }},
		{"DisconnectTimestamp", func(r *sim.Record) string { return clock(r.Disconnect) }},
		{"DisconnectReason", func(r *sim.Record) string { return str(r.DisconnectReason) }},
		{"AgentConnectionAttempts", func(r *sim.Record) string { return strconv.Itoa(r.AgentConnectionAttempts) }},
		{"Queue.Name", func(r *sim.Record) string { return str(r.Queue) }},
		{"Queue.EnqueueTimestamp", func(r *sim.Record) string { return clock(r.Enqueue) }},
		{"Queue.DequeueTimestamp", func(r *sim.Record) string { return clock(r.Dequeue) }},
		{"Queue.Duration", func(r *sim.Record) string { return secs(r.QueueDuration, r.Queue != "" && !r.Dequeue.IsZero()) }},
		{"Agent.Username", func(r *sim.Record) string { return str(r.Agent) }},
		{"Agent.ConnectedToAgentTimestamp", func(r *sim.Record) string { return clock(r.ConnectedToAgent) }},
		{"Agent.AgentInteractionDuration", func(r *sim.Record) string { return secs(r.AgentInteractionDuration, r.Agent != "") }},
		{"Agent.AfterContactWorkDuration", func(r *sim.Record) string { return secs(r.AfterContactWorkDuration, r.Agent != "") }},
		{AttrScriptID, func(r *sim.Record) string { return str(r.ScriptID) }},
		{AttrOutcome, func(r *sim.Record) string { return str(r.Outcome) }},
		{AttrCallbackType, func(r *sim.Record) string { return str(r.CallbackType) }},
		{AttrDialAttempts, func(r *sim.Record) string { return strconv.Itoa(r.DialAttempts) }},
		{AttrInQueueDuration, func(r *sim.Record) string { return secs(r.InQueueDuration, !r.Enqueue.IsZero()) }},
		{AttrScheduledDuration, func(r *sim.Record) string {
			return secs(r.ScheduledDuration, r.InitiationMethod == sim.MethodCallback)
		}},
	}
	for _, row := range rows {
		cells := make([]string, len(sorted))
		for i := range sorted {
			cells[i] = row.value(&sorted[i])
		}
		g.add(row.label, cells...)
	}
	t := &text{w: w, f: f}
	if t.err == nil {
		t.err = g.render(w, f)
	}
	t.para("Contact ids are shortened to their last 12 characters; the JSON records have them in full. " +
		"Queue.Duration runs from initiation to dequeue for a callback (initial delay included), " +
		"as in Amazon Connect's queued-callback example; ccsim_in_queue_duration is the time after the delay.")
	return t.err
}

// shortID shortens a contact id to its last 12 characters.
func shortID(s string) string {
	if len(s) <= 15 {
		return s
	}
	return "..." + s[len(s)-12:]
}

// CheckTable writes the comparison of simulated records with a documented
// example: one row per check with the record, the field, the documented and
// simulated values and whether they match ("yes" or "NO"), then a count of
// matches, the example's note (wrapped to MaxWidth) and its source.
func CheckTable(w io.Writer, f Format, rows []analysis.CheckRow, doc *model.Documented) error {
	if err := f.check(); err != nil {
		return err
	}
	t := &text{w: w, f: f}
	cells := make([][]string, len(rows))
	for i, r := range rows {
		m := "yes"
		if !r.Match {
			m = "NO"
		}
		cells[i] = []string{r.Contact + " " + r.Record, r.Field, r.Want, r.Got, m}
	}
	header := []string{"record", "field", "documented", "simulated", "match"}
	if f == FormatTable {
		// Long values (CONTACT_FLOW_DISCONNECT, raw contact ids) would
		// push the table past MaxWidth: wrap the two value columns.
		width := func(c int) int {
			n := len(header[c])
			for _, r := range cells {
				n = max(n, len(r[c]))
			}
			return n
		}
		room := (MaxWidth - 1 - 3*len(header) - width(0) - width(1) - width(4)) / 2
		if width(2) > room || width(3) > room {
			for _, r := range cells {
				r[2], r[3] = breakValue(r[2], max(room, 10)), breakValue(r[3], max(room, 10))
			}
		}
	}
	tb := newTable(w, f, nil)
	tb.Header(header)
	for _, r := range cells {
		if err := tb.Append(r); err != nil {
			return err
		}
	}
	t.err = render(tb, w, f)
	t.printf("%d of %d documented values reproduced.\n", len(rows)-analysis.Failed(rows), len(rows))
	if doc != nil {
		if note := strings.TrimSpace(doc.Note); note != "" {
			t.blank()
			t.para(note)
		}
		if src := strings.TrimSpace(doc.Source); src != "" {
			t.blank()
			t.para("Source: " + src)
		}
	}
	return t.err
}

// breakValue breaks a value with no spaces into lines of at most width
// characters, after an underscore or hyphen where it can
// ("CONTACT_FLOW_" / "DISCONNECT").
func breakValue(s string, width int) string {
	var lines []string
	for len(s) > width {
		cut := strings.LastIndexAny(s[:width], "_-") + 1
		if cut <= 0 {
			cut = width
		}
		lines = append(lines, s[:cut])
		s = s[cut:]
	}
	return strings.Join(append(lines, s), "\n")
}

// ServiceLevelDefinition describes the service level reported for
// definition def (Amazon Connect's when def is empty), threshold x and
// short-abandon threshold short.
func ServiceLevelDefinition(def model.SLDefinition, x, short model.Duration) string {
	switch def {
	case model.SLAnswered:
		return "answered within " + x.String() + " / (answered + abandoned)"
	case model.SLAnsweredExclShort:
		return "answered within " + x.String() + " / (answered + abandoned), not counting callers who abandoned within " +
			short.String()
	}
	return "Amazon Connect definition: contacts removed from queue (answered, abandoned or callback requested) within " +
		x.String() + " / contacts that left the queue"
}

// serviceLevel returns s's service level under def and its denominator.
func serviceLevel(s sim.InboundStats, def model.SLDefinition) (float64, int64) {
	switch def {
	case model.SLAnswered:
		return s.ServiceLevelAnswered(), s.Handled + s.Abandoned
	case model.SLAnsweredExclShort:
		return s.ServiceLevelExclShort(), s.Handled + s.Abandoned - s.AbandonedShort
	}
	return s.ServiceLevel(), s.Handled + s.Abandoned + s.CallbackTransferred
}

// SummaryTable writes the results of one replication: inbound contacts by
// queue (offered, handled, abandoned, blocked, callback requested, still in
// system, service level, average speed of answer, abandon rate), callbacks
// by working queue when there are any (requested, handled, voicemail,
// expired, unreached, still in system, dial attempts, failed attempts,
// attempts per handled callback, agent time lost to failed attempts), and
// the agent groups (agents, contacts handled, occupancy), followed by the
// definitions used. Queues are columns, with an "all" column when there are
// several. A rate whose denominator is zero is written "-".
func SummaryTable(w io.Writer, f Format, res *sim.Result) error {
	if err := f.check(); err != nil {
		return err
	}
	t := &text{w: w, f: f}
	sl := res.ServiceLevel.String()

	// Inbound: the queues that had arrivals (all of them if none did).
	var inQ []sim.QueueResult
	for _, q := range res.Queues {
		if q.Inbound.Arrived > 0 {
			inQ = append(inQ, q)
		}
	}
	if len(inQ) == 0 {
		inQ = res.Queues
	}
	in := &grid{corner: "inbound", right: true}
	inStats := make([]sim.InboundStats, 0, len(inQ)+1)
	for _, q := range inQ {
		in.cols = append(in.cols, q.Name)
		inStats = append(inStats, q.Inbound)
	}
	if len(inQ) > 1 {
		in.cols = append(in.cols, "all")
		inStats = append(inStats, res.TotalInbound())
	}
	inRow := func(label string, v func(s sim.InboundStats) string) {
		cells := make([]string, len(inStats))
		for i, s := range inStats {
			cells[i] = v(s)
		}
		in.add(label, cells...)
	}
	left := func(s sim.InboundStats) int64 { return s.Handled + s.Abandoned + s.CallbackTransferred }
	inRow("offered (arrived)", func(s sim.InboundStats) string { return count(s.Arrived) })
	inRow("handled", func(s sim.InboundStats) string { return count(s.Handled) })
	inRow("abandoned", func(s sim.InboundStats) string { return count(s.Abandoned) })
	inRow("blocked (queue full)", func(s sim.InboundStats) string { return count(s.Blocked) })
	inRow("callback requested", func(s sim.InboundStats) string { return count(s.CallbackTransferred) })
	inRow("in system at end", func(s sim.InboundStats) string { return count(s.InSystem) })
	inRow("SL("+sl+") %", func(s sim.InboundStats) string { return percent(serviceLevel(s, res.SLDefinition)) })
	inRow("ASA (s)", func(s sim.InboundStats) string { return fixed(s.ASA(), 1, s.Handled) })
	inRow("abandon rate %", func(s sim.InboundStats) string { return percent(s.AbandonRate(), left(s)) })
	t.table("Inbound contacts by queue", in)
	t.para("Service level: " + ServiceLevelDefinition(res.SLDefinition, res.ServiceLevel, res.ShortAbandon) + ". " +
		"ASA: mean time in queue of handled contacts. Abandon rate: abandoned / contacts that left the queue.")

	// Callbacks: the working queues that had any.
	cb := &grid{corner: "callbacks", right: true}
	var cbStats []sim.CallbackStats
	for _, q := range res.Queues {
		if q.Callback.Requested > 0 {
			cb.cols = append(cb.cols, q.Name)
			cbStats = append(cbStats, q.Callback)
		}
	}
	if len(cbStats) > 0 {
		if len(cbStats) > 1 {
			cb.cols = append(cb.cols, "all")
			cbStats = append(cbStats, res.TotalCallback())
		}
		cbRow := func(label string, v func(s sim.CallbackStats) string) {
			cells := make([]string, len(cbStats))
			for i, s := range cbStats {
				cells[i] = v(s)
			}
			cb.add(label, cells...)
		}
		cbRow("requested", func(s sim.CallbackStats) string { return count(s.Requested) })
		cbRow("handled", func(s sim.CallbackStats) string { return count(s.Handled) })
		cbRow("of which voicemail", func(s sim.CallbackStats) string { return count(s.Voicemail) })
		cbRow("expired", func(s sim.CallbackStats) string { return count(s.Expired) })
		cbRow("unreached", func(s sim.CallbackStats) string { return count(s.Unreached) })
		cbRow("in system at end", func(s sim.CallbackStats) string { return count(s.InSystem) })
		cbRow("dial attempts", func(s sim.CallbackStats) string { return count(s.DialAttempts) })
		cbRow("failed attempts", func(s sim.CallbackStats) string { return count(s.FailedAttempts) })
		cbRow("attempts per handled", func(s sim.CallbackStats) string {
			return fixed(s.AttemptsPerHandled(), 2, s.Handled)
		})
		cbRow("agent time lost (s)", func(s sim.CallbackStats) string {
			return strconv.FormatFloat(float64(s.AgentTimeLost)/1000, 'f', 0, 64)
		})
		t.blank()
		t.table("Callbacks by working queue", cb)
		t.para("Failed attempt: an agent accepted the callback but the customer was not joined " +
			"(no answer, busy, invalid number). Agent time lost: agent whisper and ringing of failed attempts.")
	}

	// Agents.
	if t.err == nil {
		t.blank()
		t.title("Agents")
	}
	if t.err == nil {
		// Break and lunch hours only for scenarios with breaks.
		breaks := hasBreaks(res)
		right := []tw.Align{tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight}
		header := []string{"group", "agents", "contacts", "occupancy %"}
		if breaks {
			right = append(right, tw.AlignRight, tw.AlignRight)
			header = append(header, "break h", "lunch h")
		}
		tb := newTable(w, f, right)
		tb.Header(header)
		for _, a := range res.Agents {
			busy := a.Reserved + a.Talk + a.ACW
			row := []string{a.Name, strconv.Itoa(a.Agents), count(a.Contacts), percent(a.Occupancy(), busy+a.Idle)}
			if breaks {
				row = append(row, hours(a.Break), hours(a.Lunch))
			}
			if err := tb.Append(row); err != nil {
				return err
			}
		}
		t.err = render(tb, w, f)
	}
	t.para("Occupancy: time on contacts (whisper, talk, after-contact work) / that time plus idle time.")
	if hasBreaks(res) {
		t.para("Break h, lunch h: agent-hours on scheduled breaks and lunches (taken after the contact in hand), not logged in.")
	}
	return t.err
}

func count(n int64) string { return strconv.FormatInt(n, 10) }

// hours formats ms as hours with one decimal.
func hours(ms int64) string { return strconv.FormatFloat(float64(ms)/3.6e6, 'f', 1, 64) }

// hasBreaks reports whether any agent group spent time on a break.
func hasBreaks(res *sim.Result) bool {
	for _, a := range res.Agents {
		if a.Break+a.Lunch > 0 {
			return true
		}
	}
	return false
}

// fixed formats x with prec decimals, or "-" when its denominator den is 0.
func fixed(x float64, prec int, den int64) string {
	if den == 0 {
		return noValue
	}
	return strconv.FormatFloat(x, 'f', prec, 64)
}

// percent formats the fraction x as a percentage with one decimal, or "-"
// when its denominator den is 0.
func percent(x float64, den int64) string { return fixed(100*x, 1, den) }

// Title writes a section title: a line of text, or a Markdown heading.
func Title(w io.Writer, f Format, s string) error {
	if err := f.check(); err != nil {
		return err
	}
	t := &text{w: w, f: f}
	t.title(s)
	return t.err
}

// Header writes the line that opens the report of a run: the scenario,
// seed, replication, horizon and start.
func Header(w io.Writer, f Format, res *sim.Result) error {
	if err := f.check(); err != nil {
		return err
	}
	t := &text{w: w, f: f}
	s := fmt.Sprintf("Scenario %s: seed %d, replication %d, horizon %s from %s.",
		res.Scenario, res.Seed, res.Rep, res.Horizon, startText(res.Start))
	if f == FormatMarkdown {
		t.printf("## %s\n", s)
	} else {
		t.para(s)
	}
	return t.err
}

// List writes a plain table: a header and rows of text, all left-aligned.
// In FormatTable the last column is wrapped at spaces so that the table
// fits MaxWidth when the other columns leave room for it.
func List(w io.Writer, f Format, header []string, rows [][]string) error {
	if err := f.check(); err != nil {
		return err
	}
	last := len(header) - 1
	room := 0
	if f == FormatTable && last > 0 {
		// Borders and padding take 3 columns per column, plus 1.
		room = MaxWidth - 1 - 3*len(header)
		for c := range last {
			width := len(header[c])
			for _, r := range rows {
				width = max(width, len(r[c]))
			}
			room -= width
		}
	}
	tb := newTable(w, f, nil)
	tb.Header(header)
	for _, r := range rows {
		if room >= 20 {
			r = slices.Clone(r)
			r[last] = Wrap(r[last], max(room, len(header[last])))
		}
		if err := tb.Append(r); err != nil {
			return err
		}
	}
	return render(tb, w, f)
}
