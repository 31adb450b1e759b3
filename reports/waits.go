package reports

import (
	"math"

	"github.com/ccsim/ccsim/sim"
)

// WaitBucket is a range of waits of answered inbound contacts, From
// (exclusive, except for the zero bucket) to To seconds (exclusive; +Inf
// for the last), with how many answered contacts waited that long.
type WaitBucket struct {
	Label    string
	From, To float64
	// Count is pooled over the replications of the histogram.
	Count int64
	// Percent is Count over every answered contact, NaN when none was.
	Percent float64
}

// waitEdges are the bucket bounds in seconds after the zero bucket: 0-10 s,
// 10-20 s, 20-60 s, 1-2 min, 2-5 min, 5-10 min, 10+ min.
var waitEdges = []struct {
	to    float64
	label string
}{
	{10, "0-10 s"}, {20, "10-20 s"}, {60, "20-60 s"}, {120, "1-2 min"},
	{300, "2-5 min"}, {600, "5-10 min"}, {math.Inf(1), "10+ min"},
}

// fineBins is how many one-second bins [sim.WaitHistogram] starts with
// (its documented layout: 1 s bins up to 10 minutes, coarser after).
// Every bucket edge but the last falls on one of them.
const fineBins = 600

// WaitBuckets groups a wait histogram into a handful of readable buckets:
// answered at once (no wait), then 0-10 s, 10-20 s, 20-60 s, 1-2 min,
// 2-5 min, 5-10 min and 10+ min.
func WaitBuckets(h sim.WaitHistogram) []WaitBucket {
	out := []WaitBucket{{Label: "no wait", Count: h.Zero}}
	from := 0.0
	for _, e := range waitEdges {
		out = append(out, WaitBucket{Label: e.label, From: from, To: e.to})
		from = e.to
	}
	for i, c := range h.Counts {
		if c == 0 {
			continue
		}
		// Bin i < fineBins holds waits in [i, i+1) s; the others are
		// all 10 minutes or more.
		b := len(out) - 1
		if i < fineBins {
			for j, e := range waitEdges {
				if float64(i) < e.to {
					b = j + 1
					break
				}
			}
		}
		out[b].Count += c
	}
	n := h.N()
	for i := range out {
		out[i].Percent = math.NaN()
		if n > 0 {
			out[i].Percent = 100 * float64(out[i].Count) / float64(n)
		}
	}
	return out
}
