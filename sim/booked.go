package sim

import "math"

// Agent-booked callbacks (Genesys Cloud scheduled and agent-owned
// callbacks).
//
// At the end of a handled inbound contact the agent books a callback with
// probability share, for a time drawn from the delay distribution (cut to
// the platform's 30 days). Until then it is booked (counted apart from
// Scheduled and In queue, like a caller-scheduled slot; Genesys Cloud
// lists it in its Scheduled Callbacks view). At its time:
//   - an agent-owned callback waits in its owner's personal queue, which
//     the owner works before any other queue, for the ownership period;
//     then it goes to the queue (or is disconnected, as configured);
//   - a "route to me" callback is offered to the booking agent if that
//     agent is idle, and otherwise queued;
//   - any other is queued.
//
// It is then dialled agent-first, with the contact type's callback dial
// settings (or the defaults when the type offers no callback). Booked
// callbacks have no 7-day expiry: that is an Amazon Connect queued-callback
// rule, and Genesys scheduled callbacks wait for their time.

// bookedCallback is a callback an agent booked: scheduled, or owned by the
// booking agent for the ownership period. Once its time has come it is
// dialled agent first, as a queued callback is (the embedded type), with
// the records of one; it differs in how it is routed.
type bookedCallback struct {
	queuedCallback
	ac    *agentCBPlan
	owned bool
}

func (k *bookedCallback) recordType() string {
	if k.owned {
		return "agent_owned"
	}
	return "agent_scheduled"
}

// ready: a booked callback back after a failed dial goes to its owner
// again while the ownership period lasts, or to the queue.
func (k *bookedCallback) ready(e *engine, ki int32) {
	c := &e.contacts[ki]
	if c.line == linePersonal {
		e.timer(max(c.origStart+k.ac.ownership-e.now(), 0), evOwnerExpire, ki)
	}
	e.routeBooked(ki, e.now())
}

// maxBookAhead is Genesys Cloud's limit on how far ahead a callback may be
// scheduled.
const maxBookAhead = int64(30 * 24 * 3600 * 1000)

// noExpiry is the expiry of a booked callback: beyond any horizon.
const noExpiry = math.MaxInt64 / 4

// maybeBook: the agent who handled inbound contact ci may book a callback.
// It is called before the inbound record is written, so that the record
// points to the callback.
func (e *engine) maybeBook(ci, a int32) {
	c := &e.contacts[ci]
	ac := e.p.types[c.typ].agentCB
	if ac == nil {
		return
	}
	ts := &e.types[c.typ]
	delay := int64(-1)
	if c.script >= 0 {
		delay = e.p.script[c.script].bookAfter
	} else if ts.bookR.Float64() < ac.share {
		delay = min(ts.bookDelay.draw(), maxBookAhead)
	}
	if delay < 0 {
		return
	}
	ki := e.newContact(c.typ, c.script, ac.queue)
	c = &e.contacts[ci] // newContact may have moved the pool
	k := &e.contacts[ki]
	k.kind = kindAgentScheduled
	if ac.ownership > 0 {
		k.kind = kindAgentOwned
	}
	k.owner = a
	k.prevID, k.initialID = c.id, c.id
	k.attempt = c.attempt
	if e.customers != nil {
		e.customers[ki] = e.customers[ci]
	}
	c.nextID = k.id
	k.state = cBooked
	k.schedSince = e.now()
	k.origStart = e.now() + delay // its time: the queue order key
	k.ival = e.curBucket()
	k.talk = ts.bookTalk.draw()
	k.acw = ts.bookACW.draw()
	st := e.cbs(k)
	st.Requested++
	st.Legs++
	if k.kind == kindAgentOwned {
		st.AgentOwned++
	} else {
		st.AgentScheduled++
	}
	e.bookedChange(ac.queue, 1)
	e.timer(delay, evBookedDue, ki)
}

// bookedDue: an agent-booked callback's time has come.
func (e *engine) bookedDue(ki int32) {
	k := &e.contacts[ki]
	e.endBooked(k)
	ac := e.p.types[k.typ].agentCB
	switch {
	case k.kind == kindAgentOwned:
		k.line = linePersonal
		e.timer(ac.ownership, evOwnerExpire, ki)
	case ac.routeToMe && e.agents[k.owner].state == aIdle:
		k.line = linePersonal
	}
	e.routeBooked(ki, e.now())
}

// routeBooked queues a booked callback: in its owner's personal queue
// (offered at once if the owner is idle) or in its working queue.
func (e *engine) routeBooked(ki int32, key int64) {
	k := &e.contacts[ki]
	e.enqueue(ki, key)
	if k.line != linePersonal {
		e.dispatch(k.queue)
		return
	}
	if e.agents[k.owner].state == aIdle {
		e.offerTo(ki, k.owner)
		k = &e.contacts[ki]
		if k.kind == kindAgentOwned {
			return // accepted, or waiting for its owner after a decline
		}
		// Route to me is a first offer only: a retry, or a declined
		// offer, goes to the queue.
		declined := k.state == cQueued
		if declined {
			e.dequeue(ki)
		}
		k.line = lineQueue
		if declined {
			e.enqueue(ki, key)
			e.dispatch(k.queue)
		}
	}
}

// ownerExpire: an owned callback's owner did not take it within the
// ownership period. It goes to the queue or is disconnected.
func (e *engine) ownerExpire(ki int32) {
	e.dequeue(ki)
	k := &e.contacts[ki]
	k.line = lineQueue
	st := e.cbs(k)
	if e.p.types[k.typ].agentCB.toQueue {
		st.OwnedToQueue++
		e.enqueue(ki, e.now())
		e.dispatch(k.queue)
		return
	}
	st.OwnedDisconnected++
	k.disconnect = e.now()
	e.emitCallback(ki, ReasonFlow, outcomeOwnerExpired)
	e.closeCallback(ki)
	e.release(ki)
}
