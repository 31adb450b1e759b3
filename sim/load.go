package sim

// IntervalLoad is the work a plan offers in one interval of its reporting
// cycle, as the closed-form queueing models see it: a number of contacts,
// their mean handle time and their mean patience. It is what a staffing
// search starts from.
type IntervalLoad struct {
	// Offered is the expected number of contacts arriving in the
	// interval, every contact type together.
	Offered float64
	// AHT is their mean handle time (talk plus after-contact work,
	// seconds), weighted by the contacts each type offers; 0 when none
	// are offered.
	AHT float64
	// Patience is their mean patience (seconds), weighted the same way;
	// 0 when some contact type offered in the interval never abandons.
	Patience float64
}

// OfferedLoad returns the load of each interval of the reporting cycle,
// from the contact types' constant rates or forecasts (a forecast's AHT
// scales the handle time). Callbacks, which bring work back later, are
// not counted: they are what the formulas cannot see.
func (p *Plan) OfferedLoad() []IntervalLoad {
	return p.offeredLoad(-1)
}

// OfferedLoadByQueue returns [Plan.OfferedLoad] for each queue of the
// scenario, in its order: the load of the contact types that arrive at
// that queue. A staffing search of several queues starts from one
// formula answer per queue.
func (p *Plan) OfferedLoadByQueue() [][]IntervalLoad {
	out := make([][]IntervalLoad, len(p.queues))
	for q := range out {
		out[q] = p.offeredLoad(int32(q))
	}
	return out
}

// offeredLoad is the load of the contact types arriving at queue q, or of
// every type when q is negative.
func (p *Plan) offeredLoad(q int32) []IntervalLoad {
	iv := p.interval
	out := make([]IntervalLoad, p.nIntervals)
	for i := range out {
		l := &out[i]
		var handle, patience, patWeight float64
		allPatient := true
		for _, t := range p.types {
			if q >= 0 && t.queue != q {
				continue
			}
			var offered, scale float64
			if t.rates != nil {
				offered, scale = t.rates[i]*float64(iv), t.scale[i]
			} else {
				offered, scale = t.perHour*float64(iv)/3.6e6, 1
			}
			if offered == 0 {
				continue
			}
			l.Offered += offered
			handle += offered * t.meanHandle * scale / 1000
			if t.patience.IsSet() {
				patience += offered * float64(t.patience.MeanValue()) / 1000
				patWeight += offered
			} else {
				allPatient = false
			}
		}
		if l.Offered == 0 {
			continue
		}
		l.AHT = handle / l.Offered
		if allPatient && patWeight > 0 {
			l.Patience = patience / patWeight
		}
	}
	return out
}
