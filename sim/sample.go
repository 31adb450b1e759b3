package sim

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/ccsim/ccsim/model"
)

// Random-stream purposes. Every purpose of every contact type (and every
// agent group) draws from its own stream, seeded from (seed, replication,
// purpose, index), so that two variants of a scenario run side by side see
// the same arrivals, handle times and patience even when their routing or
// callback settings differ: common random numbers.
const (
	streamArrivals uint64 = iota + 1
	streamTalk
	streamACW
	streamPatience
	streamAccept
	streamDial
	streamRing
	streamDecline
	streamCallbackTalk
	streamAgentBook
	streamSlots
	// Redials (added last, so that the streams above keep their numbers):
	// whether a caller who gave up calls again and when, and the talk,
	// ACW, patience and acceptance draws of redials, apart from first
	// calls', so that first calls stay paired between variants.
	streamRedial
	streamRedialDelay
	streamRedialContact
	// The drawn retry wait of callbacks with retry_delay.
	streamRetryDelay
)

// newStream returns the random stream for one purpose. The PCG generator
// takes two 64-bit words; the second mixes replication, purpose and index
// through SplitMix64 so that nearby triples give unrelated streams.
func newStream(seed uint64, rep int, purpose uint64, index int) *rand.Rand {
	k := splitmix(uint64(rep)<<32 ^ purpose<<16 ^ uint64(index))
	return rand.New(rand.NewPCG(splitmix(seed), k))
}

// splitmix is the SplitMix64 finaliser (Steele, Lea and Flood, 2014).
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// sampler draws durations (in ms) from one distribution, with the random
// stream it was bound to at construction, as gonum's distuv types are
// (their Src field): a draw cannot take the wrong stream, which would break
// common random numbers between variants. It is the only place where the
// planner's parameters (mean and standard deviation) are converted to each
// family's native ones.
type sampler struct {
	r       *rand.Rand
	dist    model.Dist // for the error of a draw the clock cannot hold
	kind    model.DistKind
	mean    float64 // ms
	min     float64
	span    float64
	samples []int64
	logn    distuv.LogNormal
	gamma   distuv.Gamma
	weibull distuv.Weibull
}

// newSampler binds distribution d to stream r.
func newSampler(d model.Dist, r *rand.Rand) sampler {
	s := sampler{r: r, dist: d, kind: d.Kind, mean: float64(d.Mean)}
	src := rand.Source(r)
	m, sd := float64(d.Mean), float64(d.SD)
	switch d.Kind {
	case model.LogNormal:
		// Moments of the lognormal: sigma^2 = ln(1 + sd^2/m^2) and
		// mu = ln m - sigma^2/2.
		s2 := math.Log1p(sd * sd / (m * m))
		s.logn = distuv.LogNormal{Mu: math.Log(m) - s2/2, Sigma: math.Sqrt(s2), Src: src}
	case model.Gamma:
		// Shape k = m^2/sd^2; gonum's Beta is the rate k/m.
		k := m * m / (sd * sd)
		s.gamma = distuv.Gamma{Alpha: k, Beta: k / m, Src: src}
	case model.Weibull:
		// Mean = lambda * Gamma(1 + 1/k), so lambda = m / Gamma(1 + 1/k).
		s.weibull = distuv.Weibull{K: d.Shape, Lambda: m / math.Gamma(1+1/d.Shape), Src: src}
	case model.Uniform:
		s.min, s.span = float64(d.Min), float64(d.Max-d.Min)
	case model.Empirical:
		s.samples = make([]int64, len(d.Samples))
		for i, v := range d.Samples {
			s.samples[i] = int64(v)
		}
	}
	return s
}

// draw returns one duration in whole milliseconds, rounded to nearest.
func (s *sampler) draw() int64 {
	r := s.r
	var v float64
	switch s.kind {
	case model.Deterministic, "":
		return int64(s.mean)
	case model.Exponential:
		v = r.ExpFloat64() * s.mean
	case model.LogNormal:
		v = s.logn.Rand()
	case model.Gamma:
		v = s.gamma.Rand()
	case model.Weibull:
		v = s.weibull.Rand()
	case model.Uniform:
		v = s.min + r.Float64()*s.span
	case model.Empirical:
		return s.samples[r.IntN(len(s.samples))]
	}
	// Validation keeps every family's mean and variance finite, but a
	// draw can still be NaN or far beyond the clock (a heavy tail, a
	// parameter at float64's edge). Converted, it would become a negative
	// or wrapped duration and the run would go on with nonsense; instead
	// the run stops with an error (see Plan.Run).
	if !(v >= 0 && v <= maxDraw) {
		panic(badDraw{dist: s.dist, v: v})
	}
	return int64(v + 0.5)
}

// maxDraw is the longest duration a draw may give.
const maxDraw = float64(model.MaxDuration)

// badDraw is a draw the clock cannot hold; Plan.Run turns it into an error.
type badDraw struct {
	dist model.Dist
	v    float64
}

func (b badDraw) Error() string {
	d := b.dist
	return fmt.Sprintf("a %s distribution (mean %s, sd %s, shape %g) drew %g ms, which no duration can hold (0 to %s): its parameters are too extreme",
		d.Kind, d.Mean, d.SD, d.Shape, b.v, model.MaxDuration)
}
