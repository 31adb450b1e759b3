package sim

import (
	"testing"

	"github.com/ccsim/ccsim/model"
)

// TestWithin_matchesDivision: the cached bucket of the current instant
// (curBucket, within) files every span where dividing by the interval
// would, across the warm-up's end, interval boundaries and the cycle's
// wrap. The clock only moves forward, as in a run; at each instant every
// span ending there is checked, so a stale cache fails.
func TestWithin_matchesDivision(t *testing.T) {
	for _, tc := range []struct {
		name             string
		warmup, interval model.Duration
	}{
		{"no warm-up", 0, 15 * model.Minute},
		{"warm-up on a boundary", 30 * model.Minute, 15 * model.Minute},
		{"warm-up inside an interval", 20 * model.Minute, 15 * model.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &model.Scenario{
				Name: "b", Horizon: 3 * model.Day, Seed: 1, Warmup: tc.warmup, Interval: tc.interval,
				Queues:          []model.Queue{{Name: "Q"}},
				RoutingProfiles: []model.RoutingProfile{{Name: "P", Queues: []model.ProfileQueue{{Queue: "Q", Priority: 1}}}},
				Agents:          []model.AgentGroup{{Name: "a", Count: 1, Profile: "P", MissedLockout: model.Second}},
				ContactTypes:    []model.ContactType{{Name: "c", Queue: "Q", PerHour: 1, Talk: model.Fixed(model.Minute)}},
			}
			p, err := Compile(s)
			if err != nil {
				t.Fatal(err)
			}
			e := newEngine(p, Options{})
			iv, w := p.interval, p.warmup
			// ref is the division the cache replaces.
			ref := func(from, to int64) (int32, bool) {
				switch {
				case to <= w:
					return int32(p.nIntervals), to > from
				case from >= w && from/iv == (to-1)/iv:
					return int32(p.bucket(from / iv)), to > from
				}
				return 0, false
			}
			step := int64(model.Minute) / 2
			for now := int64(0); now < p.horizon; now += step {
				e.k.AdvanceTo(now)
				if got, want := e.curBucket(), e.ivalOf(now); got != want {
					t.Fatalf("at %d ms: curBucket %d, ivalOf %d", now, got, want)
				}
				for from := max(0, now-3*iv); from <= now; from += step {
					gb, gok := e.within(from)
					wb, wok := ref(from, now)
					// A span ending on a boundary may be reported
					// as not within (spread then files it whole);
					// one reported within must be in the right bucket.
					if gok && (!wok || gb != wb) {
						t.Fatalf("[%d, %d): within gives bucket %d, division %d (ok %v)", from, now, gb, wb, wok)
					}
					if !gok && wok && now%iv != 0 && now != w {
						t.Fatalf("[%d, %d): within says not in one bucket, division says %d", from, now, wb)
					}
				}
			}
		})
	}
}
