package sim

// Callback kinds.
//
// Every callback is a contact in the pool; what sets the kinds apart (how
// one is created, which line it waits in, what happens when an agent takes
// it, which contact records it leaves) is a type behind callbackKind. A
// contact holds only its kind's code (contact.kind), so the pool stays free
// of pointers and the garbage collector never scans it; the behaviour is
// looked up per contact type in typeState.kinds.
//
//   - queuedCallback: Amazon Connect's queued callback, agent first: after
//     the initial delay it waits in its working queue; an agent takes it,
//     hears the agent whisper, and the customer is dialled.
//   - slotCallback: a queued callback for a time the caller booked in an
//     hourly slot (the AWS scheduled-callback design); see slots.go.
//   - customerFirstCallback: Genesys Cloud's customer-first callback: the
//     customer is dialled first, at a paced rate, and joins the queue when
//     answered; see customerfirst.go.
//   - bookedCallback: a callback an agent booked at the end of a contact
//     (Genesys Cloud scheduled and agent-owned callbacks); see booked.go.

// Kind codes, stored in contact.kind.
const (
	kindInbound uint8 = iota // not a callback
	kindQueued
	kindSlot
	kindCustomerFirst
	kindAgentScheduled
	kindAgentOwned
	numKinds
)

// Waiting lines, stored in contact.line: where a queued contact waits.
const (
	lineQueue    uint8 = iota // its queue, for the agents of the queue
	lineDial                  // its queue's dial queue, for the pacer
	linePersonal              // its owner's personal queue
)

// callbackKind is what one kind of callback does differently.
type callbackKind interface {
	// settings are its dial, retry, whisper and expiry rules.
	settings() *callbackPlan
	// recordType names the kind in contact records.
	recordType() string
	// ready: its initial delay or retry wait is over (and its queue is
	// open when it must be): it joins its line.
	ready(e *engine, ki int32)
	// accepted: agent a took it from its line and is reserved for it.
	accepted(e *engine, ki, a int32)
	// finished writes its record(s) once an agent has finished with it
	// (outcome handled or voicemail).
	finished(e *engine, ki int32, outcome string)
	// expired writes its record(s) when its expiry removed it.
	expired(e *engine, ki int32)
}

// offeredKind is a callback the queue flow offers a waiting caller.
type offeredKind interface {
	callbackKind
	// book decides, for inbound caller ci who accepted the offer, how
	// long the callback waits before it is queued and when it expires,
	// or that no callback is made (the caller stays, or hangs up).
	book(e *engine, ci int32) (delay, expiry int64, outcome slotOutcome)
	// wait starts callback ki, just requested, on its wait of delay
	// before it is ready.
	wait(e *engine, ki int32, delay, expiry int64)
}

// scheduleNew: callback ki, just created, is Scheduled for its initial
// delay, and Connect's expiry runs from its creation.
func (e *engine) scheduleNew(ki int32, delay, expiry int64) {
	k := &e.contacts[ki]
	k.state = cScheduled
	k.schedSince = e.now()
	e.countChange(k.queue, 0, 1)
	e.timer(delay, evCbEnqueue, ki)
	e.timer(expiry, evExpire, ki)
}

// kindOf returns the behaviour of callback c.
func (e *engine) kindOf(c *contact) callbackKind { return e.types[c.typ].kinds[c.kind] }

// cbPlan returns the callback settings of callback c.
func (e *engine) cbPlan(c *contact) *callbackPlan { return e.kindOf(c).settings() }

// newKinds builds the callback kinds of contact type t, and returns the
// code of the one its queue flow offers (kindInbound when it offers none).
func newKinds(t *typePlan) (kinds [numKinds]callbackKind, offered uint8) {
	if cb := t.cb; cb != nil {
		switch {
		case cb.customerFirst:
			offered = kindCustomerFirst
			kinds[offered] = &customerFirstCallback{queuedCallback{cb: cb}}
		case cb.slots != nil:
			offered = kindSlot
			kinds[offered] = &slotCallback{queuedCallback{cb: cb}}
		default:
			offered = kindQueued
			kinds[offered] = &queuedCallback{cb: cb}
		}
	}
	if ac := t.agentCB; ac != nil {
		kinds[kindAgentScheduled] = &bookedCallback{queuedCallback{cb: t.bookedCB}, ac, false}
		kinds[kindAgentOwned] = &bookedCallback{queuedCallback{cb: t.bookedCB}, ac, true}
	}
	return kinds, offered
}

// queuedCallback is Amazon Connect's queued callback, dialled agent first.
type queuedCallback struct{ cb *callbackPlan }

func (q *queuedCallback) settings() *callbackPlan { return q.cb }
func (q *queuedCallback) recordType() string      { return "queued" }

// book: queued after the initial delay; Connect's expiry runs from the
// request.
func (q *queuedCallback) book(*engine, int32) (int64, int64, slotOutcome) {
	return q.cb.initialDelay, q.cb.expiry, slotBooked
}

func (q *queuedCallback) wait(e *engine, ki int32, delay, expiry int64) {
	e.scheduleNew(ki, delay, expiry)
}

// ready: to the back of the working queue, or to the original call's place
// with keep_position.
func (q *queuedCallback) ready(e *engine, ki int32) {
	e.enqueue(ki, e.queueKey(ki))
	e.dispatch(e.contacts[ki].queue)
}

// queueKey is where callback ki goes in its queue: at the back (now), or
// at the original call's place with keep_position.
func (e *engine) queueKey(ki int32) int64 {
	c := &e.contacts[ki]
	if e.cbPlan(c).keepPosition {
		return c.origStart
	}
	return e.now()
}

// accepted: the agent hears the agent whisper, then the customer is
// dialled.
func (q *queuedCallback) accepted(e *engine, _, a int32) {
	e.at(q.cb.agentWhisper, evWhisperEnd, a)
}

func (q *queuedCallback) finished(e *engine, ki int32, outcome string) {
	e.emitCallback(ki, ReasonCustomer, outcome)
}

func (q *queuedCallback) expired(e *engine, ki int32) {
	e.emitCallback(ki, ReasonExpired, outcomeExpired)
}
