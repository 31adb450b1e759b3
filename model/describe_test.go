package model

import (
	"slices"
	"testing"
)

// TestDescribe reads the settings a planner sees off scenarios built to
// reach each branch of the description: defaults in words, hours and
// shifts as a week, every kind of callback.
func TestDescribe(t *testing.T) {
	accept := 0.35
	clock := func(h Duration) At { return At{Set: true, Clock: true, Value: h} }
	s := &Scenario{
		Name:        "described",
		Description: "  Two queues.\n",
		Horizon:     Day,
		Queues: []Queue{
			{Name: "Sales", Hours: []Hours{{Days: []string{"mon", "tue", "wed", "thu", "fri", "sun"}, Open: clock(8 * Hour), Close: clock(17*Hour + 30*Second)}}},
			{Name: "Support", MaxSize: 20},
		},
		RoutingProfiles: []RoutingProfile{{Name: "Both", Queues: []ProfileQueue{
			{Queue: "Sales", Priority: 1}, {Queue: "Support", Priority: 2, Delay: 30 * Second}}}},
		Agents: []AgentGroup{
			{Name: "all-day", Count: 4, Profile: "Both", Shifts: []Shift{{Start: At{Set: true}}}},
			{Name: "day", Count: 9, Profile: "Both", Shrinkage: 0.1, DeclineProbability: 0.02, Shifts: []Shift{{
				Start: clock(8 * Hour), End: clock(17 * Hour), Days: []string{"mon", "tue"},
				Breaks: []Break{{Start: At{Set: true, Value: 2 * Hour}, Duration: 15 * Minute}, {Start: At{Set: true, Value: 4 * Hour}, Duration: 30 * Minute}}}}},
			{Name: "planned", Count: 3, Profile: "Nowhere", Staffing: "plan.csv"},
		},
		ContactTypes: []ContactType{
			{Name: "sale", Queue: "Sales", PerHour: 100, Talk: Dist{Kind: LogNormal, Mean: 4 * Minute, SD: 2 * Minute},
				ACW: Fixed(30 * Second), Patience: Dist{Kind: Exponential, Mean: 3 * Minute},
				Callback: &Callback{Mode: CustomerFirst, Pacing: 8, OfferAfter: Minute, OfferMinExpectedWait: 2 * Minute,
					AcceptProbability: &accept, Queue: "Sales", InitialDelay: Minute, MaxRetries: 2, RetryInterval: 15 * Minute,
					RetryOn: []DialOutcome{NoAnswer, Busy}, Expiry: 7 * Day, KeepPosition: true, AgentWhisper: 5 * Second,
					Dial: &DialOutcomes{Answer: 0.8, NoAnswer: 0.15, Busy: 0.05}}},
			{Name: "support", Queue: "Support", Forecast: "f.csv", Talk: Dist{Kind: Weibull, Mean: 6 * Minute, Shape: 1.5},
				ACW: Dist{Kind: Uniform, Min: 0, Max: Minute}, AgentCallbacks: &AgentCallbacks{Share: 0.05, Delay: Fixed(Day),
					Ownership: 4 * Hour, OnExpiry: "queue", RouteToMe: true}},
			{Name: "plain", Queue: "Support", PerHour: 12.25, Talk: Dist{Kind: Empirical, Samples: []Duration{Minute, 3 * Minute}}},
		},
	}
	got := s.Describe()
	if got.Description != "Two queues." {
		t.Errorf("Description = %q, want it trimmed", got.Description)
	}
	if len(got.Tables) != 5 {
		t.Fatalf("%d tables, want queues, agents and one per contact type", len(got.Tables))
	}
	row := func(table int, key string) []string {
		t.Helper()
		for _, r := range got.Tables[table].Rows {
			if r[0] == key {
				return r
			}
		}
		t.Fatalf("table %q has no row %q", got.Tables[table].Title, key)
		return nil
	}
	for _, c := range []struct {
		table int
		key   string
		want  []string
	}{
		{0, "Sales", []string{"Sales", "no cap", "mon-fri, sun 08:00-17:00:30"}},
		{0, "Support", []string{"Support", "20", "always open"}},
		{1, "all-day", []string{"all-day", "4", "Both: Sales (priority 1), Support (priority 2, after 30s)", "the whole horizon"}},
		{1, "day", []string{"day", "9", "Both: Sales (priority 1), Support (priority 2, after 30s)",
			"mon, tue 08:00-17:00 (2 breaks); shrinkage 10 %; declines 2 % of offers"}},
		{1, "planned", []string{"planned", "3", "Nowhere", "staffing plan plan.csv"}},
		{2, "arrivals", []string{"arrivals", "100.0 per hour (Poisson)"}},
		{2, "talk", []string{"talk", "lognormal, mean 4m, sd 2m"}},
		{2, "ACW", []string{"ACW", "30s"}},
		{2, "patience", []string{"patience", "exponential, mean 3m"}},
		{2, "callback", []string{"callback", "customer first, pacing 8 (dials at most 8/10 x idle unclaimed agents)"}},
		{2, "offered", []string{"offered", "after 1m in queue, if the expected wait is at least 2m; 35 % accept"}},
		{2, "dials", []string{"dials", "up to 3, at least 15m apart; redialled after no answer, busy; voicemail is not put through (a failed dial)"}},
		{2, "position", []string{"position", "keeps the original call's place"}},
		{2, "whispers", []string{"whispers", "5s agent, 0s customer"}},
		{2, "dial outcomes", []string{"dial outcomes", "answer 80 %, no answer 15 %, busy 5 %"}},
		{3, "arrivals", []string{"arrivals", "forecast f.csv"}},
		{3, "talk", []string{"talk", "weibull, mean 6m, shape 1.5"}},
		{3, "ACW", []string{"ACW", "uniform 0s to 1m"}},
		{3, "patience", []string{"patience", "unlimited (never abandons)"}},
		{3, "agent-booked", []string{"agent-booked", "5 % of handled contacts, 1d ahead, agent-owned for 4h (then queue), routed to the booking agent"}},
		{4, "talk", []string{"talk", "empirical, 2 samples, mean 2m"}},
		{4, "callback", []string{"callback", "none"}},
	} {
		if r := row(c.table, c.key); !slices.Equal(r, c.want) {
			t.Errorf("%s / %s = %q, want %q", got.Tables[c.table].Title, c.key, r, c.want)
		}
	}
	if q := got.Tables[0]; !slices.Equal(q.Counts, []bool{false, true, false}) || q.Columns == nil {
		t.Errorf("queues table: columns %q, counts %v", q.Columns, q.Counts)
	}
	if ct := got.Tables[2]; ct.Columns != nil || ct.Title != "Contact type sale" {
		t.Errorf("contact type table %q has columns %q; want a key-value list", ct.Title, ct.Columns)
	}
}
