package sim

// Caller-scheduled callbacks with hourly slots (the AWS "caller scheduled
// callback" design: HOURLY_SLOTS per hour within the hours of operation,
// bookable DAYS_IN_ADVANCE days ahead).
//
// A caller who accepts the callback offer asks for a time. If its hour's
// slot is open and has room (and the queue is open at the asked time), it
// is booked for that time. Otherwise the caller is offered the next free
// slot, from its start, and declines it with the decline probability (then
// keeps waiting in queue); with no free slot in the booking horizon the
// caller keeps waiting too. A caller who does not confirm hangs up and the
// slot stays held, unavailable to others, for the hold-release time (60 s
// in the design).
//
// Until its time the booking lives outside Amazon Connect (in the design,
// a DynamoDB row and a Step Function waiting for the time): it is counted
// booked, neither Scheduled nor In queue, and is in no record's queue time.
// At its time the Step Function places the callback: the Connect callback
// contact is created then (its Initiation), joins its working queue as an
// agent-first queued callback, and Connect's expiry runs from then. The
// contact's id is taken at booking, so that the inbound record, written
// when the caller hangs up, points to it.

const hourMs = int64(3600 * 1000)

// slotCallback is a queued callback at a time the caller booked.
type slotCallback struct{ queuedCallback }

func (k *slotCallback) recordType() string { return "caller_scheduled" }

// book runs the booking dialogue: delay is the wait until the booked time.
func (k *slotCallback) book(e *engine, ci int32) (delay, expiry int64, outcome slotOutcome) {
	at, outcome := e.bookSlot(ci)
	if outcome != slotBooked {
		return 0, 0, outcome
	}
	return at - e.now(), k.cb.expiry, slotBooked
}

// wait: booked until its time, outside the platform (see cBooked).
func (k *slotCallback) wait(e *engine, ki int32, delay, _ int64) {
	c := &e.contacts[ki]
	c.state = cBooked
	c.schedSince = e.now()
	e.bookedChange(c.queue, 1)
	e.timer(delay, evSlotDue, ki)
}

// slotDue: a caller-scheduled callback's time has come. The design's Step
// Function places it: the Connect callback contact is created now and
// queued, agent first, with Connect's expiry running from now.
func (e *engine) slotDue(ki int32) {
	k := &e.contacts[ki]
	e.endBooked(k)
	k.initiated = e.now()
	e.timer(e.cbPlan(k).expiry, evExpire, ki)
	e.kindOf(k).ready(e, ki)
}

// Slots sit on clock hours. Slot h is the h-th clock hour counted from the
// one containing the scenario start; in simulated time it starts at
// h x 1h - hourOff, hourOff being how far into its hour the scenario
// starts.

type slotOutcome uint8

const (
	slotBooked      slotOutcome = iota // a slot is booked
	slotStay                           // no slot taken: the caller keeps waiting
	slotUnconfirmed                    // the caller hung up without confirming
)

// bookSlot runs the booking dialogue for caller ci and returns the time
// the callback is booked for and the outcome: the asked time when its
// hour's slot is free and the queue is open then, else the start of the
// next free slot (an ask before the next whole hour, the first bookable
// slot, is moved to that slot's start).
func (e *engine) bookSlot(ci int32) (int64, slotOutcome) {
	c := &e.contacts[ci]
	cb := e.p.types[c.typ].cb
	sp := cb.slots
	ts := &e.types[c.typ]
	st := e.inb(c)
	// Draw in a fixed order, used or not, to keep variants in step.
	ask := e.now() + ts.slotAhead.draw()
	declineU, confirmU := ts.slotR.Float64(), ts.slotR.Float64()
	confirm := confirmU < sp.confirm
	if c.script >= 0 {
		scr := &e.p.script[c.script]
		if scr.slotAsk >= 0 {
			ask = scr.slotAsk
		}
		declineU, confirm = 1, scr.slotConfirm
	}
	qp := &e.p.queues[cb.queue]
	off := e.p.hourOff
	first := (e.now()+off)/hourMs + 1 // the next whole clock hour
	last := min((e.now()+off+int64(sp.days)*24*hourMs)/hourMs, int64(len(ts.slotBooked)-1))
	free := func(h int64) bool {
		at := h*hourMs - off
		return h >= first && h <= last && qp.nextOpen(at) == at &&
			ts.slotBooked[h]+ts.slotHeld[h] < sp.perHour
	}
	h := max((ask+off)/hourMs, first)
	at := max(ask, h*hourMs-off)
	if !free(h) || qp.nextOpen(at) != at {
		next := int64(-1)
		for x := h + 1; x <= last; x++ {
			if free(x) {
				next = x
				break
			}
		}
		if next < 0 {
			st.SlotUnavailable++
			return 0, slotStay
		}
		st.SlotPushed++
		if declineU < sp.decline {
			st.SlotDeclined++
			return 0, slotStay
		}
		h, at = next, next*hourMs-off
	}
	if !confirm {
		st.SlotUnconfirmed++
		ts.slotHeld[h]++
		e.k.After(sp.holdRelease, evSlotRelease, c.typ, int32(h), 0)
		return 0, slotUnconfirmed
	}
	ts.slotBooked[h]++
	return at, slotBooked
}

// SlotHour is one hour of the week's caller-scheduled slots: the slots
// offered (capacity of the open hours falling on that hour of the week
// within the horizon) and booked. Hours count from the clock hour that
// contains the scenario start.
type SlotHour struct {
	Capacity int64
	Booked   int64
}

// Utilisation is booked over capacity.
func (s SlotHour) Utilisation() float64 { return ratioF(float64(s.Booked), float64(s.Capacity)) }

// slotResults folds each caller-scheduled contact type's bookings onto the
// hours of the week (from the scenario start's local clock hour) of its
// working queue.
func (e *engine) slotResults() {
	off := e.p.hourOff
	for ti := range e.p.types {
		cb := e.p.types[ti].cb
		if cb == nil || cb.slots == nil {
			continue
		}
		r := &e.res.Queues[cb.queue]
		if r.Slots == nil {
			r.Slots = make([]SlotHour, 168)
		}
		qp := &e.p.queues[cb.queue]
		ts := &e.types[ti]
		for h := int64(0); h*hourMs-off < e.p.horizon; h++ {
			at := h*hourMs - off
			if at < e.p.warmup || qp.nextOpen(at) != at {
				continue
			}
			// The hour of the week on the wall clock: through a
			// daylight-saving change, slots keep their local hour.
			c := e.p.clock
			w := (c.Wall(at) - (c.StartOfDay() - off)) / hourMs % 168
			if w < 0 {
				w += 168
			}
			r.Slots[w].Capacity += int64(cb.slots.perHour)
			r.Slots[w].Booked += int64(ts.slotBooked[h])
		}
	}
}
