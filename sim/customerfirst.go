package sim

// Customer-first callbacks.
//
// A customer-first callback is dialled before any agent is reserved. After
// its initial delay it waits in its queue's dial queue (counted In queue,
// as Amazon Connect's queued leg is). The pacer starts dials while an agent
// on the queue is idle and not already claimed by an answered customer on
// the way to the queue, keeping at most floor(pacing/10 x those idle
// unclaimed agents) dials outstanding (at least one; pacing_basis:
// logged_in scales the agents logged in on the queue instead): ccsim's
// model of the Genesys Cloud pacing modifier, whose formula is not
// published. An
// answered call hears the outbound whisper and joins the queue (at its kept
// place, or at the back), where the customer waits for an agent with the
// callback's connected patience; one who runs out hangs up: abandoned
// after connect, the cost of dialling faster than agents come free. An
// unanswered dial is retried after the retry interval, like an agent-first
// callback, but costs no agent time.
//
// Records follow Amazon Connect's three contacts: the inbound call, the
// queued leg (CALLBACK_CUSTOMER_FIRST_QUEUED, from the request until a dial
// reaches the customer or the callback ends) and one dialled contact per
// dial attempt (CALLBACK_CUSTOMER_FIRST_DIALED), each pointing back to the
// queued leg.

// customerFirstCallback is Genesys Cloud's customer-first callback. It is
// offered, booked and kept in its queue like a queued callback (the
// embedded type); it differs in being dialled before an agent is taken,
// and in its records.
type customerFirstCallback struct{ queuedCallback }

func (k *customerFirstCallback) recordType() string { return "customer_first" }

// ready: to the dial queue, and the pacer decides when it is dialled.
func (k *customerFirstCallback) ready(e *engine, ki int32) {
	c := &e.contacts[ki]
	c.line = lineDial
	e.enqueue(ki, e.queueKey(ki))
	e.pace(c.queue)
}

// accepted: the customer is already on the line; after the agent whisper
// they are connected, with no dial.
func (k *customerFirstCallback) accepted(e *engine, ki, a int32) {
	e.cbs(&e.contacts[ki]).Handled++
	e.at(k.cb.agentWhisper, evConnected, a)
}

// finished: the record of the dial that reached the customer.
func (k *customerFirstCallback) finished(e *engine, ki int32, outcome string) {
	e.emitCFDialed(ki, ReasonCustomer, outcome)
}

// expired: the queued leg ends; no dial is under way.
func (k *customerFirstCallback) expired(e *engine, ki int32) {
	e.emitCFQueued(ki, ReasonExpired, outcomeExpired)
}

// countIdle adds d to the idle-agent count of every queue of profile p.
func (e *engine) countIdle(p int32, d int) {
	for _, pq := range e.p.profiles[p].queues {
		e.queues[pq.q].idle += d
	}
}

// pace starts customer-first dials on queue q while the pacing rule
// allows: only while an agent of the queue is idle and not claimed by an
// answered customer on the way to the queue, and while fewer than
// max(1, floor(pacing/10 x N)) dials are outstanding, N being those idle
// unclaimed agents (pacing_basis: idle) or the agents logged in on the
// queue (logged_in).
func (e *engine) pace(q int32) {
	qs := &e.queues[q]
	qp := &e.p.queues[q]
	for len(qs.dialQ) > 0 && qs.idle > qs.joining {
		n := qs.idle - qs.joining
		if qp.pacingLoggedIn {
			n = qs.staffed
		}
		if limit := max(1, qp.pacing*n/10); qs.outstanding >= limit {
			return
		}
		e.cfDial(qs.dialQ[0].c)
	}
}

// cfDial dials the customer of customer-first callback ci.
func (e *engine) cfDial(ci int32) {
	e.dequeue(ci) // leaves the dial queue; cancels its expiry timer
	c := &e.contacts[ci]
	c.state = cReserved
	e.queues[c.queue].outstanding++
	c.dials++
	c.dialID = e.nextID
	e.nextID++
	c.dialStart = e.now()
	e.cbs(c).DialAttempts++
	e.cbs(c).Legs++
	out, d := e.dialOutcome(c)
	c.outcome = out
	e.timer(d, evCFDialDone, ci)
}

// cfDialDone: a customer-first dial was answered (by the customer or
// voicemail) or failed.
func (e *engine) cfDialDone(ci int32) {
	c := &e.contacts[ci]
	q := c.queue
	e.queues[q].outstanding--
	cb := e.cbPlan(c)
	st := e.cbs(c)
	switch {
	case c.outcome == outAnswered || c.outcome == outVoicemail && !cb.cfVoicemailFails:
		c.connSys = e.now()
		st.Reached++
		st.RequestToReach += e.now() - c.initiated
		if c.outcome == outVoicemail {
			st.Voicemail++
		}
		c.disconnect = e.now()
		e.emitCFQueued(ci, ReasonFlow, outcomeReached)
		e.queues[q].joining++
		e.timer(cb.outWhisper, evCFJoin, ci)
	default: // no answer, busy, invalid, or a voicemail not put through
		if c.outcome == outVoicemail {
			// Voicemail answered; the flow does not put it through to
			// an agent and hangs up: a failed dial.
			c.connSys = e.now()
		}
		e.failedAttempt(ci, st)
		c.disconnect = e.now()
		e.emitCFDialed(ci, failReason(c.outcome), outcomeName(c.outcome))
		if cb.redials(c) {
			e.scheduleRetry(ci, cb)
		} else {
			st.Unreached++
			e.emitCFQueued(ci, failReason(c.outcome), unreachedOutcome(c.outcome))
			e.closeCallback(ci)
			e.callbackUnreached(ci)
		}
	}
	e.pace(q)
}

// cfJoin: the answered customer has heard the outbound whisper and joins
// the queue to wait for an agent, with the callback's connected patience
// (a voicemail greeting does not hang up).
func (e *engine) cfJoin(ci int32) {
	c := &e.contacts[ci]
	e.queues[c.queue].joining--
	c.line = lineQueue
	e.enqueue(ci, e.queueKey(ci))
	if c.outcome != outVoicemail {
		ts := &e.types[c.typ]
		e.timer(ts.connPat.draw(), evAbandon, ci)
	}
	e.dispatch(c.queue)
}

// abandonAfterConnect: a customer who answered a customer-first callback
// hung up before an agent took the call.
func (e *engine) abandonAfterConnect(ci int32) {
	e.dequeue(ci)
	c := &e.contacts[ci]
	e.cbs(c).AbandonedAfterConnect++
	c.disconnect = e.now()
	e.emitCFDialed(ci, ReasonCustomer, outcomeAbandonedConnected)
	e.closeCallback(ci)
	e.release(ci)
}

// failedAttempt counts a dial that did not reach the customer.
func (e *engine) failedAttempt(ci int32, st *CallbackStats) {
	c := &e.contacts[ci]
	st.FailedAttempts++
	switch c.outcome {
	case outNoAnswer:
		st.NoAnswer++
	case outBusy:
		st.Busy++
	case outInvalid:
		st.Invalid++
	case outVoicemail:
		st.VoicemailFailed++
	}
}

// scheduleRetry puts a callback whose dial failed back to Scheduled for
// the retry interval, with its expiry timer re-armed.
func (e *engine) scheduleRetry(ci int32, cb *callbackPlan) {
	c := &e.contacts[ci]
	c.state = cScheduled
	c.schedSince = e.now()
	e.countChange(c.queue, 0, 1)
	wait := cb.retry
	if cb.retryDelay.IsSet() {
		wait = e.types[c.typ].retryDelay.draw()
	}
	e.timer(wait, evCbEnqueue, ci)
	e.timer(max(c.initiated+cb.expiry-e.now(), 0), evExpire, ci)
}

// failReason is the DisconnectReason of a failed dial's record, from
// Amazon Connect's contact record data model: a busy line is
// TELECOM_BUSY, a number that does not exist TELECOM_NUMBER_INVALID, a
// ring with no answer until the timeout TELECOM_TIMEOUT, and a
// customer-first voicemail that the flow does not put through
// CONTACT_FLOW_DISCONNECT.
func failReason(out uint8) string {
	switch out {
	case outBusy:
		return ReasonBusy
	case outInvalid:
		return ReasonInvalid
	case outVoicemail:
		return ReasonFlow
	}
	return ReasonTimeout
}

// outcomeName is the outcome of a failed dial's record: the dial outcome's
// name, or voicemail_not_connected for a customer-first voicemail that was
// not put through.
func outcomeName(out uint8) string {
	if out == outVoicemail {
		return outcomeVoicemailFailed
	}
	return string(dialOutcomes[out])
}

func unreachedOutcome(out uint8) string {
	if out == outInvalid {
		return outcomeInvalidNum
	}
	return outcomeUnreached
}
