package sim

import "github.com/ccsim/ccsim/model"

// emitInbound sends the record of a finished inbound contact to the sink.
func (e *engine) emitInbound(ci int32, reason, outcome string) {
	if e.sink == nil {
		return
	}
	c := &e.contacts[ci]
	r := e.base(ci, reason, outcome)
	r.InitiationMethod = MethodInbound
	r.ConnectedToSystem = e.ts(c.initiated)
	if c.nextID != 0 {
		r.NextID = c.nextID
	}
	if outcome != outcomeBlocked && outcome != outcomeClosed {
		r.Enqueue = e.ts(c.enqueued)
		r.Dequeue = e.ts(c.dequeued)
		r.QueueDuration = model.Duration(c.dequeued - c.enqueued)
		r.InQueueDuration = r.QueueDuration
	}
	e.sink(r)
}

// emitCallback sends the record of a finished callback contact: for an
// agent-first callback, of one leg (one dial attempt, or the wait that
// ended in expiry), chained to the legs before and after it.
func (e *engine) emitCallback(ci int32, reason, outcome string) {
	if e.sink == nil {
		return
	}
	c := &e.contacts[ci]
	r := e.callbackRecord(ci, MethodCallback, reason, outcome)
	if c.connSys != unset {
		r.ConnectedToSystem = e.ts(c.connSys)
	}
	e.sink(r)
}

// emitCFQueued sends the record of a customer-first callback's queued leg:
// from the request until a dial reached the customer (NextContactId is
// that dial) or the callback ended unreached or expired.
func (e *engine) emitCFQueued(ci int32, reason, outcome string) {
	if e.sink == nil {
		return
	}
	c := &e.contacts[ci]
	r := e.callbackRecord(ci, MethodCFQueued, reason, outcome)
	if outcome == outcomeReached {
		r.NextID = c.dialID
	}
	e.sink(r)
}

// callbackRecord fills the fields a callback leg's record and a
// customer-first callback's queued leg share: the links to the inbound
// call and the other legs, and the leg's queue times, Queue.Duration
// running from the leg's initiation (initial delay or retry wait
// included) as in Amazon Connect's example.
func (e *engine) callbackRecord(ci int32, method, reason, outcome string) *Record {
	c := &e.contacts[ci]
	r := e.base(ci, reason, outcome)
	r.InitiationMethod = method
	start := c.initiated
	if c.legStart != unset {
		start = c.legStart
	}
	r.Initiation = e.ts(start)
	r.PreviousID = c.prevID
	r.InitialID = c.initialID
	if c.nextID != 0 {
		r.NextID = c.nextID
	}
	r.DialAttempts = int(c.dials)
	if c.enqueued != unset {
		r.Enqueue = e.ts(c.enqueued)
	}
	if c.dequeued != unset {
		r.Dequeue = e.ts(c.dequeued)
		r.QueueDuration = model.Duration(c.dequeued - start)
	}
	r.InQueueDuration = model.Duration(c.inQueueTotal)
	r.ScheduledDuration = model.Duration(c.schedTotal)
	if c.kind == kindAgentScheduled || c.kind == kindAgentOwned {
		r.BookedDuration = model.Duration(c.origStart - c.initiated) // booked until its time
	}
	return r
}

// emitCFDialed sends the record of one dial of a customer-first callback:
// from the dial, through the answered customer's wait in queue, to the
// end of the call with the agent (or a failed dial, or the customer
// hanging up in queue).
func (e *engine) emitCFDialed(ci int32, reason, outcome string) {
	if e.sink == nil {
		return
	}
	c := &e.contacts[ci]
	r := e.base(ci, reason, outcome)
	r.ID = c.dialID
	r.InitiationMethod = MethodCFDialed
	r.PreviousID = c.id
	r.InitialID = c.initialID
	r.Initiation = e.ts(c.dialStart)
	r.DialAttempts = int(c.dials)
	if c.connSys != unset && c.connSys >= c.dialStart {
		r.ConnectedToSystem = e.ts(c.connSys)
		if c.enqueued >= c.connSys {
			r.Enqueue = e.ts(c.enqueued)
			if c.dequeued >= c.enqueued {
				r.Dequeue = e.ts(c.dequeued)
				r.QueueDuration = model.Duration(c.dequeued - c.enqueued)
				r.InQueueDuration = r.QueueDuration
			}
		}
	}
	e.sink(r)
}

func (e *engine) base(ci int32, reason, outcome string) *Record {
	c := &e.contacts[ci]
	e.rec = Record{
		Rep:                     e.rep,
		ID:                      c.id,
		Initiation:              e.ts(c.initiated),
		Disconnect:              e.ts(c.disconnect),
		DisconnectReason:        reason,
		Queue:                   e.p.queues[c.queue].name,
		AgentConnectionAttempts: int(c.attempts),
		Outcome:                 outcome,
	}
	r := &e.rec
	if c.kind != kindInbound {
		r.CallbackType = e.kindOf(c).recordType()
	}
	if c.script >= 0 {
		r.ScriptID = e.p.script[c.script].id
	}
	if e.customers != nil && e.p.types[c.typ].redial != nil {
		r.Customer, r.Attempt = e.customers[ci], int(c.attempt)
	}
	if c.agent >= 0 {
		// The agent who accepted the contact: for a failed callback
		// attempt, the agent who dialled.
		r.Agent = e.agents[c.agent].name
	}
	if outcome == outcomeHandled || outcome == outcomeVoicemail {
		r.ConnectedToAgent = e.ts(c.connAgent)
		r.AgentInteractionDuration = model.Duration(c.disconnect - c.connAgent)
		r.AfterContactWorkDuration = model.Duration(e.now() - c.disconnect)
	}
	return r
}
