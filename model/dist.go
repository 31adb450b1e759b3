package model

import (
	"math"
	"strings"
)

// DistKind names a family of probability distributions for durations.
type DistKind string

// The distribution families a scenario may use. Parameters are given the way
// planners think about them (a mean and a standard deviation, in time units);
// the simulator converts them to each family's native parameters in one place.
const (
	// Deterministic always returns Mean. A bare duration ("10s") in a
	// scenario is shorthand for it.
	Deterministic DistKind = "deterministic"
	// Exponential has the given Mean (and so SD = Mean). Exponential
	// patience and handle times give the Erlang C and Erlang A models.
	Exponential DistKind = "exponential"
	// LogNormal has the given Mean and SD. Handle times are usually
	// close to lognormal.
	LogNormal DistKind = "lognormal"
	// Gamma has the given Mean and SD.
	Gamma DistKind = "gamma"
	// Weibull has the given Shape and a scale chosen so that the mean is
	// Mean.
	Weibull DistKind = "weibull"
	// Uniform is uniform on [Min, Max].
	Uniform DistKind = "uniform"
	// Empirical draws uniformly from Samples, given in the scenario or
	// read from File (one sample per line, e.g. handle times exported
	// from the platform).
	Empirical DistKind = "empirical"
)

// DistKinds lists every distribution family, for help text and validation.
var DistKinds = []DistKind{Deterministic, Exponential, LogNormal, Gamma, Weibull, Uniform, Empirical}

// Dist describes a distribution of durations.
//
// In a scenario file it is either a bare duration ("5m", meaning always five
// minutes) or a mapping such as {dist: lognormal, mean: 5m, sd: 2m}.
// The zero Dist means "not set".
type Dist struct {
	Kind    DistKind   `yaml:"dist"`
	Mean    Duration   `yaml:"mean"`
	SD      Duration   `yaml:"sd"`
	Shape   float64    `yaml:"shape"`
	Min     Duration   `yaml:"min"`
	Max     Duration   `yaml:"max"`
	Samples []Duration `yaml:"samples"`
	// File names a file of samples for an empirical distribution, read
	// relative to the scenario file into Samples when it is loaded.
	File string `yaml:"file"`
}

// Fixed returns the deterministic distribution at d.
func Fixed(d Duration) Dist { return Dist{Kind: Deterministic, Mean: d} }

// IsSet reports whether d was given.
func (d Dist) IsSet() bool { return d.Kind != "" }

// UnmarshalText reads the scalar form: a bare duration is a deterministic
// distribution.
func (d *Dist) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = Fixed(v)
	return nil
}

// MeanValue returns the distribution's mean, whatever the family.
func (d Dist) MeanValue() Duration {
	switch d.Kind {
	case Uniform:
		return (d.Min + d.Max) / 2
	case Empirical:
		if len(d.Samples) == 0 {
			return 0
		}
		var s float64
		for _, v := range d.Samples {
			s += float64(v)
		}
		return Duration(math.Round(s / float64(len(d.Samples))))
	default:
		return d.Mean
	}
}

// validate checks the parameters of d and reports problems at path.
// minWeibullShape is the smallest Weibull shape whose variance,
// lambda^2 (Gamma(1 + 2/k) - Gamma(1 + 1/k)^2), is finite in float64:
// Gamma overflows past 171.6.
const minWeibullShape = 2 / 170.6

func (d Dist) validate(path string, errs *Errors) {
	d.checkParams(path, errs)
	switch d.Kind {
	case "":
		if d.Mean != 0 || d.SD != 0 || d.Shape != 0 || d.Min != 0 || d.Max != 0 || len(d.Samples) > 0 || d.File != "" {
			errs.add(path+".dist", "is required when parameters are given (allowed: %s)", joinKinds())
		}
		return
	case Deterministic:
		if d.Mean < 0 {
			errs.add(path, "must not be negative")
		}
	case Exponential:
		if d.Mean <= 0 {
			errs.add(path+".mean", "must be positive for an exponential distribution")
		}
	case LogNormal, Gamma:
		if d.Mean <= 0 {
			errs.add(path+".mean", "must be positive for a %s distribution", d.Kind)
		}
		if d.SD <= 0 {
			errs.add(path+".sd", "must be positive for a %s distribution (the standard deviation)", d.Kind)
		}
	case Weibull:
		if d.Mean <= 0 {
			errs.add(path+".mean", "must be positive for a weibull distribution")
		}
		if !(d.Shape > 0) || math.IsInf(d.Shape, 0) {
			errs.add(path+".shape", "must be a positive number for a weibull distribution (1 is exponential)")
		} else if math.IsInf(math.Gamma(1+2/d.Shape), 0) {
			// The variance needs Gamma(1 + 2/shape), which overflows
			// float64 below shape 0.0118: draws would be NaN.
			errs.add(path+".shape", "%g is too small: the distribution's variance is beyond float64 (allowed: %g or more)", d.Shape, math.Ceil(minWeibullShape*1e4)/1e4)
		} else {
			errs.check(path+".shape", "*.shape (weibull)", d.Shape, false)
		}
	case Uniform:
		if d.Max < d.Min {
			errs.add(path+".max", "must be at least min (%s)", d.Min)
		}
	case Empirical:
		if len(d.Samples) == 0 && d.File == "" {
			errs.add(path+".samples", "must list at least one duration for an empirical distribution (or name a file of samples)")
		} else if len(d.Samples) == 0 {
			errs.add(path+".file", "%q was not loaded", d.File)
		}
	default:
		errs.add(path+".dist", "unknown distribution %q (allowed: %s)", d.Kind, joinKinds())
	}
}

// checkParams rejects parameters that the family does not take, so that a
// planner who writes {dist: exponential, mean: 5m, sd: 2m} learns that the
// sd is not used rather than silently getting an exponential.
func (d Dist) checkParams(path string, errs *Errors) {
	if d.Kind == "" {
		return
	}
	takes := map[DistKind]string{
		Deterministic: "mean",
		Exponential:   "mean",
		LogNormal:     "mean sd",
		Gamma:         "mean sd",
		Weibull:       "mean shape",
		Uniform:       "min max",
		Empirical:     "samples file",
	}[d.Kind]
	given := []struct {
		name string
		set  bool
	}{{"mean", d.Mean != 0}, {"sd", d.SD != 0}, {"shape", d.Shape != 0},
		{"min", d.Min != 0}, {"max", d.Max != 0}, {"samples", len(d.Samples) > 0 && d.File == ""}, {"file", d.File != ""}}
	for _, g := range given {
		if g.set && takes != "" && !strings.Contains(" "+takes+" ", " "+g.name+" ") {
			errs.add(path+"."+g.name, "a %s distribution does not take %s (it takes: %s)", d.Kind, g.name, strings.ReplaceAll(takes, " ", ", "))
		}
	}
}

func joinKinds() string {
	s := ""
	for i, k := range DistKinds {
		if i > 0 {
			s += ", "
		}
		s += string(k)
	}
	return s
}
