package sim

import (
	"slices"

	"github.com/ccsim/ccsim/model"
)

// Dial outcome indices into model.DialOutcomeList.
const (
	outAnswered uint8 = iota
	outNoAnswer
	outBusy
	outVoicemail
	outInvalid
)

// arrive creates an inbound contact of type t (scripted when si >= 0) and
// puts it in its queue, or blocks it if the queue is full.
//
// customer and attempt say who calls: customer 0 is a new customer (a
// first attempt, attempt 1); a redial carries its customer and its
// attempt number.
func (e *engine) arrive(t int32, si int32, customer int64, attempt int32) {
	tp := &e.p.types[t]
	ts := &e.types[t]
	ci := e.newContact(t, si, tp.queue)
	c := &e.contacts[ci]
	c.connSys = e.now()
	if e.customers != nil {
		if customer == 0 {
			e.nextCustomer++
			customer = e.nextCustomer
		}
		e.customers[ci] = customer
	}
	c.attempt = attempt
	// Draw every per-contact value in a fixed order, used or not, so that
	// contact k gets the same values in every variant of a scenario. A
	// redial draws from its own stream, so that first calls keep theirs.
	c.ival = e.curBucket()
	patience := int64(-1)
	offerAt := int64(-1)
	if attempt > 1 {
		c.talk, c.acw = e.scaleHandle(t, ts.rTalk.draw(), ts.rACW.draw())
		if tp.patience.IsSet() {
			patience = ts.rPat.draw()
		}
		if tp.cb != nil {
			c.acceptU = ts.redialContactR.Float64()
			offerAt = tp.cb.offerAfter
		}
	} else {
		c.talk, c.acw = e.scaleHandle(t, ts.talk.draw(), ts.acw.draw())
		if tp.patience.IsSet() {
			patience = ts.pat.draw()
		}
		if tp.cb != nil {
			c.acceptU = ts.acceptR.Float64()
			offerAt = tp.cb.offerAfter
		}
	}
	if si >= 0 {
		sp := &e.p.script[si]
		patience, offerAt = sp.abandonAfter, sp.callbackAfter
		if sp.talk >= 0 {
			c.talk = sp.talk
		}
		if sp.acw >= 0 {
			c.acw = sp.acw
		}
	}
	st := e.inb(c)
	st.Arrived++
	if attempt > 1 {
		st.Redials++
	}
	if qp := &e.p.queues[c.queue]; qp.open != nil && qp.nextOpen(e.now()) != e.now() {
		// The queue is closed: the flow's closed branch ends the call.
		st.Closed++
		c.disconnect = e.now()
		e.emitInbound(ci, ReasonFlow, outcomeClosed)
		e.release(ci)
		return
	}
	if cp := e.p.queues[c.queue].cap; cp >= 0 && len(e.queues[c.queue].items) >= cp && e.full(c) {
		st.Blocked++
		c.disconnect = e.now()
		e.emitInbound(ci, ReasonQueueFull, outcomeBlocked)
		e.release(ci)
		e.redialOrGiveUp(t, customer, attempt, st, redialBlocked)
		return
	}
	if e.answerAtOnce(ci) {
		return
	}
	e.enqueue(ci, e.now())
	gen := c.gen
	e.dispatch(c.queue)
	// The caller's patience and the callback offer are timed only if no
	// agent took the call at once. Set before the dispatch, they would be
	// cancelled straight away for every call answered on arrival, most of
	// them at normal load, and sit dead in the event heap until they fell
	// due or the heap was compacted. (Dequeueing bumps the generation.)
	if c := &e.contacts[ci]; c.gen == gen {
		if patience >= 0 {
			e.timer(patience, evAbandon, ci)
		}
		if offerAt >= 0 {
			e.timer(offerAt, evOffer, ci)
		}
	}
}

// answerAtOnce gives inbound contact ci, arriving now, to an idle agent
// when one takes it at once, and reports whether one did. It is enqueue
// then dispatch for a contact that finds its queue empty, without the
// waiting line's heap in between (most calls at normal load): the contact
// enters and leaves the line at the same instant, which changes no count
// over time, and is counted in its leg as queued, left and answered just
// the same (offerTo, then dequeue of a contact not in the heap). Where an
// agent may decline it (a scripted decline, a group's decline
// probability), or a routing delay would look again later, the contact
// takes the ordinary way, and the same random draws are made.
func (e *engine) answerAtOnce(ci int32) bool {
	c := &e.contacts[ci]
	if ordinaryWayOnly || c.line != lineQueue || c.script >= 0 || len(e.queues[c.queue].items) > 0 || len(e.p.queues[c.queue].delays) > 0 {
		return false
	}
	c.enqueued = e.now() // for pickAgent's routing delays
	a, prof := e.pickAgent(c.queue, c)
	if a < 0 || e.p.groups[e.agents[a].group].declineP > 0 {
		c.enqueued = unset
		return false
	}
	c.state = cQueued
	e.enterLine(c)
	e.profiles[prof].head++
	e.offerTo(ci, a)
	return true
}

// ordinaryWayOnly turns answerAtOnce off, for the test that holds it to
// the ordinary way.
var ordinaryWayOnly bool

// full reports whether inbound contact c, arriving now, finds no place in
// its queue: the waiting line is at its cap, or, for a queue without
// waiting places, no agent may take the contact at once.
//
// The caller has checked that the line is at its cap.
func (e *engine) full(c *contact) bool {
	if e.p.queues[c.queue].cap > 0 {
		return true
	}
	c.enqueued = e.now() // for the routing delays pickAgent checks
	a, _ := e.pickAgent(c.queue, c)
	c.enqueued = unset
	return a < 0
}

// scaleHandle applies the forecast's AHT for the current interval, if
// contact type t has a forecast, to drawn talk and ACW times.
func (e *engine) scaleHandle(t int32, talk, acw int64) (int64, int64) {
	sc := e.p.types[t].scale
	if sc == nil {
		return talk, acw
	}
	f := sc[e.p.bucket(e.now()/e.p.interval)]
	return int64(float64(talk)*f + 0.5), int64(float64(acw)*f + 0.5)
}

// unset marks a timestamp that has not happened.
const unset = -1

// newContact takes a pool slot for a new contact initiated now.
func (e *engine) newContact(t, si, q int32) int32 {
	ci := e.alloc()
	c := &e.contacts[ci]
	c.typ, c.script, c.queue, c.agent, c.qpos, c.leg = t, si, q, -1, -1, -1
	c.id = e.nextID
	e.nextID++
	c.initiated = e.now()
	c.legStart = unset
	c.enqueued, c.dequeued, c.connSys, c.connAgent = unset, unset, unset, unset
	return ci
}

// closeCallback adds a finished callback's Scheduled and In-queue time to
// its queue's totals.
func (e *engine) closeCallback(ki int32) {
	k := &e.contacts[ki]
	st := e.cbs(k)
	st.Scheduled += k.schedTotal
	st.InQueue += k.inQueueTotal
	st.Closed++
	st.ClosedScheduled += k.schedTotal
	st.ClosedInQueue += k.inQueueTotal
	if e.counted(k) {
		e.addWait(&e.cbSched[k.queue], k.schedTotal)
		e.addWait(&e.cbInQ[k.queue], k.inQueueTotal)
	}
}

// abandon: the caller hangs up while in queue.
func (e *engine) abandon(ci int32) {
	c := &e.contacts[ci]
	e.removedLeg(c, false, true)
	if c.kind != kindInbound {
		// Only a customer-first callback's customer waits in queue.
		e.abandonAfterConnect(ci)
		return
	}
	e.dequeue(ci)
	st := e.inb(c)
	st.Abandoned++
	wait := e.now() - c.enqueued
	st.WaitAbandoned += wait
	if wait <= e.p.sl {
		st.RemovedWithin++
	}
	if wait < e.p.shortAbandon {
		st.AbandonedShort++
	}
	c.disconnect = e.now()
	e.emitInbound(ci, ReasonCustomer, outcomeAbandoned)
	t, customer, attempt := c.typ, e.customer(ci), c.attempt
	e.release(ci)
	e.redialOrGiveUp(t, customer, attempt, st, redialAbandoned)
}

// expectedWait estimates the wait of caller ci, now in its queue: the
// contacts ahead of it plus itself, times its contact type's mean handle
// time, spread over the agents staffed on the queue. Contacts behind the
// caller do not delay it. It is a deliberately simple stand-in for a
// platform's estimated wait time for that caller.
func (e *engine) expectedWait(ci int32) int64 {
	c := &e.contacts[ci]
	qs := &e.queues[c.queue]
	ahead := 0
	if c.line == lineQueue && c.qpos >= 0 {
		me := qs.items[c.qpos]
		for i := range qs.items {
			if qless(&qs.items[i], &me) {
				ahead++
			}
		}
	}
	staffed := max(qs.staffed, 1)
	return int64(float64(ahead+1) * e.p.types[c.typ].meanHandle / float64(staffed))
}

// offerCallback: the customer-queue flow offers a callback to a waiting
// caller. On acceptance the callback contact is created (Scheduled; a
// caller-scheduled one is booked until its time, see slots.go) and the
// inbound contact is disconnected by the flow at the same instant.
func (e *engine) offerCallback(ci int32) {
	c := &e.contacts[ci]
	cb := e.p.types[c.typ].cb
	st := e.inb(c)
	if c.script < 0 {
		accept := cb.accept
		if cb.minEWT > 0 || cb.acceptCurve != nil {
			ewt := e.expectedWait(ci)
			if ewt < cb.minEWT {
				return
			}
			if cb.acceptCurve != nil {
				accept = cb.acceptCurve.At(model.Duration(ewt))
			}
		}
		st.CallbackOffered++
		if c.acceptU >= accept {
			st.CallbackDeclined++
			return
		}
	} else {
		st.CallbackOffered++
	}
	if cp := e.p.queues[cb.queue].cap; cp >= 0 && len(e.queues[cb.queue].items) >= cp {
		st.CallbackQueueFull++
		return
	}
	ts := &e.types[c.typ]
	delay, expiry, outcome := ts.offer.book(e, ci)
	switch outcome {
	case slotStay:
		return
	case slotUnconfirmed:
		e.dequeue(ci)
		st.WaitUnconfirmed += e.now() - c.enqueued
		c.disconnect = e.now()
		e.emitInbound(ci, ReasonCustomer, outcomeSlotUnconfirmed)
		e.release(ci)
		return
	}
	e.dequeue(ci)
	e.removedLeg(c, false, false)
	st.CallbackTransferred++
	st.WaitTransferred += e.now() - c.enqueued
	if e.now()-c.enqueued <= e.p.sl {
		st.RemovedWithin++
	}
	c.disconnect = e.now()

	ki := e.newContact(c.typ, c.script, cb.queue)
	c = &e.contacts[ci] // newContact may have moved the pool
	k := &e.contacts[ki]
	k.kind = ts.offered
	k.prevID, k.initialID = c.id, c.id
	k.attempt = c.attempt
	if e.customers != nil {
		e.customers[ki] = e.customers[ci]
	}
	c.nextID = k.id
	k.origStart = c.initiated
	k.ival = e.curBucket()
	k.talk, k.acw = e.scaleHandle(c.typ, ts.cbTalk.draw(), ts.cbACW.draw())
	if c.script >= 0 {
		sp := &e.p.script[c.script]
		if sp.talk >= 0 {
			k.talk = sp.talk
		}
		if sp.acw >= 0 {
			k.acw = sp.acw
		}
	}
	e.cbs(k).Requested++
	e.cbs(k).Legs++
	e.emitInbound(ci, ReasonFlow, outcomeCallback)
	e.release(ci)
	ts.offer.wait(e, ki, delay, expiry)
}

// callbackEnqueue: a callback's initial delay (or retry wait) is over and it
// joins its working queue: at the back, or at the original call's place
// with keep_position.
func (e *engine) callbackEnqueue(ki int32) {
	k := &e.contacts[ki]
	if cb := e.cbPlan(k); cb.holdUntilOpen {
		// Held until the working queue opens (it stays Scheduled).
		if at := e.p.queues[k.queue].nextOpen(e.now()); at != e.now() {
			if at >= 0 {
				e.timer(at-e.now(), evCbEnqueue, ki)
			}
			return
		}
	}
	k.schedTotal += e.now() - k.schedSince
	e.countChange(k.queue, 0, -1)
	e.kindOf(k).ready(e, ki)
}

// expire removes a callback still waiting when its expiry comes.
func (e *engine) expire(ki int32) {
	k := &e.contacts[ki]
	if k.state == cQueued {
		e.dequeue(ki)
	} else {
		k.schedTotal += e.now() - k.schedSince
		e.countChange(k.queue, 0, -1)
	}
	e.cbs(k).Expired++
	k.disconnect = e.now()
	e.kindOf(k).expired(e, ki)
	e.closeCallback(ki)
	e.release(ki)
}

// enqueue puts a contact in its queue, ordered by key then arrival order:
// the queue agents take contacts from, or, for a customer-first callback
// not yet dialled, the queue's dial queue.
func (e *engine) enqueue(ci int32, key int64) {
	c := &e.contacts[ci]
	c.state = cQueued
	c.enqueued = e.now()
	e.countChange(c.queue, 1, 0)
	e.enterLine(c)
	if c.line == linePersonal {
		ag := &e.agents[c.owner]
		ag.personal = append(ag.personal, ci)
		return
	}
	e.enqSeq++
	qs := &e.queues[c.queue]
	list := &qs.items
	if c.line == lineDial {
		list = &qs.dialQ
	}
	*list = append(*list, qitem{key: key, seq: e.enqSeq, c: ci})
	e.siftUp(*list, len(*list)-1)
	if c.line == lineDial {
		return
	}
	for _, d := range e.p.queues[c.queue].delays {
		e.at(d, evRouteCheck, c.queue)
	}
}

// dequeue removes a queued contact from its queue and cancels its timers.
// A contact answered on arrival (answerAtOnce) was never in the heap, nor
// counted In queue: it only leaves its line.
func (e *engine) dequeue(ci int32) {
	c := &e.contacts[ci]
	atOnce := c.line != linePersonal && c.qpos < 0
	if !atOnce {
		e.countChange(c.queue, -1, 0)
	}
	e.leaveLine(c)
	switch {
	case atOnce:
	case c.line == linePersonal:
		ag := &e.agents[c.owner]
		ag.personal = slices.DeleteFunc(ag.personal, func(x int32) bool { return x == ci })
	default:
		e.unlist(c)
	}
	e.bump(c)
	c.dequeued = e.now()
	c.inQueueTotal += e.now() - c.enqueued
}

// unlist takes contact c out of its queue's heap (the waiting line, or
// the dial queue of customer-first callbacks).
func (e *engine) unlist(c *contact) {
	qs := &e.queues[c.queue]
	list := &qs.items
	if c.line == lineDial {
		list = &qs.dialQ
	}
	a := *list
	i := int(c.qpos)
	n := len(a) - 1
	if i != n {
		a[i] = a[n]
		e.contacts[a[i].c].qpos = int32(i)
	}
	*list = a[:n]
	if i != n {
		e.siftDown(a[:n], i)
		e.siftUp(a[:n], i)
	}
	c.qpos = -1
}

func qless(a, b *qitem) bool { return a.key < b.key || (a.key == b.key && a.seq < b.seq) }

func (e *engine) siftUp(a []qitem, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !qless(&a[i], &a[p]) {
			break
		}
		a[i], a[p] = a[p], a[i]
		e.contacts[a[i].c].qpos = int32(i)
		i = p
	}
	e.contacts[a[i].c].qpos = int32(i)
}

func (e *engine) siftDown(a []qitem, i int) {
	n := len(a)
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && qless(&a[r], &a[l]) {
			m = r
		}
		if !qless(&a[m], &a[i]) {
			break
		}
		a[i], a[m] = a[m], a[i]
		e.contacts[a[i].c].qpos = int32(i)
		i = m
	}
	if i < n {
		e.contacts[a[i].c].qpos = int32(i)
	}
}

// dispatch offers the head of queue q to idle agents until the queue is
// empty or no idle agent may take its head.
func (e *engine) dispatch(q int32) {
	qs := &e.queues[q]
	for len(qs.items) > 0 {
		ci := qs.items[0].c
		a, prof := e.pickAgent(q, &e.contacts[ci])
		if a < 0 {
			return
		}
		e.profiles[prof].head++
		e.offerTo(ci, a)
	}
}

// pickAgent returns the longest-idle agent that may take contact c from
// queue q (ties to the lower agent index), and its routing profile.
func (e *engine) pickAgent(q int32, c *contact) (int32, int32) {
	best, bestProf := int32(-1), int32(-1)
	var bestSince int64
	for _, pr := range e.p.queues[q].profiles {
		if pr.delay > 0 && e.now()-c.enqueued < pr.delay {
			continue
		}
		ps := &e.profiles[pr.profile]
		for ps.head < len(ps.idle) {
			ent := ps.idle[ps.head]
			if ag := &e.agents[ent.a]; ag.state == aIdle && ag.idleToken == ent.token {
				if best < 0 || ent.since < bestSince || (ent.since == bestSince && ent.a < best) {
					best, bestProf, bestSince = ent.a, pr.profile, ent.since
				}
				break
			}
			ps.head++
		}
		if ps.head == len(ps.idle) && ps.head > 0 {
			ps.idle, ps.head = ps.idle[:0], 0
		}
	}
	return best, bestProf
}

// agentFree: an agent is ready for work. It takes the oldest eligible
// contact of its best-priority non-empty queue (oldest across queues of
// equal priority), or goes idle.
func (e *engine) agentFree(a int32) {
	ag := &e.agents[a]
	ag.contact = -1
	if !ag.onShift {
		if ag.due.length > 0 {
			e.startBreak(a, ag.due)
			return
		}
		e.setAgent(a, aOffline)
		return
	}
	if len(ag.personal) > 0 {
		// Callbacks this agent owns come first.
		e.offerTo(ag.personal[0], a)
		return
	}
	queues := e.p.profiles[ag.profile].queues
	for i := 0; i < len(queues); {
		prio := queues[i].priority
		var best *qitem
		for ; i < len(queues) && queues[i].priority == prio; i++ {
			pq := &queues[i]
			qs := &e.queues[pq.q]
			if len(qs.items) == 0 {
				continue
			}
			it := &qs.items[0]
			if pq.delay > 0 && e.now()-e.contacts[it.c].enqueued < pq.delay {
				continue
			}
			if best == nil || qless(it, best) {
				best = it
			}
		}
		if best != nil {
			e.offerTo(best.c, a)
			return
		}
	}
	e.setAgent(a, aIdle)
	ps := &e.profiles[ag.profile]
	ps.idle = append(ps.idle, idleEntry{a: a, token: ag.idleToken, since: e.now()})
	if ps.head > 1024 && ps.head*2 > len(ps.idle) {
		n := copy(ps.idle, ps.idle[ps.head:])
		ps.idle, ps.head = ps.idle[:n], 0
	}
	// An idle agent lets customer-first dials start.
	for _, pq := range queues {
		if len(e.queues[pq.q].dialQ) > 0 {
			e.pace(pq.q)
		}
	}
}

// declines decides whether agent a rejects or misses contact c.
func (e *engine) declines(a int32, c *contact) bool {
	ag := &e.agents[a]
	if c.script >= 0 {
		for i, s := range ag.decline {
			if s == c.script {
				ag.decline = append(ag.decline[:i], ag.decline[i+1:]...)
				return true
			}
		}
	}
	if p := e.p.groups[ag.group].declineP; p > 0 {
		return e.groupR[ag.group].Float64() < p
	}
	return false
}

// offerTo offers contact ci to agent a. A declined offer leaves the
// contact at its place in queue (it is offered to the next agent and, for a
// callback, is not a failed attempt) and locks the agent out for a while.
// An accepted one is the dequeue.
func (e *engine) offerTo(ci, a int32) {
	c := &e.contacts[ci]
	c.attempts++
	if c.kind != kindInbound {
		e.cbs(c).AgentAttempts++
	} else {
		e.inb(c).AgentAttempts++
	}
	if e.declines(a, c) {
		e.setAgent(a, aMissed)
		e.at(e.p.groups[e.agents[a].group].lockout, evLockoutEnd, a)
		return
	}
	e.dequeue(ci)
	e.removedLeg(c, true, false)
	c.agent = a
	e.agents[a].contact = ci
	if c.kind == kindInbound {
		e.legStats(c, func(l *LegStats) { l.Connected++ })
		st := e.inb(c)
		st.Handled++
		wait := e.now() - c.enqueued
		st.WaitAnswered += wait
		if wait <= e.p.sl {
			st.AnsweredWithin++
			st.RemovedWithin++
		}
		if wait == 0 {
			st.AnsweredAtOnce++
		}
		if e.counted(c) {
			e.addWait(&e.hist[c.queue], wait)
		}
		c.state = cServed
		c.connAgent = e.now()
		e.setAgent(a, aTalk)
		e.at(c.talk, evTalkEnd, a)
		return
	}
	c.state = cReserved
	e.setAgent(a, aReserved)
	e.kindOf(c).accepted(e, ci, a)
}

// dial: the agent whisper is over; the customer is dialled.
func (e *engine) dial(a int32) {
	ci := e.agents[a].contact
	c := &e.contacts[ci]
	c.dials++
	e.cbs(c).DialAttempts++
	out, d := e.dialOutcome(c)
	c.outcome = out
	e.at(d, evDialDone, a)
}

// dialOutcome decides how the current dial of callback c ends (scripted,
// or drawn from its contact type's dial outcome and ring-time streams) and
// how long it takes to end.
func (e *engine) dialOutcome(c *contact) (out uint8, d int64) {
	cb := e.cbPlan(c)
	ts := &e.types[c.typ]
	var ring int64
	if c.script >= 0 {
		dials := e.p.script[c.script].dials
		if k := int(c.dials) - 1; k < len(dials) {
			out, ring = outcomeIndex(dials[k].Outcome), int64(dials[k].Ring)
		}
	} else {
		u := ts.dialR.Float64()
		for out = 0; out < outInvalid && u >= cb.dialCum[out]; out++ {
		}
		ring = ts.ring.draw()
	}
	switch out {
	case outAnswered, outVoicemail:
		d = ring
		if ring >= cb.ringTimeout {
			out, d = outNoAnswer, cb.ringTimeout
		}
	case outNoAnswer:
		d = cb.ringTimeout
	case outBusy:
		d = cb.busyAfter
	}
	return out, d
}

func outcomeIndex(o model.DialOutcome) uint8 {
	for i, v := range model.DialOutcomeList {
		if v == o {
			return uint8(i)
		}
	}
	return outAnswered
}

// dialDone: the customer (or voicemail) answered, or the attempt failed.
func (e *engine) dialDone(a int32) {
	ci := e.agents[a].contact
	c := &e.contacts[ci]
	cb := e.cbPlan(c)
	st := e.cbs(c)
	switch c.outcome {
	case outAnswered, outVoicemail:
		c.connSys = e.now()
		c.state = cServed // handled from here on, whisper included
		st.Handled++
		st.Reached++
		st.RequestToReach += e.now() - c.initiated
		if c.outcome == outVoicemail {
			st.Voicemail++
		}
		e.at(cb.outWhisper, evConnected, a)
		return
	}
	// A failed callback attempt: the agent accepted, the customer was not
	// joined. The agent is released at once. The attempt's leg ends; an
	// outcome the callback retries starts the next leg.
	e.failedAttempt(ci, st)
	st.AgentTimeLost += e.now() - c.dequeued
	c.disconnect = e.now()
	if cb.redials(c) {
		e.nextLeg(ci, failReason(c.outcome), outcomeName(c.outcome))
		e.scheduleRetry(ci, cb)
	} else {
		st.Unreached++
		e.emitCallback(ci, failReason(c.outcome), unreachedOutcome(c.outcome))
		e.closeCallback(ci)
		e.callbackUnreached(ci)
	}
	e.agentFree(a)
}

// nextLeg ends the current leg of agent-first callback ci, whose dial
// failed and will be retried: its record is written, pointing to the next
// leg, and the next leg begins now with its own contact id, initiation,
// queue times and agent. The ended leg's Scheduled and In-queue time go to
// the callback's queue totals at once.
func (e *engine) nextLeg(ci int32, reason, outcome string) {
	c := &e.contacts[ci]
	next := e.nextID
	e.nextID++
	c.nextID = next
	e.emitCallback(ci, reason, outcome)
	st := e.cbs(c)
	st.Legs++
	st.Scheduled += c.schedTotal
	st.InQueue += c.inQueueTotal
	c.prevID, c.id, c.nextID = c.id, next, 0
	c.legStart = e.now()
	c.schedTotal, c.inQueueTotal = 0, 0
	c.enqueued, c.dequeued, c.connSys, c.connAgent = unset, unset, unset, unset
	c.attempts = 0
	c.agent = -1
}

// connected: the outbound whisper is over; customer and agent talk (or the
// agent leaves a voicemail).
func (e *engine) connected(a int32) {
	ci := e.agents[a].contact
	c := &e.contacts[ci]
	c.state = cServed
	c.connAgent = e.now()
	// Request to connect is counted here, at the connection, so that a
	// callback still talking at the horizon counts in numerator and
	// denominator alike.
	st := e.cbs(c)
	st.Connected++
	st.RequestToConnect += e.now() - c.initiated
	e.legStats(c, func(l *LegStats) { l.Connected++ })
	talk := c.talk
	if c.outcome == outVoicemail {
		ts := &e.types[c.typ]
		talk = ts.vm.draw()
	}
	e.setAgent(a, aTalk)
	e.at(talk, evTalkEnd, a)
}

// talkEnd: the customer hangs up; the agent does after-contact work.
func (e *engine) talkEnd(a int32) {
	ci := e.agents[a].contact
	c := &e.contacts[ci]
	c.disconnect = e.now()
	e.setAgent(a, aACW)
	if c.acw > 0 {
		e.at(c.acw, evACWEnd, a)
		return
	}
	e.finishService(a)
}

// finishService closes the agent's contact after ACW and frees the agent.
func (e *engine) finishService(a int32) {
	ci := e.agents[a].contact
	c := &e.contacts[ci]
	if e.now() >= e.p.warmup {
		e.res.Agents[e.agents[a].group].Contacts++
	}
	e.legStats(c, func(l *LegStats) {
		l.Finished++
		l.HandleTime += e.now() - c.connAgent
		l.ACW += e.now() - c.disconnect
	})
	if c.kind != kindInbound {
		out := outcomeHandled
		if c.outcome == outVoicemail {
			out = outcomeVoicemail
		}
		if offeredByFlow(c.kind) {
			e.qiv[c.queue][c.ival].Inbound.ServedByCallback++
		}
		e.kindOf(c).finished(e, ci, out)
		e.closeCallback(ci)
	} else {
		e.maybeBook(ci, a)
		e.emitInbound(ci, ReasonCustomer, outcomeHandled)
	}
	e.release(ci)
	e.agentFree(a)
}

// shiftStart logs an agent in and schedules the end of this piece of its
// schedule. Shift events are scheduled one at a time, so the event heap
// does not grow with the horizon.
func (e *engine) shiftStart(a int32) {
	ag := &e.agents[a]
	pc, ok := ag.sched.piece(ag.piece)
	if !ok {
		return // a break running past the last piece of the horizon
	}
	if pc[1] <= e.now() {
		// Back from a break started late, after this piece's end: the
		// agent goes straight on to what follows it.
		e.pieceOver(a)
		return
	}
	ag.onShift = true
	e.staff(a, 1)
	if pc[1] < e.p.horizon {
		e.at(pc[1]-e.now(), evShiftEnd, a)
	}
	if s := ag.state; s == aOffline || s == aBreak || s == aLunch {
		e.agentFree(a)
	}
}

// shiftEnd logs an agent out for a break or the end of its shift (one on a
// contact finishes it first).
func (e *engine) shiftEnd(a int32) {
	ag := &e.agents[a]
	ag.onShift = false
	e.staff(a, -1)
	e.pieceOver(a)
}

// pieceOver moves an agent off shift past the end of its current piece: to
// a break (now if it is free, else once it has finished its contact) or
// logged out until the next piece.
func (e *engine) pieceOver(a int32) {
	ag := &e.agents[a]
	g := ag.sched.gapAfter(ag.piece)
	ag.piece++
	free := false
	switch ag.state {
	case aIdle, aOffline, aBreak, aLunch:
		free = true
	}
	if g.length > 0 {
		if free {
			e.startBreak(a, g)
		} else {
			ag.due = g
		}
		return
	}
	if free {
		e.setAgent(a, aOffline)
	}
	if pc, ok := ag.sched.piece(ag.piece); ok && pc[0] < e.p.horizon {
		e.at(max(pc[0]-e.now(), 0), evShiftStart, a)
	}
}

// startBreak sends a free agent on break for its whole length g, from
// now: an agent that finished a contact first returns that much later
// than scheduled (and no earlier than its next piece starts).
func (e *engine) startBreak(a int32, g gap) {
	ag := &e.agents[a]
	ag.due = gap{}
	st := aBreak
	if g.lunch {
		st = aLunch
	}
	e.setAgent(a, st)
	back := e.now() + g.length
	if pc, ok := ag.sched.piece(ag.piece); ok {
		back = max(back, pc[0])
	}
	if back < e.p.horizon {
		e.at(back-e.now(), evShiftStart, a)
	}
}

func (e *engine) staff(a int32, d int) {
	for _, pq := range e.p.profiles[e.agents[a].profile].queues {
		e.queues[pq.q].staffed += d
		e.change(pq.q, &e.staffing[pq.q], int64(d), staffedTime)
	}
}
