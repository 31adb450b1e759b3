package scenarios_test

import (
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

func TestNames(t *testing.T) {
	got := scenarios.Names()
	want := []string{"callback-types", "john", "mmc", "mmc-abandon", "planning-week"}
	if !slices.Equal(got, want) {
		t.Errorf("Names() = %q, want %q", got, want)
	}
}

func TestLoad_Builtins(t *testing.T) {
	for _, name := range scenarios.Names() {
		t.Run(name, func(t *testing.T) {
			l, err := scenarios.Resolve(name)
			if err != nil {
				t.Fatalf("Resolve(%q) = %v", name, err)
			}
			if !l.Builtin {
				t.Errorf("Builtin = false, want true")
			}
			if got, want := l.File, "builtin/"+name+".yaml"; got != want {
				t.Errorf("File = %q, want %q", got, want)
			}
			if len(l.Warnings) > 0 {
				t.Errorf("warnings: %q", l.Warnings)
			}
			s := l.Scenario
			if err := s.Validate(); err != nil {
				t.Errorf("Validate() = %v", err)
			}
			if got, want := s.Name, name; got != want {
				t.Errorf("Name = %q, want %q", got, want)
			}
			if s.Description == "" {
				t.Error("Description is empty")
			}
			s2, err := scenarios.Load(name)
			if err != nil {
				t.Fatalf("Load(%q) = %v", name, err)
			}
			if s2.Horizon != s.Horizon {
				t.Errorf("Load and Resolve disagree on the horizon: %v, %v", s2.Horizon, s.Horizon)
			}
		})
	}
}

// TestLoad_John checks the settings of the Amazon Connect walk-through
// ("Real-time metrics example for a queued callback flow").
func TestLoad_John(t *testing.T) {
	s, err := scenarios.Load("john")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Start, time.Date(2024, 6, 3, 11, 30, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Start = %v, want %v", got, want)
	}
	if got, want := s.Horizon, model.Hour; got != want {
		t.Errorf("Horizon = %v, want %v", got, want)
	}
	if got, want := []string{s.Queues[0].Name, s.Queues[1].Name}, []string{"InboundQueue", "CallbackQueue"}; !slices.Equal(got, want) || len(s.Queues) != 2 {
		t.Errorf("queues = %+v, want %q", s.Queues, want)
	}
	if len(s.Agents) != 1 || s.Agents[0].Name != "agent" || s.Agents[0].Count != 1 || s.Agents[0].Profile != "Basic" {
		t.Fatalf("agents = %+v, want one agent named agent with profile Basic", s.Agents)
	}
	// The agent becomes free at 11:39:00, 9 minutes after the start.
	if got, want := s.Agents[0].Shifts[0].Start.Offset(s.Start), 9*model.Minute; got != want {
		t.Errorf("shift start offset = %v, want %v", got, want)
	}
	ct := s.ContactTypes[0]
	if ct.Name != "general" || ct.Queue != "InboundQueue" || ct.PerHour != 0 || !equalDist(ct.Talk, model.Fixed(5*model.Minute)) {
		t.Errorf("contact type = %+v", ct)
	}
	cb := ct.Callback
	if cb == nil {
		t.Fatal("no callback")
	}
	for _, c := range []struct {
		name      string
		got, want model.Duration
	}{
		{"initial_delay", cb.InitialDelay, 99 * model.Second},
		{"agent_whisper", cb.AgentWhisper, 10 * model.Second},
		{"outbound_whisper", cb.OutboundWhisper, 15 * model.Second},
		{"retry_interval", cb.RetryInterval, 10 * model.Minute},
	} {
		if c.got != c.want {
			t.Errorf("callback.%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if cb.Queue != "CallbackQueue" || cb.MaxRetries != 2 {
		t.Errorf("callback queue, max_retries = %q, %d; want CallbackQueue, 2", cb.Queue, cb.MaxRetries)
	}
	if len(s.Script) != 1 {
		t.Fatalf("script has %d contacts, want 1", len(s.Script))
	}
	john := s.Script[0]
	if got, want := john.At.Offset(s.Start), 5*model.Minute; john.ID != "john" || got != want {
		t.Errorf("script[0] id, at = %q, %v; want john, %v", john.ID, got, want)
	}
	if john.CallbackAfter == nil || *john.CallbackAfter != 120*model.Second ||
		john.Talk == nil || *john.Talk != 5*model.Minute+35*model.Second ||
		john.ACW == nil || *john.ACW != 0 {
		t.Errorf("script[0] = %+v", john)
	}
	if got, want := john.Dials, []model.ScriptDial{{Outcome: model.Answered}}; !slices.Equal(got, want) {
		t.Errorf("script[0].dials = %+v, want %+v", got, want)
	}
	if !strings.Contains(s.Description, `"John calls at 11:35"`) {
		t.Errorf("description does not name the walk-through: %q", s.Description)
	}
}

// TestLoad_MMC checks the two M/M/c validation scenarios, whose offered
// load per agent (arrival rate x mean talk time / agents) is what the
// Erlang C and Erlang A comparisons rely on.
func TestLoad_MMC(t *testing.T) {
	for _, tt := range []struct {
		name     string
		perHour  float64
		load     float64 // offered Erlangs per agent
		patience model.Dist
	}{
		{"mmc", 1080, 0.90, model.Dist{}},
		{"mmc-abandon", 1140, 0.95, model.Dist{Kind: model.Exponential, Mean: 180 * model.Second}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := scenarios.Load(tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Queues) != 1 || len(s.RoutingProfiles) != 1 || len(s.Agents) != 1 || len(s.ContactTypes) != 1 || len(s.Script) != 0 {
				t.Fatalf("want one queue, profile, agent group and contact type and no script: %+v", s)
			}
			// Erlang C and A are steady-state figures: the scenario must
			// not count the empty start (issue 10: without a warm-up the
			// simulated ASA sat 1.5 half-widths below Erlang at 400
			// replications). One working day is counted after it.
			if got, want := s.Warmup, model.Hour; got < want {
				t.Errorf("Warmup = %v, want at least %v", got, want)
			}
			if got, want := s.Horizon-s.Warmup, 8*model.Hour; got != want {
				t.Errorf("Horizon - Warmup = %v, want %v", got, want)
			}
			ct := s.ContactTypes[0]
			if ct.PerHour != tt.perHour {
				t.Errorf("per_hour = %v, want %v", ct.PerHour, tt.perHour)
			}
			if want := (model.Dist{Kind: model.Exponential, Mean: 300 * model.Second}); !equalDist(ct.Talk, want) {
				t.Errorf("talk = %+v, want %+v", ct.Talk, want)
			}
			if !equalDist(ct.ACW, model.Fixed(0)) {
				t.Errorf("acw = %+v, want 0", ct.ACW)
			}
			if !equalDist(ct.Patience, tt.patience) {
				t.Errorf("patience = %+v, want %+v", ct.Patience, tt.patience)
			}
			if ct.Callback != nil {
				t.Errorf("callback = %+v, want none", ct.Callback)
			}
			agents := s.Agents[0].Count
			if agents != 100 {
				t.Errorf("count = %d, want 100", agents)
			}
			load := ct.PerHour * ct.Talk.Mean.Seconds() / 3600 / float64(agents)
			if diff := load - tt.load; diff > 1e-9 || diff < -1e-9 {
				t.Errorf("offered load per agent = %v, want %v", load, tt.load)
			}
		})
	}
}

func equalDist(a, b model.Dist) bool {
	return a.Kind == b.Kind && a.Mean == b.Mean && a.SD == b.SD && a.Shape == b.Shape &&
		a.Min == b.Min && a.Max == b.Max && slices.Equal(a.Samples, b.Samples)
}

func TestLoad_NotFound(t *testing.T) {
	_, err := scenarios.Load("nope")
	if !errors.Is(err, scenarios.ErrNotFound) {
		t.Errorf("Load(nope) = %v, want ErrNotFound", err)
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	if err := os.WriteFile(good, []byte(base), 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err := scenarios.LoadFile(good); err != nil || s.Name != "t" {
		t.Errorf("LoadFile(good) = %v, %v", s, err)
	}

	missing := filepath.Join(dir, "missing.yaml")
	_, err := scenarios.LoadFile(missing)
	if err == nil || !strings.Contains(err.Error(), missing) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadFile(missing) = %v, want an error naming %s", err, missing)
	}
	if errors.Is(err, model.ErrInvalid) {
		t.Errorf("LoadFile(missing) matches ErrInvalid: %v", err)
	}

	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("horizon: 8h\nqueues: 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = scenarios.LoadFile(bad)
	if want := bad + ":2: queues: expected a list"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("LoadFile(bad) = %v, want prefix %q", err, want)
	}
}

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "mine.yaml")
	if err := os.WriteFile(file, []byte(base), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := scenarios.Resolve(file)
	if err != nil {
		t.Fatal(err)
	}
	if l.Builtin || l.File != file || l.Scenario.Name != "t" {
		t.Errorf("Resolve(file) = %+v", l)
	}

	_, err = scenarios.Resolve(filepath.Join(dir, "nope.yaml"))
	if !errors.Is(err, scenarios.ErrNotFound) {
		t.Errorf("Resolve(missing) = %v, want ErrNotFound", err)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Resolve(missing) = %v, want it to wrap fs.ErrNotExist too", err)
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != filepath.Join(dir, "nope.yaml") {
		t.Errorf("Resolve(missing) = %v, want the *fs.PathError of the missing file", err)
	}
	if err != nil && !strings.Contains(err.Error(), "john, mmc, mmc-abandon") {
		t.Errorf("Resolve(missing) = %v, want it to list the built-ins", err)
	}
}

func TestDescribe(t *testing.T) {
	infos := scenarios.Describe()
	if got, want := len(infos), len(scenarios.Names()); got != want {
		t.Fatalf("Describe() has %d entries, want %d", got, want)
	}
	for _, info := range infos {
		if info.Description == "" || strings.Contains(info.Description, "\n") || strings.HasPrefix(info.Description, "(invalid") {
			t.Errorf("%s: description %q, want one non-empty line", info.Name, info.Description)
		}
	}
	if got, want := infos[1], (scenarios.Info{Name: "john", Description: `Reproduces the Amazon Connect queued-callback walk-through "John calls at 11:35".`}); got != want {
		t.Errorf("Describe()[1] = %+v, want %+v", got, want)
	}
}

func TestSource(t *testing.T) {
	src, err := scenarios.Source("mmc")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(src), "# mmc:") {
		t.Errorf("Source(mmc) starts %q, want the commented file", src[:20])
	}
	if _, err := scenarios.Source("../doc.go"); !errors.Is(err, scenarios.ErrNotFound) {
		t.Errorf("Source(../doc.go) = %v, want ErrNotFound", err)
	}
}

// TestLoad_PlanningWeek checks the planning week: its settings, and that
// its forecast and staffing plan are the week they say they are.
func TestLoad_PlanningWeek(t *testing.T) {
	l, err := scenarios.Resolve("planning-week")
	if err != nil {
		t.Fatal(err)
	}
	s := l.Scenario
	if !s.Start.Equal(model.DefaultStart) || s.Start.Weekday() != time.Monday || s.Horizon != 7*model.Day ||
		s.Interval != 30*model.Minute || s.Replications != 10 || s.ServiceLevel != 20*model.Second {
		t.Errorf("start, horizon, interval, replications, service level = %v, %v, %v, %d, %v",
			s.Start, s.Horizon, s.Interval, s.Replications, s.ServiceLevel)
	}
	if len(s.Queues) != 2 || s.Queues[0].Name != "Inbound" || s.Queues[1].Name != "Callbacks" {
		t.Errorf("queues = %+v, want Inbound, Callbacks", s.Queues)
	}
	if len(s.RoutingProfiles) != 1 || !slices.Equal(s.RoutingProfiles[0].Queues, []model.ProfileQueue{
		{Queue: "Inbound", Priority: 1}, {Queue: "Callbacks", Priority: 2}}) {
		t.Errorf("routing profiles = %+v, want Agents: Inbound 1, Callbacks 2", s.RoutingProfiles)
	}
	if len(s.ContactTypes) != 1 || len(s.Agents) != 1 {
		t.Fatalf("want one contact type and one agent group: %+v, %+v", s.ContactTypes, s.Agents)
	}
	ct, g := s.ContactTypes[0], s.Agents[0]
	if ct.Name != "sales" || ct.Queue != "Inbound" || ct.PerHour != 0 ||
		!equalDist(ct.Talk, model.Dist{Kind: model.LogNormal, Mean: 270 * model.Second, SD: 150 * model.Second}) ||
		!equalDist(ct.ACW, model.Dist{Kind: model.Gamma, Mean: 45 * model.Second, SD: 20 * model.Second}) ||
		!equalDist(ct.Patience, model.Dist{Kind: model.LogNormal, Mean: 3 * model.Minute, SD: 2 * model.Minute}) {
		t.Errorf("contact type = %+v", ct)
	}
	cb := ct.Callback
	if cb == nil || cb.OfferAfter != model.Minute || cb.OfferMinExpectedWait != 15*model.Second ||
		*cb.AcceptProbability != 0.35 || cb.Queue != "Callbacks" || cb.InitialDelay != model.Minute ||
		cb.MaxRetries != 2 || cb.RetryInterval != 15*model.Minute || cb.AgentWhisper != 5*model.Second ||
		cb.OutboundWhisper != 5*model.Second ||
		*cb.Dial != (model.DialOutcomes{Answer: 0.75, NoAnswer: 0.15, Busy: 0.05, Voicemail: 0.05}) ||
		!equalDist(cb.RingTime, model.Dist{Kind: model.Uniform, Min: 3 * model.Second, Max: 25 * model.Second}) {
		t.Errorf("callback = %+v", cb)
	}
	if g.Name != "agent" || g.Profile != "Agents" || g.Shrinkage != 0 {
		t.Errorf("agents = %+v", g)
	}

	fp, sp := ct.ForecastPlan, g.StaffingPlan
	if fp == nil || sp == nil {
		t.Fatalf("plans not read: forecast %v, staffing %v", fp, sp)
	}
	if fp.File != "builtin/planning-week-forecast.csv" || sp.File != "builtin/planning-week-staffing.csv" {
		t.Errorf("plan files = %q, %q", fp.File, sp.File)
	}
	for _, p := range []*model.Plan{fp, sp} {
		if len(p.Rows) != 7*48 || p.Interval != 30*model.Minute || p.Length() != s.Horizon {
			t.Errorf("%s: %d rows of %v, want 336 of 30m", p.File, len(p.Rows), p.Interval)
		}
	}
	// The first row is at the start (the reader checks it; this checks
	// that the files say so in so many words).
	for _, name := range []string{"planning-week-forecast.csv", "planning-week-staffing.csv"} {
		data, err := os.ReadFile(filepath.Join("builtin", name))
		if err != nil {
			t.Fatal(err)
		}
		var first string
		for _, line := range strings.Split(string(data), "\n") {
			if line != "" && !strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "interval_start") {
				first = line
				break
			}
		}
		if !strings.HasPrefix(first, "2024-06-03 00:00,") {
			t.Errorf("%s: first row %q, want 2024-06-03 00:00", name, first)
		}
	}

	// Opening hours, the weekly shape and the staffing.
	day := make([]float64, 7)
	peak, maxAgents, agentHours := 0.0, 0, 0.0
	for i := range fp.Rows {
		f, a := fp.Rows[i], sp.Rows[i].Agents
		at := s.Start.Add(time.Duration(i) * 30 * time.Minute)
		h := at.Hour()
		open := h >= 7 && h < 21
		switch at.Weekday() {
		case time.Saturday:
			open = h >= 8 && h < 18
		case time.Sunday:
			open = false
		}
		if open != (f.Offered > 0) || open != (a > 0) || open != (f.AHT > 0) {
			t.Errorf("%s: offered %v, aht %v, agents %d; open = %v", at.Format("Mon 15:04"), f.Offered, f.AHT, a, open)
		}
		if f.AHT != 0 && (f.AHT < 300*model.Second || f.AHT > 330*model.Second) {
			t.Errorf("%s: aht %v, want 300s to 330s", at.Format("Mon 15:04"), f.AHT)
		}
		day[(at.Weekday()+6)%7] += f.Offered
		peak = max(peak, f.Offered)
		maxAgents = max(maxAgents, a)
		agentHours += float64(a) / 2

		need := erlangCAgents(f.Offered, f.AHT.Seconds(), 0.8, 20)
		short := 0
		if at.Weekday() == time.Monday {
			switch at.Format("15:04") {
			case "09:30", "11:30":
				short = 4 // absence: the plan is Erlang C less 1, less 3 absent
			case "10:00", "10:30", "11:00":
				short = 5
			}
		}
		if a != need-short {
			t.Errorf("%s: %d agents, want Erlang C's %d less %d", at.Format("Mon 15:04"), a, need, short)
		}
	}
	if peak != 140 || fp.Rows[21].Offered != 140 {
		t.Errorf("busiest interval offers %v (Monday 10:30: %v), want 140 on Monday 10:30", peak, fp.Rows[21].Offered)
	}
	if g.Count != maxAgents {
		t.Errorf("count = %d, want the plan's largest, %d", g.Count, maxAgents)
	}
	tue := day[1]
	for i, want := range []float64{1.15, 1, 0.98, 0.96, 0.9} {
		if r := day[i] / tue; math.Abs(r-want) > 0.01 {
			t.Errorf("day %d offers %.3f x Tuesday, want %.2f", i, r, want)
		}
	}
	week := 0.0
	for _, d := range day {
		week += d
	}
	if math.Abs(week-8456.8) > 0.05 || math.Abs(agentHours-980.5) > 1e-9 {
		t.Errorf("week: %.1f offered, %.1f agent-hours; want 8456.8 (the description's 8,457) and 980.5", week, agentHours)
	}
}

// erlangCAgents returns the fewest agents for which Erlang C gives a
// service level of at least target within t seconds.
func erlangCAgents(offered, aht, target, t float64) int {
	if offered == 0 {
		return 0
	}
	a := offered * aht / 1800
	for n := 1; ; n++ {
		if float64(n) <= a {
			continue
		}
		b := 1.0
		for k := 1; k <= n; k++ {
			b = a * b / (float64(k) + a*b)
		}
		c := float64(n) * b / (float64(n) - a*(1-b))
		if 1-c*math.Exp(-(float64(n)-a)*t/aht) >= target {
			return n
		}
	}
}

// TestFiles writes a built-in with its plan files to a directory and
// runs the copy.
func TestFiles(t *testing.T) {
	files, err := scenarios.Files("planning-week")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	if want := []string{"planning-week-forecast.csv", "planning-week-staffing.csv", "planning-week.yaml"}; !slices.Equal(names, want) {
		t.Fatalf("Files(planning-week) = %q, want %q", names, want)
	}
	dir := t.TempDir()
	for n, data := range files {
		if err := os.WriteFile(filepath.Join(dir, n), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := scenarios.LoadFile(filepath.Join(dir, "planning-week.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := scenarios.Load("planning-week")
	if got := s.ContactTypes[0].ForecastPlan.Rows; !slices.Equal(got, want.ContactTypes[0].ForecastPlan.Rows) {
		t.Error("the copy's forecast differs from the built-in's")
	}
	if files, err := scenarios.Files("mmc"); err != nil || len(files) != 1 {
		t.Errorf("Files(mmc) = %d files, %v; want mmc.yaml alone", len(files), err)
	}
	if _, err := scenarios.Files("nope"); !errors.Is(err, scenarios.ErrNotFound) {
		t.Errorf("Files(nope) = %v, want ErrNotFound", err)
	}
}
