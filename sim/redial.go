package sim

// Redials: callers who gave up (abandoned in queue, were blocked, or whose
// callback never reached them) and call again after a delay, as a new
// inbound contact of the same contact type carrying their customer number
// and attempt. Until they call again they wait "to redial" (the orbit of
// a retrial queue): a pool slot in state cRedial, counted per queue and
// time-averaged like the In-queue and Scheduled counts.

// Why a caller gave up, which picks the redial probability.
const (
	redialAbandoned uint8 = iota
	redialBlocked
	redialUnreached
)

// offeredByFlow reports whether a callback of kind k was one the queue
// flow offered a waiting caller (not one an agent booked after serving
// them): its customer was not served yet.
func offeredByFlow(k uint8) bool {
	return k == kindQueued || k == kindSlot || k == kindCustomerFirst
}

// redialOrGiveUp decides whether the customer of contact type t, who gave
// up now on call number attempt, calls again, and schedules the redial.
// A customer who does not is counted in st as lost for good. The decision
// and the delay are drawn from the type's redial streams, both always, so
// that variants with other redial probabilities stay paired.
func (e *engine) redialOrGiveUp(t int32, customer int64, attempt int32, st *InboundStats, why uint8) {
	rp := e.p.types[t].redial
	if rp == nil {
		st.GaveUp++
		return
	}
	ts := &e.types[t]
	u := ts.redialR.Float64()
	d := ts.redialDelay.draw()
	p := rp.abandon
	switch why {
	case redialBlocked:
		p = rp.blocked
	case redialUnreached:
		p = rp.unreached
	}
	if u >= p || (rp.max >= 0 && attempt > rp.max) {
		st.GaveUp++
		return
	}
	q := e.p.types[t].queue
	ri := e.alloc()
	c := &e.contacts[ri]
	c.state = cRedial
	c.typ, c.queue, c.script, c.agent, c.qpos, c.leg = t, q, -1, -1, -1, -1
	c.attempt = attempt + 1
	e.customers[ri] = customer
	c.ival = e.curBucket()
	e.qiv[q][c.ival].Inbound.RedialScheduled++
	e.redialChange(q, 1)
	e.timer(d, evRedial, ri)
}

// callbackUnreached releases callback ki, which ended unreached, and
// lets its customer call again if it was a callback the flow offered.
func (e *engine) callbackUnreached(ki int32) {
	k := &e.contacts[ki]
	t, customer, attempt, offered := k.typ, e.customer(ki), k.attempt, offeredByFlow(k.kind)
	st := &e.qiv[k.queue][k.ival].Inbound
	e.release(ki)
	if offered {
		e.redialOrGiveUp(t, customer, attempt, st, redialUnreached)
	}
}

// customer is the number of the customer contact ci belongs to, 0 when
// no contact type has redials.
func (e *engine) customer(ci int32) int64 {
	if e.customers == nil {
		return 0
	}
	return e.customers[ci]
}

// redialNow: a caller waiting to redial calls again.
func (e *engine) redialNow(ri int32) {
	c := &e.contacts[ri]
	t, q, customer, attempt := c.typ, c.queue, e.customer(ri), c.attempt
	e.redialChange(q, -1)
	e.release(ri)
	e.arrive(t, -1, customer, attempt)
}

// redialChange updates the number of callers of queue q waiting to
// redial.
func (e *engine) redialChange(q int32, d int64) { e.change(q, &e.redialing[q], d, redialTime) }
